"""Forecast columns for `kam analyze` from the CLV models (filled in when kam.clv is wired in)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw

from kam.clv.settings import ClvSettings


def forecast_customers(
    lines: nw.LazyFrame[Any], as_of: dt.date, settings: ClvSettings, warnings: list[str]
) -> nw.DataFrame[Any] | None:
    """Per-customer p_alive, expected purchases, expected spend and 12-month CLV, or None if not possible."""
    return None
