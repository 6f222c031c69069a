"""`kam calls analyze` over several files: a file that cannot be read is one error line, the others run."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kam.cli import app
from kam.usecases.calls import run_calls_analyze
from tests.calls.conftest import DATA

runner = CliRunner()
STEEL = DATA / "en_steel_good.vtt"


def _bad_files(tmp_path: Path) -> list[Path]:
    files = {
        "deep.json": "[" * 5000 + "]" * 5000,
        "nan.json": '[{"speaker": "Amy", "start": 0, "end": NaN, "text": "Hi?"},'
        ' {"speaker": "Lin", "start": 1, "end": 2, "text": "Yes."}]',
        "arrow.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAmy: Hi?\n\n"
        "00:00:03.000 -> 00:00:04.000\nLin: Yes.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name for name in files]


def test_each_bad_file_is_an_error_and_the_other_files_are_analysed(tmp_path: Path) -> None:
    deep, nan, arrow = _bad_files(tmp_path)
    run = run_calls_analyze([deep, STEEL, nan, arrow], sales=["Amy"])
    assert [r.file for r in run.results] == [str(STEEL)]
    assert [e.file for e in run.errors] == [str(deep), str(nan), str(arrow)]


def test_the_command_reports_the_good_file_and_one_line_per_bad_file(tmp_path: Path) -> None:
    deep, nan, arrow = _bad_files(tmp_path)
    result = runner.invoke(
        app, ["calls", "analyze", str(deep), str(STEEL), str(nan), str(arrow), "--sales", "Amy", "--json"]
    )
    assert result.exit_code == 1
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [str(STEEL)]
    errors = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in errors] == [str(deep), str(nan), str(arrow)]
    assert "segment 1, field 'end'" in errors[1] and "NaN" in errors[1]
    assert "cue 2 (line 6)" in errors[2] and "00:00:03.000 -> 00:00:04.000" in errors[2]
    assert "Traceback" not in result.output


def test_errors_are_said_in_the_report_language(tmp_path: Path) -> None:
    _, nan, _ = _bad_files(tmp_path)
    result = runner.invoke(app, ["calls", "analyze", str(nan), "--lang", "zh-Hant"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"錯誤: {nan}: 第 1 段")
