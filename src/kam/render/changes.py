"""What changed since an earlier analysis, said in the reader's language: one view for the terminal and
the report (kam.analytics.changes computes it; templates/changes.html.j2 shows it in report.html).

Each figure is written as its kind is read: amounts and days whole with the language's grouping, shares
as percentages, a probability with two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kam.analytics.changes import Changed, Changes
from kam.i18n import Lang, text
from kam.i18n.formats import number, percent

PERCENTS = frozenset({"profit_share", "revenue_trend", "gross_margin", "net_margin", "largest_episode_share"})
DECIMALS = {"frequency_per_year": 1, "p_alive": 2}
MISSING = "—"


@dataclass(frozen=True)
class ChangedRow:
    """One account on a list: who, its move (segment before → now), and its figures that changed."""

    who: str
    move: str
    figures: list[str]


@dataclass(frozen=True)
class ChangesView:
    """The changes as shown: the heading, the moves (from, to, count) and each non-empty list."""

    heading: str
    moves: list[tuple[str, str, int]]
    lists: list[tuple[str, str, list[ChangedRow]]]  # (name, title, rows)
    notes: list[str]


def value(name: str, figure: Any, lang: Lang) -> str:
    """One figure as the reader reads it."""
    if figure is None:
        return MISSING
    if isinstance(figure, bool | str):
        return str(figure)
    if name in PERCENTS:
        return percent(figure, lang)
    return number(figure, lang, DECIMALS.get(name, 0))


def segment(name: str | None, lang: Lang) -> str:
    """A segment's name, or what standing outside both analyses is called."""
    return text(f"segment.{name}", lang) if name is not None else text("ui.changes.none", lang)


def _row(changed: Changed, lang: Lang) -> ChangedRow:
    """An account as its list shows it: its segment (before → now, when it moved) and each figure whose
    written value changed."""
    who = changed.customer_id + (f" · {changed.name}" if changed.name else "")
    move = segment(changed.now, lang)
    if changed.before != changed.now:
        move = f"{segment(changed.before, lang)} → {move}"
    figures = []
    for f in changed.figures:
        before, now = value(f.name, f.before, lang), value(f.name, f.now, lang)
        if before != now:
            figure = text(f"figure.{f.name}", lang)
            figures.append(text("ui.changes.figure", lang, figure=figure, before=before, now=now))
    return ChangedRow(who, move, figures)


def changes_view(changes: Changes, lang: Lang) -> ChangesView:
    """The view of `changes` in `lang`."""
    heading = text("ui.changes.heading", lang, as_of=changes.previous_as_of.isoformat())
    moves = [(segment(m.before, lang), segment(m.now, lang), m.count) for m in changes.moves]
    lists = [
        (name, text(f"ui.changes.{name}", lang, count=len(rows)), [_row(c, lang) for c in rows])
        for name, rows in changes.lists.items()
        if rows
    ]
    notes = [] if changes.at_risk_known else [text("ui.changes.no_risk_before", lang)]
    if not moves:
        notes.append(text("ui.changes.no_moves", lang))
    return ChangesView(heading, moves, lists, notes)
