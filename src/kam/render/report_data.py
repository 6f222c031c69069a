"""What report.html draws, as data: every account as a row of the page's table, the Pareto and whale
curves, the scatter of volume and margin, and the words and number formats of the reader's language.

The page's script (vendored ECharts for the charts, static/report.js for the table) reads it from one
`<script type="application/json">` element; `script_json` escapes it so that no value can end that
element (a customer named `</script><script>...` stays a name): data is never markup.
"""

from __future__ import annotations

import json
from typing import Any

import narwhals as nw
import polars as pl

from kam.analytics.pipeline import Analysis
from kam.domain.languages import Lang
from kam.domain.segments import Segment
from kam.i18n import text
from kam.io.units import Units
from kam.render.columns import heading
from kam.render.reasons import REASON_CODES, REASONS, ReasonContext, say_reasons

SEGMENT_COLORS = {
    Segment.KEY.value: "#1a7f37",
    Segment.POTENTIAL.value: "#1f6feb",
    Segment.ONE_OFF_BULK.value: "#bf8700",
    Segment.LOW_PROFIT_VOLUME.value: "#d1242f",
    Segment.PROFIT_SQUEEZER.value: "#8250df",
    Segment.LAPSED.value: "#6e7781",
    Segment.REGULAR.value: "#8c959f",
}
SEGMENT_ORDER = list(SEGMENT_COLORS)  # the table lists key accounts first, regular ones last
# the table's columns, in order, when the accounts have them (owner: when the customers table gives one)
TABLE_COLUMNS = (
    "customer_id",
    "name",
    "owner",
    "segment",
    "abc_tier",
    "revenue",
    "net_profit",
    "revenue_trend",
    "clv_12m",
    REASONS,
)
# how the page's script shows each column (any other as text); amounts and shares are rounded in the data
KINDS = {"segment": "segment", "abc_tier": "tier", "revenue_trend": "share"} | {
    c: "money" for c in ("revenue", "net_profit", "clv_12m")
}
SEARCHED = ("customer_id", "name", "owner", REASONS)
MAX_SCATTER = 3000
DIGITS = {"money": 2, "share": 4}


def script_json(data_json: str) -> str:
    """JSON text made safe inside a <script> element: every "<" written as \\u003c (the same string to
    JSON.parse), so that nothing in it can close the element ("</script") or open a comment ("<!--");
    the element's text is read as it is, so "&" and ">" mean nothing there."""
    return data_json.replace("<", "\\u003c")


def _shown_columns(accounts: pl.DataFrame) -> list[str]:
    """The table's columns this analysis has: an owner only when some account has one."""
    shown = [c for c in TABLE_COLUMNS if c in accounts.columns]
    if "owner" in shown and accounts["owner"].null_count() == accounts.height:
        shown.remove("owner")
    return shown


def _table(accounts: pl.DataFrame, lang: Lang, units: Units) -> tuple[list[dict[str, str]], str]:
    """The columns (key, heading, kind) and the rows of the table, as columnar JSON (one list a column,
    in the table's first order: segment, then rank). Numbers rounded beyond what is shown, no NaN."""
    shown = _shown_columns(accounts)
    kinds = {c: KINDS.get(c, "text") for c in shown}
    columns = [
        {"key": c, "label": heading(c, lang, currency=units.currency), "kind": kinds[c]} for c in shown
    ]
    rounded = [
        pl.when(pl.col(c).is_finite()).then(pl.col(c).round(DIGITS[kind])).alias(c)
        for c, kind in kinds.items()
        if kind in DIGITS
    ]
    table = accounts.select(shown).with_columns(rounded)
    return columns, table.select(pl.all().implode()).write_json()[1:-1]


def _ordered(accounts: pl.DataFrame) -> pl.DataFrame:
    order = pl.col("segment").replace_strict(
        {s: i for i, s in enumerate(SEGMENT_ORDER)}, default=len(SEGMENT_ORDER), return_dtype=pl.Int32
    )
    within = pl.lit(1)  # key accounts at risk first, the potential accounts by their rank of uplift
    if "at_risk" in accounts.columns:
        within = pl.when(pl.col("at_risk")).then(0).otherwise(1)
    if "potential_rank" in accounts.columns:
        potential = pl.col("segment") == Segment.POTENTIAL.value
        within = pl.when(potential).then(pl.col("potential_rank")).otherwise(within)
    keys = ["_order", "_within", "rank"] if "rank" in accounts.columns else ["_order", "_within"]
    ordered = accounts.with_columns(order.alias("_order"), within.cast(pl.Int64).alias("_within"))
    return ordered.sort(keys, nulls_last=True).drop("_order", "_within")


