"""A salesperson's call trend (kam.calls.trend) said as plain text in the reader's language."""

from __future__ import annotations

from kam.calls.trend import CallTrend, MeasureTrend, is_share
from kam.domain.languages import Lang
from kam.i18n import ntext, text
from kam.i18n.formats import date, number, percent
from kam.plaintext import printable


def _value(measure: MeasureTrend, value: float, lang: Lang | str, digits: int | None = None) -> str:
    """A share as a whole percentage; a count as it is (1, 2.5), or with `digits` decimals (a mean)."""
    return percent(value, lang, 0) if is_share(measure.measure) else number(value, lang, digits)


def _line(measure: MeasureTrend, lang: Lang | str) -> str:
    none = text("calls.none", lang)
    separator = text("coach.list_separator", lang)
    series = separator.join(_value(measure, p.value, lang) for p in measure.points) or none
    mean = none if measure.mean is None else _value(measure, measure.mean, lang, 1)
    if measure.change is None:
        direction = text("calls.trend.too_few_calls", lang)
    else:
        change = (
            number(measure.change * 100, lang, 0)
            if is_share(measure.measure)
            else number(measure.change, lang, 1)
        )
        signed = change if measure.change < 0 else f"+{change}"
        unit = "points" if is_share(measure.measure) else "per_call"
        direction = text(
            f"calls.trend.{measure.direction}", lang, change=text(f"calls.trend.{unit}", lang, change=signed)
        )
    return text(
        "calls.trend.line",
        lang,
        measure=text(f"calls.trend.{measure.measure}", lang),
        mean=mean,
        series=series,
        direction=direction,
    )


def render_trend(trend: CallTrend, lang: Lang | str = Lang.EN) -> str:
    """A title line, then one line per measure: its mean, its values by call date, its direction."""
    lines: list[str] = []
    if trend.first_at is None or trend.last_at is None:
        known = text("coach.list_separator", lang).join(trend.salespeople) or text("calls.none", lang)
        lines.append(text("calls.trend.nobody", lang, sales=trend.sales, known=known))
    else:
        first, last = trend.first_at.astimezone().date(), trend.last_at.astimezone().date()
        lines.append(
            ntext(
                "calls.trend.title",
                trend.calls,
                lang,
                sales=trend.sales,
                count=trend.calls,
                first=date(first, lang),
                last=date(last, lang),
            )
        )
        lines += [f"  {_line(m, lang)}" for m in trend.measures]
    if trend.unattributed:
        lines.append(ntext("calls.trend.unattributed", trend.unattributed, lang, count=trend.unattributed))
    return "\n".join(printable(line) for line in lines)
