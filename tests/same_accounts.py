"""accounts.csv from two engines, compared column by column: text exactly, numbers within 1e-9 relative."""

from __future__ import annotations

from pathlib import Path

import polars as pl

RELATIVE = 1e-9


def read_accounts(folder: Path) -> pl.DataFrame:
    """accounts.csv as written, every cell as text."""
    return pl.read_csv(folder / "accounts.csv", infer_schema=False)


def assert_same_accounts(expected: Path, got: Path) -> None:
    """Every column and row of two runs' accounts.csv agree: the same customers in the same order, the same
    segments and reasons word for word, and each number within RELATIVE of the other (sums of many lines
    differ in their last bits between engines, which add in different orders)."""
    want, have = read_accounts(expected), read_accounts(got)
    assert have.columns == want.columns
    assert have.height == want.height
    for column in want.columns:
        a, b = want[column], have[column]
        numbers = a.cast(pl.Float64, strict=False)
        if numbers.null_count() == a.null_count() and numbers.len() > a.null_count():
            other = b.cast(pl.Float64, strict=False)
            assert other.is_null().to_list() == numbers.is_null().to_list(), column
            scale = pl.max_horizontal(numbers.abs(), other.abs(), pl.lit(1e-300))
            frame = pl.DataFrame({"a": numbers, "b": other}).with_columns(scale=scale)
            off = frame.filter((pl.col("a") - pl.col("b")).abs() > RELATIVE * pl.col("scale"))
            assert off.height == 0, f"{column}: {off.head(3)}"
        else:
            differ = [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
            assert not differ, f"{column}: {differ[:3]}"
