"""Where a deal stands (DOMAIN.md §6): the open stages in their order, then the outcomes."""

from __future__ import annotations

from enum import StrEnum


class DealStage(StrEnum):
    """The stage of a deal. The open stages run from prospecting to closing in this order; `won` and
    `lost` end it."""

    PROSPECTING = "prospecting"
    DISCOVERY = "discovery"
    SOLUTION = "solution"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    CLOSING = "closing"
    WON = "won"
    LOST = "lost"

    @property
    def order(self) -> int:
        """The stage's place in the sequence: prospecting 0 ... closing 5; the outcomes come after."""
        return list(DealStage).index(self)

    @property
    def is_open(self) -> bool:
        return self not in _ENDED


_ENDED = frozenset({DealStage.WON, DealStage.LOST})
