"""The command line's words for hints (kam.commands.hints): every fix the cores suggest is said in each
language as an option to paste into a shell, after the message it belongs to."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.hints import OPTIONS, hint_text, said, with_hint
from kam.domain.languages import Lang
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Joined, Notice

SAMPLES = {
    HintKey.MAP_COLUMNS: Hint(HintKey.MAP_COLUMNS, missing=("customer_id", "date"), example="客戶 編號"),
    HintKey.MAP_COLUMN: Hint(HintKey.MAP_COLUMN, field="amount", column="金額"),
    HintKey.OPTION: Hint(HintKey.OPTION, option="as_of"),
    HintKey.DECIMAL_OTHER: Hint(HintKey.DECIMAL_OTHER, mark="point"),
    HintKey.DECIMAL_ROWS: Hint(HintKey.DECIMAL_ROWS, mark="comma"),
    HintKey.NAME_SALES: Hint(HintKey.NAME_SALES, speaker="Speaker 1"),
    HintKey.INIT_WORKSPACE: Hint(HintKey.INIT_WORKSPACE, where="sqlite:///kam workspace.db"),
    HintKey.ADD_ACCOUNT: Hint(HintKey.ADD_ACCOUNT, code="K 001"),
}


def _shell_words(command: str) -> list[str]:
    done = subprocess.run(["sh", "-c", f"printf '%s\\0' {command}"], capture_output=True, check=True)
    return done.stdout.decode().split("\0")[:-1]


@pytest.mark.parametrize("key", list(HintKey))
@pytest.mark.parametrize("lang", list(Lang))
def test_every_hint_is_said_in_every_language(key: HintKey, lang: Lang) -> None:
    words = hint_text(SAMPLES.get(key, Hint(key)), lang)
    assert words and "{" not in words and "--" in words  # an option (or a command with one) to use
    if lang != Lang.EN:
        assert words != hint_text(SAMPLES.get(key, Hint(key)), Lang.EN) or key in (
            HintKey.FILE_DATABASE,  # an example, the same in every language
        )


def test_every_option_a_hint_names_is_an_option_of_the_command_line() -> None:
    helps = [
        CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
        for command in (["analyze"], ["calls", "analyze"])  # --at: when a stored call took place
    ]
    missing = [o for o in OPTIONS.values() if o != "--conf" and not any(f"{o} " in h for h in helps)]
    assert not missing
    assert OPTIONS["as_of"] == "--as-of"


@pytest.mark.parametrize(
    ("hint", "words"),
    [
        (SAMPLES[HintKey.MAP_COLUMN], ["--map", "amount=金額"]),
        (SAMPLES[HintKey.NAME_SALES], ["--sales", "Speaker 1"]),
        (SAMPLES[HintKey.ADD_ACCOUNT], ["kam", "accounts", "add", "K 001", "--name", "..."]),
    ],
)
def test_values_in_a_hint_can_be_pasted_into_a_shell(hint: Hint, words: list[str]) -> None:
    words_said = hint_text(hint, "en")
    command = (
        words_said.split("`")[1] if "`" in words_said else words_said.split(": ", 1)[-1].removeprefix("e.g. ")
    )
    assert _shell_words(command) == words


def test_the_missing_columns_hint_maps_each_and_shows_one_with_a_real_column() -> None:
    words = hint_text(SAMPLES[HintKey.MAP_COLUMNS], "zh-Hant")
    assert words.startswith("請對應您自己的欄位名稱，例如 --map customer_id=<您的欄位> --map date=<您的欄位>")
    example = words.split("（像是 ", 1)[1].split("）", 1)[0]
    assert _shell_words(example) == ["--map", "customer_id=客戶 編號"]


@pytest.mark.parametrize(
    ("message", "lang", "expected"),
    [
        ("no account with code 'K1'", "en", "no account with code 'K1'; set with --as-of"),
        ("沒有代碼為 'K1' 的客戶", "zh-Hant", "沒有代碼為 'K1' 的客戶；由 --as-of 設定"),
        ("convert them first.", "en", "convert them first; set with --as-of."),
        ("請先換算。", "zh-Hant", "請先換算；由 --as-of 設定。"),
        (
            "t.csv: 2 rows cannot be read:\n  row 2",
            "en",
            "t.csv: 2 rows cannot be read:\n  row 2\nset with --as-of",
        ),
    ],
)
def test_a_hint_follows_its_message(message: str, lang: str, expected: str) -> None:
    assert with_hint(message, SAMPLES[HintKey.OPTION], lang) == expected
    assert with_hint(message, None, lang) == message


def test_each_part_of_a_joined_message_keeps_its_hint() -> None:
    sheets = HintedNotice("sheets", Hint(HintKey.CHOOSE_SHEET), sheets="'說明', '銷貨'")
    message = Joined("\n", [Notice("no_data_rows", file="t.xlsx"), sheets])
    assert said(message, "en") == (
        "t.xlsx: has a header but no data rows\nthe workbook's sheets: '說明', '銷貨'; --sheet NAME reads another one"
    )
    assert said(sheets, "zh-Hans") == "工作簿中的工作表：'說明', '銷貨'；可用 --sheet 名称 读取其他工作表"
    assert str(sheets) == "the workbook's sheets: '說明', '銷貨'"  # stored (summary.json) without the hint


def test_a_missing_column_is_one_error_with_the_map_option(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Kunde Nr,日期,金額\nA,2024-01-05,10\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--map", "date=日期", "--map", "amount=金額"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().startswith(f"error: {path}: required column customer_id not found.")
    example = result.output.split("(for instance ", 1)[1].split(").", 1)[0]
    assert _shell_words(example) == ["--map", "customer_id=Kunde Nr"]
