"""`kam calls analyze --store`: analysed calls become interactions of an account, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import display_url
from tests.calls.conftest import DATA

runner = CliRunner()
HEADER = dt.datetime(2025, 3, 14, 2, 30, tzinfo=dt.UTC)  # the time the transcripts' headers give
MTIME = dt.datetime(2001, 2, 3, 4, 5, tzinfo=dt.UTC)  # their files' modification time, never used
HEADERS = {  # where each format says it: the WebVTT header, a first line of plain text
    "en_steel_good.vtt": (b"WEBVTT", b"WEBVTT - recorded 2025-03-14T10:30:00+08:00"),
    "zh_hant_pushy_big5.txt": (b"", b"2025-03-14 02:30Z\n"),
}


@pytest.fixture
def db(workspace_url: str) -> str:
    for args in (["workspace", "init"], ["accounts", "add", "C001", "--name", "Acme"]):
        result = runner.invoke(app, [*args, "--db", workspace_url])
        assert result.exit_code == 0, result.output
    return workspace_url


@pytest.fixture
def calls(tmp_path: Path) -> dict[str, Path]:
    """Copies of corpus files whose headers say when the call took place, modified at another time."""
    copies = {}
    for name in ("en_steel_good.vtt", "zh_hant_pushy_big5.txt", "err_no_sales.json"):
        copies[name] = tmp_path / name
        data = (DATA / name).read_bytes()
        if name in HEADERS:
            old, new = HEADERS[name]
            data = new + data[len(old) :] if data.startswith(old) else data
        copies[name].write_bytes(data)
        os.utime(copies[name], (MTIME.timestamp(), MTIME.timestamp()))
    return copies


def _analyze(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["calls", "analyze", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def _interactions(db: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["interactions", "list", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_store_records_every_call_on_the_account(db: str, calls: dict[str, Path]) -> None:
    steel, pushy = calls["en_steel_good.vtt"], calls["zh_hant_pushy_big5.txt"]
    code, out, _ = _analyze(
        steel, pushy, "--sales", "Amy", "--sales", "張志明", "--store", "--account", "C001", "--db", db
    )
    assert code == 0
    assert "Call analysis" in out
    assert out.endswith(
        f"Stored 2 calls on account C001 in {display_url(db)}: 2 new, 0 updated.\n"
        "9 proposals for account C001 from these calls: see `kam proposals list C001`.\n"
    )
    stored = {i["source_file"]: i for i in _interactions(db)}
    assert set(stored) == {steel.name, pushy.name}
    for path in (steel, pushy):
        item = stored[path.name]
        assert item["transcript_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (item["account_code"], item["kind"], item["stage"]) == ("C001", "call", "discovery")
        assert dt.datetime.fromisoformat(str(item["occurred_at"])) == HEADER
        assert (item["present"], item["present_names"]) == ([], ["Amy", "張志明"])  # no such users
    assert stored[pushy.name]["analysis"]["flags"] == [
        "not_listening",
        "early_pitch",
        "price_too_early",
        "no_discovery",
    ]


def test_storing_again_updates_and_at_and_kind_are_used(db: str, calls: dict[str, Path]) -> None:
    steel = calls["en_steel_good.vtt"]
    assert _analyze(steel, "--sales", "Amy", "--store", "--account", "C001", "--db", db)[0] == 0
    code, out, _ = _analyze(
        steel, "--sales", "Amy", "--store", "--account", "C001", "--db", db,
        "--at", "2025-04-01T09:00+08:00", "--kind", "visit", "--stage", "proposal",
    )  # fmt: skip
    assert code == 0 and out.endswith(
        "1 call on account C001 in " + display_url(db) + ": 0 new, 1 updated.\n"
    )
    [item] = _interactions(db)
    assert (item["kind"], item["stage"]) == ("visit", "proposal")
    assert dt.datetime.fromisoformat(str(item["occurred_at"])) == dt.datetime(2025, 4, 1, 1, 0, tzinfo=dt.UTC)


def test_one_bad_file_means_nothing_is_stored(db: str, calls: dict[str, Path]) -> None:
    code, out, err = _analyze(
        calls["en_steel_good.vtt"],
        calls["err_no_sales.json"],
        "--sales",
        "Amy",
        "--store",
        "--account",
        "C001",
        "--db",
        db,
    )
    assert code == 1
    assert "Call analysis" in out  # the good file is still reported
    assert "no sales speaker found" in err
    assert err.endswith("Nothing stored: fix or leave out the files above, then run again.\n")
    assert _interactions(db) == []


def test_json_lines_stay_clean_and_the_summary_goes_to_stderr(db: str, calls: dict[str, Path]) -> None:
    store = ["--store", "--account", "C001", "--db", db]
    code, out, err = _analyze(
        calls["en_steel_good.vtt"], "--sales", "Amy", *store, "--json", "--lang", "zh-Hant"
    )
    assert code == 0
    assert [json.loads(line)["language"] for line in out.splitlines()] == ["en"]
    assert err.startswith("已將 1 通通話存入客戶 C001")


def test_an_unknown_account_stops_before_any_analysis(db: str, calls: dict[str, Path]) -> None:
    code, out, err = _analyze(
        calls["en_steel_good.vtt"], "--sales", "Amy", "--store", "--account", "NOPE", "--db", db
    )
    assert (code, out) == (2, "")
    assert "no account with code 'NOPE'" in err


def test_an_uninitialised_workspace_asks_for_init(tmp_path: Path, calls: dict[str, Path]) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    code, _, err = _analyze(
        calls["en_steel_good.vtt"], "--sales", "Amy", "--store", "--account", "C001", "--db", db
    )
    assert code == 2 and "run `kam workspace init --db" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--store"], "error: --store needs --account CODE: the account these calls belong to\n"),
        (["--account", "C001", "--at", "2025-03-14"], "error: --account, --at only apply with --store\n"),
        (
            ["--store", "--account", "C001", "--at", "yesterday"],
            "error: --at 'yesterday': expected a date and time such as 2025-03-14T10:30 or 2025-03-14T10:30+08:00\n",
        ),
    ],
)
def test_store_options_are_checked_first(args: list[str], message: str) -> None:
    assert _analyze(DATA / "en_steel_good.vtt", "--sales", "Amy", *args) == (2, "", message)


def test_a_nan_time_is_refused_before_anything_is_stored(db: str, tmp_path: Path) -> None:
    nan = tmp_path / "nan.json"
    nan.write_text(
        '[{"speaker": "Amy", "start": 0, "end": NaN, "text": "What do you need?"},'
        ' {"speaker": "Lin", "start": 1, "end": Infinity, "text": "Rebar."}]',
        encoding="utf-8",
    )
    code, out, err = _analyze(nan, "--sales", "Amy", "--store", "--account", "C001", "--db", db)
    assert (code, out) == (1, "")
    assert f"{nan}: segment 1, field 'end'" in err and "NaN" in err
    assert _interactions(db) == []


def test_store_as_a_user_needs_an_account_they_may_change(db: str, calls: dict[str, Path]) -> None:
    for args in (
        ["users", "add", "amy", "--role", "rep"],
        ["accounts", "add", "A1", "--name", "Amy's", "--owner", "amy"],
    ):
        assert runner.invoke(app, [*args, "--db", db]).exit_code == 0
    steel = calls["en_steel_good.vtt"]
    code, _, err = _analyze(
        steel, "--sales", "Amy", "--store", "--account", "C001", "--as", "amy", "--db", db
    )
    assert code == 2 and err.startswith("error: no account with code 'C001'")
    assert _analyze(steel, "--sales", "Amy", "--store", "--account", "A1", "--as", "amy", "--db", db)[0] == 0
    result = runner.invoke(app, ["accounts", "show", "A1", "--json", "--as", "amy", "--db", db])
    [item] = json.loads(result.stdout)["interactions"]
    assert (item["source_file"], item["present"], item["present_names"]) == (steel.name, ["amy"], [])
    assert _analyze(steel, "--sales", "Amy", "--as", "amy") == (
        2,
        "",
        "error: --as only apply with --store\n",
    )


def test_touching_the_file_changes_nothing(db: str, calls: dict[str, Path]) -> None:
    steel = calls["en_steel_good.vtt"]
    assert _analyze(steel, "--sales", "Amy", "--store", "--account", "C001", "--db", db)[0] == 0
    before = _interactions(db)
    os.utime(steel, (MTIME.timestamp() + 86_400 * 400, MTIME.timestamp() + 86_400 * 400))
    assert _analyze(steel, "--sales", "Amy", "--store", "--account", "C001", "--db", db)[0] == 0
    after = _interactions(db)
    assert [i["occurred_at"] for i in after] == [i["occurred_at"] for i in before]
    assert dt.datetime.fromisoformat(str(after[0]["occurred_at"])) == HEADER


def test_a_call_that_says_no_time_needs_at_and_nothing_is_stored(db: str, tmp_path: Path) -> None:
    plain = tmp_path / "no_header.vtt"
    shutil.copyfile(DATA / "en_steel_good.vtt", plain)
    code, _, err = _analyze(plain, "--sales", "Amy", "--store", "--account", "C001", "--db", db)
    assert code == 2 and "no_header.vtt" in err and "--at" in err and "Traceback" not in err
    assert _interactions(db) == []
    assert (
        _analyze(plain, "--sales", "Amy", "--store", "--account", "C001", "--db", db, "--at", "2025-01-02")[0]
        == 0
    )
    assert [i["occurred_at"][:10] for i in _interactions(db)] == ["2025-01-02"]
