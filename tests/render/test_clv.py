"""report.html of `kam clv fit`: parameters, standard errors and the holdout chart, every value as text."""

from __future__ import annotations

import pytest

from kam.domain.languages import Lang
from kam.i18n import text
from kam.render.clv import clv_report_html
from tests.render.page import KAM_ELEMENTS, read_page
from tests.render.samples import holdout, params


@pytest.mark.parametrize("lang", list(Lang))
def test_figures_and_holdout_in_each_language(lang: Lang) -> None:
    page = read_page(clv_report_html(params(), holdout(), lang))
    assert page.elements[0] == ("html", {"lang": lang.value})
    assert page.text_in("h1") == [text("clv.title", lang)]
    assert page.text_in("td") == ["BG/NBD", "r", "0.2426", "0.0126", "Gamma-Gamma", "p", "6.25", "1.19"]
    assert page.text_in("h2") == [text("clv.holdout", lang).format(end="1998-06-30")]
    assert page.text_in("p") == [
        text("clv.overview", lang).format(customers="2,357", unit="week", end="1997-09-30", ll="-9582.4")
    ]
    assert sum(tag == "svg" for tag, _ in page.elements) == 1


def test_without_holdout_there_is_no_chart() -> None:
    page = read_page(clv_report_html(params(holdout_end=None), None, Lang.EN))
    assert "svg" not in page.tags() and page.text_in("h2") == []


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "</svg>", "&lt;"]
)
def test_names_and_buckets_are_text(hostile: str) -> None:
    page = read_page(
        clv_report_html(params(model=hostile, parameter=hostile), holdout([hostile, "1"]), Lang.EN)
    )
    assert page.tags() <= KAM_ELEMENTS
    assert page.text_in("td")[:2] == [hostile, hostile]
    assert hostile in page.text_in("text") and f"{hostile}: 0.100" in page.text_in("title")


@pytest.mark.parametrize("lang", list(Lang))
def test_a_spend_model_that_stood_in_and_its_notes(lang: Lang) -> None:
    """The own mean spend that stood in for Gamma-Gamma has no standard error when one buyer repeated
    (an empty cell), and the notes of the fit are listed under their heading, as text."""
    fitted = params() | {
        "spend_model": {
            "model": "own mean spend",
            "params": {"mean": 30.0},
            "standard_errors": {"mean": None},
        }
    }
    notes = ["Gamma-Gamma spend model not used: <b>only 1</b>", "{{ 7*7 }}"]
    page = read_page(clv_report_html(fitted, None, lang, notes))
    assert page.text_in("td")[4:] == ["own mean spend", "mean", "30"]
    assert sum(tag == "td" for tag, _ in page.elements) == 8  # the fourth cell of the row is empty
    assert page.text_in("h2") == [text("clv.notes", lang)]
    assert page.text_in("li") == notes
    assert page.tags() <= KAM_ELEMENTS
