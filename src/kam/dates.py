"""Date arithmetic that every narwhals backend evaluates the same way (Polars, DuckDB, Spark).

Backends disagree on what `date - date` is (a duration in Polars, a number of days in DuckDB) and not
all of them convert dates to epoch numbers, so a day count is built from the year and the day of the
year with integer arithmetic (proleptic Gregorian calendar), which every backend evaluates.
"""

from __future__ import annotations

import datetime as dt

import narwhals as nw

EPOCH = dt.date(1970, 1, 1)


def day_number(value: nw.Expr | dt.date) -> nw.Expr:
    """Days since 1970-01-01 of a date column or a fixed date (dates from 1901 on)."""
    if isinstance(value, dt.date):
        return nw.lit(float((value - EPOCH).days))
    year = value.dt.year().cast(nw.Int64)
    leap_days = (year - 1969) // 4 - (year - 1901) // 100 + (year - 1601) // 400
    days = 365 * (year - 1970) + leap_days + value.dt.ordinal_day().cast(nw.Int64) - 1
    return days.cast(nw.Float64)


def days_between(later: nw.Expr | dt.date, earlier: nw.Expr | dt.date) -> nw.Expr:
    """later - earlier, in whole days (a datetime counts by its date)."""
    return day_number(later) - day_number(earlier)
