"""Fixtures of the page tests: the portfolio's report with hostile customer codes, names and file name."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from tests.conftest import portfolio_customers, portfolio_lines

# planted customers of the portfolio (each in a listed segment) renamed to markup, a template and entities
HOSTILE = {
    "KEY1": "</script><script>alert(1)</script>",
    "ONEOFF": '"><img src=x onerror=alert(1)>',
    "SQUEEZE": "{{ 7*7 }}",
    "LAPSED": "</svg><b>lapsed</b><!--",
    "RISING": "' onmouseover='alert(1)",
    "THIN": "&amp; &lt;i&gt;",
}
HOSTILE_NAMES = {
    "KEY1": "<iframe src=//example.com></iframe>",
    "SQUEEZE": "{% raw %}{{ config }}",
    "LAPSED": "</td></tr></table><h1>x</h1>",
    "RISING": "</script><script>alert(1)</script>",
}


@pytest.fixture
def hostile_report(tmp_path: Path) -> tuple[Path, Path]:
    """The portfolio with the planted customers' codes and names written as markup, read from a file whose
    name is markup too; returns (transactions file, report.html)."""
    folder = tmp_path / "in"
    folder.mkdir()
    tx, cu = folder / '"><img src=x onerror=alert(1)>.csv', folder / "customers.csv"
    codes = pl.col("customer_id").replace(HOSTILE)
    portfolio_lines().with_columns(codes).write_csv(tx)
    portfolio_customers().with_columns(
        pl.col("customer_id").replace(HOSTILE_NAMES).alias("name"),
        codes,
        pl.col("referred_by").replace(HOSTILE),
    ).with_columns(pl.when(pl.col("name").is_in(list(HOSTILE_NAMES.values()))).then("name")).write_csv(cu)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--no-forecast"]
    )
    assert result.exit_code == 0, result.output
    return tx, out / "report.html"
