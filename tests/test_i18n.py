"""Notices (what kam tells the user about a run) in English, Traditional and Simplified Chinese."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.domain.languages import Lang
from kam.i18n import Notice, keys, say, text

SAMPLE_VALUES = {
    "count": 1234,
    "as_of": dt.date(2025, 12, 31),
    "example": "03/04/2025",
    "fmt": "%m/%d/%Y",
    "currency": "TWD",
    "reason": "BG/NBD fit did not converge",
    "other": "pnbd",
    "file": "sales.csv",
    "missing": "customer_id",
    "found": "'客戶編號', '日期'",
    "hint": "--map customer_id=<your column>",
    "first": "customer_id",
    "rejected": 3,
    "column": "幣別",
    "listing": "USD (2 lines), TWD (1 lines)",
    "details": "sales.csv, row 2, column 'date' is empty",
    "more": "",
    "row": 2,
    "value": "31/02/2024",
    "expected": "a date",
    "today": dt.date(2026, 11, 27),
    "where": "sqlite:////home/amy/kam-workspace.db",
    "revision": "0001",
    "code": "K001",
    "id": 7,
    "model": "BG/NBD",
    "gradient": 3.2e-4,
    "iterations": 1000,
    "message": "ABNORMAL",
    "q": 0.8,
    "comma_column": "金額",
    "comma_example": "1.234,50",
    "point_column": "數量",
    "point_example": "12.5",
    "detail": "found more fields than defined in 'Schema'",
    "line": 3,
    "fields": 4,
    "western": "2024-01-05",
    "sheet": "銷貨明細",
    "values": "end_user, distributor",
    "customer": "K1",
    "sheets": "'說明', '銷貨明細'",
    "folder": "/home/amy/kam",
    "kind": "DataError",
    "share": "14.9%",
    "server": "db.example:5432",
    "user": "kam",
    "database": "erp",
    "codes": "K001, K002",
    "length": 65,
    "chain": "K001 referred by K002 referred by K001",
    "earliest": dt.date(1901, 1, 1),
    "years": 10,
    "bulk": dt.date(2019, 1, 3),
    "option": "--cancel-pattern",
    "pattern": "(",
    "source": "kam.toml",
    "name": "value.key_min_margin",
    "low": "value.a_tier_profit_share",
    "low_value": "0.97",
    "high": "value.b_tier_profit_share",
    "high_value": "0.95",
    "bounds": "0 < x ≤ 1",
    "what": Notice("config_file"),
    "position": 32,
    "format": "TOML",
    "sections": "value, clv, calls, workspace",
    "unknown": "valeu",
    "section": "value",
    "n": 3,
    "cue": 12,
    "segment": 3,
    "field": "end",
    "seconds": "3.500",
    "start": "00:00:05.000",
    "end": "00:00:01.500",
    "previous": "cue 11 (line 40)",
    "at": "00:00:06.000",
    "limit": 30,
    "directive": "%Q",
    "engine": "spark",
    "path": "out",
    "input": "out/sales.csv",
    "files": "notes.txt, .git",
    "package": "pyspark",
    "extra": "spark",
    "text": "王五公司,2024-01-05,30",
    "taken": "amount",
    "others": "'金額'",
    "table": "sales",
    "columns": "customer_id, date, amount",
    "decimal": "dot",
    "suffix": ".ods",
    "problem": "frequency x must be a whole number >= 0",
    "total": 12,
    "index": 4,
    "x": 2.5,
    "t_x": 3.0,
    "T": 10.0,
    "speaker": "Speaker 1",
    "speakers": "Speaker 1, Speaker 2",
    "names": "Amy",
    "choices": "en, zh-Hant, zh-Hans",
    "options": "--account, --db",
    "ident": "K001",
    "sort": "colour",
    "login": "amy",
    "method": "PUT",
    "status": 418,
    "given": 3,
    "stored": 4,
    "dirs": "/usr/share/fonts/opentype/noto, /usr/local/share/fonts",
    "minutes": 15,
}


@pytest.mark.parametrize("key", [k.removeprefix("notice.") for k in keys() if k.startswith("notice.")])
def test_every_notice_is_said_in_every_language(key: str) -> None:
    notice = Notice(key, **SAMPLE_VALUES)
    said = {lang: notice.say(lang) for lang in Lang}
    assert said[Lang.EN] == str(notice)
    assert said[Lang.ZH_HANT] != said[Lang.EN] and said[Lang.ZH_HANS] != said[Lang.EN]
    assert "{" not in "".join(said.values())


def test_a_notice_is_its_english_text_and_plain_text_stays() -> None:
    notice = Notice("duplicates", count=2)
    assert "2 lines are exact duplicates" in notice
    assert json.dumps([notice]) == json.dumps([str(notice)])
    assert say(notice, "zh-Hant").startswith("2 筆明細")
    assert say("a file's own words", "zh-Hans") == "a file's own words"


def test_analyze_says_its_notices_in_the_chosen_language(tmp_path: Path) -> None:
    tx = tmp_path / "t.csv"
    tx.write_text(
        "customer_id,order_id,date,amount\nA,1,2024-01-05,10\nA,1,2024-01-05,10\nB,2,2024-02-05,7\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["analyze", str(tx), "--out", str(tmp_path / "out"), "--no-forecast", "--lang", "zh-Hant"]
    )
    assert result.exit_code == 0, result.output
    assert "1 筆明細與另一筆完全相同" in result.output.replace("\n", "")
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "1 筆明細與另一筆完全相同" in report
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert any("1 line is an exact duplicate" in w for w in summary["warnings"])


def test_bad_input_is_reported_in_the_chosen_language(tmp_path: Path) -> None:
    tx = tmp_path / "t.csv"
    tx.write_text("customer_id,date,amount\nA,2024-13-45,10\nB,2024-01-02,x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tx), "--no-forecast", "--lang", "zh-Hans"])
    assert result.exit_code == 2
    said = result.output.replace("\n", "")
    assert "有 2 行无法读取" in said
    assert "第 2 行，字段 'date'：值 '2024-13-45' 不是日期（例如 2024-03-31）" in said
    assert "第 3 行，字段 'amount'：值 'x' 不是数字" in said
    english = CliRunner().invoke(app, ["analyze", str(tx), "--no-forecast"])
    assert "2 rows cannot be read" in english.output.replace("\n", "")


def test_workspace_commands_speak_the_chosen_language(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    runner = CliRunner()
    missing = runner.invoke(app, ["accounts", "list", "--db", db, "--lang", "zh-Hant"])
    assert missing.exit_code == 2
    assert "不存在；請先執行 `kam workspace init" in missing.output.replace("\n", "")
    assert runner.invoke(app, ["workspace", "init", "--db", db, "--lang", "zh-Hans"]).output.startswith(
        "已在 "
    )
    added = runner.invoke(app, ["accounts", "add", "K001", "--name", "長江", "--db", db, "--lang", "zh-Hant"])
    assert added.output.startswith("已新增客戶 K001（長江）")
    again = runner.invoke(app, ["accounts", "add", "K001", "--name", "長江", "--db", db, "--lang", "zh-Hans"])
    assert again.exit_code == 2
    assert "代码为 'K001' 的客户已经存在" in again.output
    listed = runner.invoke(app, ["accounts", "list", "--db", db, "--lang", "zh-Hant"])
    assert "代碼" in listed.output and "名稱" in listed.output


def test_every_coaching_flag_has_a_short_name_in_every_language() -> None:
    from kam.domain.calls import Flag
    from kam.i18n import word

    for name in Flag:
        names = [word(name, lang) for lang in Lang]
        assert all(names) and len(set(names[:2])) == 2, names


def test_every_interaction_kind_and_deal_stage_is_said_in_every_language() -> None:
    from kam.domain.interactions import InteractionKind
    from kam.domain.stages import Stage
    from kam.i18n import word

    for value in [*InteractionKind, *Stage]:
        assert word(value, "en") == value.capitalize()  # a label, as the pages show it
        assert word(value, "zh-Hant") != value and word(value, "zh-Hans") != value


def test_a_model_that_cannot_be_fitted_says_why_in_chinese(tmp_path: Path) -> None:
    """No customer buys twice: the forecast is skipped, and the reason inside the notice is translated too."""
    lines = tmp_path / "once.csv"
    rows = [f"C{i},2024-0{1 + i % 9}-15,{100 + i}" for i in range(30)]
    lines.write_text("customer_id,date,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(lines), "--out", str(tmp_path / "out"), "--lang", "zh-Hant"]
    )
    assert result.exit_code == 0, result.output
    assert "沒有客戶重複購買" in result.output and "可以試試" in result.output
    assert "did not converge" not in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert any(
        "no customer made a repeat purchase" in w for w in summary["warnings"]
    )  # summary.json: English


def test_every_value_setting_has_its_meaning_in_chinese() -> None:
    from kam.analytics.settings import ValueSettings
    from kam.i18n import translated_settings

    assert set(translated_settings()) == {f"value.{name}" for name in ValueSettings.model_fields}


def test_the_report_explains_its_thresholds_in_the_reports_language(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    lines, _ = portfolio_files
    for lang, meaning in (
        ("zh-Hans", "大客户经常采购"),
        ("zh-Hant", "大客戶經常採購"),
        ("en", "A key account buys often"),
    ):
        out = tmp_path / lang
        result = CliRunner().invoke(
            app, ["analyze", str(lines), "--out", str(out), "--no-forecast", "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        report = (out / "report.html").read_text(encoding="utf-8")
        assert meaning in report and "key_min_orders_per_year" in report
        # the page's segments (its charts' legend and tooltips, the table) are named in its language
        start = report.index(">", report.index('<script type="application/json" id="kam-data"')) + 1
        data = json.loads(report[start : report.index("</script>", start)])
        assert [s["label"] for s in data["segments"]][-1] == text("segment.regular", lang)
        if lang != "en":
            assert "A key account buys often" not in report
