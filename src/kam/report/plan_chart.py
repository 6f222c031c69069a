"""The decision chain drawn on a PDF page: a box per person under the one they report to, joined by
lines; the fill is their stance (green supporter, grey neutral, red opponent, white unknown), the border
is thicker the more influence they have, and the coach's box is marked with a star.

The layout is a plain tree layout: each person without reports takes the next slot from the left, and a
person with reports is centred over them; levels go down the page. The chart is scaled to the page's
width, so a wide chain gets narrower boxes and smaller type rather than running off the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kam.plaintext import printable
from kam.render.document import ChartNode, OrgChart

if TYPE_CHECKING:
    from fpdf import FPDF

FILL = {  # RGB by stance
    "supporter": (198, 239, 206),
    "neutral": (230, 230, 230),
    "opponent": (255, 199, 206),
    "unknown": (255, 255, 255),
}
LEVEL_MM = 20  # from one level's top to the next's
BOX_MM = (38.0, 12.0)  # the widest box and its height
GAP_MM = 3.0  # between boxes side by side


@dataclass(frozen=True)
class Placed:
    node: ChartNode
    x: float  # the box's centre, in slots from the left
    depth: int


def layout(chart: OrgChart) -> list[Placed]:
    """Each person's place: the slot of their box's centre (people without reports take whole slots
    from the left, in the order of the tree; the others are centred over their reports) and their level."""
    order = chart.walk()
    leaves = [n.key for _, n in order if not chart.children(n.key)]
    x: dict[int, float] = {key: float(slot) for slot, key in enumerate(leaves)}
    for _, node in reversed(order):  # reports before the people they report to
        below = [x[c.key] for c in chart.children(node.key) if c.key in x]
        if node.key not in x:
            x[node.key] = (min(below) + max(below)) / 2 if below else float(len(x))
    return [Placed(node, x[node.key], depth) for depth, node in order]


def draw_chart(pdf: FPDF, chart: OrgChart, font: str) -> None:
    """Draw `chart` on `pdf` from the current position down, starting a page when it does not fit."""
    placed = layout(chart)
    if not placed:
        return
    slots = max(p.x for p in placed) + 1
    levels = max(p.depth for p in placed) + 1
    width = pdf.w - pdf.l_margin - pdf.r_margin
    slot = width / slots
    box_w = min(BOX_MM[0], slot - GAP_MM)
    scale = box_w / BOX_MM[0]
    box_h = BOX_MM[1]
    height = (levels - 1) * LEVEL_MM + box_h
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y() + 2
    centre = {p.node.key: (pdf.l_margin + (p.x + 0.5) * slot, top + p.depth * LEVEL_MM) for p in placed}
    pdf.set_draw_color(90, 90, 90)
    pdf.set_line_width(0.3)
    for p in placed:
        if p.node.parent in centre:
            px, py = centre[p.node.parent]
            cx, cy = centre[p.node.key]
            middle = py + box_h + (cy - py - box_h) / 2
            pdf.line(px, py + box_h, px, middle)
            pdf.line(px, middle, cx, middle)
            pdf.line(cx, middle, cx, cy)
    for p in placed:
        cx, cy = centre[p.node.key]
        left = cx - box_w / 2
        pdf.set_fill_color(*FILL.get(p.node.stance, FILL["unknown"]))
        pdf.set_line_width(0.2 + 0.25 * (p.node.influence or 1))
        pdf.rect(left, cy, box_w, box_h, style="DF")
        name = printable(p.node.name, one_line=True) + (" ★" if p.node.coach else "")
        pdf.set_font(font, size=max(5.0, 8 * scale))
        pdf.set_xy(left, cy + 1)
        pdf.cell(box_w, box_h / 2 - 1, name, align="C")
        pdf.set_font(font, size=max(4.0, 6 * scale))
        pdf.set_xy(left, cy + box_h / 2)
        pdf.cell(box_w, box_h / 2 - 1, printable(p.node.caption, one_line=True), align="C")
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, top + height + 3)
