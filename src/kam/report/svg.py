"""Plain inline SVG charts (no JavaScript, no external assets) for the offline HTML report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

WIDTH, HEIGHT, PAD = 560, 320, 48


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def _axes(
    x_label: str, y_label: str, x_ticks: Sequence[tuple[float, str]], y_ticks: Sequence[tuple[float, str]]
) -> str:
    parts = [
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - 10}" y2="{HEIGHT - PAD}" stroke="#555"/>',
        f'<line x1="{PAD}" y1="10" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="#555"/>',
        f'<text x="{(WIDTH + PAD) / 2}" y="{HEIGHT - 8}" text-anchor="middle" class="axis">{escape(x_label)}</text>',
        f'<text x="12" y="{HEIGHT / 2}" transform="rotate(-90 12 {HEIGHT / 2})" text-anchor="middle" '
        f'class="axis">{escape(y_label)}</text>',
    ]
    for x, label in x_ticks:
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle" class="tick">{escape(label)}</text>'
        )
    for y, label in y_ticks:
        parts.append(
            f'<text x="{PAD - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{escape(label)}</text>'
        )
        parts.append(f'<line x1="{PAD}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#eee"/>')
    return "".join(parts)


def _frame(title: str, body: str, chart_id: str) -> str:
    return (
        f'<svg id="{chart_id}" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def short_number(value: float) -> str:
    size = abs(value)
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"


def value_ticks(
    low: float, high: float, place: Callable[[float], float], percent: bool
) -> list[tuple[float, str]]:
    """Five evenly spaced ticks from low to high: (position, label as a percentage or a short number)."""
    values = [low + (high - low) * t / 4 for t in range(5)]
    return [(place(v), f"{v * 100:.0f}%" if percent else short_number(v)) for v in values]


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
) -> str:
    """A single polyline with axes; x in [0, 1] (share of customers), y as given."""
    if not points:
        return _frame(title, "", chart_id)
    ys = [p[1] for p in points]
    y_low = min(0.0, min(ys))
    y_high = max(1.0, max(ys)) if y_percent else (max(ys) * 1.05 or 1.0)

    def sx(x: float) -> float:
        return _scale(x, 0, 1, PAD, WIDTH - 10)

    def sy(y: float) -> float:
        return _scale(y, y_low, y_high, HEIGHT - PAD, 10)

    path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
    x_ticks = [(sx(t / 4), f"{t * 25}%") for t in range(5)]
    y_ticks = value_ticks(y_low, y_high, sy, y_percent)
    body = _axes(x_label, y_label, x_ticks, y_ticks)
    if diagonal:
        body += (
            f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(1)}" y2="{sy(1)}" stroke="#bbb" stroke-dasharray="4"/>'
        )
    body += f'<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="{path}"/>'
    if marker:
        mx, my, label = marker
        body += (
            f'<circle cx="{sx(mx):.1f}" cy="{sy(my):.1f}" r="4" fill="#d1242f"/>'
            f'<text x="{sx(mx) - 6:.1f}" y="{sy(my) - 8:.1f}" text-anchor="end" class="tick">{escape(label)}</text>'
        )
    return _frame(title, body, chart_id)


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
) -> str:
    """Points (x, y, group, tooltip) coloured by group; x on a log scale by default (volumes span decades)."""
    import math

    usable = [p for p in points if p[0] is not None and p[1] is not None and (p[0] > 0 or not log_x)]
    if not usable:
        return _frame(title, "", chart_id)
    tx = [math.log10(p[0]) if log_x else p[0] for p in usable]
    ys = [p[1] for p in usable]
    x_low, x_high = min(tx), max(tx)
    y_low, y_high = min(ys), max(ys)

    def sx(x: float) -> float:
        return _scale(x, x_low, x_high, PAD + 4, WIDTH - 14)

    def sy(y: float) -> float:
        return _scale(y, y_low, y_high, HEIGHT - PAD - 4, 14)

    x_ticks = [
        (
            sx(x_low + (x_high - x_low) * t / 4),
            short_number(
                10 ** (x_low + (x_high - x_low) * t / 4) if log_x else x_low + (x_high - x_low) * t / 4
            ),
        )
        for t in range(5)
    ]
    y_ticks = value_ticks(y_low, y_high, sy, y_percent)
    body = _axes(x_label, y_label, x_ticks, y_ticks)
    dots = [
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{colors.get(g, "#888")}" fill-opacity="0.7">'
        f"<title>{escape(tip)}</title></circle>"
        for x, (_, y, g, tip) in zip(tx, usable, strict=True)
    ]
    return _frame(title, body + "".join(dots), chart_id)
