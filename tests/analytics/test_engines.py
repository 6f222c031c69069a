"""One code path, several engines: the analysis gives the same numbers on Polars, DuckDB and Spark.

The expressions in kam.analytics.metrics and kam.clv.summary must not rely on Polars-only behaviour; the
whole analysis (accounts.csv, every column, the reasons' text included) must agree across engines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import narwhals as nw
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from kam.analytics.metrics import customer_metrics, order_lines
from kam.analytics.settings import ValueSettings
from kam.clv import rfm_summary
from kam.dates import day_number
from kam.domain.languages import Lang
from kam.engines import Engine
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, AnalyzeResult, run_analyze
from tests.conftest import AS_OF
from tests.same_accounts import assert_same_accounts, read_accounts

duckdb = pytest.importorskip("duckdb")


def _metrics(lines: nw.LazyFrame) -> pl.DataFrame:  # type: ignore[type-arg]
    orders = order_lines(lines, AS_OF, ValueSettings())
    return customer_metrics(orders, AS_OF, ValueSettings()).collect().to_polars().sort("customer_id")


def test_customer_metrics_match_on_duckdb(lines: pl.DataFrame) -> None:
    relation = duckdb.from_arrow(lines.to_arrow())
    on_polars = _metrics(nw.from_native(lines.lazy()))
    on_duckdb = _metrics(nw.from_native(relation))
    assert on_polars.height == 36
    assert_frame_equal(on_duckdb.select(on_polars.columns), on_polars, check_dtypes=False, check_exact=False)


def test_rfm_summary_matches_on_duckdb(lines: pl.DataFrame) -> None:
    purchases = lines.select("customer_id", "date", "amount")
    on_polars = rfm_summary(purchases.lazy(), unit="week").sort("customer_id")
    on_duckdb = rfm_summary(nw.from_native(duckdb.from_arrow(purchases.to_arrow())), unit="week").sort(
        "customer_id"
    )
    assert_frame_equal(on_duckdb, on_polars, check_dtypes=False, check_exact=False)


def test_day_number_is_days_since_1970() -> None:
    dates = pl.date_range(dt.date(1901, 1, 1), dt.date(2100, 12, 31), eager=True)
    frame = nw.from_native(pl.DataFrame({"d": dates}))
    got = frame.select(day_number(nw.col("d")).alias("n")).to_native()["n"].to_list()
    assert got == [(d - dt.date(1970, 1, 1)).days for d in dates.to_list()]


def _lines_with_duplicate_and_cancellation(lines: pl.DataFrame) -> pl.DataFrame:
    """The portfolio with one exact duplicate line and one cancelled order (order number C…)."""
    cancelled = lines.filter(pl.col("customer_id") == "KEY1").head(1).with_columns(order_id=pl.lit("C9001"))
    return pl.concat([lines, lines.head(1), cancelled])


@pytest.fixture
def portfolio_parquet(tmp_path: Path, lines: pl.DataFrame, customers: pl.DataFrame) -> tuple[Path, Path]:
    tx, cu = tmp_path / "transactions.parquet", tmp_path / "customers.csv"
    _lines_with_duplicate_and_cancellation(lines).write_parquet(tx)
    customers.write_csv(cu)
    return tx, cu


def _analyze(engine: Engine, files: tuple[Path, Path], out: Path, lang: Lang) -> AnalyzeResult:
    options = AnalyzeOptions(
        str(files[0]), customers=files[1], out=out, as_of=AS_OF, engine=engine, lang=lang
    )
    return run_analyze(options, Settings())


@pytest.mark.parametrize(
    ("engine", "lang"),
    [
        (Engine.DUCKDB, Lang.EN),
        (Engine.DUCKDB, Lang.ZH_HANT),
        pytest.param(Engine.SPARK, Lang.ZH_HANS, marks=pytest.mark.slow),
    ],
)
def test_whole_analysis_matches_polars(
    engine: Engine,
    lang: Lang,
    portfolio_parquet: tuple[Path, Path],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    spark = request.getfixturevalue("spark") if engine == Engine.SPARK else None
    on_polars = _analyze(Engine.POLARS, portfolio_parquet, tmp_path / "polars", lang)
    on_other = _analyze(engine, portfolio_parquet, tmp_path / engine.value, lang)
    assert_same_accounts(tmp_path / "polars", tmp_path / engine.value)
    accounts = read_accounts(tmp_path / engine.value)
    assert (
        dict(zip(accounts["customer_id"], accounts["segment"], strict=True))["SQUEEZE"] == "profit_squeezer"
    )
    for key in (
        "segments",
        "duplicate_lines",
        "cancellation_lines",
        "rows_read",
        "customers",
        "median_order",
    ):
        assert getattr(on_other.summary, key) == getattr(on_polars.summary, key), key
    assert on_polars.summary.duplicate_lines == 1 and on_polars.summary.cancellation_lines == 1
    figures, expected = on_other.analysis.figures.to_dict(), on_polars.analysis.figures.to_dict()
    assert figures.pop("basis") == expected.pop("basis") == "net_profit"
    assert figures == pytest.approx(expected, rel=1e-9)
    assert [str(w) for w in on_other.summary.warnings] == [str(w) for w in on_polars.summary.warnings]
    if spark is not None:  # the lines and orders it cached are dropped when the analysis ends
        assert spark._jsparkSession.sharedState().cacheManager().isEmpty()  # type: ignore[attr-defined]
