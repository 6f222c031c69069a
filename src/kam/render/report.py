"""The self-contained offline report of `kam analyze`: curves, the scatter and the key / potential / fake
lists with reasons, rendered from templates/report.html.j2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import narwhals as nw

from kam.analytics.changes import Changes
from kam.analytics.pipeline import Analysis
from kam.analytics.verdicts import Segment
from kam.i18n import Lang, say, setting_help, text
from kam.render import render
from kam.render.changes import changes_view
from kam.render.reasons import CITED, REASON_CODES, REASONS, ReasonContext, say_reasons
from kam.render.svg import Chart, line_chart, scatter_chart, short_number

SEGMENT_COLORS = {
    Segment.KEY.value: "#1a7f37",
    Segment.POTENTIAL.value: "#1f6feb",
    Segment.ONE_OFF_BULK.value: "#bf8700",
    Segment.LOW_PROFIT_VOLUME.value: "#d1242f",
    Segment.PROFIT_SQUEEZER.value: "#8250df",
    Segment.LAPSED.value: "#6e7781",
    Segment.REGULAR.value: "#afb8c1",
}
LISTED = (
    Segment.KEY,
    Segment.POTENTIAL,
    Segment.ONE_OFF_BULK,
    Segment.LOW_PROFIT_VOLUME,
    Segment.PROFIT_SQUEEZER,
    Segment.LAPSED,
)
MAX_LISTED = 50
MAX_SCATTER = 3000


@dataclass(frozen=True)
class Listing:
    """One segment's list: its first MAX_LISTED customers as (who, reasons, at risk), and how many more
    there are. Key accounts at risk come first, the potential accounts by their rank of expected uplift."""

    segment: str
    total: int
    rows: list[tuple[str, str, bool]]
    more: int


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _listings(analysis: Analysis, lang: Lang, said: bool) -> list[Listing]:
    """The list of each listed segment: its first MAX_LISTED customers with their reasons in `lang`, the
    report's language: the accounts' own `reasons` when `said` (they are in `lang`), else said here from
    the codes, all lists at once."""
    accounts = analysis.accounts
    shown = {
        "customer_id",
        "name",
        "segment",
        "at_risk",
        "potential_rank",
        *((REASONS,) if said else (REASON_CODES, *CITED)),
    }
    narrowed = accounts.select(c for c in accounts.columns if c in shown)  # before filtering: faster
    totals: dict[str, int] = {}
    heads = []
    for segment in LISTED:
        rows = _first_listed(narrowed.filter(nw.col("segment") == segment.value), segment)
        if rows.shape[0]:
            totals[segment.value] = rows.shape[0]
            heads.append(rows.head(MAX_LISTED))
    if not heads:
        return []
    listed = nw.concat(heads)
    if not said:
        listed = listed.with_columns(say_reasons(listed, ReasonContext.of(analysis), lang).alias(REASONS))
    named = "name" in accounts.columns
    listings = []
    for listed_segment, total in totals.items():
        shown_rows = []
        for record in listed.filter(nw.col("segment") == listed_segment).iter_rows(named=True):
            who = str(record["customer_id"])
            if named and record.get("name"):
                who += f" · {record['name']}"
            shown_rows.append((who, str(record[REASONS]), bool(record["at_risk"])))
        listings.append(Listing(listed_segment, total, shown_rows, total - MAX_LISTED))
    return listings


def _first_listed(rows: nw.DataFrame[Any], segment: Segment) -> nw.DataFrame[Any]:
    """A segment's accounts in the order of its list: key accounts at risk first (each part by value),
    high-potential accounts by their rank of expected uplift, the others by value."""
    if segment is Segment.KEY:
        return nw.concat([rows.filter(nw.col("at_risk")), rows.filter(~nw.col("at_risk"))])
    if segment is Segment.POTENTIAL and "potential_rank" in rows.columns:
        return rows.sort("potential_rank")
    return rows


def _curves(analysis: Analysis, lang: Lang) -> tuple[Chart, Chart]:
    basis = text(f"basis.{analysis.basis}", lang)
    fig = analysis.figures
    peak_x = fig.whale_peak_customers / fig.customers if fig.customers else 0
    pareto = line_chart(
        [(0.0, 0.0)] + [(x, share) for x, share, _ in analysis.curve],
        title=text("ui.pareto", lang).format(basis=basis),
        x_label=text("ui.share_customers", lang),
        y_label=basis,
        chart_id="pareto",
        y_percent=True,
        diagonal=True,
    )
    whale = line_chart(
        [(0.0, 0.0)] + [(x, cum) for x, _, cum in analysis.curve],
        title=text("ui.whale", lang).format(basis=basis),
        x_label=text("ui.share_customers", lang),
        y_label=basis,
        chart_id="whale",
        marker=(peak_x, fig.whale_peak, short_number(fig.whale_peak)),
    )
    return pareto, whale


def _scatter(accounts: nw.DataFrame[Any], lang: Lang) -> Chart:
    """Volume against net margin (or revenue against orders without costs): the non-regular customers
    first, then regular ones up to MAX_SCATTER points."""
    if "net_margin" in accounts.columns and "volume" in accounts.columns:
        x_col, y_col, title = "volume", "net_margin", text("ui.scatter", lang)
        labels = (text("ui.volume", lang), text("ui.net_margin", lang))
    else:
        x_col, y_col, title = "revenue", "orders", text("ui.scatter_no_cost", lang)
        labels = (text("ui.revenue", lang), text("ui.orders", lang))
    table = accounts.select("customer_id", x_col, y_col, "segment")  # narrow before filtering: faster
    sample = table.filter(nw.col("segment") != Segment.REGULAR.value).head(MAX_SCATTER)
    regular = table.filter(nw.col("segment") == Segment.REGULAR.value).head(MAX_SCATTER - sample.shape[0])
    names = {seg.value: text(f"segment.{seg.value}", lang) for seg in Segment}
    clip = y_col == "net_margin"
    points = [
        (
            r[x_col],
            max(-1.0, min(1.0, r[y_col])) if clip and r[y_col] is not None else r[y_col],
            r["segment"],
            f"{r['customer_id']} · {names.get(r['segment'], r['segment'])}",
        )
        for frame in (sample, regular)
        for r in frame.iter_rows(named=True)
    ]
    return scatter_chart(
        points,
        SEGMENT_COLORS,
        title=title,
        x_label=labels[0],
        y_label=labels[1],
        chart_id="scatter",
        y_percent=clip,
    )


def render_report(
    analysis: Analysis,
    summary: dict[str, Any],
    settings_rows: list[tuple[str, str, str]],
    lang: Lang,
    reasons_in: Lang | None = None,
    changes: Changes | None = None,
) -> str:
    """One HTML page, no external assets: everything a sales director needs to check the verdicts.
    `reasons_in`: the language the accounts' `reasons` are said in, if any; in another, the lists say
    them again from the codes. With `changes`, what moved since an earlier analysis comes first."""
    fig = analysis.figures
    basis = text(f"basis.{analysis.basis}", lang)
    portfolio = [
        (text("ui.customers", lang), f"{fig.customers:,}"),
        (text("ui.pareto_share", lang).format(basis=basis), _pct(fig.share_of_customers_for_80pct)),
        (text("ui.top5", lang), _pct(fig.top5_share)),
        (text("ui.top20", lang), _pct(fig.top20_share)),
        (text("ui.whale_peak", lang), f"{fig.whale_peak:,.0f} ({_pct(fig.whale_peak_share_of_total)})"),
        (text("ui.tail_destroys", lang), f"{fig.tail_destroys:,.0f}"),
        (text("ui.loss_making", lang), f"{fig.loss_making_customers:,}"),
    ]
    return render(
        "report.html.j2",
        lang,
        source=str(summary.get("source", "")),
        as_of=analysis.as_of.isoformat(),
        rows_read=summary.get("rows_read", 0),
        limits=analysis.missing,
        warnings=[say(w, lang) for w in summary.get("warnings", [])],
        segments=analysis.segment_counts(),
        at_risk=analysis.at_risk(),
        potential_list=summary.get("potential_list"),
        changes=changes_view(changes, lang) if changes is not None else None,
        colours=SEGMENT_COLORS,
        portfolio=portfolio,
        curves=_curves(analysis, lang),
        scatter=_scatter(analysis.accounts, lang),
        listings=_listings(analysis, lang, said=reasons_in == lang),
        settings=[(name, value, setting_help(name, meaning, lang)) for name, value, meaning in settings_rows],
    )