def _scatter(accounts: pl.DataFrame) -> dict[str, Any]:
    """Up to MAX_SCATTER points (the named segments first, then regular accounts), each [x, y, its row in
    the table], by segment: volume and net margin (clipped to ±100%), or revenue and orders without costs."""
    margin = "net_margin" in accounts.columns and "volume" in accounts.columns
    x_col, y_col = ("volume", "net_margin") if margin else ("revenue", "orders")
    # as floats: DuckDB counts the orders as a decimal, which has no is_finite and no JSON
    x, y = (pl.col(c).cast(pl.Float64) for c in (x_col, y_col))
    usable = accounts.with_row_index("_row").filter(x > 0, y.is_finite())
    named = usable.filter(pl.col("segment") != Segment.REGULAR.value).head(MAX_SCATTER)
    regular = usable.filter(pl.col("segment") == Segment.REGULAR.value).head(MAX_SCATTER - named.height)
    shown_y = y.clip(-1.0, 1.0) if margin else y
    points = pl.concat([named, regular]).select("segment", x.round(3), shown_y.round(4), "_row")
    by_segment: dict[str, list[list[float | int]]] = {}
    for segment, x_value, y_value, row in points.iter_rows():
        by_segment.setdefault(segment, []).append([x_value, y_value, row])
    return {"x": x_col, "y": y_col, "points": by_segment}


def _curves(analysis: Analysis) -> dict[str, Any]:
    fig = analysis.figures
    return {
        "pareto": [[0.0, 0.0], *([round(x, 5), round(share, 5)] for x, share, _ in analysis.curve)],
        "whale": [[0.0, 0.0], *([round(x, 5), round(value, 2)] for x, _, value in analysis.curve)],
        "reach80": fig.share_of_customers_for_80pct,
        "peak": [
            fig.whale_peak_customers / fig.customers if fig.customers else 0.0,
            round(fig.whale_peak, 2),
        ],
    }


def page_data(analysis: Analysis, units: Units, lang: Lang, reasons_in: Lang | None = None) -> str:
    """The page's data as JSON text, safe to put inside its <script> element (see `script_json`), its
    amounts and volume in `units`. `reasons_in`: the language the accounts' reasons are said in; in
    another, they are said again."""
    accounts = analysis.accounts
    if reasons_in != lang or REASONS not in accounts.columns:
        accounts = accounts.with_columns(
            say_reasons(accounts, ReasonContext.of(analysis), lang).alias(REASONS)
        )
    frame = _ordered(
        nw.to_native(accounts.drop(REASON_CODES) if REASON_CODES in accounts.columns else accounts)
    )
    columns, table = _table(frame, lang, units)
    basis = text(f"basis.{analysis.basis}", lang)
    counts = analysis.segment_counts()
    meta = {
        "lang": lang.value,
        "basis": analysis.basis,
        "units": units.to_dict(),
        "columns": columns,
        "searched": [c for c in SEARCHED if c in frame.columns],
        "segments": [
            {
                "key": s,
                "label": text(f"segment.{s}", lang),
                "colour": c,
                "count": counts[s],
            }
            for s, c in SEGMENT_COLORS.items()
        ],
        "curves": _curves(analysis),
        "scatter": _scatter(frame),
        "words": _words(lang, basis, units),
    }
    return script_json(json.dumps(meta, ensure_ascii=False, allow_nan=False)[:-1] + f',"table":{table}}}')


def _words(lang: Lang, basis: str, units: Units) -> dict[str, str]:
    """What the page's script says, in `lang`: chart axes (with units), the table's controls."""
    currency = units.currency
    volume = heading("volume", lang, volume=units.volume)
    return {
        "share_customers": text("ui.axis_share_customers", lang),
        "share_basis": text("ui.axis_share_basis", lang, basis=basis),
        "cumulative_basis": text("ui.axis_cumulative_basis", lang, basis=basis)
        + (f" ({currency})" if currency else ""),
        "diagonal": text("ui.equal_share", lang),
        "reach80": text("ui.reach80", lang).replace("{basis}", basis),  # {share}: filled by the script
        "peak": text("ui.whale_peak", lang),
        "volume": volume,
        "net_margin": heading("net_margin", lang),
        "revenue_axis": heading("revenue", lang, currency=currency),
        "revenue": heading("revenue", lang),  # beside an amount, which says its currency
        "orders": heading("orders", lang),
        "net_profit": heading("net_profit", lang),
        "search": text("ui.search", lang),
        "all_tiers": text("ui.all_tiers", lang),
        "all_owners": text("ui.all_owners", lang),
        "shown": text("ui.shown", lang),
        "more": text("ui.show_more", lang),
        "none": text("ui.no_match", lang),
        "sort": text("ui.sort", lang),
    }
