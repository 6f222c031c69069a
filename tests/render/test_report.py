"""report.html of `kam analyze` is one offline page: findings first, charts, every account in a table,
then the notes on the data; its data is JSON that no value can break out of. What the page looks like in
a browser is checked in test_report_browser.py."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import narwhals as nw
import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.domain.languages import Lang
from kam.engines import Engine
from kam.i18n import text
from kam.render.reasons import ReasonContext, say_reasons
from kam.render.report import FONTS, money, render_report
from kam.render.report_data import script_json
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, AnalyzeResult, run_analyze
from tests.render.conftest import HOSTILE, HOSTILE_NAMES
from tests.render.page import KAM_ELEMENTS, Page, read_page


def page_data(page: Page) -> dict[str, Any]:
    """The page's data, read as strictly as JSON can be (no NaN or infinity)."""
    (raw,) = [t for path, t in page.texts if path and path[-1] == "script" and t.lstrip().startswith("{")]

    def refuse(constant: str) -> None:
        raise ValueError(constant)

    return json.loads(raw, parse_constant=refuse)


def report_of(result: AnalyzeResult, lang: Lang, reasons_in: Lang | None) -> str:
    """report.html of the analysis `result`, with what its summary says of the data, as `kam analyze`
    writes it."""
    summary = result.summary
    return render_report(
        result.analysis,
        summary.source,
        summary.rows_read,
        summary.warnings,
        [],
        lang,
        reasons_in=reasons_in,
        rows_rejected=summary.rows_rejected,
        mapping=summary.mapping,
        units=summary.units,
        unattributed=result.loaded.unattributed,
    )


def scripts(page: Page) -> list[dict[str, str | None]]:
    return [attributes for tag, attributes in page.elements if tag == "script"]


@pytest.fixture
def report(portfolio_files: tuple[Path, Path], tmp_path: Path) -> Path:
    tx, cu = portfolio_files
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--lang", "zh-Hant", "--no-forecast"],
    )
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_self_contained(report: Path) -> None:
    page = read_page(report.read_text(encoding="utf-8"))
    assert page.tags() <= KAM_ELEMENTS
    # nothing is loaded: no element names a source or a link, the scripts are inline
    assert not [a for tag, attrs in page.elements for a in attrs if a in ("src", "href", "srcset", "action")]
    assert scripts(page) == [{"type": "application/json", "id": "kam-data"}, {}, {}]
    assert any("Apache ECharts" in t or "echarts" in t for path, t in page.texts if path[-1:] == ("script",))
    for chart in ("pareto", "whale", "scatter"):
        assert (
            "div",
            {"class": "chart", "id": chart, "role": "img", "aria-labelledby": f"{chart}-title"},
        ) in page.elements
    data = page_data(page)
    assert len(data["table"]["customer_id"]) == 36  # every account, regular ones included
    assert {s["key"]: s["label"] for s in data["segments"]}["profit_squeezer"] == "扒皮大戶（假大戶）"
    assert "key_min_margin" in report.read_text(encoding="utf-8")


def test_the_table_has_the_columns_a_director_acts_on(report: Path) -> None:
    data = page_data(read_page(report.read_text(encoding="utf-8")))
    keys = [c["key"] for c in data["columns"]]
    assert keys == ["customer_id", "segment", "abc_tier", "revenue", "net_profit", "revenue_trend", "reasons"]
    table = data["table"]
    assert set(table) == set(keys)
    key_first = table["segment"].index("regular")
    assert "regular" not in table["segment"][:key_first] and set(table["segment"][key_first:]) == {"regular"}
    row = table["customer_id"].index("SQUEEZE")
    assert table["segment"][row] == "profit_squeezer" and "折扣深度25.0%" in table["reasons"][row]
    amounts = [v for c in ("revenue", "net_profit") for v in table[c] if v is not None]
    assert all(round(v, 2) == v for v in amounts)  # no float noise: rounded beyond what is shown


