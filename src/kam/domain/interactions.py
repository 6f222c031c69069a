"""How the salesperson and an account met: the kind of an interaction in the workspace."""

from __future__ import annotations

from enum import StrEnum


class InteractionKind(StrEnum):
    """How the salesperson and the account met."""

    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    EMAIL = "email"
    OTHER = "other"
    NOTE = "note"  # written down without meeting: what was heard, decided or learnt
