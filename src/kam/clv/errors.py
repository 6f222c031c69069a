"""Errors raised by the CLV models: each names the model and what to try next."""

from __future__ import annotations

from kam.errors import KamError


class ClvError(KamError):
    """Base class for errors from `kam.clv`."""


class ConvergenceError(ClvError):
    """A model fit did not reach a trustworthy maximum; no parameters are returned."""

    def __init__(self, model: str, reason: str, hint: str) -> None:
        self.model = model
        self.reason = reason
        self.hint = hint
        super().__init__(f"{model} fit did not converge: {reason}. Try: {hint}")


class SpendNotIdentifiedError(ConvergenceError):
    """Gamma-Gamma's shape ran off: the data put all spread of mean spend between customers."""


class InvalidSpendError(ClvError, ValueError):
    """Spend values that the Gamma-Gamma model cannot take (zero, negative or not finite)."""


class InvalidSummaryError(ClvError, ValueError):
    """Frequency, recency and age arrays that do not describe valid customer histories."""
