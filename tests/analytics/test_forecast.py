"""When the customer-base models cannot be fitted, `kam analyze` still judges every customer and says why
there is no forecast (the forecasts themselves are checked on the demo company, tests/demo)."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl

from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings
from kam.clv.settings import ClvSettings
from kam.i18n import Notice

AS_OF = dt.date(2025, 12, 31)


def _one_purchase_each() -> pl.LazyFrame:
    """40 customers who each bought once: nothing for a repeat-purchase model to learn from."""
    rows = [(f"C{i:02d}", AS_OF - dt.timedelta(days=5 * i), 100.0 + 7 * i) for i in range(40)]
    frame = pl.DataFrame(
        rows, schema={"customer_id": pl.String, "date": pl.Date, "amount": pl.Float64}, orient="row"
    )
    return frame.with_columns(is_cancellation=pl.lit(False)).lazy()


def test_no_forecast_but_a_notice_when_nobody_repeats() -> None:
    warnings: list[str] = []
    analysis = analyze_lines(
        nw.from_native(_one_purchase_each()),
        as_of=AS_OF,
        settings=ValueSettings(),
        clv=ClvSettings(),
        warnings=warnings,
    )
    accounts = analysis.accounts.to_native()
    assert accounts.height == 40
    assert "p_alive" not in accounts.columns and "clv_12m" not in accounts.columns
    notices = [w for w in warnings if isinstance(w, Notice) and w.key == "no_forecast"]
    assert len(notices) == 1
    assert "no CLV forecast" in notices[0] and "purchase_model" in notices[0]
    assert notices[0].say("zh-Hant").startswith("未做客戶終身價值預測")
