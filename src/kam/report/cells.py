"""Cells a spreadsheet will not run: text that a spreadsheet would read as a formula gets a leading quote."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import polars.selectors as cs

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets evaluate (OWASP)
_FORMULA_START = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^[+-]?[0-9.,]*[0-9][0-9.,]*([eE][+-]?[0-9]+)?$"  # "-1,234.5" is a number, runs nothing


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` for a CSV or spreadsheet file (OWASP's defence against CSV injection): every text cell and
    column name that starts with =, +, -, @, tab or carriage return gets a leading ' so that a spreadsheet
    shows it instead of running it. Numbers stay numbers: numeric columns are untouched, and so is text
    that is a plain signed number (a return's "-500" in rejected.csv), which no spreadsheet can run."""
    texts = (cs.string(include_categorical=True) | cs.enum()).as_expr().cast(pl.String)
    risky = texts.str.contains(_FORMULA_START) & ~texts.str.contains(_PLAIN_NUMBER)
    safe = frame.with_columns(pl.when(risky).then((pl.lit("'") + texts).name.keep()).otherwise(texts))
    return safe.rename(lambda name: f"'{name}" if name.startswith(FORMULA_STARTS) else name)


def write_csv(frame: pl.DataFrame, path: Path, *, bom: bool = False) -> None:
    """`frame` as a CSV file that a spreadsheet opens without running any of its cells; with `bom`, it
    starts with UTF-8's byte-order mark, without which Excel reads UTF-8 as the system's code page (on a
    Chinese Windows, Big5 or GBK: the names come out garbled)."""
    spreadsheet_safe(frame).write_csv(path, include_bom=bom)


def safe_cell(value: str) -> str:
    """One text cell as `spreadsheet_safe` writes it: a leading ' when a spreadsheet would run it."""
    if value.startswith(FORMULA_STARTS) and not re.match(_PLAIN_NUMBER, value):
        return "'" + value
    return value
