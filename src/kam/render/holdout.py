"""The holdout check of `kam clv fit` as an inline SVG (no scripts, no external assets): two panels side by
side, mean holdout purchases by calibration frequency and cumulative purchases over time.

The functions here place bars, lines and ticks; templates/holdout.svg.j2 draws them, escaping every text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kam.clv.holdout import HoldoutCheck
from kam.domain.languages import Lang
from kam.i18n import text
from kam.render import render

WIDTH, HEIGHT = 360, 240  # of one panel
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 28, 36
ACTUAL, PREDICTED = "#1f4e79", "#d9822b"
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True, slots=True)
class Tick:
    """An axis tick: where it is drawn and what it says."""

    at: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    tip: str


@dataclass(frozen=True)
class Bucket:
    """One calibration frequency: its actual and predicted bars and its label under them."""

    label: str
    label_x: float
    bars: tuple[Bar, Bar]


@dataclass(frozen=True)
class Line:
    """A polyline from the origin; `points` are written with one decimal."""

    points: str
    colour: str
    dashed: bool


@dataclass(frozen=True)
class Panel:
    title: str
    x_label: str
    y_ticks: Sequence[Tick]
    buckets: Sequence[Bucket] = ()
    lines: Sequence[Line] = ()


@dataclass(frozen=True)
class HoldoutChart:
    label: str
    panels: tuple[Panel, Panel]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    actual: str = ACTUAL
    predicted: str = PREDICTED


def _height(value: float, top: float) -> float:
    return PLOT_HEIGHT * (value / top) if top > 0 else 0.0


def _y_ticks(y_top: float) -> list[Tick]:
    return [
        Tick(HEIGHT - BOTTOM - PLOT_HEIGHT * fraction, f"{y_top * fraction:.3g}")
        for fraction in (0.0, 0.5, 1.0)
    ]


def _frequency_panel(check: HoldoutCheck, lang: Lang) -> Panel:
    table = check.by_frequency
    actual, predicted = table["actual_mean"].to_list(), table["predicted_mean"].to_list()
    top = max([*actual, *predicted, 1e-9]) * 1.1
    slot = PLOT_WIDTH / max(1, table.height)
    width = slot * 0.35

    def bar(x: float, value: float, colour: str, bucket: object) -> Bar:
        h = _height(value, top)
        return Bar(x, HEIGHT - BOTTOM - h, width, h, colour, f"{bucket}: {value:.3f}")

    buckets = []
    for i, (bucket, a, p) in enumerate(zip(table["bucket"].to_list(), actual, predicted, strict=True)):
        x0 = LEFT + i * slot + slot * 0.15
        bars = (bar(x0, a, ACTUAL, bucket), bar(x0 + width, p, PREDICTED, bucket))
        buckets.append(Bucket(str(bucket), x0 + width, bars))
    return Panel(
        text("clv.plot.per_customer", lang),
        text("clv.plot.by_frequency", lang),
        _y_ticks(top),
        buckets=buckets,
    )


def _time_panel(check: HoldoutCheck, lang: Lang) -> Panel:
    table = check.over_time
    actual, predicted = table["actual_cumulative"].to_list(), table["predicted_cumulative"].to_list()
    top = max([*actual, *predicted, 1e-9]) * 1.05
    n = max(1, table.height)
    lines = [
        Line(
            " ".join(
                f"{LEFT + PLOT_WIDTH * (i + 1) / n:.1f},{HEIGHT - BOTTOM - _height(v, top):.1f}"
                for i, v in enumerate(values)
            ),
            colour,
            dashed,
        )
        for values, colour, dashed in ((actual, ACTUAL, False), (predicted, PREDICTED, True))
    ]
    return Panel(
        text("clv.plot.cumulative", lang),
        text(f"clv.plot.after.{check.unit.value}", lang),
        _y_ticks(top),
        lines=lines,
    )


def holdout_chart(check: HoldoutCheck, lang: Lang = Lang.EN) -> HoldoutChart:
    """Both panels of the holdout check, titles, axes and legend in `lang`."""
    return HoldoutChart(
        text("clv.plot.label", lang), (_frequency_panel(check, lang), _time_panel(check, lang))
    )


def holdout_svg(check: HoldoutCheck, lang: Lang = Lang.EN) -> str:
    """The holdout check as a standalone SVG document (holdout.svg of `kam clv fit`)."""
    return render("holdout.svg.j2", lang, holdout=holdout_chart(check, lang))
