"""Inline SVG of the holdout check (no scripts, no external assets) for the HTML report."""

from __future__ import annotations

from html import escape

from kam.clv.holdout import HoldoutCheck
from kam.i18n import Lang, text

_W, _H = 360, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 12, 28, 36
_ACTUAL, _PREDICTED = "#1f4e79", "#d9822b"


def _scale(value: float, top: float, size: float) -> float:
    return size * (value / top) if top > 0 else 0.0


def _axes(title: str, x_label: str, y_top: float) -> list[str]:
    plot_h = _H - _TOP - _BOTTOM
    parts = [
        f'<text x="{_W / 2}" y="16" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{_LEFT}" y1="{_H - _BOTTOM}" x2="{_W - _RIGHT}" y2="{_H - _BOTTOM}" stroke="#444"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_H - _BOTTOM}" stroke="#444"/>',
        f'<text x="{_W / 2}" y="{_H - 4}" text-anchor="middle">{escape(x_label)}</text>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        y = _H - _BOTTOM - plot_h * fraction
        parts.append(f'<text x="{_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{y_top * fraction:.3g}</text>')
    return parts


def _legend(x: float, lang: Lang) -> list[str]:
    return [
        f'<rect x="{x}" y="{_TOP}" width="10" height="10" fill="{_ACTUAL}"/>',
        f'<text x="{x + 14}" y="{_TOP + 9}">{escape(text("clv.plot.actual", lang))}</text>',
        f'<rect x="{x}" y="{_TOP + 14}" width="10" height="10" fill="{_PREDICTED}"/>',
        f'<text x="{x + 14}" y="{_TOP + 23}">{escape(text("clv.plot.predicted", lang))}</text>',
    ]


def _frequency_panel(check: HoldoutCheck, lang: Lang) -> str:
    table = check.by_frequency
    actual, predicted = table["actual_mean"].to_list(), table["predicted_mean"].to_list()
    top = max([*actual, *predicted, 1e-9]) * 1.1
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    slot = plot_w / max(1, table.height)
    parts = _axes(text("clv.plot.per_customer", lang), text("clv.plot.by_frequency", lang), top)
    for i, (bucket, a, p) in enumerate(zip(table["bucket"].to_list(), actual, predicted, strict=True)):
        x0 = _LEFT + i * slot + slot * 0.15
        bar = slot * 0.35
        for offset, value, colour in ((0.0, a, _ACTUAL), (bar, p, _PREDICTED)):
            h = _scale(value, top, plot_h)
            parts.append(
                f'<rect x="{x0 + offset:.1f}" y="{_H - _BOTTOM - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(str(bucket))}: {value:.3f}</title></rect>'
            )
        parts.append(
            f'<text x="{x0 + bar:.1f}" y="{_H - _BOTTOM + 14}" text-anchor="middle">'
            f"{escape(str(bucket))}</text>"
        )
    return "".join([*parts, *_legend(_LEFT + 10, lang)])


def _time_panel(check: HoldoutCheck, lang: Lang) -> str:
    table = check.over_time
    actual, predicted = table["actual_cumulative"].to_list(), table["predicted_cumulative"].to_list()
    top = max([*actual, *predicted, 1e-9]) * 1.05
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    n = max(1, table.height)
    parts = _axes(text("clv.plot.cumulative", lang), text(f"clv.plot.after.{check.unit.value}", lang), top)
    for values, colour, dash in ((actual, _ACTUAL, ""), (predicted, _PREDICTED, ' stroke-dasharray="5,3"')):
        points = " ".join(
            f"{_LEFT + plot_w * (i + 1) / n:.1f},{_H - _BOTTOM - _scale(v, top, plot_h):.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polyline points="{_LEFT},{_H - _BOTTOM} {points}" fill="none" stroke="{colour}"{dash}/>'
        )
    return "".join([*parts, *_legend(_LEFT + 10, lang)])


def holdout_svg(check: HoldoutCheck, lang: Lang = Lang.EN) -> str:
    """Two panels side by side: mean holdout purchases by calibration frequency, and cumulative purchases;
    titles, axes and legend in `lang`."""
    label = escape(text("clv.plot.label", lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * _W} {_H}" width="{2 * _W}" height="{_H}" '
        f'font-family="sans-serif" font-size="11" role="img" aria-label="{label}">'
        f"<g>{_frequency_panel(check, lang)}</g>"
        f'<g transform="translate({_W},0)">{_time_panel(check, lang)}</g>'
        "</svg>"
    )
