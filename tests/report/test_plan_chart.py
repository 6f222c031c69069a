"""The decision chain's layout on the plan's PDF: people without reports take the slots from the left in
the order of the tree, the others are centred over their reports, levels follow reports-to, and a loop or
a boss out of the chain does not lose anyone."""

from __future__ import annotations

import pytest

from kam.render.document import ChartNode, OrgChart
from kam.report.plan_chart import layout


def _chart(*links: tuple[int, int | None]) -> OrgChart:
    return OrgChart(tuple(ChartNode(key, f"p{key}", "", parent) for key, parent in links))


@pytest.mark.parametrize(
    ("links", "places"),
    [
        pytest.param([(1, None)], {1: (0.0, 0)}, id="one person"),
        pytest.param(
            [(1, None), (2, 1), (3, 1)], {1: (0.5, 0), 2: (0.0, 1), 3: (1.0, 1)}, id="a boss over two"
        ),
        pytest.param(
            [(1, None), (2, 1), (3, 2), (4, 2), (5, 1)],
            {1: (1.25, 0), 2: (0.5, 1), 3: (0.0, 2), 4: (1.0, 2), 5: (2.0, 1)},
            id="three levels",
        ),
        pytest.param([(1, None), (2, None)], {1: (0.0, 0), 2: (1.0, 0)}, id="two heads"),
        pytest.param([(1, 9), (2, 1)], {1: (0.0, 0), 2: (0.0, 1)}, id="a boss out of the chain"),
    ],
)
def test_each_person_has_a_place(
    links: list[tuple[int, int | None]], places: dict[int, tuple[float, int]]
) -> None:
    assert {p.node.key: (p.x, p.depth) for p in layout(_chart(*links))} == places


def test_a_loop_keeps_everyone_once() -> None:
    chart = _chart((1, None), (2, 3), (3, 2))  # 2 and 3 report to each other: no root among them
    assert sorted(p.node.key for p in layout(chart)) == [1, 2, 3]
    assert chart.lines() == ["p1 · ", "p2 · ", "└ p3 · "]
