"""The fixed choices of a CLV forecast: which purchase model and which spend model to fit, and what its
output columns are called.

Kept apart from the models so that settings and commands can name them without importing scipy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PurchaseModelName(StrEnum):
    """The purchase model: BG/NBD (Fader, Hardie & Lee 2005) or Pareto/NBD (Schmittlein et al. 1987)."""

    BGNBD = "bgnbd"
    PNBD = "pnbd"

    @property
    def other(self) -> PurchaseModelName:
        """The model to try when this one cannot be fitted."""
        return PurchaseModelName.BGNBD if self is PurchaseModelName.PNBD else PurchaseModelName.PNBD


class SpendModelName(StrEnum):
    """The spend model: Gamma-Gamma (each customer's own mean repeat spend where it cannot be fitted), or
    the own mean repeat spend directly (the repeat buyers' average for those without repeat purchases)."""

    GG = "gg"
    MEAN = "mean"


@dataclass(frozen=True)
class ForecastColumns:
    """Names of a forecast's output columns; `history` names frequency, recency and age when they are
    shown (predictions.csv), or is empty (accounts.csv, which has its own order counts)."""

    p_alive: str
    expected_purchases: str
    expected_spend: str
    value: str
    history: tuple[str, str, str] | tuple[()] = ()
