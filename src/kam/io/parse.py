"""Expressions that turn exported cells (strings or typed) into kam's types, leaving null where a cell fails."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kam.errors import ConfigError, ImportValidationError
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Notice

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %p %I:%M:%S",  # 2024/1/5 下午 01:30:00, as Windows in Chinese writes times
    "%Y/%m/%d %p %I:%M",
    "%Y-%m-%d %p %I:%M:%S",
    "%Y%m%d",
    "%Y年%m月%d日",
    "%Y.%m.%d",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %I:%M %p",
    "%d.%m.%Y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%d-%b-%y",
)
# A time's zone or offset (2024-01-05T10:00:00Z, ...+08:00): the business date is the one written, so
# the offset is dropped rather than converted (10:00+08:00 is still the 5th, not the 4th in UTC).
_ZONE = r"(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$"
# currency signs and codes, spaces (also no-break and thin spaces) and apostrophes used as thousands marks
_MONEY_NOISE = r"(NT\$|HK\$|US\$|RMB|CNY|TWD|USD|EUR|[\s'’¥￥$€£元])"
# Values that show which mark is the decimal one, matched on the cell as written (currency signs and
# spaces around the number do not matter). A decimal comma: a comma followed by other than three digits
# at the end of the number (10,5 or 0,1250 or 1.234,50), a point before a comma, or several points
# (1.234.567). A decimal point: the mirror images. 1,234 and 1.234 alone show nothing.
COMMA_DECIMAL = r",([0-9]{1,2}|[0-9]{4,})[^0-9]*$|\.[0-9]+,|\.[0-9]+\."
POINT_DECIMAL = r"\.([0-9]{1,2}|[0-9]{4,})[^0-9]*$|,[0-9]+\.|,[0-9]+,"


def is_blank(column: str, dtype: pl.DataType) -> pl.Expr:
    """True where the source cell is empty (null, or only whitespace in a text column)."""
    expr = pl.col(column)
    if dtype == pl.String:
        return expr.is_null() | (expr.str.strip_chars() == "")
    return expr.is_null()


def text_expr(column: str, dtype: pl.DataType, *, streaming: bool = False) -> pl.Expr:
    """Identifiers as text, blank (or NaN) as null; integral floats (Excel's 12346.0) lose their '.0',
    others (3.5, 1e300) keep their digits.

    In memory, `replace` turns "" into null about twice as fast as a when/then; the streaming engine
    cannot run `replace` and would fall back to holding everything in memory, so it gets the when/then.
    """
    expr = pl.col(column)
    if dtype.is_float():
        integral = expr.is_finite() & (expr == expr.round(0)) & (expr.abs() < 2.0**63)
        expr = (
            pl.when(expr.is_nan())
            .then(None)
            .when(integral)
            .then(expr.cast(pl.Int64, strict=False).cast(pl.String))
            .otherwise(expr.cast(pl.String))
        )
    elif dtype != pl.String:
        expr = expr.cast(pl.String)
    expr = expr.str.strip_chars()
    return pl.when(expr != "").then(expr) if streaming else expr.replace("", None)


_FULL_WIDTH = "[０-９，．（）－＋]"  # digits and marks as Chinese input methods type them


def _written(column: str, full_width: bool = False) -> pl.Expr:
    """A number cell as typed; with `full_width`, full-width digits and marks (１２３，４５) become ordinary
    ones (a normalisation that costs a pass, so it is done only for files that have them)."""
    text = pl.col(column).cast(pl.String)
    return text.str.normalize("NFKC") if full_width else text


def _number_text(column: str, full_width: bool = False) -> pl.Expr:
    """A number cell as text without currency, spaces or thousands apostrophes; (123) becomes -123."""
    text = _written(column, full_width).str.strip_chars()
    return text.str.replace(r"^\((.*)\)$", "-$1").str.replace_all(_MONEY_NOISE, "")


def number_expr(
    column: str, dtype: pl.DataType, *, decimal_comma: bool = False, full_width: bool = False
) -> pl.Expr:
    """Numbers as Float64; text may carry currency signs, thousands separators or (123) for negatives.

    Text is read with a decimal point (1,234.50), or with `decimal_comma` a decimal comma (1.234,50).
    A value written the other way (10,5 in a decimal-point file) would be misread, so loaders check
    every text number with `contradicts_decimal` and report such a value as a bad cell.
    Numbers smaller in size than MIN_MAGNITUDE are read as 0 (see there)."""
    expr = pl.col(column)
    if dtype.is_integer() or dtype == pl.Boolean:
        return expr.cast(pl.Float64)
    if dtype.is_numeric():
        return _residue_as_zero(expr.cast(pl.Float64))
    text = _number_text(column, full_width)
    if decimal_comma:
        text = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    else:
        text = text.str.replace_all(",", "", literal=True)
    return _residue_as_zero(text.cast(pl.Float64, strict=False))


def _residue_as_zero(number: pl.Expr) -> pl.Expr:
    return pl.when(number.abs() < MIN_MAGNITUDE).then(0.0).otherwise(number)


# The largest number a cell may hold, in size: larger ones would overflow the sums of many lines (two
# cells of 1e308 add up to infinity) and say nothing real (1e15 is far beyond any order in any currency).
MAX_MAGNITUDE = 1e15
MAX_MAGNITUDE_TEXT = "1e15"
# Numbers smaller in size are a spreadsheet's float residue (0.1 + 0.2 - 0.3 = 5.6e-17), read as 0: a
# ratio over them (a margin over a revenue of 5e-324) would overflow. Nothing real is this small.
MIN_MAGNITUDE = 1e-9


def out_of_range(parsed: pl.Expr) -> pl.Expr:
    """True where a read number is NaN, infinite or larger in size than MAX_MAGNITUDE (inf, NaN, 1e400 or
    1e308 written in a cell, or a float cell holding them); false where it is null."""
    return (~parsed.is_finite() | (parsed.abs() > MAX_MAGNITUDE)).fill_null(False)


# A cell written against the file's decimal mark. With a decimal point every comma groups thousands,
# so it is followed by exactly three digits and no point comes before a comma; with a decimal comma the
# mirror image. (Several decimal marks in one cell, 1.234.567 in a decimal-point file, do not parse.)
_NOT_POINT_FILE = r",[0-9]{0,2}([^0-9]|$)|,[0-9]{4}|\.[0-9]*,"
_NOT_COMMA_FILE = r"\.[0-9]{0,2}([^0-9]|$)|\.[0-9]{4}|,[0-9]*\."


def contradicts_decimal(
    column: str, dtype: pl.DataType, *, decimal_comma: bool, full_width: bool = False
) -> pl.Expr:
    """True where a text number is written with the other decimal mark than the file's (10,5 in a
    decimal-point file, 12.5 in a decimal-comma one)."""
    if dtype.is_numeric() or dtype == pl.Boolean:
        return pl.lit(False)
    written = _written(column, full_width)
    return written.str.contains(_NOT_COMMA_FILE if decimal_comma else _NOT_POINT_FILE).fill_null(False)


def decimal_evidence(sample: pl.DataFrame) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The first (column, value) of `sample`'s text columns written with a decimal comma, and the first
    written with a decimal point (None where there is none): the file's decimal mark, or a mix."""
    comma: tuple[str, str] | None = None
    point: tuple[str, str] | None = None
    for column in (c for c in sample.columns if sample.schema[c] == pl.String):
        written = sample.select(_written(column, full_width=True)).to_series()
        for pattern in (COMMA_DECIMAL, POINT_DECIMAL):
            matches = sample[column].filter(written.str.contains(pattern).fill_null(False))
            if matches.len():
                hit = (column, str(matches[0]).strip())
                comma = comma or (hit if pattern == COMMA_DECIMAL else None)
                point = point or (hit if pattern == POINT_DECIMAL else None)
    return comma, point


