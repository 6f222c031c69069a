"""Named thresholds for sales-call coaching (DOMAIN.md §6); composed into the project's settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kam.domain.stages import Stage


class CallSettings(BaseModel):
    """Thresholds for `kam calls analyze`; every field has a default, a one-line description and its range
    (never NaN or infinite)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    min_customer_to_sales: float = Field(
        default=1.5,
        ge=0,
        description="Flag not_listening when customer talk divided by sales talk is below this.",
    )
    target_customer_to_sales: float = Field(
        default=2.0,
        gt=0,
        description="The ratio a relaxed sales conversation aims for (customer talks twice as long).",
    )
    min_questions_before_pitch: int = Field(
        default=3, ge=0, description="Flag early_pitch when sales presents before asking this many questions."
    )
    max_pitch_s: float = Field(
        default=300.0, gt=0, description="Flag early_pitch when pitch time exceeds this many seconds."
    )
    max_pitch_share: float = Field(
        default=1 / 6,
        gt=0,
        le=1,
        description="Flag early_pitch when pitch time exceeds this share of the call duration.",
    )
    min_discovery_questions: int = Field(
        default=3,
        ge=0,
        description="Flag no_discovery when sales asks fewer questions than this in the whole call.",
    )
    price_allowed_from: Stage = Field(
        default=Stage.NEGOTIATION,
        description="First deal stage at which a concrete price from sales is not flagged.",
    )
    why_chain_max_gap_s: float = Field(
        default=180.0,
        gt=0,
        description="A why-question more than this many seconds after the previous one starts a new chain.",
    )
    why_chain_min_shared_terms: int = Field(
        default=1,
        ge=0,
        description="Content terms a why-question shares with the last answer or why to stay on topic.",
    )
    latin_word_s: float = Field(
        default=0.4,
        gt=0,
        le=10,
        description="Estimated speaking time of one Latin word when the file has no timestamps.",
    )
    cjk_char_s: float = Field(
        default=0.25,
        gt=0,
        le=10,
        description="Estimated speaking time of one Chinese character when the file has no timestamps.",
    )
    mixed_language_share: float = Field(
        default=0.2,
        gt=0,
        le=0.5,
        description="Language is 'mixed' when the minority script has at least this share of tokens.",
    )
    evidence_max_chars: int = Field(
        default=200,
        ge=1,
        description="Evidence quotes (and the questions, objections and next steps quoted) are cut to this length.",
    )
    next_step_last_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="An agreed next step counts when said in this last share of the call; else no_next_step.",
    )
    praise_why_chain_depth: int = Field(
        default=2,
        ge=1,
        description="A why-chain at least this deep is named as a strength (dug deeper).",
    )
    trend_min_calls: int = Field(
        default=3,
        ge=2,
        description="A salesperson's trend of a measure needs at least this many calls to have a direction.",
    )
    trend_min_share_change: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="A share (talk, open questions, next steps) moving less than this over the calls is steady.",
    )
    trend_min_count_change: float = Field(
        default=1.0,
        gt=0,
        description="A count per call (questions, flags) moving less than this over the calls is steady.",
    )
