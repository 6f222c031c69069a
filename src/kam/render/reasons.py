"""The reasons of each verdict in the reader's language: kam.analytics.verdicts names the facts (codes),
this module says them.

Each code is the catalog message `r.<code>`, filled with the customer's own figures and the thresholds the
verdicts used; a count is said in its plural form ("1 order", "2 orders"). The text is built with column
expressions, for all the customers who have the same codes at once, never customer by customer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import narwhals as nw

from kam.analytics.settings import ValueSettings
from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.i18n import ntext, plural_forms, plural_rule, text
from kam.i18n.formats import NumberFormat, number_format
from kam.render.numbers import count, num, pct, setting, setting_pct, settled, signed_pct, whole

if TYPE_CHECKING:
    from kam.analytics.pipeline import Analysis

REASONS = "reasons"
REASON_CODES = "reason_codes"
SEPARATOR = "; "  # between the sentences of one customer's reasons
MEDIAN_FLOOR = 1e-9  # a median order of 0 (a portfolio of returns) is divided by this instead
# every column a reason cites (kam.render.report narrows the accounts to these and the ones it shows)
CITED = (
    "profit_share",
    "rank",
    "abc_tier",
    "frequency_per_year",
    "gross_margin",
    "recency_days",
    "orders",
    "largest_order",
    "largest_order_share",
    "return_rate",
    "net_profit",
    "cost_to_serve",
    "payment_days",
    "discount_depth",
    "cost_to_serve_share",
    "revenue",
    "revenue_rank",
    "volume",
    "volume_rank",
    "net_margin",
    "mean_gap_days",
    "p_alive",
    "revenue_trend",
    "clv_12m",
)
_POSITION = "_reason_position"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class ReasonContext:
    """What the reasons cite beyond a customer's own row: the basis of the ranks, the portfolio's median
    order and number of customers, and the thresholds the verdicts used."""

    basis: str
    median_order: float
    customers: int
    settings: ValueSettings

    @classmethod
    def of(cls, analysis: Analysis) -> ReasonContext:
        return cls(analysis.basis, analysis.median_order, analysis.figures.customers, analysis.settings)


@dataclass(frozen=True)
class Counted:
    """A message with plural forms, said in the form of each row's `number` (the figure as written)."""

    key: str
    number: nw.Expr
    values: dict[str, Value] = field(default_factory=dict)


Value = nw.Expr | str | Counted
Largest = Callable[[str], float]  # a cited column -> the largest magnitude among the customers said of


def _days(column: str, f: NumberFormat, largest: Largest) -> tuple[nw.Expr, nw.Expr]:
    """A number of days as written, and the whole number that picks its plural form."""
    return whole(nw.col(column), f, largest(column)), settled(nw.col(column)).round(0)


