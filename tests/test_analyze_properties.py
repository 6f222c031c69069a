"""Property-based: `kam analyze` on well-shaped data with extreme numbers finishes with strict JSON and
finite figures, or stops with a KamError; it never writes NaN or Infinity and never fails otherwise."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from kam.errors import KamError
from kam.io.options import OnError, ReadOptions
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze

# numbers a cell may hold (mostly, and mostly positive as sales are), and any float or integer at all
EDGES = [0.0, -0.0, 1e15, -1e15, 999_999_999_999_999.9, 1e-300, 5e-324, -5e-324, 1e-9, 0.01]
VALID = st.one_of(st.sampled_from(EDGES), st.floats(min_value=-1e15, max_value=1e15))
POSITIVE = st.one_of(st.sampled_from([1e15, 1e-300, 5e-324, 0.01]), st.floats(min_value=0, max_value=1e15))
ANY = st.one_of(st.sampled_from([1e308, -1e308, 1e16, 2.0**63]), st.floats(), st.integers(-(2**70), 2**70))
NUMBERS = st.one_of(POSITIVE, POSITIVE, VALID, ANY)
LINE = st.tuples(
    st.sampled_from(["A", "B", "C", "D"]),
    st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2024, 12, 31)),
    NUMBERS,
    NUMBERS,
    st.sampled_from(["O1", "O2", "O3", "C4"]),
)
# payment days and yearly service cost: one in ten anything at all, else what a cell may hold
TERMS = st.integers(0, 9).flatmap(lambda i: ANY if i == 0 else POSITIVE)
CUSTOMER = st.tuples(st.sampled_from(["A", "B", "C", "E"]), TERMS, TERMS)


def strict_json(text: str) -> object:
    """Parse as strict JSON: NaN, Infinity and -Infinity are not JSON."""

    def refuse(token: str) -> object:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def _write(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [header, *[[repr(v) if isinstance(v, float) else v for v in r] for r in rows]]
        )
    return path


def _analyze(
    lines: list[tuple[object, ...]], customers: list[tuple[object, ...]], on_error: OnError, forecast: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _write(root / "t.csv", ["customer_id", "date", "amount", "cost", "order_id"], lines)
        table = (
            _write(root / "c.csv", ["customer_id", "payment_days", "service_cost"], customers)
            if customers
            else None
        )
        options = AnalyzeOptions(
            str(source),
            customers=table,
            out=root / "out",
            read=ReadOptions(on_error=on_error),
            forecast=forecast,
            as_of=dt.date(2025, 1, 1),
        )
        try:
            result = run_analyze(options, Settings())
        except KamError as exc:
            event(f"refused: {getattr(exc.message, 'key', type(exc).__name__)}")
            assert not (root / "out" / "summary.json").exists()
            return
        event("analysed")
        summary = strict_json((root / "out" / "summary.json").read_text(encoding="utf-8"))
        assert isinstance(summary, dict) and summary["customers"] == result.analysis.accounts.shape[0]
        accounts = pl.read_parquet(root / "out" / "accounts.parquet")
        for column in accounts.select(pl.selectors.float()).columns:
            values = accounts[column].drop_nulls().to_list()
            assert all(math.isfinite(v) for v in values), column
        assert not any(
            word in (r or "").lower() for r in accounts["reasons"].to_list() for word in ("nan", "inf")
        )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(LINE, min_size=1, max_size=12),
    customers=st.lists(CUSTOMER, max_size=4, unique_by=lambda c: c[0]),
    on_error=st.sampled_from([OnError.SKIP, OnError.SKIP, OnError.RAISE]),
)
# found by CI: two orders on one day have a usual gap of 0 days, and "overdue" said "inf× its usual gap"
@example(
    lines=[("A", dt.date(2024, 10, 1), 1e15, 1e15, "O1"), ("A", dt.date(2024, 10, 1), 1e15, 0.0, "O2")],
    customers=[],
    on_error=OnError.SKIP,
)
def test_extreme_numbers_give_strict_json_or_a_kam_error(
    lines: list[tuple[object, ...]], customers: list[tuple[object, ...]], on_error: OnError
) -> None:
    _analyze(lines, customers, on_error, forecast=False)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, min_size=2, max_size=12))
def test_extreme_numbers_with_forecasts(lines: list[tuple[object, ...]]) -> None:
    _analyze(lines, [], OnError.SKIP, forecast=True)
