"""`kam calls analyze` end to end: JSON lines, readable reports in three languages, exit codes, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.usecases.calls import read_catalog
from tests.calls.conftest import DATA

runner = CliRunner()
STEEL = str(DATA / "en_steel_good.vtt")
PUSHY = str(DATA / "zh_hant_pushy_big5.txt")


def test_json_prints_one_object_per_file() -> None:
    result = runner.invoke(
        app, ["calls", "analyze", STEEL, PUSHY, "--sales", "Amy", "--sales", "張志明", "--json"]
    )
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["file"] for o in objects] == [STEEL, PUSHY]
    assert list(objects[0]) == [
        "file",
        "language",
        "duration_s",
        "timestamps",
        "speakers",
        "talk",
        "questions",
        "why_chain_depth",
        "pitch",
        "price",
        "objections",
        "next_steps",
        "strengths",
        "flags",
        "evidence",
        "turns",
    ]
    assert list(objects[0]["questions"]) == ["total", "open", "closed", "spin", "decision_chain", "asked"]
    assert objects[0]["speakers"] == {"sales": ["Amy Chen"], "customer": ["David Lin", "Grace Wu"]}
    assert objects[1]["flags"] == ["not_listening", "early_pitch", "price_too_early", "no_discovery"]
    assert objects[1]["objections"] == [
        {"kind": "status_quo", "at_s": 21.0, "speaker": "林小姐", "text": "嗯，我們目前有固定的供應商。"}
    ]


def test_readable_report_in_each_language() -> None:
    for lang, words in [("en", "Price too early"), ("zh-Hant", "過早談價格"), ("zh-Hans", "过早谈价格")]:
        result = runner.invoke(app, ["calls", "analyze", PUSHY, "--sales", "張志明", "--lang", lang])
        assert result.exit_code == 0 and words in result.output, result.output
        assert "每噸只要五千八百元" in result.output


def test_bad_files_give_one_line_and_a_nonzero_exit() -> None:
    result = runner.invoke(
        app, ["calls", "analyze", str(DATA / "err_no_sales.json"), STEEL, "--sales", "Amy"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {DATA / 'err_no_sales.json'}: no sales speaker found (Amy matched nobody); "
        "speakers seen: Speaker 1, Speaker 2; name the salesperson or give segments a role field; "
        "e.g. --sales 'Speaker 1'"
    ]
    assert "Traceback" not in result.output


def test_missing_file_and_bad_options() -> None:
    assert runner.invoke(app, ["calls", "analyze", "nope.vtt", "--sales", "A"]).exit_code == 1
    assert runner.invoke(app, ["calls", "analyze", STEEL, "--lang", "fr"]).exit_code == 2
    assert runner.invoke(app, ["calls", "analyze", STEEL, "--stage", "later"]).exit_code == 2


def test_stage_config_and_catalog(tmp_path: Path) -> None:
    catalog = tmp_path / "products.csv"
    catalog.write_text("product\nrebar\nH-beam\n", encoding="utf-8")
    config = tmp_path / "kam.toml"
    config.write_text("[calls]\nmin_customer_to_sales = 3.0\n", encoding="utf-8")
    args = ["calls", "analyze", STEEL, "--sales", "Amy", "--catalog", str(catalog), "--json"]
    plain = json.loads(runner.invoke(app, args).output)
    strict = json.loads(runner.invoke(app, [*args, "--config", str(config)]).output)
    assert plain["flags"] == [] and strict["flags"] == ["not_listening"]
    assert plain["pitch"]["first_at_s"] is not None
    bad = tmp_path / "bad.toml"
    bad.write_text("[calls]\nmin_customer_to_sales = 'high'\n", encoding="utf-8")
    result = runner.invoke(app, [*args, "--config", str(bad)])
    assert result.exit_code == 2 and "min_customer_to_sales" in result.output


def test_catalog_formats(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '[{"name": "A9 terminal", "aliases": ["A9"]}, "T5终端"]', encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("# products\nrebar\n\nH-beam\n", encoding="utf-8")
    assert read_catalog(tmp_path / "a.json") == ["A9 terminal", "A9", "T5终端"]
    assert read_catalog(tmp_path / "b.txt") == ["rebar", "H-beam"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Questions asked (0 about the decision chain):",
                "  - closed  [0:29] 張志明: 您有沒有興趣先下一張試單？",
                "Objections raised by the customer:",
                "  - happy with the present supplier  [0:21] 林小姐: 嗯，我們目前有固定的供應商。",
                "Next steps (who does what by when):",
                "  - agreed, by sales, 下週  [0:34] 張志明: 好的，那我下週再打給您。",
                "Went well:",
                "  + Agreed a next step: 下週.",
                "Coaching flags:",
            ],
        ),
        (
            "zh-Hant",
            [
                "提出的問題（其中 0 個關於決策鏈）：",
                "  - 封閉  [0:29] 張志明: 您有沒有興趣先下一張試單？",
                "客戶提出的異議：",
                "  - 滿意現有供應商  [0:21] 林小姐: 嗯，我們目前有固定的供應商。",
                "下一步（誰在什麼時候之前做什麼）：",
                "  - 已約定，由業務負責，下週  [0:34] 張志明: 好的，那我下週再打給您。",
                "做得好的地方：",
                "  + 約定了下一步：下週。",
                "輔導提示：",
            ],
        ),
        (
            "zh-Hans",
            [
                "提出的问题（其中 0 个关于决策链）：",
                "  - 封闭  [0:29] 張志明: 您有沒有興趣先下一張試單？",
                "客户提出的异议：",
                "  - 满意现有供应商  [0:21] 林小姐: 嗯，我們目前有固定的供應商。",
                "下一步（谁在什么时候之前做什么）：",
                "  - 已约定，由销售负责，下週  [0:34] 張志明: 好的，那我下週再打給您。",
                "做得好的地方：",
                "  + 约定了下一步：下週。",
                "辅导提示：",
            ],
        ),
    ],
)
def test_the_report_lists_questions_objections_next_steps_and_what_went_well(
    lang: str, expected: list[str]
) -> None:
    result = runner.invoke(app, ["calls", "analyze", PUSHY, "--sales", "張志明", "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected


def test_a_call_without_objections_or_next_steps_says_so() -> None:
    result = runner.invoke(
        app, ["calls", "analyze", str(DATA / "en_telecom_price_early.srt"), "--sales", "Kevin"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Objections: none heard." in lines
    assert "Next steps: none said near the end of the call." in lines
    assert "Went well:" in lines and "  + Open questions asked: 3." in lines
    flagged = lines.index(
        '  - No next step: end by agreeing who does what by when ("I\'ll send the quote by Tuesday").'
    )
    assert lines[flagged + 1] == "      [2:50] Kevin Wu: Would an offline mode help with that?"
