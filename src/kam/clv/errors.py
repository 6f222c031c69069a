"""Errors raised by the CLV models: each names the model and what to try next."""

from __future__ import annotations

from kam.errors import KamError
from kam.i18n import Notice


class ClvError(KamError):
    """Base class for errors from `kam.clv`: the data cannot be fitted as they are."""

    status_code = 422


class ConvergenceError(ClvError):
    """A model fit did not reach a trustworthy maximum; no parameters are returned."""

    status_code = 422

    def __init__(self, model: str, reason: Notice, remedy: Notice) -> None:
        """`reason` says why the fit failed and `remedy` what data or setting would help (in the model's
        terms, the same on every interface), both notices so that the error can be said in any language."""
        self.model = model
        self.reason = reason
        self.remedy = remedy
        super().__init__(Notice("clv_fit_failed", model=model, reason=reason, hint=remedy))


class SpendNotIdentifiedError(ConvergenceError):
    """Gamma-Gamma's shape ran off: the data put all spread of mean spend between customers."""

    status_code = 422


class InvalidSpendError(ClvError, ValueError):
    """Spend values that the Gamma-Gamma model cannot take (zero, negative or not finite)."""

    status_code = 422


class InvalidSummaryError(ClvError, ValueError):
    """Frequency, recency and age arrays that do not describe valid customer histories."""

    status_code = 422
