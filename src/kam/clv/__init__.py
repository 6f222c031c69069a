"""Customer-base models (buy-till-you-die): BG/NBD, Pareto/NBD, Gamma-Gamma spend and CLV.

Pure numeric core: numpy/scipy for the models, narwhals expressions for the transaction summaries.
Names load on first use, so commands that never fit a model do not pay for importing scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam.lazy import lazy_exports

if TYPE_CHECKING:
    from kam.clv.bgnbd import BetaGeo
    from kam.clv.clv import (
        EmpiricalSpend,
        SpendModel,
        customer_lifetime_value,
        discount_rate_per_period,
        periods_in_months,
    )
    from kam.clv.errors import (
        ClvError,
        ConvergenceError,
        InvalidSpendError,
        InvalidSummaryError,
        SpendNotIdentifiedError,
    )
    from kam.clv.gammagamma import GammaGamma
    from kam.clv.holdout import HoldoutCheck, holdout_check
    from kam.clv.paretonbd import ParetoNBD
    from kam.clv.settings import ClvSettings
    from kam.clv.summary import TimeUnit, rfm_summary

_EXPORTS = {
    "BetaGeo": "kam.clv.bgnbd",
    "ClvError": "kam.clv.errors",
    "ClvSettings": "kam.clv.settings",
    "ConvergenceError": "kam.clv.errors",
    "EmpiricalSpend": "kam.clv.clv",
    "GammaGamma": "kam.clv.gammagamma",
    "HoldoutCheck": "kam.clv.holdout",
    "InvalidSpendError": "kam.clv.errors",
    "SpendNotIdentifiedError": "kam.clv.errors",
    "InvalidSummaryError": "kam.clv.errors",
    "ParetoNBD": "kam.clv.paretonbd",
    "SpendModel": "kam.clv.clv",
    "TimeUnit": "kam.clv.summary",
    "customer_lifetime_value": "kam.clv.clv",
    "discount_rate_per_period": "kam.clv.clv",
    "holdout_check": "kam.clv.holdout",
    "periods_in_months": "kam.clv.clv",
    "rfm_summary": "kam.clv.summary",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())


__all__ = [
    "BetaGeo",
    "ClvError",
    "ClvSettings",
    "ConvergenceError",
    "EmpiricalSpend",
    "GammaGamma",
    "HoldoutCheck",
    "InvalidSpendError",
    "InvalidSummaryError",
    "ParetoNBD",
    "SpendModel",
    "SpendNotIdentifiedError",
    "TimeUnit",
    "customer_lifetime_value",
    "discount_rate_per_period",
    "holdout_check",
    "periods_in_months",
    "rfm_summary",
]
