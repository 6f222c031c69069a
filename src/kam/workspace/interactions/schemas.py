"""Interactions in and out: `InteractionCreate`/`InteractionUpdate` in, `InteractionPublic` (with its analysis) out."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, StringConstraints

from kam.calls.models import Flag, Language, Stage
from kam.domain.interactions import InteractionKind
from kam.workspace.interactions.models import CallAnalysisRecord, Interaction

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Sha256 = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-f]{64}$")]


class InteractionCreate(BaseModel):
    """A new interaction; a transcript's SHA-256 identifies it, so the same transcript is stored once."""

    model_config = ConfigDict(extra="forbid")

    kind: InteractionKind
    occurred_at: AwareDatetime
    title: Title
    stage: Stage | None = None
    source_file: Annotated[str, StringConstraints(max_length=255)] | None = None
    transcript_sha256: Sha256 | None = None


class InteractionUpdate(BaseModel):
    """A partial change of an interaction: only the fields given are changed."""

    model_config = ConfigDict(extra="forbid")

    kind: InteractionKind | None = None
    occurred_at: AwareDatetime | None = None
    title: Title | None = None
    stage: Stage | None = None


class CallAnalysisPublic(BaseModel):
    """A stored call analysis: headline numbers, flags, the full `CallAnalysis.to_dict()` and the settings."""

    model_config = ConfigDict(frozen=True)

    language: Language
    duration_s: float
    customer_share: float | None
    customer_to_sales: float | None
    questions_total: int
    questions_open: int
    questions_closed: int
    why_chain_depth: int
    pitch_first_at_s: float | None
    price_first_mention_at_s: float | None
    flags: list[Flag]
    result: dict[str, Any]
    settings: dict[str, Any]
    analysed_at: dt.datetime

    @classmethod
    def of(cls, record: CallAnalysisRecord) -> CallAnalysisPublic:
        return cls.model_validate(
            {name: getattr(record, name) for name in cls.model_fields}, from_attributes=False
        )


class InteractionPublic(BaseModel):
    """An interaction as shown to users and the API, with its call analysis if it has one."""

    model_config = ConfigDict(frozen=True)

    id: int
    account_code: str
    kind: InteractionKind
    occurred_at: dt.datetime
    title: str
    stage: Stage | None
    source_file: str | None
    transcript_sha256: str | None
    created_at: dt.datetime
    analysis: CallAnalysisPublic | None

    @classmethod
    def of(cls, interaction: Interaction) -> InteractionPublic:
        """Needs `interaction.account` and `interaction.analysis` loaded (the repository does)."""
        analysis = interaction.analysis
        return cls(
            id=interaction.id,
            account_code=interaction.account.code,
            kind=interaction.kind,
            occurred_at=interaction.occurred_at,
            title=interaction.title,
            stage=interaction.stage,
            source_file=interaction.source_file,
            transcript_sha256=interaction.transcript_sha256,
            created_at=interaction.created_at,
            analysis=None if analysis is None else CallAnalysisPublic.of(analysis),
        )


class RecordedCall(BaseModel):
    """The interaction a call analysis was stored on, and whether it was new or updated."""

    interaction: InteractionPublic
    created: bool
