"""The self-contained offline report of `kam analyze`, rendered from templates/report.html.j2: the findings
first (segments, concentration, unattributed sales), the charts (Apache ECharts, vendored and inlined),
every account in a table to sort, filter and search, then the notes on the data and the thresholds."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from kam.analytics.changes import Changes
from kam.analytics.pipeline import Analysis
from kam.domain.languages import Lang
from kam.domain.segments import Segment
from kam.i18n import Notice, ntext, say, setting_help, text
from kam.i18n.formats import number, percent
from kam.io.unattributed import UnattributedSales
from kam.io.units import Units
from kam.render import render
from kam.render.assets import asset
from kam.render.changes import changes_view
from kam.render.report_data import SEGMENT_COLORS, page_data
from kam.render.report_lists import at_risk_list

# the page's fonts: the language's own CJK fonts first, the other script's after (names in both)
FONTS = {
    Lang.EN: ("Noto Sans CJK TC", "Noto Sans CJK SC", "Microsoft JhengHei", "Microsoft YaHei"),
    Lang.ZH_HANT: (
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
    ),
    Lang.ZH_HANS: (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
    ),
}


def money(value: float, lang: Lang, currency: str | None) -> str:
    """An amount as the reader writes it, whole units with thousands separators, and its currency when
    known ("1,234,567 GBP", "1,234,567元")."""
    said = number(round(value), lang, 0) if abs(value) >= 100 else number(value, lang, 2)
    if not currency:
        return said
    return f"{said} {currency}" if currency.isascii() else f"{said}{currency}"


def _share(value: float | None, lang: Lang) -> str:
    return "—" if value is None else percent(value, lang, 1)


def font_stack(lang: Lang) -> Markup:
    """The CSS font stack of the page in `lang` (kam's own constant, put into the style sheet as it is)."""
    names = ", ".join(f'"{name}"' for name in FONTS[lang])
    stack = f'system-ui, -apple-system, "Segoe UI", {names}, "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif'
    return Markup(stack)


def findings(
    analysis: Analysis,
    lang: Lang,
    currency: str | None = None,
    unattributed: UnattributedSales | None = None,
) -> list[tuple[str, str]]:
    """The portfolio's figures as (label, value said in `lang`, amounts in `currency`), the `unattributed`
    sales last when any."""
    fig = analysis.figures
    basis = text(f"basis.{analysis.basis}", lang)
    rows = [
        (text("ui.customers", lang), number(fig.customers, lang, 0)),
        (text("ui.pareto_share", lang).format(basis=basis), _share(fig.share_of_customers_for_80pct, lang)),
        (text("ui.top5", lang), _share(fig.top5_share, lang)),
        (text("ui.top20", lang), _share(fig.top20_share, lang)),
        (
            text("ui.whale_peak", lang),
            f"{money(fig.whale_peak, lang, currency)} ({_share(fig.whale_peak_share_of_total, lang)})",
        ),
        (text("ui.tail_destroys", lang), money(fig.tail_destroys, lang, currency)),
        (text("ui.loss_making", lang), number(fig.loss_making_customers, lang, 0)),
    ]
    if unattributed is not None and unattributed.lines:
        lines = unattributed.lines
        said = [
            ntext("ui.unattributed_lines", lines, lang, count=lines),
            money(unattributed.revenue, lang, currency),
        ]
        if unattributed.share is not None:
            said.append(text("ui.of_revenue", lang, share=_share(unattributed.share, lang)))
        rows.append((text("ui.unattributed", lang), " · ".join(said)))
    return rows


def _notes(warnings: Sequence[str], rows_rejected: int) -> list[str]:
    """The notes on the data, in plain words: the warnings of the run, then how many rows were rejected."""
    notes = list(warnings)
    if rows_rejected:
        notes.append(Notice("rejected", count=rows_rejected))
    return notes


def render_report(
    analysis: Analysis,
    source: str,
    rows_read: int,
    warnings: Sequence[str],
    settings_rows: list[tuple[str, str, str]],
    lang: Lang,
    reasons_in: Lang | None = None,
    *,
    rows_rejected: int = 0,
    mapping: Mapping[str, str] | None = None,
    units: Units | None = None,
    unattributed: UnattributedSales | None = None,
    changes: Changes | None = None,
) -> str:
    """One HTML page, no external assets: everything a sales director needs to check the verdicts of
    `analysis`, of `rows_read` rows of `source` (`rows_rejected` set aside, its columns read as `mapping`
    says, its amounts and volume in `units`, the `unattributed` sales without a customer), with the
    `warnings` of the run (notices, said in `lang`).
    `reasons_in`: the language the accounts' `reasons` are said in, if any; in another, the page says
    them again from the codes. With `changes`, what moved since an earlier analysis comes first after
    the findings; the key accounts at risk are listed above the table, and the potential list's length is
    said when it cut some."""
    units = units or Units()
    slot, echarts_slot = (f"kam-{name}-{secrets.token_hex(16)}" for name in ("data", "echarts"))
    page = render(
        "report.html.j2",
        lang,
        source=source,
        as_of=analysis.as_of.isoformat(),
        rows_read=number(rows_read, lang, 0),
        currency=units.currency,
        volume_unit=units.volume,
        fonts=font_stack(lang),
        limits=analysis.missing,
        mapping=list((mapping or {}).items()),
        warnings=[say(w, lang) for w in _notes(warnings, rows_rejected)],
        segments=analysis.segment_counts(),
        at_risk=analysis.at_risk(),
        at_risk_list=at_risk_list(analysis, lang, reasons_in),
        potential_list=(analysis.segment_counts()[Segment.POTENTIAL], analysis.potential_qualified()),
        changes=changes_view(changes, lang) if changes is not None else None,
        colours=SEGMENT_COLORS,
        basis=text(f"basis.{analysis.basis}", lang),
        scatter_title=text(
            "ui.scatter" if "net_margin" in analysis.accounts.columns else "ui.scatter_no_cost", lang
        ),
        findings=findings(analysis, lang, units.currency, unattributed),
        data=Markup(slot),
        echarts=Markup(echarts_slot),
        script=asset("static/report.js"),
        settings=[(name, value, setting_help(name, meaning, lang)) for name, value, meaning in settings_rows],
    )
    # the data (megabytes for many accounts) and ECharts go into their elements after the template has
    # run, each copied once; the slots are unguessable, so no value on the page can stand for one
    head, _, tail = page.partition(slot)
    middle, _, end = tail.partition(echarts_slot)
    data = page_data(analysis, units, lang, reasons_in)
    return "".join((head, data, middle, asset("vendor/echarts.min.js"), end))
