"""holdout.svg of `kam clv fit`: a plain SVG document whose bucket labels and tooltips are text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kam.clv import BetaGeo, holdout_check, rfm_summary
from kam.clv.summary import TimeUnit
from kam.domain.languages import Lang
from kam.i18n import text
from kam.io.cdnow import read_cdnow
from kam.render.holdout import holdout_svg
from tests.render.samples import holdout

SVG = "{http://www.w3.org/2000/svg}"
CDNOW = Path(__file__).parents[1] / "data" / "cdnow" / "CDNOW_sample.txt"


def _texts(svg: str, tag: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}{tag}")]


def test_holdout_svg_of_cdnow_is_plain_svg() -> None:
    tx = read_cdnow(CDNOW)
    s = rfm_summary(tx, calibration_end="1997-09-30")
    model = BetaGeo().fit(s["frequency"], s["recency"], s["T"])
    check = holdout_check(model, tx, unit="week", calibration_end="1997-09-30", observation_end="1998-06-30")
    svg = holdout_svg(check)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and "<script" not in svg and "href" not in svg
    assert svg.count("<polyline") == 2
    assert len(list(root.iter(f"{SVG}rect"))) == 2 * check.by_frequency.height + 4  # bars and the legends'
    assert _texts(svg, "text")[-2:] == ["actual", "predicted"]


@pytest.mark.parametrize("lang", list(Lang))
def test_titles_axes_and_legend_in_each_language(lang: Lang) -> None:
    svg = holdout_svg(holdout(unit=TimeUnit.MONTH), lang)
    assert ET.fromstring(svg).get("aria-label") == text("clv.plot.label", lang)
    texts = _texts(svg, "text")
    for key in (
        "clv.plot.per_customer",
        "clv.plot.by_frequency",
        "clv.plot.cumulative",
        "clv.plot.after.month",
    ):
        assert text(key, lang) in texts
    assert texts.count(text("clv.plot.actual", lang)) == 2


def test_bucket_labels_and_tooltips_are_text() -> None:
    buckets = ["<script>alert(1)</script>", '"/><image href="x"/>', "{{ 7*7 }}", "</svg>&amp;"]
    svg = holdout_svg(holdout(buckets))
    root = ET.fromstring(svg)
    elements = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert elements == {"svg", "g", "text", "line", "rect", "title", "polyline"}
    assert [b for b in buckets if b in _texts(svg, "text")] == buckets
    tips = _texts(svg, "title")
    assert tips[:2] == [f"{buckets[0]}: 0.100", f"{buckets[0]}: 0.120"] and f"{buckets[2]}: 0.300" in tips
