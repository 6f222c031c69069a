"""Decision-chain coverage (決策鏈, DOMAIN.md §4): is there a coach, have we met the decision maker, are
we talking to more than one person, to all four functions of the article, and do we know where each
person stands? The findings, and a 0–100 coverage score with its parts so a portfolio can be sorted.

For an open deal, pass the stakeholders involved in it: the rules are the same.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from kam.coach.facts import StakeholderFacts
from kam.coach.findings import Finding, FindingCode
from kam.coach.settings import CoachSettings
from kam.domain.decision_chain import DecisionRole, Function, Stance

# The four functions whose key purchase factors the article names: each should have been met.
ARTICLE_FUNCTIONS = (
    Function.FINANCE,
    Function.TECHNICAL,
    Function.USER_DEPARTMENT,
    Function.OPERATIONS_MAINTENANCE,
)
BUYERS = (DecisionRole.DECISION_MAKER, DecisionRole.ECONOMIC_BUYER)
EARNED_DENOMINATOR = 10**6  # the shares earned are ratios of small counts: exact at this denominator
HALF = 0.5  # the share of a part's points for a low-influence coach, or a buyer not met lately


class ScorePartName(StrEnum):
    COACH = "coach"
    DECISION_MAKER = "decision_maker"
    FUNCTIONS = "functions"
    BREADTH = "breadth"
    STANCES = "stances"
    OPPONENTS = "opponents"


@dataclass(frozen=True)
class ScorePart:
    """One part of the coverage score: the share of it earned (0–1) and its weight."""

    name: ScorePartName
    earned: float
    weight: int

    @property
    def points(self) -> float:
        return self.earned * self.weight


@dataclass(frozen=True)
class Coverage:
    """The coverage findings of an account (or deal) and its score, 0–100, out of its parts."""

    findings: tuple[Finding, ...]
    score: int
    parts: tuple[ScorePart, ...]


def days_since(day: dt.date | None, as_of: dt.date) -> int | None:
    return None if day is None else (as_of - day).days


def _engaged(people: Sequence[StakeholderFacts], as_of: dt.date, s: CoachSettings) -> list[StakeholderFacts]:
    """Those met within `engaged_within_days` of `as_of`."""
    return [
        p for p in people if (d := days_since(p.last_met, as_of)) is not None and d <= s.engaged_within_days
    ]


def _influence(person: StakeholderFacts) -> int:
    return person.influence if person.influence is not None else 0  # not rated: not known to be influential


def assess_coverage(
    people: Sequence[StakeholderFacts], as_of: dt.date, settings: CoachSettings | None = None
) -> Coverage:
    """The coverage findings, in the order a coach would raise them, and the score."""
    s = settings or CoachSettings()
    findings: list[Finding] = []
    coaches = [p for p in people if p.coach]
    strong_coach = any(_influence(p) >= s.coach_min_influence for p in coaches)
    if not coaches:
        findings.append(Finding(FindingCode.NO_COACH))
    elif not strong_coach:
        best = max((p.influence for p in coaches if p.influence is not None), default=None)
        names = tuple(p.name for p in coaches)
        values: dict[str, Any] = {"names": names, "influence": best, "threshold": s.coach_min_influence}
        findings.append(Finding(FindingCode.COACH_LOW_INFLUENCE, values))

    buyers = [p for p in people if p.role in BUYERS]
    recent_buyer = False
    if not buyers:
        findings.append(Finding(FindingCode.NO_DECISION_MAKER))
    for p in buyers:
        days = days_since(p.last_met, as_of)
        if days is not None and days <= s.decision_maker_max_days:
            recent_buyer = True
            continue
        values = {"name": p.name, "role": p.role, "days": days, "max_days": s.decision_maker_max_days}
        findings.append(Finding(FindingCode.DECISION_MAKER_NOT_MET, values, p.id))

    engaged = _engaged(people, as_of, s)
    if len(engaged) < s.min_engaged_stakeholders:
        values = {
            "count": len(engaged),
            "names": tuple(p.name for p in engaged),
            "minimum": s.min_engaged_stakeholders,
            "within_days": s.engaged_within_days,
        }
        findings.append(Finding(FindingCode.SINGLE_THREADED, values))

    opponents = [p for p in people if p.stance is Stance.OPPONENT and _influence(p) >= s.high_influence]
    for p in opponents:
        values = {
            "name": p.name,
            "function": p.function,
            "influence": p.influence,
            "threshold": s.high_influence,
        }
        findings.append(Finding(FindingCode.HIGH_INFLUENCE_OPPONENT, values, p.id))

    met_functions = 0
    for function in ARTICLE_FUNCTIONS:
        of_it = [p for p in people if p.function is function]
        if any(p.last_met is not None for p in of_it):
            met_functions += 1
        else:
            findings.append(
                Finding(FindingCode.FUNCTION_NEVER_MET, {"function": function, "recorded": len(of_it)})
            )

    unknown = [p for p in people if p.stance is Stance.UNKNOWN]
    if unknown:
        values = {"count": len(unknown), "names": tuple(p.name for p in unknown)}
        findings.append(Finding(FindingCode.STANCE_UNKNOWN, values))

    known = len(people) - len(unknown)
    parts = (
        ScorePart(ScorePartName.COACH, 1.0 if strong_coach else HALF if coaches else 0.0, s.score_coach),
        ScorePart(
            ScorePartName.DECISION_MAKER,
            1.0 if recent_buyer else HALF if buyers else 0.0,
            s.score_decision_maker,
        ),
        ScorePart(ScorePartName.FUNCTIONS, met_functions / len(ARTICLE_FUNCTIONS), s.score_functions),
        ScorePart(ScorePartName.BREADTH, min(1.0, len(engaged) / s.score_full_breadth), s.score_breadth),
        ScorePart(ScorePartName.STANCES, known / len(people) if people else 0.0, s.score_stances),
        ScorePart(ScorePartName.OPPONENTS, 1.0 if known and not opponents else 0.0, s.score_opponents),
    )
    return Coverage(tuple(findings), coverage_score(parts), parts)


def coverage_score(parts: Sequence[ScorePart]) -> int:
    """The points earned as a share of the weights, 0–100, rounded half up; computed in fractions, so a
    score of exactly 62.5 is 63 whatever the floating-point error of its parts."""
    weights = sum(p.weight for p in parts)
    earned = sum(Fraction(p.earned).limit_denominator(EARNED_DENOMINATOR) * p.weight for p in parts)
    return math.floor(100 * earned / weights + Fraction(1, 2))