DECIMAL_SAMPLE_ROWS = 10_000


@dataclass(frozen=True)
class NumberStyle:
    """How a file writes its text numbers: its decimal mark, and whether full-width digits appear."""

    decimal_comma: bool = False
    full_width: bool = False
    notice: Notice | None = None  # said to the user when the decimal comma was found, not told


def choose_number_style(
    frame: pl.LazyFrame, columns: list[str], label: str, decimal: str | None = None
) -> NumberStyle:
    """How the text number `columns` of `frame` are written, from the first rows: whether they use a
    decimal comma (with a notice saying so), unless `decimal` ("point" or "comma") says; and whether
    full-width digits appear. A value later in the file written the other way is then a bad cell, never a
    misread number. Both decimal marks in the first rows: ImportValidationError naming one of each."""
    if decimal is not None and decimal not in ("point", "comma"):
        raise ConfigError(
            Notice("decimal_option", decimal=decimal), hint=Hint(HintKey.OPTION, option="decimal")
        )
    if not columns:
        return NumberStyle(decimal_comma=decimal == "comma")
    sample = frame.select(columns).head(DECIMAL_SAMPLE_ROWS).collect()
    full_width = any(
        bool(sample[c].str.contains(_FULL_WIDTH).any()) for c in columns if sample.schema[c] == pl.String
    )
    if decimal is not None:
        return NumberStyle(decimal_comma=decimal == "comma", full_width=full_width)
    comma, point = decimal_evidence(sample)
    if comma and point:
        raise ImportValidationError(
            Notice(
                "mixed_decimals",
                file=label,
                comma_column=comma[0],
                comma_example=comma[1],
                point_column=point[0],
                point_example=point[1],
            ),
            hint=Hint(HintKey.CHOOSE_DECIMAL),
        )
    if comma:
        notice = HintedNotice(
            "decimal_comma", Hint(HintKey.DECIMAL_OTHER, mark="point"), column=comma[0], example=comma[1]
        )
        return NumberStyle(decimal_comma=True, full_width=full_width, notice=notice)
    return NumberStyle(full_width=full_width)


