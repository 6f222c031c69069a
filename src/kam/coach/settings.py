"""Named thresholds of the key-account coach; composed into the project's settings as `[coach]`."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from kam.domain.deals import DealStage
from kam.domain.decision_chain import Function, PurchaseFactor

F = PurchaseFactor


class CoachSettings(BaseModel):
    """Thresholds of the coach: decision-chain coverage and its score, key purchase factors by function,
    the needs-versus-wants classifier, grouping of shared needs, the five whys and the quote gate. Every
    field has a default, a one-line description and its range (never NaN or infinite)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    coach_min_influence: int = Field(
        default=3,
        ge=1,
        le=5,
        description="A coach whose influence (1-5) is below this is a low-influence coach; with no other coach, the account is flagged.",
    )
    high_influence: int = Field(
        default=4,
        ge=1,
        le=5,
        description="An opponent whose influence (1-5) is at least this is a high-influence opponent.",
    )
    decision_maker_max_days: int = Field(
        default=90,
        ge=1,
        description="The decision maker or economic buyer not met for more than this many days is flagged.",
    )
    engaged_within_days: int = Field(
        default=180, ge=1, description="A stakeholder met within this many days counts as engaged."
    )
    min_engaged_stakeholders: int = Field(
        default=2,
        ge=2,
        description="An account with fewer engaged stakeholders than this is single-threaded.",
    )
    score_full_breadth: int = Field(
        default=3,
        ge=1,
        description="Engaged stakeholders that earn the coverage score's full breadth points.",
    )
    score_coach: int = Field(
        default=20,
        ge=1,
        le=100,
        description="Weight in the coverage score of having a coach (half for a low-influence one).",
    )
    score_decision_maker: int = Field(
        default=25,
        ge=1,
        le=100,
        description="Weight in the coverage score of the decision maker or economic buyer, met recently (half if not).",
    )
    score_functions: int = Field(
        default=20,
        ge=1,
        le=100,
        description="Weight in the coverage score of the four functions met (finance, technical, user department, O&M).",
    )
    score_breadth: int = Field(
        default=15,
        ge=1,
        le=100,
        description="Weight in the coverage score of the engaged stakeholders, up to score_full_breadth.",
    )
    score_stances: int = Field(
        default=10,
        ge=1,
        le=100,
        description="Weight in the coverage score of the share of stakeholders whose stance is known.",
    )
    score_opponents: int = Field(
        default=10,
        ge=1,
        le=100,
        description="Weight in the coverage score of having no high-influence opponent.",
    )
    factors_finance: list[PurchaseFactor] = Field(
        default=[F.PRICE, F.TOTAL_COST],
        description="Key purchase factors of finance, unless a stakeholder states their own.",
    )
    factors_technical: list[PurchaseFactor] = Field(
        default=[F.ADVANCEMENT, F.COMPATIBILITY],
        description="Key purchase factors of the technical function, unless a stakeholder states their own.",
    )
    factors_user_department: list[PurchaseFactor] = Field(
        default=[F.EASE_OF_USE],
        description="Key purchase factors of the user department, unless a stakeholder states their own.",
    )
    factors_operations_maintenance: list[PurchaseFactor] = Field(
        default=[F.STABILITY, F.FAILURE_RATE, F.AFTER_SALES_SERVICE],
        description="Key purchase factors of operations and maintenance, unless a stakeholder states their own.",
    )
    factors_procurement: list[PurchaseFactor] = Field(
        default=[F.PRICE, F.DELIVERY, F.CONTRACT_TERMS],
        description="Key purchase factors of procurement, unless a stakeholder states their own.",
    )
    factors_executive: list[PurchaseFactor] = Field(
        default=[F.RETURN_ON_INVESTMENT, F.RISK],
        description="Key purchase factors of executives, unless a stakeholder states their own.",
    )
    factors_other: list[PurchaseFactor] = Field(
        default=[],
        description="Key purchase factors of other functions, unless a stakeholder states their own.",
    )
    max_talking_points: int = Field(
        default=6, ge=1, le=50, description="At most this many talking points for each stakeholder."
    )
    classify_min_evidence: float = Field(
        default=2.0,
        gt=0,
        description="A statement is a need or a want only with at least this much cue weight for it; else undecided.",
    )
    classify_min_margin: float = Field(
        default=1.0,
        ge=0,
        description="The winning side's cue weight must lead the other's by at least this much; else undecided.",
    )
    group_min_similarity: float = Field(
        default=0.4,
        gt=0,
        le=1,
        description="Two needs sharing at least this share of their words (Jaccard) are grouped as one.",
    )
    shared_need_min_accounts: int = Field(
        default=3,
        ge=2,
        description="A group of needs shared by at least this many accounts is a product signal.",
    )
    why_chain_min_levels: int = Field(
        default=3,
        ge=2,
        le=10,
        description="A why-chain of fewer levels than this that ends in a solution is shallow.",
    )
    quote_allowed_from: DealStage = Field(
        default=DealStage.NEGOTIATION,
        description="A price quoted on a deal at an earlier stage than this is flagged.",
    )
    plan_font: Path | None = Field(
        default=None,
        description="The font file (TrueType, OpenType or a collection) the account plan's PDF is drawn in; "
        "unset: Noto Sans CJK, found in the system's font folders.",
    )

    def factors_of(self, function: Function) -> tuple[PurchaseFactor, ...]:
        """The key purchase factors of `function` as set."""
        return tuple(getattr(self, f"factors_{function.value}"))
