"""Dates in business data: where plausible dates begin."""

from __future__ import annotations

import datetime as dt

# ERPs write a missing date as 1900-01-01 or 0001-01-01: a date before this one is a data error, in the
# transactions, the customers table and the time of a call (the value.earliest_date setting's default)
EARLIEST_DATE = dt.date(1901, 1, 1)
