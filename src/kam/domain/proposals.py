"""What a stored call proposes to its account (a candidate need, or a speaker matched to a stakeholder)
and where each proposal stands."""

from __future__ import annotations

from enum import StrEnum


class ProposalKind(StrEnum):
    NEED = "need"  # the customer stated a problem or a goal
    SPEAKER = "speaker"  # a speaker of the call is one of the account's stakeholders


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
