"""Forecast columns of `kam analyze` from the one forecast of kam.clv (the one `kam clv fit` writes too).

The accounts get P(alive), expected purchases and spend, and the discounted revenue over the horizon;
the pipeline values it at each customer's margin (kam.analytics.economics.clv_margin) once the
margins are known.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw

from kam.clv.choices import ForecastColumns
from kam.clv.errors import ClvError
from kam.clv.forecast import fit_forecast
from kam.clv.settings import ClvSettings
from kam.i18n import Notice

ACCOUNT_FORECAST = ForecastColumns(
    p_alive="p_alive",
    expected_purchases="expected_purchases_12m",
    expected_spend="expected_spend",
    value="clv_revenue_12m",
)
REVENUE = 1.0  # the value is revenue here; economics.clv_margin turns it into margin per customer


def forecast_customers(
    purchases: nw.LazyFrame[Any], as_of: dt.date, settings: ClvSettings, warnings: list[str]
) -> nw.DataFrame[Any] | None:
    """Per-customer forecasts from purchases (customer_id, date, amount; one row per order, see
    kam.analytics.metrics.purchase_orders), or None
    (with a warning saying why and which other model to try) when the purchase model cannot be fitted."""
    try:
        result = fit_forecast(purchases, calibration_end=as_of, settings=settings)
    except ClvError as exc:
        warnings.append(Notice("no_forecast", reason=exc.message, other=settings.purchase_model.other.value))
        return None
    warnings.extend(result.notices)
    return nw.from_native(result.table(ACCOUNT_FORECAST, margin=REVENUE))
