"""Real `kam analyze` outputs for the team of tests/workspace/team.py: the constructed portfolio of
tests/conftest.py with its customers renamed to the team's accounts, analysed at two dates.

At 2024-12-31 and then 2025-12-31: A (amy's, KEY1) is a key account both times; N (ann's, LAPSED) goes
from key to lapsed; U (unowned, RISING) from regular to potential; B (bob's) stays a profit squeezer,
M (max's) a low-profit volume buyer, D (ada's) a one-off bulk buyer; the 30 F.. fillers (accounts the
team lacks) stay regular.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from kam.cli import app
from tests.conftest import portfolio_customers, portfolio_lines

RENAMED = {"KEY1": "A", "LAPSED": "N", "SQUEEZE": "B", "THIN": "M", "ONEOFF": "D", "RISING": "U"}
EARLIER, LATER = dt.date(2024, 12, 31), dt.date(2025, 12, 31)
FILLERS = {f"F{i:02d}" for i in range(30)}


def _renamed(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).replace(RENAMED) for c in columns)


def analyse(folder: Path) -> dict[dt.date, Path]:
    """The team's portfolio analysed at EARLIER and LATER, into folder/<date>; each date -> its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines, customers = folder / "transactions.csv", folder / "customers.csv"
    _renamed(portfolio_lines(), "customer_id").write_csv(lines)
    _renamed(portfolio_customers(), "customer_id", "referred_by").write_csv(customers)
    outs = {}
    for as_of in (EARLIER, LATER):
        out = folder / as_of.isoformat()
        args = ["analyze", str(lines), "--customers", str(customers), "--as-of", as_of.isoformat()]
        result = CliRunner().invoke(app, [*args, "--out", str(out), "--no-forecast"])
        assert result.exit_code == 0, result.output
        outs[as_of] = out
    return outs
