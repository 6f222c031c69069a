"""`kam calls analyze --store --at`: a time far outside the plausible window is a clear error before
anything is read or stored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app

STEEL = str(Path(__file__).resolve().parents[1] / "data" / "calls" / "en_steel_good.vtt")


@pytest.mark.parametrize(
    "at",
    [
        "9999-12-31",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T01:00",
        "1000-01-01",
        "1900-12-31T10:00",
        (dt.date.today() + dt.timedelta(days=2)).isoformat(),
    ],
)
def test_an_absurd_at_is_refused(tmp_path: Path, at: str) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    args = ["calls", "analyze", STEEL, "--sales", "Amy Chen", "--store", "--account", "K1", "--db", db]
    result = CliRunner().invoke(app, [*args, "--at", at])
    assert result.exit_code == 2
    assert f"--at {at!r}" in result.output and "1901-01-01" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "ws.db").exists()


@pytest.mark.parametrize("at", ["1901-01-01T00:00+00:00", f"{dt.date.today().isoformat()}T00:00+00:00"])
def test_a_plausible_at_is_stored(tmp_path: Path, at: str) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert runner.invoke(app, ["workspace", "init", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["accounts", "add", "K1", "--name", "Steel Co", "--db", db]).exit_code == 0
    args = ["calls", "analyze", STEEL, "--sales", "Amy Chen", "--store", "--account", "K1", "--db", db]
    result = runner.invoke(app, [*args, "--at", at])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(app, ["interactions", "list", "--db", db, "--json"]).output)
    assert [item["occurred_at"][:10] for item in listed] == [at[:10]]
