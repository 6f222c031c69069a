"""Customer-base models (buy-till-you-die): BG/NBD, Pareto/NBD, Gamma-Gamma spend, CLV and the one
forecast (`fit_forecast`) that `kam analyze` and `kam clv fit` share.

Pure numeric core: numpy/scipy for the models, narwhals expressions for the transaction summaries.
Names load on first use, so commands that never fit a model do not pay for importing scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam.lazy import lazy_exports

if TYPE_CHECKING:
    from kam.clv.bgnbd import BetaGeo
    from kam.clv.choices import ForecastColumns, PurchaseModelName, SpendModelName
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
    from kam.clv.forecast import Forecast, fit_forecast
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
    "Forecast": "kam.clv.forecast",
    "ForecastColumns": "kam.clv.choices",
    "GammaGamma": "kam.clv.gammagamma",
    "HoldoutCheck": "kam.clv.holdout",
    "InvalidSpendError": "kam.clv.errors",
    "SpendNotIdentifiedError": "kam.clv.errors",
    "InvalidSummaryError": "kam.clv.errors",
    "ParetoNBD": "kam.clv.paretonbd",
    "PurchaseModelName": "kam.clv.choices",
    "SpendModelName": "kam.clv.choices",
    "SpendModel": "kam.clv.clv",
    "TimeUnit": "kam.clv.summary",
    "customer_lifetime_value": "kam.clv.clv",
    "discount_rate_per_period": "kam.clv.clv",
    "fit_forecast": "kam.clv.forecast",
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
    "Forecast",
    "ForecastColumns",
    "GammaGamma",
    "HoldoutCheck",
    "InvalidSpendError",
    "InvalidSummaryError",
    "ParetoNBD",
    "PurchaseModelName",
    "SpendModel",
    "SpendModelName",
    "SpendNotIdentifiedError",
    "TimeUnit",
    "customer_lifetime_value",
    "discount_rate_per_period",
    "fit_forecast",
    "holdout_check",
    "periods_in_months",
    "rfm_summary",
]
