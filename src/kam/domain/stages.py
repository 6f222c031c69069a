"""Where a deal stands: the coaching rules judge a call by it (price talk by sales is expected from
negotiation on), and an interaction records it."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where the deal stands; price talk by sales is expected from negotiation on."""

    DISCOVERY = "discovery"
    QUALIFICATION = "qualification"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    CLOSING = "closing"

    @property
    def order(self) -> int:
        return list(Stage).index(self)
