"""Plain inline SVG charts (no JavaScript, no external assets): the geometry of each chart.

The functions here place points and ticks; templates/charts.svg.j2 turns a chart into markup (with one
decimal), escaping every label and tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

WIDTH, HEIGHT, PAD = 560, 320, 48


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Axes:
    x_label: str
    y_label: str
    x_ticks: Sequence[Tick]
    y_ticks: Sequence[Tick]


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Diagonal:
    """From (0, 0) to (1, 1) of the data, written as the unrounded coordinates."""

    x1: float
    y1: float
    x2: float
    y2: float


class Dot(NamedTuple):
    """A scatter point, its position already written with one decimal: a scatter has up to thousands."""

    x: str
    y: str
    colour: str
    tip: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A line chart (`points`: the polyline's "x,y" pairs with one decimal) or a scatter (`dots`) in the
    same frame; `axes` is None when there is no data to draw."""

    chart_id: str
    title: str
    axes: Axes | None = None
    points: str = ""
    diagonal: Diagonal | None = None
    marker: Marker | None = None
    dots: Sequence[Dot] = ()
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def short_number(value: float) -> str:
    size = abs(value)
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"


def value_ticks(low: float, high: float, place: Callable[[float], float], percent: bool) -> list[Tick]:
    """Five evenly spaced ticks from low to high, labelled as a percentage or a short number."""
    values = [low + (high - low) * t / 4 for t in range(5)]
    return [Tick(place(v), f"{v * 100:.0f}%" if percent else short_number(v)) for v in values]


def line_chart(
    points: Sequence[tuple[float, float]],
    *,
    title: str,
    x_label: str,
    y_label: str,
    chart_id: str,
    y_percent: bool = False,
    diagonal: bool = False,
    marker: tuple[float, float, str] | None = None,
) -> Chart:
    """A single polyline with axes; x in [0, 1] (share of customers), y as given."""
    if not points:
        return Chart(chart_id, title)
    ys = [p[1] for p in points]
    y_low = min(0.0, min(ys))
    y_high = max(1.0, max(ys)) if y_percent else (max(ys) * 1.05 or 1.0)

    def sx(x: float) -> float:
        return _scale(x, 0, 1, PAD, WIDTH - 10)

    def sy(y: float) -> float:
        return _scale(y, y_low, y_high, HEIGHT - PAD, 10)

    x_ticks = [Tick(sx(t / 4), f"{t * 25}%") for t in range(5)]
    axes = Axes(x_label, y_label, x_ticks, value_ticks(y_low, y_high, sy, y_percent))
    spot = None
    if marker:
        mx, my, label = marker
        spot = Marker(sx(mx), sy(my), label)
    return Chart(
        chart_id,
        title,
        axes,
        points=" ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points),
        diagonal=Diagonal(sx(0), sy(0), sx(1), sy(1)) if diagonal else None,
        marker=spot,
    )


def scatter_chart(
    points: Sequence[tuple[float, float, str, str]],
    colors: dict[str, str],
    *,
    title: str,
    x_label: str,
    y_label: str,
    chart_id: str,
    log_x: bool = True,
    y_percent: bool = True,
) -> Chart:
    """Points (x, y, group, tooltip) coloured by group; x on a log scale by default (volumes span decades)."""
    usable = [p for p in points if p[0] is not None and p[1] is not None and (p[0] > 0 or not log_x)]
    if not usable:
        return Chart(chart_id, title)
    tx = [math.log10(p[0]) if log_x else p[0] for p in usable]
    ys = [p[1] for p in usable]
    x_low, x_high = min(tx), max(tx)
    y_low, y_high = min(ys), max(ys)

    def sx(x: float) -> float:
        return _scale(x, x_low, x_high, PAD + 4, WIDTH - 14)

    def sy(y: float) -> float:
        return _scale(y, y_low, y_high, HEIGHT - PAD - 4, 14)

    x_ticks = []
    for t in range(5):
        x = x_low + (x_high - x_low) * t / 4
        x_ticks.append(Tick(sx(x), short_number(10**x if log_x else x)))
    axes = Axes(x_label, y_label, x_ticks, value_ticks(y_low, y_high, sy, y_percent))
    dots = [
        Dot(f"{sx(x):.1f}", f"{sy(y):.1f}", colors.get(g, "#888"), tip)
        for x, (_, y, g, tip) in zip(tx, usable, strict=True)
    ]
    return Chart(chart_id, title, axes, dots=dots)


def chart_svg(chart: Chart) -> str:
    """One chart as an SVG element on its own (a page can update a single chart)."""
    from kam.render import environment

    return environment().get_template("chart.svg.j2").render(chart=chart)
