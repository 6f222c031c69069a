"""The notes under `kam analyze`'s summary: wrapped for the terminal in English and in Chinese."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.analyze import STEPS
from kam.commands.common import _NO_LINE_START, print_notes, wrap_lines
from kam.domain.languages import Lang
from kam.i18n import text

CHINESE = (
    "沒有客戶表：付款天數與服務成本未知（服務成本只含訂單處理），合作年限從首次購買起算，也無法計入轉介紹"
)
ENGLISH = (
    "no customers table: payment days and service cost are unknown (cost to serve covers order handling only)"
)


@pytest.mark.parametrize("width", [20, 30, 57, 58, 60, 80])
def test_chinese_wraps_between_characters_never_before_closing_punctuation(width: int) -> None:
    lines = wrap_lines(CHINESE, width)
    assert "".join(lines) == CHINESE  # nothing lost, nothing added
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in _NO_LINE_START for line in lines)
    assert cell_len(lines[0]) >= width - 4  # the first line is filled, not left to the bullet alone


def test_english_wraps_between_words() -> None:
    lines = wrap_lines(ENGLISH, 30)
    assert " ".join(lines) == ENGLISH
    assert all(cell_len(line) <= 30 for line in lines)
    assert wrap_lines("abcdefghijklmnopqrstuvwxyz tail", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz", "tail"]


def test_numbers_stay_on_the_bullets_line_in_mixed_text() -> None:
    lines = wrap_lines("5,228 筆明細與另一筆完全相同（客戶、日期、訂單與數值皆同）；已保留", 30)
    assert lines[0].startswith("5,228 筆明細")
    assert all(cell_len(line) <= 30 for line in lines)


def test_notes_print_with_a_hanging_indent_and_no_markup() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, color_system=None)
    print_notes(console, [CHINESE, "[bold]not markup[/bold]"])
    printed = buffer.getvalue().splitlines()
    assert printed[0].startswith("• 沒有客戶表")
    assert all(line.startswith(("• ", "  ")) for line in printed)
    assert all(cell_len(line) <= 40 for line in printed)
    assert printed[-1] == "• [bold]not markup[/bold]"


@pytest.mark.parametrize("lang", list(Lang))
def test_progress_steps_are_said_in_every_language(lang: Lang) -> None:
    for step in STEPS:
        assert text(f"ui.step.{step}", lang) != f"ui.step.{step}"


def test_analyze_in_chinese_leaves_no_bullet_alone(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    lines, _ = portfolio_files
    result = CliRunner().invoke(
        app, ["analyze", str(lines), "--out", str(tmp_path / "out"), "--no-forecast", "--lang", "zh-Hant"]
    )
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("• ")]
    assert any("沒有客戶表" in line for line in notes)  # no customers table was given
    assert all(line.strip() != "•" for line in result.output.splitlines())


def test_the_progress_bar_knows_every_step_of_a_run(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    from kam.settings import Settings
    from kam.usecases.analyze import AnalyzeOptions, run_analyze

    lines, _ = portfolio_files
    seen: list[str] = []
    run_analyze(
        AnalyzeOptions(source=str(lines), out=tmp_path / "out", forecast=False), Settings(), seen.append
    )
    assert tuple(seen) == STEPS


def test_written_paths_are_printed_whole_and_literal(tmp_path: Path) -> None:
    """A long path is not broken across lines (it can be copied), and brackets in it are not markup."""
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "customer_id,date,amount\nA,2024-01-05,10\nA,2024-03-05,20\nB,2024-02-01,5\n", encoding="utf-8"
    )
    out = tmp_path / ("a-rather-long-folder-name-" * 3) / "[q4]" / "out"
    result = CliRunner().invoke(app, ["analyze", str(lines), "--out", str(out), "--no-forecast"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out.resolve() / 'accounts.csv'}" in result.output.splitlines()
