"""Fixed choices of the workspace that commands need without importing the database layer."""

from __future__ import annotations

from enum import StrEnum


class InteractionKind(StrEnum):
    """How the salesperson and the account met."""

    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    EMAIL = "email"
    OTHER = "other"
