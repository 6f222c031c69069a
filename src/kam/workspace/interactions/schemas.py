"""Interactions in and out: `InteractionCreate` (and `InteractionNew`, which names the account),
`InteractionChanges` (and `InteractionUpdate`, which names the version it is based on) in,
`InteractionPublic` (with its participants and analysis) out, `InteractionFilters` for lists."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from kam.calls.models import Flag, Language, Stage
from kam.domain.interactions import InteractionKind
from kam.workspace.fields import Code, Label, Name, RecordId, Storable, Version
from kam.workspace.interactions.models import CallAnalysisRecord, Interaction

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable]
Sha256 = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-f]{64}$")]
InteractionNotes = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000), Storable
]
MAX_PARTICIPANTS = 100  # of each kind on one interaction


def _unique(values: list[Any] | None) -> list[Any] | None:
    return None if values is None else list(dict.fromkeys(values))


class Participants(BaseModel):
    """Who took part: `stakeholders` of the same account (ids), our users present (`present`, logins, or
    display names only one user has) and our people present who are no user (`present_names`)."""

    model_config = ConfigDict(extra="forbid")

    stakeholders: list[RecordId] = Field(
        default_factory=list, max_length=MAX_PARTICIPANTS, description="Stakeholders of the account met."
    )
    present: list[Label] = Field(
        default_factory=list, max_length=MAX_PARTICIPANTS, description="Our users present, by login."
    )
    present_names: list[Name] = Field(
        default_factory=list,
        max_length=MAX_PARTICIPANTS,
        description="Our people present who are no user of the workspace, by name.",
    )

    _unique_lists = field_validator("stakeholders", "present", "present_names")(_unique)


class InteractionCreate(Participants):
    """A new interaction; a transcript's SHA-256 identifies it, so the same transcript is stored once."""

    kind: InteractionKind
    occurred_at: AwareDatetime
    title: Title
    stage: Stage | None = None
    notes: InteractionNotes | None = None
    source_file: Annotated[str, StringConstraints(max_length=255)] | None = None
    transcript_sha256: Sha256 | None = None


class InteractionNew(InteractionCreate):
    """A new interaction of the account `account` (its code), as the API and `kam interactions add` take
    it."""

    account: Code = Field(description="The account's code.")


class InteractionChanges(BaseModel):
    """A partial change of an interaction: only the fields given are changed; a list given replaces the
    stored one; an explicit None clears `stage` or `notes`."""

    model_config = ConfigDict(extra="forbid")

    kind: InteractionKind | None = None
    occurred_at: AwareDatetime | None = None
    title: Title | None = None
    stage: Stage | None = None
    notes: InteractionNotes | None = None
    stakeholders: list[RecordId] | None = Field(default=None, max_length=MAX_PARTICIPANTS)
    present: list[Label] | None = Field(default=None, max_length=MAX_PARTICIPANTS)
    present_names: list[Name] | None = Field(default=None, max_length=MAX_PARTICIPANTS)

    _unique_lists = field_validator("stakeholders", "present", "present_names")(_unique)


class InteractionUpdate(InteractionChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class InteractionFilters(BaseModel):
    """Which interactions a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    kind: InteractionKind | None = None
    since: dt.date | None = Field(default=None, description="On or after this day (UTC).")
    until: dt.date | None = Field(default=None, description="On or before this day (UTC).")
    stakeholder: RecordId | None = Field(default=None, description="A stakeholder who took part.")
    present: Label | None = Field(default=None, description="A user who was present, by login, or me.")
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the title or the notes, in any case."
    )
    deleted: bool = Field(
        default=False, description="List the deleted interactions instead (to restore one)."
    )


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
    """An interaction as shown to users and the API, with who took part (the live stakeholders, the
    users' logins, the names of our other people) and its call analysis if it has one."""

    model_config = ConfigDict(frozen=True)

    id: int
    account_code: str
    kind: InteractionKind
    occurred_at: dt.datetime
    title: str
    stage: Stage | None
    notes: str | None
    stakeholders: list[int]
    present: list[str]
    present_names: list[str]
    source_file: str | None
    transcript_sha256: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    analysis: CallAnalysisPublic | None

    @classmethod
    def of(cls, interaction: Interaction) -> InteractionPublic:
        """Needs `interaction.account`, its participants and `interaction.analysis` loaded (the
        repository does)."""
        analysis = interaction.analysis
        return cls(
            id=interaction.id,
            account_code=interaction.account.code,
            kind=interaction.kind,
            occurred_at=interaction.occurred_at,
            title=interaction.title,
            stage=interaction.stage,
            notes=interaction.notes,
            stakeholders=sorted(s.id for s in interaction.stakeholders if s.deleted_at is None),
            present=[u.login for u in sorted(interaction.users, key=lambda u: u.id)],
            present_names=list(interaction.present_names or []),
            source_file=interaction.source_file,
            transcript_sha256=interaction.transcript_sha256,
            version=interaction.version,
            created_at=interaction.created_at,
            updated_at=interaction.updated_at,
            deleted_at=interaction.deleted_at,
            analysis=None if analysis is None else CallAnalysisPublic.of(analysis),
        )


class RecordedCall(BaseModel):
    """The interaction a call analysis was stored on, and whether it was new or updated."""

    interaction: InteractionPublic
    created: bool
