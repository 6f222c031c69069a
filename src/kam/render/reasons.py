"""The reasons of each verdict in the reader's language: kam.analytics.verdicts names the facts (codes),
this module says them.

Each code is the catalog message `r.<code>`, filled with the customer's own figures and the thresholds the
verdicts used; a count is said in its plural form ("1 order", "2 orders"). The text is built with column
expressions, for all the customers who have the same codes at once, never customer by customer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import narwhals as nw

from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.i18n import ntext, plural_forms, plural_rule, text
from kam.render.reason_numbers import Counted, Value
from kam.render.reason_values import CITED, ReasonContext, saying

__all__ = ["CITED", "ReasonContext", "magnitudes", "say_reasons", "sentence", "with_reasons"]

REASONS = "reasons"
REASON_CODES = "reason_codes"
SEPARATOR = "; "  # between the sentences of one customer's reasons
_POSITION = "_reason_position"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


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
    told = saying(code, context, lang, rows.columns, lambda column: found.get(column, math.inf))
    if isinstance(told, Counted):
        return _counted(told, rows, lang)
    return fill(text(f"r.{code.value}", lang), {name: _said(v, rows, lang) for name, v in told.items()})


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