def _saying(code: Reason, c: ReasonContext, lang: Lang, big: Largest) -> dict[str, Value] | Counted:
    """The values of one code's sentence, or the sentence as a Counted message when it counts something;
    every number in the language's one format (`big`: the largest magnitude of a column, which tells how
    far its figures are grouped)."""
    s, f = c.settings, number_format(lang)
    match code:
        case Reason.SHARE:
            return {
                "share": pct(nw.col("profit_share"), f, big("profit_share")),
                "basis": text(f"basis.{c.basis}", lang),
                "rank": count(nw.col("rank"), f, big("rank")),
                "tier": nw.col("abc_tier"),
            }
        case Reason.FREQ:  # orders a year always show a decimal: no plural form to pick
            return {
                "opy": num(nw.col("frequency_per_year"), f, largest=big("frequency_per_year")),
                "thr": setting(s.key_min_orders_per_year, f),
            }
        case Reason.MARGIN_OK:
            return {
                "gm": pct(nw.col("gross_margin"), f, big("gross_margin")),
                "thr": setting_pct(s.key_min_margin, f),
            }
        case Reason.RECENT:
            recency, recency_n = _days("recency_days", f, big)
            return Counted("r.recent", recency_n, {"recency": recency})
        case Reason.ORDERS:
            return Counted(
                "r.orders", nw.col("orders"), {"orders": count(nw.col("orders"), f, big("orders"))}
            )
        case Reason.LARGEST:
            return {
                "largest": whole(nw.col("largest_order"), f, big("largest_order")),
                "los": pct(nw.col("largest_order_share"), f, big("largest_order_share")),
            }
        case Reason.MULTIPLE:
            median = max(c.median_order, MEDIAN_FLOOR)
            return {
                "multiple": num(nw.col("largest_order") / median, f, largest=big("largest_order") / median),
                "median": whole(nw.lit(c.median_order), f, c.median_order),
            }
        case Reason.RETURNED:
            return {"rr": pct(nw.col("return_rate"), f, big("return_rate"))}
        case Reason.NET_PROFIT:
            return {
                "np": whole(nw.col("net_profit"), f, big("net_profit")),
                "cts": whole(nw.col("cost_to_serve"), f, big("cost_to_serve")),
            }
        case Reason.PAYMENT:
            days, days_n = _days("payment_days", f, big)
            return Counted(
                "r.payment", days_n, {"days": days, "thr": setting(s.squeezer_min_payment_days, f)}
            )
        case Reason.DISCOUNT:
            return {
                "d": pct(nw.col("discount_depth"), f, big("discount_depth")),
                "thr": setting_pct(s.squeezer_min_discount, f),
            }
        case Reason.RETURNS:
            return {
                "rr": pct(nw.col("return_rate"), f, big("return_rate")),
                "thr": setting_pct(s.squeezer_min_return_rate, f),
            }
        case Reason.COST_TO_SERVE:
            return {
                "share": pct(nw.col("cost_to_serve_share"), f, big("cost_to_serve_share")),
                "thr": setting_pct(s.squeezer_min_cost_to_serve_share, f),
            }
        case Reason.BIG:
            return {
                "revenue": whole(nw.col("revenue"), f, big("revenue")),
                "rrank": count(nw.col("revenue_rank"), f, big("revenue_rank")),
                "n": f.write(str(c.customers)),
            }
        case Reason.VOLUME:
            return {
                "volume": whole(nw.col("volume"), f, big("volume")),
                "vrank": count(nw.col("volume_rank"), f, big("volume_rank")),
                "n": f.write(str(c.customers)),
            }
        case Reason.THIN:
            values: dict[str, Value] = {
                "nm": pct(nw.col("net_margin"), f, big("net_margin")),
                "orders": count(nw.col("orders"), f, big("orders")),
                "thr": setting_pct(s.low_profit_max_net_margin, f),
            }
            return Counted("r.thin", nw.col("orders"), values)
        case Reason.SILENT:
            recency, recency_n = _days("recency_days", f, big)
            return Counted(
                "r.silent", recency_n, {"recency": recency, "thr": setting(s.lapsed_after_days, f)}
            )
        case Reason.GAP:
            gap, gap_n = _days("mean_gap_days", f, big)
            return Counted("r.gap", gap_n, {"gap": gap})
        case Reason.P_ALIVE:
            return {
                "p": num(nw.col("p_alive"), f, 2, big("p_alive")),
                "thr": setting(s.lapsed_max_p_alive, f),
            }
        case Reason.GROWTH:
            return {"trend": signed_pct(nw.col("revenue_trend"), f, big("revenue_trend"))}
        case Reason.CLV:
            return {
                "clv": whole(nw.col("clv_12m"), f, big("clv_12m")),
                "thr": setting_pct(s.potential_clv_top_share, f),
            }
        case Reason.REGULAR:
            recency, recency_n = _days("recency_days", f, big)
            return {
                "share": pct(nw.col("profit_share"), f, big("profit_share")),
                "basis": text(f"basis.{c.basis}", lang),
                "orders": Counted(
                    "r.count_orders", nw.col("orders"), {"orders": count(nw.col("orders"), f, big("orders"))}
                ),
                "recency": Counted("r.count_days", recency_n, {"days": recency}),
            }


def _pieces(template: str) -> tuple[list[str], list[str]]:
    """A catalog text split into its words (the text between placeholders, one more than these) and the
    names of its placeholders."""
    words, names, position = [], [], 0
    for match in _PLACEHOLDER.finditer(template):
        words.append(template[position : match.start()])
        names.append(match.group(1))
        position = match.end()
    words.append(template[position:])
    return words, names


def _joined(words: list[nw.Expr | str], values: list[nw.Expr | str]) -> nw.Expr:
    """Words and values in turn, as one text per row."""
    parts = [part for pair in zip(words, [*values, ""], strict=True) for part in pair]
    return nw.concat_str(
        [nw.lit(part) if isinstance(part, str) else part for part in parts if not _empty(part)]
    )


def _empty(part: nw.Expr | str) -> bool:
    return isinstance(part, str) and not part


def fill(template: str, values: dict[str, nw.Expr | str]) -> nw.Expr:
    """A catalog text with its {placeholders} filled by per-customer expressions (or fixed strings)."""
    words, names = _pieces(template)
    return _joined(list(words), [values[name] for name in names])