def date_text(text: pl.Expr, *, meridiem: bool = True, zone: bool = True) -> pl.Expr:
    """A written date made readable by one format: trimmed; with `meridiem` 上午/下午 as AM/PM; with `zone`
    the time zone dropped. (Each costs a pass over the column, so files without them skip it.)"""
    text = text.str.strip_chars()
    if meridiem:
        text = text.str.replace("上午", "AM", literal=True).str.replace("下午", "PM", literal=True)
    return text.str.replace(_ZONE, "$1") if zone else text


def choose_date_format(sample: pl.Series) -> tuple[str | None, list[str]]:
    """The format that parses most of `sample` (ties keep the list order); also every format that fits all."""
    values = (
        pl.DataFrame({"d": sample.drop_nulls().cast(pl.String)}).select(date_text(pl.col("d"))).to_series()
    )
    values = values.filter(values != "")
    if values.len() == 0:
        return None, []
    best, best_ok = None, -1
    full: list[str] = []
    for fmt in DATE_FORMATS:
        ok = int(values.str.to_datetime(fmt, strict=False).is_not_null().sum())
        if ok == values.len():
            full.append(fmt)
        if ok > best_ok:
            best, best_ok = fmt, ok
    return (best if best_ok > 0 else None), full


# Taiwan's ROC (民國) calendar counts years from 1912: 113/01/05, 113-1-5, 113.01.05, 113年1月5日,
# 民國113年1月5日 or 1130105 are 2024-01-05. Only three-digit years (2011 on) or the 民國 prefix are taken
# as ROC dates, so that 05/01/24 and the like keep their western reading.
ROC_YEARS = 1911
_ROC_SPLIT = r"^\s*(?:民國)?\s*(\d{2,3})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})(?:\s*日)?(.*)$"
_ROC_PACKED = r"^\s*(\d{3})(\d{2})(\d{2})\s*$"
_ROC_LIKE = r"^\s*民國|^\s*\d{3}\s*[/\-.年]\s*\d{1,2}\s*[/\-.月]\s*\d{1,2}(\D|$)|^\s*\d{7}\s*$"


