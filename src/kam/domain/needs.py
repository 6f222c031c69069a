"""The needs iceberg (需求冰山, DOMAIN.md §5): how deep a recorded need lies, whether it is a need or a
want (需求 / 需要), and where it stands."""

from __future__ import annotations

from enum import StrEnum


class NeedDepth(StrEnum):
    """Where a need sits in the iceberg: what the customer said, what lies under it, and the root that
    the five whys end at."""

    STATED = "stated"
    UNDERLYING = "underlying"
    ROOT = "root"


class NeedKind(StrEnum):
    """A need (需求: lasting, tied to the customer's goals, open about the solution) or a want (需要:
    short-term, one person's, prescribing its own solution); `undecided` when the evidence is thin."""

    NEED = "need"
    WANT = "want"
    UNDECIDED = "undecided"


class NeedStatus(StrEnum):
    """Whether the customer confirmed the need, and whether our offer answers it."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    ADDRESSED = "addressed"
