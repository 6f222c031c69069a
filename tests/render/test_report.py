"""report.html of `kam analyze` is one offline page with the three charts and the lists; a real browser
renders it; customer codes, names and the file name are shown as text, never read as markup."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import narwhals as nw
import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.domain.languages import Lang
from kam.i18n import text
from kam.render.reasons import ReasonContext, say_reasons
from kam.render.report import render_report
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze
from tests.conftest import portfolio_customers, portfolio_lines
from tests.render.page import KAM_ELEMENTS, read_page

# planted customers of the portfolio (each in a listed segment) renamed to markup, a template and entities
HOSTILE = {
    "KEY1": "<script>alert(1)</script>",
    "ONEOFF": '"><img src=x onerror=alert(1)>',
    "SQUEEZE": "{{ 7*7 }}",
    "LAPSED": "</svg><b>lapsed</b>",
    "RISING": "' onmouseover='alert(1)",
    "THIN": "&amp; &lt;i&gt;",
}
HOSTILE_NAMES = {
    "KEY1": "<iframe src=//example.com></iframe>",
    "SQUEEZE": "{% raw %}{{ config }}",
    "LAPSED": "</td></tr></table><h1>x</h1>",
}


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
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "<script" not in html
    for chart in ("pareto", "whale", "scatter"):
        assert f'<svg id="{chart}"' in html
    for section in (
        "list-key",
        "list-potential",
        "list-one_off_bulk",
        "list-low_profit_volume",
        "list-profit_squeezer",
        "list-lapsed",
    ):
        assert f'id="{section}"' in html
    assert "扒皮大戶" in html and "折扣深度25.0%" in html
    assert "key_min_margin" in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (see .ci/run)")
        pytest.skip("Chromium is not installed")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'p'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count("<svg") == 3
    assert dom.count("<polyline") == 2
    assert dom.count("<circle") >= 36
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 20_000


@pytest.fixture
def hostile_report(tmp_path: Path) -> tuple[Path, Path]:
    """The portfolio with the planted customers' codes and names written as markup, read from a file whose
    name is markup too; returns (transactions file, report.html)."""
    folder = tmp_path / "in"
    folder.mkdir()
    tx, cu = folder / '"><img src=x onerror=alert(1)>.csv', folder / "customers.csv"
    codes = pl.col("customer_id").replace(HOSTILE)
    portfolio_lines().with_columns(codes).write_csv(tx)
    portfolio_customers().with_columns(
        pl.col("customer_id").replace(HOSTILE_NAMES).alias("name"),
        codes,
        pl.col("referred_by").replace(HOSTILE),
    ).with_columns(pl.when(pl.col("name").is_in(list(HOSTILE_NAMES.values()))).then("name")).write_csv(cu)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--no-forecast"]
    )
    assert result.exit_code == 0, result.output
    return tx, out / "report.html"


def test_hostile_codes_names_and_file_name_are_text(hostile_report: tuple[Path, Path]) -> None:
    tx, report = hostile_report
    page = read_page(report.read_text(encoding="utf-8"))
    assert page.tags() <= KAM_ELEMENTS
    assert not [a for a in page.attributes() if "alert" in a or "example.com" in a]
    listed = page.text_in("td")
    for old, code in HOSTILE.items():
        name = HOSTILE_NAMES.get(old)
        assert (f"{code} · {name}" if name else code) in listed
    assert page.text_in("code")[0] == str(tx)
    segment = {seg: text(f"segment.{seg}", Lang.EN) for seg in ("key", "one_off_bulk", "profit_squeezer")}
    tips = page.text_in("title")
    assert f"{HOSTILE['KEY1']} · {segment['key']}" in tips
    assert f"{HOSTILE['ONEOFF']} · {segment['one_off_bulk']}" in tips
    assert f"{HOSTILE['SQUEEZE']} · {segment['profit_squeezer']}" in tips
    assert "49" not in listed


def test_the_lists_say_the_reasons_in_the_reports_language(portfolio_files: tuple[Path, Path]) -> None:
    """The report says each listed customer's reasons from its codes in the report's language, whatever
    language the accounts' reasons column was said in."""
    tx, cu = portfolio_files
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, forecast=False, lang=Lang.EN), Settings())
    accounts = result.analysis.accounts
    context = ReasonContext.of(result.analysis)
    squeezer = accounts.filter(nw.col("customer_id") == "SQUEEZE")
    english, chinese = (say_reasons(squeezer, context, lang).item() for lang in (Lang.EN, Lang.ZH_HANT))
    assert squeezer["reasons"].item() == english != chinese
    page = read_page(
        render_report(
            result.analysis,
            result.summary.source,
            result.summary.rows_read,
            result.summary.warnings,
            [],
            Lang.ZH_HANT,
        )
    )
    listed = page.text_in("td")
    assert chinese in listed and english not in listed