def test_owner_and_forecast_are_columns_when_known(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    tx, cu = portfolio_files
    pl.read_csv(cu).with_columns(pl.lit("陳偉").alias("負責業務")).write_csv(cu)
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, lang=Lang.EN, forecast=False), Settings())
    forecast = result.analysis.accounts.with_columns(clv_12m=nw.col("revenue") * 0.25)  # as a forecast gives
    analysis = replace(result.analysis, accounts=forecast)
    data = page_data(read_page(report_of(replace(result, analysis=analysis), Lang.EN, reasons_in=Lang.EN)))
    columns = {c["key"]: c["label"] for c in data["columns"]}
    assert columns["owner"] == text("column.owner", Lang.EN) and set(data["table"]["owner"]) == {"陳偉"}
    assert columns["clv_12m"] == text("column.clv_12m", Lang.EN)
    assert data["table"]["clv_12m"][0] == pytest.approx(data["table"]["revenue"][0] / 4, abs=0.01)


def test_hostile_codes_names_and_file_name_are_data(hostile_report: tuple[Path, Path]) -> None:
    tx, report = hostile_report
    page = read_page(report.read_text(encoding="utf-8"))
    assert page.tags() <= KAM_ELEMENTS
    assert len(scripts(page)) == 3  # no value opened a script of its own
    assert not [a for a in page.attributes() if "alert" in a or "example.com" in a]
    table = page_data(page)["table"]
    for old, code in HOSTILE.items():
        row = table["customer_id"].index(code)
        assert table["name"][row] == HOSTILE_NAMES.get(old)
    assert page.text_in("code")[0] == str(tx)


@pytest.mark.parametrize("value", ["</script>", "</SCRIPT >", "<!--", "]]>", "&lt;", "\u2028\u2029", '"\\'])
def test_script_json_keeps_every_value_inside_its_element(value: str) -> None:
    written = script_json(json.dumps({"name": value}, ensure_ascii=False))
    assert "<" not in written  # so no "</script" and no "<!--": the element's text is read as it is
    assert json.loads(written) == {"name": value}


def test_findings_come_first_and_the_notes_on_the_data_after_the_lists(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    places = [
        html.index(f'<section id="{s}"') for s in ("findings", "charts", "list", "data-notes", "thresholds")
    ]
    assert places == sorted(places)
    notes = read_page(html[places[3] : places[4]])
    assert notes.text_in("h2") == [text("ui.about_data", Lang.ZH_HANT)]
    assert text("ui.columns_read", Lang.ZH_HANT) in notes.text_in("h3")
    assert "customer_id" in notes.text_in("code") and "list_amount" in notes.text_in("code")


@pytest.mark.parametrize("lang", list(Lang))
def test_the_fonts_list_both_chinese_scripts_the_readers_first(lang: Lang) -> None:
    names = FONTS[lang]
    assert {"Noto Sans CJK TC", "Noto Sans CJK SC", "Microsoft JhengHei", "Microsoft YaHei"} <= set(names)
    if lang is Lang.ZH_HANS:
        assert names.index("Noto Sans CJK SC") < names.index("Noto Sans CJK TC")
    elif lang is Lang.ZH_HANT:
        assert names.index("Noto Sans CJK TC") < names.index("Noto Sans CJK SC")


def test_the_page_names_its_fonts_in_its_style_sheet(report: Path) -> None:
    style = read_page(report.read_text(encoding="utf-8")).text_in("style")[0]
    assert '"Noto Sans CJK TC", "Source Han Sans TC"' in style and '"Microsoft YaHei"' in style
    assert "&#34;" not in style  # a style sheet reads no entities: the names are written as they are


@pytest.mark.parametrize(
    "value,lang,currency,said",
    [
        (1234567.891, Lang.EN, None, "1,234,568"),
        (1234567.891, Lang.EN, "GBP", "1,234,568 GBP"),
        (1234567.891, Lang.ZH_HANT, "元", "1,234,568元"),
        (-20.5, Lang.EN, "USD", "-20.50 USD"),
        (99.999, Lang.EN, None, "100.00"),
        (0.0, Lang.ZH_HANS, None, "0.00"),
    ],
)
def test_amounts_have_separators_and_their_currency(
    value: float, lang: Lang, currency: str | None, said: str
) -> None:
    assert money(value, lang, currency) == said


def test_no_raw_float_is_shown(portfolio_files: tuple[Path, Path]) -> None:
    tx, cu = portfolio_files
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, forecast=False), Settings())
    page = read_page(report_of(result, Lang.EN, reasons_in=Lang.EN))
    shown = [t for path, t in page.texts if path and path[-1] not in ("script", "style", "code")]
    assert not [t for t in shown if re.search(r"\d\.\d{3,}", t)]
    figures = dict(zip(page.text_in("th"), page.text_in("td"), strict=False))
    assert re.fullmatch(r"\d+\.\d%", figures[text("ui.top5", Lang.EN)])


