"""The report's charts: any title, axis label or tooltip is shown as the very text given."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam.render.svg import Chart, chart_svg, line_chart, scatter_chart, short_number

SVG = "{http://www.w3.org/2000/svg}"
# any text an XML document can hold (no control characters, lone surrogates or noncharacters)
words = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1).map(lambda s: f"a{s}z")


@settings(deadline=None)  # the first example loads jinja2 and compiles the templates
@given(title=words, x_label=words, y_label=words, tips=st.lists(words, min_size=1, max_size=5))
def test_scatter_shows_labels_and_tooltips_as_given(
    title: str, x_label: str, y_label: str, tips: list[str]
) -> None:
    points = [(10.0 ** (i + 1), 0.1 * i, "key", tip) for i, tip in enumerate(tips)]
    chart = scatter_chart(
        points, {"key": "#1a7f37"}, title=title, x_label=x_label, y_label=y_label, chart_id="scatter"
    )
    root = ET.fromstring(chart_svg(chart))
    assert root.get("aria-label") == title and root.get("id") == "scatter"
    assert [t.text for t in root.iter(f"{SVG}title")] == [title, *tips]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "axis"] == [x_label, y_label]
    assert len(list(root.iter(f"{SVG}circle"))) == len(tips)


@settings(deadline=None)
@given(title=words, label=words)
def test_line_chart_shows_title_and_marker_label_as_given(title: str, label: str) -> None:
    points = [(0.0, 0.0), (0.5, 2.0), (1.0, 1.0)]
    chart = line_chart(
        points, title=title, x_label="x", y_label="y", chart_id="whale", marker=(0.5, 2.0, label)
    )
    root = ET.fromstring(chart_svg(chart))
    assert root.get("aria-label") == title
    assert [t.text for t in root.iter(f"{SVG}text")][-1] == label
    assert len(list(root.iter(f"{SVG}polyline"))) == 1


EMPTY = {
    "line without points": line_chart([], title="t", x_label="x", y_label="y", chart_id="c"),
    "scatter of a zero volume only": scatter_chart(
        [(0.0, 0.5, "key", "t")], {}, title="t", x_label="x", y_label="y", chart_id="c"
    ),
}


@pytest.mark.parametrize("empty", EMPTY.values(), ids=EMPTY.keys())
def test_a_chart_without_data_is_an_empty_frame(empty: Chart) -> None:
    root = ET.fromstring(chart_svg(empty))
    assert [element.tag.removeprefix(SVG) for element in root.iter()] == ["svg", "title"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(999, "999"), (1000, "1.0k"), (-2500, "-2.5k"), (999_999, "1000.0k"), (1e6, "1.0M"), (3.2e9, "3.2G")],
)
def test_short_number(value: float, shown: str) -> None:
    assert short_number(value) == shown