def looks_like_roc(sample: pl.Series) -> bool:
    """True when (nearly) every date in `sample` is written with an ROC year."""
    values = sample.cast(pl.String).drop_nulls().str.strip_chars()
    values = values.filter(values != "")
    if values.len() == 0:
        return False
    return int(values.str.contains(_ROC_LIKE).sum()) >= 0.9 * values.len()


def roc_to_western(text: pl.Expr) -> pl.Expr:
    """ROC dates as western ones (113/01/05 14:30 -> 2024-01-05 14:30); other text is left as it is."""
    year = pl.coalesce(text.str.extract(_ROC_SPLIT, 1), text.str.extract(_ROC_PACKED, 1))
    month = pl.coalesce(text.str.extract(_ROC_SPLIT, 2), text.str.extract(_ROC_PACKED, 2))
    day = pl.coalesce(text.str.extract(_ROC_SPLIT, 3), text.str.extract(_ROC_PACKED, 3))
    rest = pl.coalesce(text.str.extract(_ROC_SPLIT, 4), pl.lit(""))
    western = pl.concat_str(
        [
            (year.cast(pl.Int32) + ROC_YEARS).cast(pl.String),
            pl.lit("-"),
            month.str.zfill(2),
            pl.lit("-"),
            day.str.zfill(2),
            rest,
        ]
    )
    return pl.when(year.is_not_null()).then(western).otherwise(text)


@dataclass(frozen=True)
class DateStyle:
    """How a column writes its dates, found from its first values (see `choose_dates`)."""

    fmt: str | None = None  # the format of the (western, normalised) text; None: the engine's inference
    fitting: tuple[str, ...] = ()  # every format that read the whole sample
    roc: bool = False  # ROC (民國) years
    meridiem: bool = False  # Chinese 上午/下午 for AM/PM
    zone: bool = False  # a time zone or offset after the time


def date_expr(column: str, dtype: pl.DataType, style: DateStyle | None = None) -> pl.Expr:
    """Dates as pl.Date; text is parsed as `style` says (with no format, by the engine's own inference)."""
    style = style or DateStyle()
    expr = pl.col(column)
    if dtype == pl.Date:
        return expr
    if isinstance(dtype, pl.Datetime):
        return expr.dt.date()
    fmt = style.fmt
    if dtype.is_integer():
        expr = expr.cast(pl.String)
        fmt = fmt or ("%Y-%m-%d" if style.roc else "%Y%m%d")
    text = date_text(expr.cast(pl.String), meridiem=style.meridiem, zone=style.zone)
    if style.roc:
        text = roc_to_western(text)
    if fmt is None:
        return text.str.to_datetime(strict=False).dt.date()
    return text.str.to_datetime(fmt, strict=False).dt.date()


def choose_dates(sample: pl.Series) -> DateStyle:
    """How the dates in `sample` (a text column's first values) are written; ROC dates are judged on their
    western form."""
    text = sample.drop_nulls().cast(pl.String)
    roc = looks_like_roc(text)
    if roc:
        text = pl.DataFrame({"d": text}).select(roc_to_western(pl.col("d"))).to_series()
    fmt, fitting = choose_date_format(text)
    return DateStyle(
        fmt=fmt,
        fitting=tuple(fitting),
        roc=roc,
        meridiem=bool(text.str.contains("上午|下午").any()),
        zone=bool(text.str.contains(_ZONE).any()),
    )
