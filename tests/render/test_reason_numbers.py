"""Numbers in the reasons are written alike when engines' sums differ only in their last bits."""

from __future__ import annotations

import narwhals as nw
import polars as pl
import pytest

from kam.render.reasons import num, pct, whole


@pytest.mark.parametrize(
    ("write", "below", "above", "shown"),
    [
        (whole, 307326.49999999994, 307326.50000000006, "307326"),
        (whole, 2730.4999999999995, 2730.5000000000005, "2730"),
        (lambda e: num(e, 1), 12.249999999999998, 12.250000000000002, "12.2"),
        (pct, 0.12349999999999999, 0.12350000000000001, "12.4%"),
    ],
)
def test_a_half_reached_from_either_side_is_written_once(write, below, above, shown) -> None:  # type: ignore[no-untyped-def]
    frame = nw.from_native(pl.DataFrame({"v": [below, above]}))
    assert frame.select(write(nw.col("v")).alias("t"))["t"].to_list() == [shown, shown]
