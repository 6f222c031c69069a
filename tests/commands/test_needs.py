"""`kam needs classify`: statements from the arguments or a UTF-8, Big5 or GB18030 file, one JSON object each
with --json, plain text otherwise, the reasons in --lang; bad input is one error line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()
FRAUD = "這個型號的通訊終端安全防護能力不足，容易出現盜打。"
SLOT = "裝置的側邊開一個小槽就好了。"


def classify(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["needs", "classify", "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_json_object_per_statement_with_kind_confidence_and_reasons() -> None:
    found = classify(FRAUD, SLOT, "OK")
    assert [(r["text"], r["kind"], r["confidence"]) for r in found] == [
        (FRAUD, "need", 0.667),
        (SLOT, "want", 0.75),
        ("OK", "undecided", 1.0),
    ]
    assert found[1]["reasons"] == [
        {
            "code": "prescribes_solution",
            "values": {"cue": "開一個小槽"},
            "text": "prescribes its own solution: “開一個小槽”",
        },
        {"code": "names_part", "values": {"cue": "側邊"}, "text": "names a part or a place: “側邊”"},
    ]
    assert [r["code"] for r in found[2]["reasons"]] == ["thin_evidence"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "states a problem or a risk: “不足”"),
        ("zh-Hant", "說出問題或風險：「不足」"),
        ("zh-Hans", "说出问题或风险：“不足”"),
    ],
)
def test_the_reasons_are_said_in_the_chosen_language(lang: str, text: str) -> None:
    (found,) = classify("--lang", lang, FRAUD)
    assert [r["text"] for r in found["reasons"]] == [text]  # type: ignore[index]


def test_plain_output_lists_each_statement_its_verdict_and_reasons() -> None:
    result = runner.invoke(app, ["needs", "classify", "--lang", "zh-Hant", SLOT, "OK"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        SLOT,
        "  需要，信心 0.75",
        "  - 自己指定了解決方法：「開一個小槽」",
        "  - 指名零件或位置：「側邊」",
        "",
        "OK",
        "  未定，信心 1.00",
        "  - 證據太少，分不出是需求還是需要（權重 0，至少要 2）",
    ]


def test_control_characters_in_a_statement_are_not_printed() -> None:
    result = runner.invoke(app, ["needs", "classify", "\x1b[31mred\x1b[0m alert"])
    assert result.exit_code == 0 and "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("encoding", "lines"),
    [
        ("utf-8", [FRAUD, SLOT]),
        ("utf-8-sig", [FRAUD, SLOT]),
        ("big5", [FRAUD, SLOT]),
        ("gb18030", ["这个型号的通讯终端安全防护能力不足，容易出现盗打。", "装置的侧边开一个小槽就好了。"]),
        ("utf-16", [FRAUD, SLOT]),
    ],
)
def test_a_file_of_one_statement_a_line_in_each_encoding(
    tmp_path: Path, encoding: str, lines: list[str]
) -> None:
    path = tmp_path / "needs.txt"
    path.write_bytes(("\r\n".join([lines[0], "", "   ", f"  {lines[1]}  "]) + "\n").encode(encoding))
    found = classify("--file", str(path), "first")
    assert [(r["text"], r["kind"]) for r in found] == [
        ("first", "undecided"),
        (lines[0], "need"),
        (lines[1], "want"),
    ]


def test_a_line_in_another_encoding_is_named(tmp_path: Path) -> None:
    path = tmp_path / "needs.txt"
    path.write_bytes(
        FRAUD.encode("big5") * 20 + b"\n" + SLOT.encode("utf-8") + b"\n" + FRAUD.encode("big5") + b"\n"
    )
    result = runner.invoke(app, ["needs", "classify", "--file", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}, line 2: written in UTF-8, while the file is Big5")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "No statement to classify."),
        (["--file", "{missing}"], "Cannot read {missing}: No such file or directory."),
        (["--file", "{empty}"], "{empty} holds no statement (one a line)."),
    ],
)
def test_nothing_to_classify_is_one_error_line(tmp_path: Path, args: list[str], message: str) -> None:
    places = {"missing": str(tmp_path / "missing.txt"), "empty": str(tmp_path / "empty.txt")}
    (tmp_path / "empty.txt").write_bytes(b"\n  \n")
    result = runner.invoke(app, ["needs", "classify", *(a.format(**places) for a in args)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {message.format(**places)}"


def test_the_thresholds_come_from_the_coach_settings(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_text("[coach]\nclassify_min_evidence = 1.5\n", encoding="utf-8")
    assert [r["kind"] for r in classify("It happens every week.")] == ["undecided"]
    assert [r["kind"] for r in classify("--config", str(config), "It happens every week.")] == ["need"]
