"""`kam calls analyze` end to end: JSON lines, readable reports in three languages, exit codes, options."""

from __future__ import annotations

import json
from pathlib import Path

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
        "talk",
        "questions",
        "why_chain_depth",
        "pitch",
        "price",
        "flags",
        "evidence",
    ]
    assert objects[1]["flags"] == ["not_listening", "early_pitch", "price_too_early", "no_discovery"]


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
