"""The self-contained offline report: curves, the scatter and the key / potential / fake lists with reasons."""

from __future__ import annotations

from html import escape
from typing import Any

import narwhals as nw

from kam.analytics.pipeline import Analysis
from kam.analytics.verdicts import Segment
from kam.i18n import Lang, say, setting_help, text
from kam.report.svg import line_chart, scatter_chart, short_number

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
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Microsoft JhengHei",sans-serif;margin:2rem;
color:#1f2328;max-width:1200px}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;
vertical-align:top}th{background:#f6f8fa}.num{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:1rem}
.axis{font-size:12px;fill:#333}.tick{font-size:10px;fill:#555}.swatch{display:inline-block;width:.8rem;height:.8rem;
border-radius:50%;margin-right:.3rem}.note{background:#fff8c5;padding:.5rem 1rem;border-radius:6px}
"""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _list_section(accounts: nw.DataFrame[Any], segment: Segment, lang: Lang) -> str:
    rows = accounts.filter(nw.col("segment") == segment.value)
    if rows.shape[0] == 0:
        return ""
    name_col = "name" if "name" in accounts.columns else None
    body = []
    for record in rows.head(MAX_LISTED).iter_rows(named=True):
        who = escape(str(record["customer_id"]))
        if name_col and record.get(name_col):
            who += f" · {escape(str(record[name_col]))}"
        body.append(f"<tr><td>{who}</td><td>{escape(str(record['reasons']))}</td></tr>")
    more = rows.shape[0] - MAX_LISTED
    tail = f"<p>{escape(text('ui.more', lang).format(n=more))}</p>" if more > 0 else ""
    color = SEGMENT_COLORS[segment.value]
    return (
        f'<section id="list-{segment.value}"><h2><span class="swatch" style="background:{color}"></span>'
        f"{escape(text('segment.' + segment.value, lang))} ({rows.shape[0]})</h2>"
        f"<table><tr><th>{text('ui.customer', lang)}</th><th>{text('ui.reasons', lang)}</th></tr>"
        + "".join(body)
        + f"</table>{tail}</section>"
    )


def _charts(analysis: Analysis, lang: Lang) -> str:
    basis = text(f"basis.{analysis.basis}", lang)
    pareto_points = [(0.0, 0.0)] + [(x, share) for x, share, _ in analysis.curve]
    whale_points = [(0.0, 0.0)] + [(x, cum) for x, _, cum in analysis.curve]
    fig = analysis.figures
    peak_x = fig.whale_peak_customers / fig.customers if fig.customers else 0
    pareto = line_chart(
        pareto_points,
        title=text("ui.pareto", lang).format(basis=basis),
        x_label=text("ui.share_customers", lang),
        y_label=basis,
        chart_id="pareto",
        y_percent=True,
        diagonal=True,
    )
    whale = line_chart(
        whale_points,
        title=text("ui.whale", lang).format(basis=basis),
        x_label=text("ui.share_customers", lang),
        y_label=basis,
        chart_id="whale",
        marker=(peak_x, fig.whale_peak, short_number(fig.whale_peak)),
    )
    accounts = analysis.accounts
    if "net_margin" in accounts.columns and "volume" in accounts.columns:
        x_col, y_col, title = "volume", "net_margin", text("ui.scatter", lang)
        labels = (text("ui.volume", lang), text("ui.net_margin", lang))
    else:
        x_col, y_col, title = "revenue", "orders", text("ui.scatter_no_cost", lang)
        labels = (text("ui.revenue", lang), text("ui.orders", lang))
    sample = accounts.filter(nw.col("segment") != Segment.REGULAR.value).head(MAX_SCATTER)
    regular = accounts.filter(nw.col("segment") == Segment.REGULAR.value).head(MAX_SCATTER - sample.shape[0])
    names = {seg.value: text(f"segment.{seg.value}", lang) for seg in Segment}
    points = [
        (r[x_col], r[y_col], r["segment"], f"{r['customer_id']} · {names.get(r['segment'], r['segment'])}")
        for frame in (sample, regular)
        for r in frame.select("customer_id", x_col, y_col, "segment").iter_rows(named=True)
    ]
    y_clip = [
        (x, max(-1.0, min(1.0, y)) if y_col == "net_margin" and y is not None else y, g, tip)
        for x, y, g, tip in points
    ]
    scatter = scatter_chart(
        y_clip,
        SEGMENT_COLORS,
        title=title,
        x_label=labels[0],
        y_label=labels[1],
        chart_id="scatter",
        y_percent=y_col == "net_margin",
    )
    legend = "".join(
        f'<span><span class="swatch" style="background:{c}"></span>{escape(text("segment." + s, lang))}</span> '
        for s, c in SEGMENT_COLORS.items()
    )
    return f'<div class="charts">{pareto}{whale}<div>{scatter}<p>{legend}</p></div></div>'


def render_report(
    analysis: Analysis, summary: dict[str, Any], settings_rows: list[tuple[str, str, str]], lang: Lang
) -> str:
    """One HTML page, no external assets: everything a sales director needs to check the verdicts."""
    fig = analysis.figures
    basis = text(f"basis.{analysis.basis}", lang)
    counts = analysis.segment_counts()
    seg_rows = "".join(
        f'<tr><td><span class="swatch" style="background:{SEGMENT_COLORS[s]}"></span>'
        f'{escape(text("segment." + s, lang))}</td><td class="num">{n:,}</td></tr>'
        for s, n in counts.items()
    )
    portfolio = [
        (text("ui.customers", lang), f"{fig.customers:,}"),
        (text("ui.pareto_share", lang).format(basis=basis), _pct(fig.share_of_customers_for_80pct)),
        (text("ui.top5", lang), _pct(fig.top5_share)),
        (text("ui.top20", lang), _pct(fig.top20_share)),
        (text("ui.whale_peak", lang), f"{fig.whale_peak:,.0f} ({_pct(fig.whale_peak_share_of_total)})"),
        (text("ui.tail_destroys", lang), f"{fig.tail_destroys:,.0f}"),
        (text("ui.loss_making", lang), f"{fig.loss_making_customers:,}"),
    ]
    port_rows = "".join(
        f'<tr><th>{escape(k)}</th><td class="num">{escape(v)}</td></tr>' for k, v in portfolio
    )
    limits = "".join(f"<li>{escape(text(key, lang))}</li>" for key in analysis.missing)
    warnings = "".join(f"<li>{escape(say(w, lang))}</li>" for w in summary.get("warnings", []))
    notes = ""
    if limits:
        notes += (
            f'<section class="note" id="limits"><h2>{text("ui.limits", lang)}</h2><ul>{limits}</ul></section>'
        )
    if warnings:
        notes += f'<section id="warnings"><h2>{text("ui.warnings", lang)}</h2><ul>{warnings}</ul></section>'
    settings_html = "".join(
        f"<tr><td><code>{escape(n)}</code></td><td>{escape(v)}</td><td>{escape(setting_help(n, h, lang))}</td></tr>"
        for n, v, h in settings_rows
    )
    lists = "".join(_list_section(analysis.accounts, seg, lang) for seg in LISTED)
    title = text("ui.title", lang)
    return (
        f'<!DOCTYPE html><html lang="{lang.value}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body><h1>{title}</h1>"
        f"<p>{text('ui.source', lang)}: <code>{escape(str(summary.get('source', '')))}</code> · "
        f"{text('ui.as_of', lang)}: {analysis.as_of.isoformat()} · {text('ui.rows', lang)}: "
        f"{summary.get('rows_read', 0):,}</p>{notes}"
        f'<h2>{text("ui.segments", lang)}</h2><table id="segments">{seg_rows}</table>'
        f'<h2>{text("ui.portfolio", lang)}</h2><table id="portfolio">{port_rows}</table>'
        f"{_charts(analysis, lang)}{lists}"
        f'<h2>{text("ui.settings", lang)}</h2><table id="settings"><tr><th>{text("ui.setting", lang)}</th>'
        f"<th>{text('ui.value', lang)}</th><th>{text('ui.meaning', lang)}</th></tr>{settings_html}</table>"
        "</body></html>"
    )
