"""Property-based: whatever a file holds, the readers return a table or raise a KamError, never anything else."""

from __future__ import annotations

import csv
import io
import math
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kam.errors import KamError
from kam.io.customers import load_customers
from kam.io.options import OnError, ReadOptions
from kam.io.parse import MAX_MAGNITUDE
from kam.io.transactions import LoadedTransactions, load_transactions

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, name: str, read: Callable[[Path], object]) -> object | KamError:
    """`read` on `data` saved as `name`: its result, or the KamError it raised (anything else fails)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read(path)
        except KamError as exc:
            return exc


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue().encode("utf-8")


def _numbers_are_finite(loaded: LoadedTransactions) -> None:
    """Every number read is finite and within the limit (an amount computed as quantity x unit price,
    within the limit squared)."""
    frame = loaded.frame.collect()
    for column in ("amount", "cost", "quantity", "unit_price"):
        if column in frame.columns:
            limit = MAX_MAGNITUDE if column in loaded.mapping else MAX_MAGNITUDE**2
            values = frame[column].drop_nulls().to_list()
            assert all(math.isfinite(v) and abs(v) <= limit for v in values), column


# a header kam recognises, then lines of anything
_HEADERS = st.sampled_from(
    [
        b"customer_id,date,amount\n",
        b"customer_id,date,amount,cost,quantity\n",
        b"customer_id;date;amount\n",
        b"customer_id\tdate\tquantity\tunit_price\n",
        b"",
    ]
)


@BOUNDED
@given(header=_HEADERS, body=st.binary(max_size=400))
def test_any_bytes_as_transactions(header: bytes, body: bytes) -> None:
    result = _read(header + body, "t.csv", lambda p: load_transactions(p, ReadOptions(on_error=OnError.SKIP)))
    if isinstance(result, LoadedTransactions):
        _numbers_are_finite(result)


@BOUNDED
@given(
    header=st.sampled_from([b"customer_id,payment_days,service_cost\n", b""]), body=st.binary(max_size=400)
)
def test_any_bytes_as_customers(header: bytes, body: bytes) -> None:
    _read(header + body, "c.csv", load_customers)


_CELL = st.text(max_size=12)
_NUMBER_TEXT = st.one_of(
    st.floats().map(repr),
    st.floats().map(str),
    st.integers().map(str),
    st.sampled_from(
        ["inf", "-Infinity", "NaN", "1e400", "1e308", "(1,234.50)", "NT$1,000", "１２３", "1.234,5"]
    ),
    _CELL,
)


@BOUNDED
@given(
    rows=st.lists(
        st.tuples(_CELL, st.one_of(_CELL, st.dates().map(str)), _NUMBER_TEXT, _NUMBER_TEXT),
        min_size=1,
        max_size=8,
    ),
    on_error=st.sampled_from(list(OnError)),
)
def test_any_cells_in_a_well_formed_transactions_file(
    rows: list[tuple[str, str, str, str]], on_error: OnError
) -> None:
    data = _csv(["customer_id", "date", "amount", "cost"], [list(r) for r in rows])
    result = _read(data, "t.csv", lambda p: load_transactions(p, ReadOptions(on_error=on_error)))
    if isinstance(result, LoadedTransactions):
        _numbers_are_finite(result)


@BOUNDED
@given(rows=st.lists(st.tuples(_CELL, _NUMBER_TEXT, _NUMBER_TEXT, _CELL), min_size=1, max_size=8))
def test_any_cells_in_a_well_formed_customers_file(rows: list[tuple[str, str, str, str]]) -> None:
    data = _csv(["customer_id", "payment_days", "service_cost", "since"], [list(r) for r in rows])
    result = _read(data, "c.csv", load_customers)
    if isinstance(result, pl.DataFrame):
        for column in ("payment_days", "service_cost"):
            values = result[column].drop_nulls().to_list()
            assert all(math.isfinite(v) and 0 <= v <= MAX_MAGNITUDE for v in values), column
