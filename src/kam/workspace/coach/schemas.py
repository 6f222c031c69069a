"""The coach's answers: `AccountCoach` for one account (its coverage score and parts, the findings,
what to say to each stakeholder, and how the score moved), `CoachPortfolio` for the accounts a user may
see, sorted by their coverage score."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kam.domain.deals import DealStage
from kam.domain.decision_chain import Function, PurchaseFactor


class PortfolioSort(StrEnum):
    """How a portfolio is sorted: the lowest coverage first (riskiest), the highest first, the largest
    fall first, or by account code."""

    COVERAGE = "coverage"
    COVERAGE_DESC = "-coverage"
    CHANGE = "change"
    ACCOUNT = "account"


class ScorePartPublic(BaseModel):
    """A part of the coverage score: its name and label, the share earned (0-1), its weight and the
    points it brings."""

    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    earned: float
    weight: int
    points: float


class FindingPublic(BaseModel):
    """A finding of the coach: its code, the record it is about (an id, None: the account), the values
    its sentence cites and the sentence in the reader's language."""

    model_config = ConfigDict(frozen=True)

    code: str
    subject: str | None
    values: dict[str, Any]
    text: str


class TalkingPointPublic(BaseModel):
    """One thing to talk about: a need (`need` its id; `own` when this stakeholder said it), a
    preference, or a key purchase factor, said in the reader's language (`text`)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    text: str
    factor: PurchaseFactor | None
    need: int | None
    own: bool


class StakeholderBriefPublic(BaseModel):
    """What a stakeholder weighs (`factors`: their own, or their function's: `source`) and what to say."""

    model_config = ConfigDict(frozen=True)

    stakeholder: int
    name: str
    function: Function
    factors: list[PurchaseFactor]
    source: str
    points: list[TalkingPointPublic]


class DealCoveragePublic(BaseModel):
    """The decision-chain coverage of one open deal: the people involved (`stakeholders`, their ids) and
    where they come from (`source`: named on the deal, the people who stated the needs it answers, or
    none), the score and its parts (None and empty: nobody is linked to the deal) and the findings."""

    model_config = ConfigDict(frozen=True)

    deal: int
    title: str
    stage: DealStage
    source: str
    stakeholders: list[int]
    score: int | None
    parts: list[ScorePartPublic]
    findings: list[FindingPublic]


class ScoreDay(BaseModel):
    """The coverage score an account had on a day."""

    model_config = ConfigDict(frozen=True)

    day: dt.date
    score: int


class AccountCoach(BaseModel):
    """The coach on one account as of a day: the coverage score (0-100) and its parts, its change since
    the last earlier day it was computed (`previous`; None: never before), the findings and the
    talking points per stakeholder, the scores of earlier days (`history`, oldest first) and the
    coverage of each open deal (`deals`)."""

    model_config = ConfigDict(frozen=True)

    account: str
    name: str
    as_of: dt.date
    score: int
    change: int | None
    previous: ScoreDay | None
    parts: list[ScorePartPublic]
    findings: list[FindingPublic]
    talking_points: list[StakeholderBriefPublic]
    history: list[ScoreDay]
    deals: list[DealCoveragePublic]


class CoverageRow(BaseModel):
    """An account of the portfolio: its coverage score, the change since the last earlier day it was
    computed, and how many findings the coach has on it."""

    model_config = ConfigDict(frozen=True)

    account: str
    name: str
    score: int
    change: int | None
    previous: ScoreDay | None
    findings: int


class CoachPortfolio(BaseModel):
    """The accounts a user may see with their coverage scores, sorted as asked."""

    model_config = ConfigDict(frozen=True)

    as_of: dt.date
    sort: PortfolioSort
    items: list[CoverageRow]


class PortfolioQuery(BaseModel):
    """How to sort the portfolio."""

    model_config = ConfigDict(extra="forbid")

    sort: PortfolioSort = Field(
        default=PortfolioSort.COVERAGE,
        description="coverage (lowest first), -coverage, change (largest fall first) or account.",
    )
