"""Every command prints data as plain text: markup in names is shown as typed, escape sequences never
reach the terminal, and an account named `[/]` breaks nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "400"}  # tables on one line each, so that the literal text can be found in them
CLOSE = "[/]"
LINK = "[link=http://evil]click me[/link]"
CLEAR = "\x1b[2J"
HYPERLINK = "\x1b]8;;http://evil\x07click\x1b]8;;\x07"
SHOWN_HYPERLINK = "]8;;http://evilclick]8;;"


def kam(*args: str) -> tuple[int, str]:
    """Exit code and everything printed (stdout and stderr), escape sequences kept (color=True)."""
    result = runner.invoke(app, list(args), env=WIDE, color=True)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def assert_no_escapes(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output and "\x9d" not in output


@pytest.fixture
def db(workspace_url: str, tmp_path: Path) -> str:
    """A workspace whose accounts, owners and call titles are hostile."""
    assert kam("workspace", "init", "--db", workspace_url)[0] == 0
    code, output = kam("accounts", "add", CLOSE, "--name", CLOSE, "--owner", LINK, "--db", workspace_url)
    assert code == 0 and output.startswith(f"Added account {CLOSE} ({CLOSE})"), output
    code, output = kam(
        "accounts", "add", "E1", "--name", f"Evil{CLEAR}{HYPERLINK}Co", "--industry", "\x1b[31mred",
        "--db", workspace_url,
    )  # fmt: skip
    assert code == 0, output
    assert_no_escapes(output)
    assert f"(Evil[2J{SHOWN_HYPERLINK}Co)" in output
    transcript = tmp_path / f"call {CLEAR}[bold].txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    code, output = kam(
        "calls", "analyze", str(transcript), "--sales", "Amy", "--store", "--account", CLOSE,
        "--at", "2026-03-02T10:00", "--db", workspace_url,
    )  # fmt: skip
    assert code == 0, output
    assert_no_escapes(output)
    return workspace_url


TRANSCRIPT = (
    "Amy: Hello.\n"
    f"Bob: {HYPERLINK} {LINK} we make pipes\n"
    f"Amy: Our price is 5000 per ton {CLEAR}[bold]today[/].\n"
    "Bob: ok\n"
)


def test_accounts_list(db: str) -> None:
    code, output = kam("accounts", "list", "--db", db)
    assert code == 0, output
    assert_no_escapes(output)
    assert f"│ {CLOSE} " in output and LINK in output
    assert f"Evil[2J{SHOWN_HYPERLINK}Co" in output and "[31mred" in output


def test_accounts_show(db: str) -> None:
    code, output = kam("accounts", "show", CLOSE, "--db", db)
    assert code == 0, output
    assert_no_escapes(output)
    assert output.startswith(f"{CLOSE}  {CLOSE}\n")
    assert f"owner: {LINK}" in output and "call [2J[bold].txt" in output
    code, output = kam("accounts", "show", "E1", "--db", db)
    assert code == 0, output
    assert_no_escapes(output)
    assert output.startswith(f"E1  Evil[2J{SHOWN_HYPERLINK}Co\n") and "industry: [31mred" in output


def test_the_json_output_keeps_the_data_as_it_is(db: str) -> None:
    code, output = kam("accounts", "show", "E1", "--json", "--db", db)
    assert code == 0
    assert json.loads(output)["account"]["name"] == f"Evil{CLEAR}{HYPERLINK}Co"
    assert_no_escapes(output)  # JSON writes control characters as \u001b


def test_interactions_list(db: str) -> None:
    code, output = kam("interactions", "list", "--db", db)
    assert code == 0, output
    assert_no_escapes(output)
    assert f"│ {CLOSE} " in output and "call [2J[bold].txt" in output


def test_an_error_shows_the_value_without_escapes(db: str) -> None:
    code, output = kam("accounts", "show", f"NO{HYPERLINK}[/]", "--db", db)
    assert code == 2
    assert_no_escapes(output)
    assert f"kam accounts add 'NO{SHOWN_HYPERLINK}[/]' " in output  # the hint quotes it for a shell


def test_calls_analyze_shows_quotes_as_text(tmp_path: Path) -> None:
    transcript = tmp_path / "call.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    code, output = kam("calls", "analyze", str(transcript), "--sales", "Amy")
    assert code == 0, output
    assert_no_escapes(output)
    assert "Amy: Our price is 5000 per ton [2J[bold]today[/]." in output


def test_calls_analyze_errors_show_names_without_escapes(tmp_path: Path) -> None:
    transcript = tmp_path / f"bad{CLEAR}.json"
    segments = [{"speaker": f"Eve{HYPERLINK}", "text": "hello"}, {"speaker": "Bob", "text": "hi"}]
    transcript.write_text(json.dumps(segments), encoding="utf-8")
    code, output = kam("calls", "analyze", str(transcript), "--sales", "Amy")
    assert code == 1
    assert_no_escapes(output)
    assert "bad[2J.json: no sales speaker found" in output and f"Eve{SHOWN_HYPERLINK}" in output


def test_analyze_notes_show_line_types_without_escapes(tmp_path: Path) -> None:
    lines = tmp_path / "lines.csv"
    rows = ["customer_id,date,order_id,amount,line_type"]
    rows += [f"C{i},2024-0{m}-10,{i}-{m},100,sale" for i in range(3) for m in range(1, 7)]
    rows += [f'C1,2024-06-20,R1,-50,"return{CLEAR}{HYPERLINK}"', f"C2,2024-06-21,R2,-50,return {LINK}"]
    lines.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, output = kam("analyze", str(lines), "--no-forecast")
    assert code == 0, output
    assert_no_escapes(output)
    assert f"return[2J{SHOWN_HYPERLINK} (1)" in output and f"return {LINK} (1)" in output


def test_analyze_detect_shows_columns_and_examples_as_text(tmp_path: Path) -> None:
    lines = tmp_path / "lines.csv"
    lines.write_text(
        f'customer_id,date,order_id,amount,"note{CLEAR}"\n{CLOSE},2024-01-10,1,100,"{LINK}"\n',
        encoding="utf-8",
    )
    code, output = kam("analyze", str(lines), "--detect")
    assert code == 0, output
    assert_no_escapes(output)
    assert f"│ {CLOSE} " in output and "note[2J" in output
