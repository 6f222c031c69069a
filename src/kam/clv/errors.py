"""Errors raised by the CLV models: each names the model and what to try next."""

from __future__ import annotations

from kam.errors import KamError
from kam.i18n import Notice


class ClvError(KamError):
    """Base class for errors from `kam.clv`."""


class ConvergenceError(ClvError):
    """A model fit did not reach a trustworthy maximum; no parameters are returned."""

    def __init__(self, model: str, reason: str, hint: str) -> None:
        """`reason` and `hint` are notices (kam.i18n) where the message is one of kam's, so that the error
        can be said in the user's language; plain text is kept as it is."""
        self.model = model
        self.reason = reason
        self.hint = hint
        super().__init__(Notice("clv_fit_failed", model=model, reason=reason, hint=hint))


class SpendNotIdentifiedError(ConvergenceError):
    """Gamma-Gamma's shape ran off: the data put all spread of mean spend between customers."""


class InvalidSpendError(ClvError, ValueError):
    """Spend values that the Gamma-Gamma model cannot take (zero, negative or not finite)."""


class InvalidSummaryError(ClvError, ValueError):
    """Frequency, recency and age arrays that do not describe valid customer histories."""