def _forms(message: Counted, rows: nw.DataFrame[Any], lang: Lang) -> list[tuple[str, list[Any]]]:
    """The texts of `message` the rows need, each with the numbers said in it, the most common last: the
    language's plural rule is asked once for each number the rows hold."""
    if plural_forms(lang) == 1:
        return [(ntext(message.key, 0, lang), [])]
    rule = plural_rule(lang)
    numbers: dict[int, list[Any]] = {}
    for number in rows.select(message.number.alias("n")).unique().drop_nulls()["n"].to_list():
        numbers.setdefault(rule(int(number)), []).append(number)
    by_count = sorted(numbers.values(), key=len) or [[0]]
    return [(ntext(message.key, int(said[0]), lang), said) for said in by_count]


def _counted(message: Counted, rows: nw.DataFrame[Any], lang: Lang) -> nw.Expr:
    """`message` in the plural form of each row's number. When the forms differ only in their words
    ("day", "days"), each value is written once and each word picked by the number."""
    values = {name: _said(value, rows, lang) for name, value in message.values.items()}
    forms = _forms(message, rows, lang)
    split = [_pieces(template) for template, _ in forms]
    names = split[-1][1]
    if any(other != names for _, other in split):  # a language that orders the values apart in its forms
        said = fill(forms[-1][0], values)
        for template, numbers in forms[:-1]:
            said = nw.when(message.number.is_in(numbers)).then(fill(template, values)).otherwise(said)
        return said
    words: list[nw.Expr | str] = []
    for alike in zip(*(pieces for pieces, _ in split), strict=True):
        word: nw.Expr | str = alike[-1]
        for (_, numbers), piece in zip(forms[:-1], alike[:-1], strict=True):
            if piece != alike[-1]:
                default = nw.lit(word) if isinstance(word, str) else word
                word = nw.when(message.number.is_in(numbers)).then(nw.lit(piece)).otherwise(default)
        words.append(word)
    return _joined(words, [values[name] for name in names])


def _said(value: Value, rows: nw.DataFrame[Any], lang: Lang) -> nw.Expr | str:
    return _counted(value, rows, lang) if isinstance(value, Counted) else value


def magnitudes(rows: nw.DataFrame[Any]) -> dict[str, float]:
    """The largest magnitude of each numeric column the reasons cite, over `rows` (NaN left out; a column
    of nulls: 0)."""
    schema = rows.schema
    numeric = [c for c in CITED if c in schema and schema[c].is_numeric()]
    if not numeric:
        return {}
    found = rows.select([nw.col(c).abs().max().alias(c) for c in numeric]).row(0)
    return {c: float(value or 0) for c, value in zip(numeric, found, strict=True)}


def sentence(
    code: Reason,
    rows: nw.DataFrame[Any],
    context: ReasonContext,
    lang: Lang,
    largest: Mapping[str, float] | None = None,
) -> nw.Expr:
    """One code's sentence over `rows` (the customers it is said of) in `lang`; `largest`: the largest
    magnitude of each cited column over `rows` (or more), found from `rows` when not given."""
    found = dict(largest if largest is not None else magnitudes(rows))
    saying = _saying(code, context, lang, lambda column: found.get(column, math.inf))
    if isinstance(saying, Counted):
        return _counted(saying, rows, lang)
    return fill(text(f"r.{code.value}", lang), {name: _said(v, rows, lang) for name, v in saying.items()})


def say_reasons(accounts: nw.DataFrame[Any], context: ReasonContext, lang: Lang) -> nw.Series[Any]:
    """Each customer's `reason_codes` said in `lang`, one text per row of `accounts` (in its order): the
    sentences of its codes, in their order, joined by '; '."""
    if accounts.shape[0] == 0:
        return nw.new_series(REASONS, [], nw.String, backend=accounts.implementation)
    cited = [c for c in accounts.columns if c in CITED or c == REASON_CODES]
    rows = accounts.select(cited).with_row_index(_POSITION)
    largest = magnitudes(rows)
    said = []
    for (codes,), part in rows.group_by(REASON_CODES):
        sentences = [sentence(Reason(code), part, context, lang, largest) for code in codes or ()]
        joined = (  # no codes (an analysis stored without them): nothing to say
            nw.concat_str(sentences, separator=SEPARATOR, ignore_nulls=True)
            if sentences
            else nw.lit(None, nw.String)
        )
        said.append(part.select(_POSITION, joined.alias(REASONS)))
    return nw.concat(said).sort(_POSITION)[REASONS]


def with_reasons(accounts: nw.DataFrame[Any], context: ReasonContext, lang: Lang) -> nw.DataFrame[Any]:
    """`accounts` with its `reasons` column said in `lang` (replacing one said in another language)."""
    return accounts.with_columns(say_reasons(accounts, context, lang).alias(REASONS))
