"""Customer-base models (buy-till-you-die): BG/NBD, Pareto/NBD, Gamma-Gamma spend and CLV.

Pure numeric core: numpy/scipy for the models, narwhals expressions for the transaction summaries.
"""

from kam.clv.bgnbd import BetaGeo
from kam.clv.clv import (
    EmpiricalSpend,
    SpendModel,
    customer_lifetime_value,
    discount_rate_per_period,
    periods_in_months,
)
from kam.clv.errors import ClvError, ConvergenceError, InvalidSpendError, InvalidSummaryError
from kam.clv.gammagamma import GammaGamma
from kam.clv.holdout import HoldoutCheck, holdout_check
from kam.clv.paretonbd import ParetoNBD
from kam.clv.plot import holdout_svg
from kam.clv.settings import ClvSettings
from kam.clv.summary import TimeUnit, rfm_summary

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
    "TimeUnit",
    "customer_lifetime_value",
    "discount_rate_per_period",
    "holdout_check",
    "holdout_svg",
    "periods_in_months",
    "rfm_summary",
]
