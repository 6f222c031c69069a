"""--streaming must stream: no step of the line-level passes may need a whole column in memory.

Polars falls back to a "columnar" node for an expression its streaming engine cannot run piece by piece
(`replace` once did that here and a 100M-line run took 11 GB instead of 3); its verbose log names the
nodes it runs, so the test reads that log from a real run on a small Parquet file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl

from tests.conftest import portfolio_lines


def test_streaming_runs_no_whole_column_step(tmp_path: Path) -> None:
    source = tmp_path / "lines.parquet"
    lines = portfolio_lines()
    pl.concat([lines.with_columns(pl.col("customer_id") + f"-{i}") for i in range(20)]).write_parquet(source)
    done = subprocess.run(
        [sys.executable, "-m", "kam", "analyze", str(source), "--streaming", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env={**os.environ, "POLARS_VERBOSE": "1"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nodes = {
        line.split("running ", 1)[1].split(" in subgraph")[0]
        for line in done.stderr.splitlines()
        if "polars-stream: running" in line
    }
    assert "group-by" in nodes and any(n.startswith("multi-scan") for n in nodes), nodes
    assert not {n for n in nodes if "columnar" in n or "in-memory-map" in n}, nodes
