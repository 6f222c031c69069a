"""Shared test fixtures: a constructed portfolio whose verdicts are known by design, and workspace databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

AS_OF = dt.date(2025, 12, 31)
DATA = Path(__file__).parent / "data"


def _monthly(
    customer: str, start: dt.date, months: int, amount: float, cost: float, list_amount: float | None = None
) -> list[dict[str, object]]:
    rows = []
    for m in range(months):
        year, month = start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1
        rows.append(
            {
                "customer_id": customer,
                "date": dt.date(year, month, min(start.day, 28)),
                "order_id": f"{customer}-{m:03d}",
                "amount": amount,
                "cost": cost,
                "list_amount": list_amount if list_amount is not None else amount * 1.05,
                "quantity": amount / 1000,
            }
        )
    return rows


def portfolio_lines() -> pl.DataFrame:
    """36 customers: KEY1, ONEOFF, THIN, SQUEEZE, LAPSED, RISING and 30 small regular fillers."""
    rows: list[dict[str, object]] = []
    rows += _monthly("KEY1", dt.date(2024, 1, 21), 24, 50_000, 40_000)
    rows += _monthly("THIN", dt.date(2024, 1, 15), 24, 40_000, 39_000)
    rows += _monthly("SQUEEZE", dt.date(2024, 1, 10), 24, 45_000, 36_000, list_amount=60_000)
    rows += _monthly("LAPSED", dt.date(2024, 1, 5), 12, 45_000, 36_000)
    rows += [
        {
            "customer_id": "ONEOFF",
            "date": dt.date(2024, 12, 20),
            "order_id": "ONEOFF-1",
            "amount": 400_000.0,
            "cost": 320_000.0,
            "list_amount": 420_000.0,
            "quantity": 400.0,
        }
    ]
    rows += _monthly("RISING", dt.date(2024, 3, 1), 2, 2_000, 1_600)[:1]
    rows += _monthly("RISING", dt.date(2024, 9, 1), 1, 2_000, 1_600)
    rows += _monthly("RISING", dt.date(2025, 3, 12), 10, 6_000, 4_800)
    for i in range(30):
        rows += _monthly(f"F{i:02d}", dt.date(2024, 2 + i % 6, 3), 4, 1_000, 800)[::1]
    frame = pl.DataFrame(rows)
    # fillers buy every 6 months: keep every other monthly order, spread over two years
    fillers = pl.col("customer_id").str.starts_with("F")
    spread = frame.filter(fillers).with_columns(
        date=pl.col("date").dt.offset_by(
            pl.format("{}mo", (pl.col("order_id").str.slice(-3).cast(pl.Int32) * 5))
        )
    )
    return pl.concat([frame.filter(~fillers), spread]).sort("date")


def portfolio_customers() -> pl.DataFrame:
    ids = ["KEY1", "THIN", "SQUEEZE", "LAPSED", "ONEOFF", "RISING"] + [f"F{i:02d}" for i in range(30)]
    return pl.DataFrame(
        {
            "customer_id": ids,
            "payment_days": [30.0, 35.0, 120.0, 40.0, 30.0, 30.0] + [30.0] * 30,
            "service_cost": [5_000.0, 5_000.0, 8_000.0, 5_000.0, 0.0, 500.0] + [100.0] * 30,
            "referred_by": [None, None, None, None, None, "KEY1"] + ["KEY1", "KEY1"] + [None] * 28,
        }
    )


@pytest.fixture
def lines() -> pl.DataFrame:
    return portfolio_lines()


@pytest.fixture
def customers() -> pl.DataFrame:
    return portfolio_customers()


@pytest.fixture
def portfolio_files(tmp_path: Path) -> tuple[Path, Path]:
    tx, cu = tmp_path / "transactions.csv", tmp_path / "customers.csv"
    portfolio_lines().write_csv(tx)
    portfolio_customers().write_csv(cu)
    return tx, cu


@pytest.fixture(autouse=True)
def _dispose_shared_engines() -> Iterator[None]:
    """Each test's workspaces are closed when it ends: the engines kam shares in a process would otherwise
    keep PostgreSQL connections open, one pool per test's schema, until the run ends."""
    yield
    import sys

    db = sys.modules.get("kam.workspace.db")
    if db is not None:
        db.dispose_engines()


@pytest.fixture
def postgres_url() -> str:
    """A real PostgreSQL server: .ci/run starts one and sets KAM_TEST_POSTGRES_URL."""
    import os

    url = os.environ.get("KAM_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide KAM_TEST_POSTGRES_URL (see .ci/run)")
        pytest.skip("KAM_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workspace_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for the workspace: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.db'}"
        return
    import uuid

    import sqlalchemy as sa

    base = sa.make_url(request.getfixturevalue("postgres_url"))
    schema = f"kam_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# Spark on this machine's two cores, tuned for the tests' small data: few shuffle partitions, no whole-stage
# code generation or adaptive re-planning (each costs more than it saves on a few thousand rows), a
# quickly started JVM, and no web UI or progress bars.
SPARK_TEST_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.adaptive.enabled": "false",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """One local SparkSession for the whole test run (a JVM start costs 10-30 s here); commands run in
    the tests find it with getOrCreate. CI installs pyspark and Java: there a missing one fails."""
    import os

    try:
        import pyspark  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI must install pyspark (the dev extra) and Java (see .ci/run)")
        pytest.skip("pyspark is not installed")
    from kam.spark.session import SparkOptions, spark_session

    session = spark_session(SparkOptions(master="local[2]", conf=SPARK_TEST_CONF))
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def analyses(tmp_path_factory: pytest.TempPathFactory) -> dict[dt.date, Path]:
    """Real `kam analyze` outputs for the team of tests/workspace/team.py at two dates, made once
    (tests/workspace/analysis/analyses.py says what they find)."""
    from tests.workspace.analysis.analyses import analyse

    return analyse(tmp_path_factory.mktemp("analyses"))
