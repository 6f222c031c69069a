"""Every template of kam.render renders in each of the three languages: a new template needs a sample here."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from kam.analytics.changes import compare
from kam.domain.languages import Lang
from kam.i18n import text
from kam.render import environment
from kam.render.clv import clv_report_html
from kam.render.holdout import holdout_svg
from kam.render.report import render_report
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze
from tests.render.page import read_page
from tests.render.samples import holdout, params

Sample = Callable[[Lang, tuple[Path, Path]], str]


def _report(lang: Lang, files: tuple[Path, Path]) -> str:
    tx, cu = files
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, forecast=False, lang=lang), Settings())
    return render_report(
        result.analysis,
        result.summary.source,
        result.summary.rows_read,
        result.summary.warnings,
        [("value.key_min_margin", "0.1", "margin")],
        lang,
    )


def _changes(lang: Lang, files: tuple[Path, Path]) -> str:
    """The report of the portfolio compared with itself a quarter before, when every account was key."""
    tx, cu = files
    result = run_analyze(AnalyzeOptions(str(tx), customers=cu, forecast=False, lang=lang), Settings())
    current = result.analysis.accounts.to_polars()
    earlier = current.with_columns(segment=pl.lit("key"), at_risk=pl.lit(False))
    changes = compare(earlier, current, dt.date(2025, 9, 30))
    return render_report(
        result.analysis,
        result.summary.source,
        result.summary.rows_read,
        result.summary.warnings,
        [],
        lang,
        changes=changes,
    )


# each template, the function that renders it and the text that shows the page is in the language
SAMPLES: dict[str, tuple[Sample, str]] = {
    "report.html.j2": (_report, "ui.title"),
    "changes.html.j2": (_changes, "ui.changes.heading"),  # included in report.html.j2
    "clv_report.html.j2": (lambda lang, _: clv_report_html(params(), holdout(), lang), "clv.title"),
    "holdout.svg.j2": (lambda lang, _: holdout_svg(holdout(), lang), "clv.plot.label"),
}


def test_every_template_has_a_sample() -> None:
    assert sorted(environment().list_templates()) == sorted(SAMPLES)


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("template", sorted(SAMPLES))
def test_renders_in_each_language(template: str, lang: Lang, portfolio_files: tuple[Path, Path]) -> None:
    sample, key = SAMPLES[template]
    markup = sample(lang, portfolio_files)
    title = text(key, lang).split("{")[0]
    others = {text(key, other).split("{")[0] for other in Lang} - {title}
    if template.endswith(".svg.j2"):
        ET.fromstring(markup)
    else:
        assert read_page(markup).elements[0] == ("html", {"lang": lang.value})
    assert title in markup and not [other for other in others if other in markup]


def test_jinja2_loads_with_the_first_page_and_the_models_never_load_it() -> None:
    code = (
        "import sys, kam.clv.holdout, kam.clv.bgnbd, kam.analytics.pipeline;"
        "print('kam.render' in sys.modules, 'jinja2' in sys.modules);"
        "import kam.render.report, kam.render.clv;"
        "print('jinja2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False"]