def test_unattributed_sales_are_a_finding(tmp_path: Path) -> None:
    tx = tmp_path / "t.csv"
    rows = ["A,2024-01-05,S1,1000", ",2024-01-06,S2,300", "B,2024-02-05,S3,700", ",2024-02-06,S4,1000"]
    tx.write_text("customer_id,date,order_id,金額(元)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_analyze(AnalyzeOptions(str(tx), forecast=False, lang=Lang.ZH_HANS), Settings())
    assert result.summary.to_json()["unattributed"] == {
        "lines": 2,
        "revenue": 1300.0,
        "share_of_revenue": pytest.approx(0.4333, abs=1e-4),
    }
    page = read_page(report_of(result, Lang.ZH_HANS, reasons_in=Lang.ZH_HANS))
    figures = dict(zip(page.text_in("th"), page.text_in("td"), strict=False))
    assert figures[text("ui.unattributed", Lang.ZH_HANS)] == "2 笔 · 1,300元 · 占营收 43.3%"
    assert any("2 笔没有客户的明细" in t for t in page.text_in("li"))
    labels = {c["key"]: c["label"] for c in page_data(page)["columns"]}
    assert labels["revenue"] == f"{text('column.revenue', Lang.ZH_HANS)} (元)"  # the amounts' currency


def test_the_lists_say_the_reasons_in_the_reports_language(portfolio_files: tuple[Path, Path]) -> None:
    """The report says each customer's reasons from its codes in the report's language, whatever language
    the accounts' reasons column was said in."""
    tx, cu = portfolio_files
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, forecast=False, lang=Lang.EN), Settings())
    accounts = result.analysis.accounts
    context = ReasonContext.of(result.analysis)
    squeezer = accounts.filter(nw.col("customer_id") == "SQUEEZE")
    english, chinese = (say_reasons(squeezer, context, lang).item() for lang in (Lang.EN, Lang.ZH_HANT))
    assert squeezer["reasons"].item() == english != chinese
    table = page_data(read_page(report_of(result, Lang.ZH_HANT, reasons_in=None)))["table"]
    assert table["reasons"][table["customer_id"].index("SQUEEZE")] == chinese
    assert english not in table["reasons"]


@pytest.mark.parametrize("engine", [Engine.POLARS, Engine.DUCKDB])
def test_without_costs_the_scatter_is_revenue_and_orders_on_each_engine(
    engine: Engine, portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Without costs the scatter draws each account's revenue against its orders, which DuckDB counts as
    a decimal: the points are numbers whatever the engine."""
    tx, _ = portfolio_files
    no_cost = tmp_path / "no_cost.csv"
    pl.read_csv(tx).drop("cost").write_csv(no_cost)
    result = run_analyze(AnalyzeOptions(str(no_cost), forecast=False, engine=engine), Settings())
    data = page_data(read_page(report_of(result, Lang.EN, reasons_in=Lang.EN)))
    scatter, ids = data["scatter"], data["table"]["customer_id"]
    assert (scatter["x"], scatter["y"]) == ("revenue", "orders")
    points = {ids[row]: [x, y] for segment in scatter["points"].values() for x, y, row in segment}
    assert points["KEY1"] == [pytest.approx(24 * 50_000), 24.0]
