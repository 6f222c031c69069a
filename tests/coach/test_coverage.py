"""Decision-chain coverage: each finding at and around its threshold, and the 0–100 score with its parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kam.coach.coverage import ScorePart, ScorePartName, assess_coverage, coverage_score
from kam.coach.facts import StakeholderFacts
from kam.coach.findings import FindingCode
from kam.coach.settings import CoachSettings
from kam.domain.decision_chain import DecisionRole, Function, Stance

AS_OF = dt.date(2025, 12, 31)
S = CoachSettings()


def ago(days: int | None) -> dt.date | None:
    return None if days is None else AS_OF - dt.timedelta(days=days)


def person(
    pid: str,
    function: Function = Function.OTHER,
    *,
    role: DecisionRole | None = None,
    influence: int | None = 3,
    stance: Stance = Stance.NEUTRAL,
    coach: bool = False,
    met: int | None = 10,
) -> StakeholderFacts:
    return StakeholderFacts(pid, f"P{pid}", function, role, influence, stance, coach, ago(met))


# A well-covered chain: a strong coach, the decision maker met lately, all four functions met, stances known.
COVERED = (
    person("1", Function.FINANCE, role=DecisionRole.ECONOMIC_BUYER, stance=Stance.SUPPORTER),
    person("2", Function.TECHNICAL, coach=True, influence=4, stance=Stance.SUPPORTER),
    person("3", Function.USER_DEPARTMENT),
    person("4", Function.OPERATIONS_MAINTENANCE),
    person("5", Function.EXECUTIVE, role=DecisionRole.DECISION_MAKER),
)


def codes(people: tuple[StakeholderFacts, ...], settings: CoachSettings = S) -> list[FindingCode]:
    return [f.code for f in assess_coverage(people, AS_OF, settings).findings]


def test_a_well_covered_chain_has_no_finding_and_full_score() -> None:
    coverage = assess_coverage(COVERED, AS_OF, S)
    assert (coverage.findings, coverage.score) == ((), 100)
    assert [(p.name, p.earned) for p in coverage.parts] == [(name, 1.0) for name in ScorePartName]


@pytest.mark.parametrize(
    ("coaches", "expected", "influence"),
    [
        ((), FindingCode.NO_COACH, None),
        ((2,), FindingCode.COACH_LOW_INFLUENCE, 2),
        ((None,), FindingCode.COACH_LOW_INFLUENCE, None),  # not rated: not known to be heard
        ((1, 2), FindingCode.COACH_LOW_INFLUENCE, 2),
        ((3,), None, None),  # at coach_min_influence (3)
        ((2, 3), None, None),  # one strong coach is enough
        ((5,), None, None),
    ],
)
def test_no_coach_or_a_coach_with_low_influence_only(
    coaches: tuple[int | None, ...], expected: FindingCode | None, influence: int | None
) -> None:
    others = tuple(replace(p, coach=False) for p in COVERED)
    chain = others + tuple(person(f"c{i}", coach=True, influence=x) for i, x in enumerate(coaches))
    found = [
        f
        for f in assess_coverage(chain, AS_OF, S).findings
        if f.code in (FindingCode.NO_COACH, FindingCode.COACH_LOW_INFLUENCE)
    ]
    assert [f.code for f in found] == ([expected] if expected else [])
    if expected is FindingCode.COACH_LOW_INFLUENCE:
        assert dict(found[0].values) == {
            "names": tuple(f"Pc{i}" for i in range(len(coaches))),
            "influence": influence,
            "threshold": 3,
        }


@pytest.mark.parametrize(
    ("role", "days", "max_days", "flagged"),
    [
        (DecisionRole.DECISION_MAKER, 89, 90, False),
        (DecisionRole.DECISION_MAKER, 90, 90, False),
        (DecisionRole.DECISION_MAKER, 91, 90, True),
        (DecisionRole.DECISION_MAKER, None, 90, True),
        (DecisionRole.ECONOMIC_BUYER, 91, 90, True),
        (DecisionRole.ECONOMIC_BUYER, 30, 30, False),
        (DecisionRole.ECONOMIC_BUYER, 31, 30, True),
    ],
)
def test_the_decision_maker_or_economic_buyer_not_met_in_n_days(
    role: DecisionRole, days: int | None, max_days: int, flagged: bool
) -> None:
    chain = (*(replace(p, role=None) for p in COVERED), person("b", role=role, met=days))
    found = [
        f
        for f in assess_coverage(
            chain, AS_OF, S.model_copy(update={"decision_maker_max_days": max_days})
        ).findings
        if f.code is FindingCode.DECISION_MAKER_NOT_MET
    ]
    assert [(f.subject, dict(f.values)) for f in found] == (
        [("b", {"name": "Pb", "role": role, "days": days, "max_days": max_days})] if flagged else []
    )


def test_nobody_known_as_decision_maker_or_economic_buyer() -> None:
    chain = tuple(replace(p, role=DecisionRole.INFLUENCER) for p in COVERED)
    assert codes(chain) == [FindingCode.NO_DECISION_MAKER]


@pytest.mark.parametrize(
    ("met", "minimum", "engaged"),
    [
        ((None, None, None), 2, 0),
        ((10, None, None), 2, 1),
        ((180, 181, None), 2, 1),  # 180 days ago is within engaged_within_days, 181 is not
        ((10, 180, None), 2, None),
        ((10, 20, 30), 3, None),
        ((10, 20, 400), 3, 2),
    ],
)
def test_single_threaded_when_fewer_are_engaged_than_the_minimum(
    met: tuple[int | None, ...], minimum: int, engaged: int | None
) -> None:
    chain = tuple(person(str(i), met=d) for i, d in enumerate(met))
    settings = S.model_copy(update={"min_engaged_stakeholders": minimum})
    found = [
        f for f in assess_coverage(chain, AS_OF, settings).findings if f.code is FindingCode.SINGLE_THREADED
    ]
    assert [f.values["count"] for f in found] == ([] if engaged is None else [engaged])


@pytest.mark.parametrize(
    ("stance", "influence", "flagged"),
    [
        (Stance.OPPONENT, 3, False),
        (Stance.OPPONENT, 4, True),  # at high_influence (4)
        (Stance.OPPONENT, 5, True),
        (Stance.OPPONENT, None, False),
        (Stance.SUPPORTER, 5, False),
        (Stance.NEUTRAL, 5, False),
    ],
)
def test_a_high_influence_opponent(stance: Stance, influence: int | None, flagged: bool) -> None:
    chain = (*COVERED, person("o", Function.FINANCE, influence=influence, stance=stance))
    found = [
        f for f in assess_coverage(chain, AS_OF, S).findings if f.code is FindingCode.HIGH_INFLUENCE_OPPONENT
    ]
    expected = {"name": "Po", "function": Function.FINANCE, "influence": influence, "threshold": 4}
    assert [(f.subject, dict(f.values)) for f in found] == ([("o", expected)] if flagged else [])


@pytest.mark.parametrize(
    ("function", "people", "recorded"),
    [
        (Function.FINANCE, (), 0),
        (Function.TECHNICAL, (None,), 1),
        (Function.USER_DEPARTMENT, (None, None), 2),
        (Function.OPERATIONS_MAINTENANCE, (None, 700), None),  # met once, however long ago
        (Function.OPERATIONS_MAINTENANCE, (), 0),
    ],
)
def test_each_of_the_four_functions_never_met(
    function: Function, people: tuple[int | None, ...], recorded: int | None
) -> None:
    chain = (
        *(p for p in COVERED if p.function is not function),
        *(person(f"f{i}", function, met=d) for i, d in enumerate(people)),
    )
    found = [
        f.values
        for f in assess_coverage(chain, AS_OF, S).findings
        if f.code is FindingCode.FUNCTION_NEVER_MET
    ]
    assert [dict(v) for v in found] == (
        [] if recorded is None else [{"function": function, "recorded": recorded}]
    )


def test_procurement_and_the_other_functions_are_not_required() -> None:
    chain = (*COVERED, person("x", Function.PROCUREMENT, met=None), person("y", Function.OTHER, met=None))
    assert FindingCode.FUNCTION_NEVER_MET not in codes(chain)


@pytest.mark.parametrize("unknown", [0, 1, 3])
def test_stakeholders_whose_stance_is_unknown(unknown: int) -> None:
    chain = (*COVERED, *(person(f"u{i}", stance=Stance.UNKNOWN) for i in range(unknown)))
    found = [
        dict(f.values)
        for f in assess_coverage(chain, AS_OF, S).findings
        if f.code is FindingCode.STANCE_UNKNOWN
    ]
    assert found == (
        [{"count": unknown, "names": tuple(f"Pu{i}" for i in range(unknown))}] if unknown else []
    )


def test_an_empty_chain_has_every_gap_and_scores_zero() -> None:
    coverage = assess_coverage((), AS_OF, S)
    assert [f.code for f in coverage.findings] == [
        FindingCode.NO_COACH,
        FindingCode.NO_DECISION_MAKER,
        FindingCode.SINGLE_THREADED,
        *[FindingCode.FUNCTION_NEVER_MET] * 4,
    ]
    assert coverage.score == 0


@pytest.mark.parametrize(
    ("chain", "earned", "score"),
    [
        # coach, decision maker, functions, breadth, stances, opponents; weights 20, 25, 20, 15, 10, 10
        (COVERED, (1, 1, 1, 1, 1, 1), 100),
        # the coach is low-influence: half of its part
        (
            tuple(replace(p, influence=2) if p.coach else p for p in COVERED),
            (0.5, 1, 1, 1, 1, 1),
            90,
        ),
        # the decision maker and the economic buyer not met lately: half of their part
        (
            tuple(replace(p, last_met=ago(91)) if p.role else p for p in COVERED),
            (1, 0.5, 1, 1, 1, 1),
            88,
        ),
        # one unknown stance of six, no strong opponent
        ((*COVERED, person("u", stance=Stance.UNKNOWN)), (1, 1, 1, 1, 5 / 6, 1), 98),
        # a strong opponent
        ((*COVERED, person("o", stance=Stance.OPPONENT, influence=5)), (1, 1, 1, 1, 1, 0), 90),
        # one person, met, the economic buyer in finance, no coach, stance unknown: (25 + 5 + 5) / 100
        (
            (person("1", Function.FINANCE, role=DecisionRole.ECONOMIC_BUYER, stance=Stance.UNKNOWN),),
            (0, 1, 0.25, 1 / 3, 0, 0),
            35,
        ),
        # nobody met: the decision maker is known but never met, the rest is unknown
        (
            (person("1", role=DecisionRole.DECISION_MAKER, met=None, stance=Stance.UNKNOWN),),
            (0, 0.5, 0, 0, 0, 0),
            13,
        ),
    ],
)
def test_the_coverage_score_and_its_parts(
    chain: tuple[StakeholderFacts, ...], earned: tuple[float, ...], score: int
) -> None:
    coverage = assess_coverage(chain, AS_OF, S)
    assert [p.earned for p in coverage.parts] == pytest.approx(list(earned))
    assert [p.weight for p in coverage.parts] == [20, 25, 20, 15, 10, 10]
    assert coverage.score == score


@pytest.mark.parametrize(
    ("earned", "weights", "score"),
    [
        ((1, 0), (5, 3), 63),  # 62.5 rounds half up
        ((0.5, 0), (1, 1), 25),
        ((1 / 3, 0), (1, 1), 17),  # 16.67
        ((0.125, 0), (1, 1), 6),  # 6.25
        ((0.25, 0), (1, 1), 13),  # 12.5 rounds up, not to even
    ],
)
def test_the_score_is_the_share_of_points_rounded_half_up(
    earned: tuple[float, float], weights: tuple[int, int], score: int
) -> None:
    parts = [
        ScorePart(ScorePartName.COACH, earned[0], weights[0]),
        ScorePart(ScorePartName.BREADTH, earned[1], weights[1]),
    ]
    assert coverage_score(parts) == score


def test_weights_are_settings() -> None:
    settings = S.model_copy(update={"score_coach": 100})
    no_coach = tuple(replace(p, coach=False) for p in COVERED)
    # 80 of the default 100 points, out of 180 with the coach weighing 100
    assert (assess_coverage(no_coach, AS_OF, S).score, assess_coverage(no_coach, AS_OF, settings).score) == (
        80,
        44,
    )
