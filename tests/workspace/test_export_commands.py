"""`kam interactions add` and `kam export` run for real on both databases: who took part is stored
(a stakeholder by name), a stranger is refused by name with exit 2, and an export never replaces a file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _workspace(db: str) -> None:
    _ok("workspace", "init", "--db", db)
    _ok("users", "add", "amy", "--role", "rep", "--db", db)
    _ok("users", "add", "bob", "--role", "rep", "--db", db)
    _ok("accounts", "add", "A1", "--name", "=cmd|' /C calc'!A0", "--owner", "amy", "--db", db)
    _ok("accounts", "add", "B1", "--name", "Bob's", "--owner", "bob", "--db", db)


def test_interactions_add_stores_who_took_part(workspace_url: str, tmp_path: Path) -> None:
    db = workspace_url
    _workspace(db)
    stakeholders = tmp_path / "s.csv"
    stakeholders.write_text("account,name\nA1,王偉\n", encoding="utf-8")
    _ok("stakeholders", "import", str(stakeholders), "--db", db)
    out = _ok(
        "interactions", "add", "A1", "--kind", "note", "--at", "2025-03-14T10:30+08:00", "--with", "王偉",
        "--present", "amy", "--notes", "報價下週", "--as", "amy", "--json", "--db", db,
    )  # fmt: skip
    added = json.loads(out)
    assert (added["kind"], added["present"], added["notes"], len(added["stakeholders"])) == (
        "note",
        ["amy"],
        "報價下週",
        1,
    )
    listed = json.loads(_ok("stakeholders", "list", "--json", "--db", db))
    assert [s["last_contact"] for s in listed] == ["2025-03-14"]
    refused = runner.invoke(
        app, ["interactions", "add", "A1", "--kind", "visit", "--present", "bob", "--db", db]
    )
    assert refused.exit_code == 2 and "'bob'" in refused.output and "Traceback" not in refused.output
    unknown = runner.invoke(
        app, ["interactions", "add", "A1", "--kind", "visit", "--with", "李娜", "--db", db]
    )
    assert unknown.exit_code == 2 and "李娜" in unknown.output
    assert len(json.loads(_ok("interactions", "list", "--json", "--db", db))) == 1


def test_export_writes_a_new_file_of_what_the_user_may_see(workspace_url: str, tmp_path: Path) -> None:
    db = workspace_url
    _workspace(db)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "accounts.csv"
    _ok("export", "accounts", "--format", "csv", "--out", str(out), "--as", "amy", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(r["code"], r["name"]) for r in rows] == [("A1", "'=cmd|' /C calc'!A0")]
    out.write_bytes(b"mine")
    again = runner.invoke(app, ["export", "accounts", "--out", str(out), "--db", db])
    assert again.exit_code == 2 and str(out) in again.output and out.read_bytes() == b"mine"
    assert [p.name for p in folder.iterdir()] == ["accounts.csv"]  # nothing staged is left
    book = folder / "all.xlsx"
    _ok("export", "accounts", "--format", "xlsx", "--out", str(book), "--db", db)
    import openpyxl

    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    header, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
    names = sorted(row[header.index("name")] for row in rows)
    assert names == ["'=cmd|' /C calc'!A0", "Bob's"]
