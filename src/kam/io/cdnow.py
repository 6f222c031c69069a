"""Reader for the public CDNOW benchmark files (Fader, Hardie & Lee 2005), in canonical columns."""

from __future__ import annotations

from pathlib import Path

import polars as pl

_SAMPLE = r"^\s*(\d+)\s+\d+\s+(\d{8})\s+(\d+)\s+([\d.]+)\s*$"
_MASTER = r"^\s*(\d+)\s+(\d{8})\s+(\d+)\s+([\d.]+)\s*$"


def read_cdnow(path: str | Path) -> pl.LazyFrame:
    """Read CDNOW_master.txt or CDNOW_sample.txt (whitespace separated) as customer_id, date, amount.

    The sample has an extra "id in sample" column and no header; the master has a header line, which
    the pattern skips. Lines that match neither layout raise an error naming the file.
    """
    path = Path(path)
    lines = pl.read_csv(path, has_header=False, new_columns=["line"], separator="\x1f", quote_char=None)
    line = pl.col("line")
    pattern = _SAMPLE if _is_sample(lines) else _MASTER
    parsed = lines.filter(line.str.contains(r"\d{8}")).select(
        line.str.extract(pattern, 1).alias("customer_id"),
        line.str.extract(pattern, 2).str.strptime(pl.Date, "%Y%m%d").alias("date"),
        line.str.extract(pattern, 3).cast(pl.Int64).alias("quantity"),
        line.str.extract(pattern, 4).cast(pl.Float64).alias("amount"),
    )
    bad = parsed.filter(pl.col("customer_id").is_null() | pl.col("date").is_null())
    if bad.height:
        raise ValueError(
            f"{path}: {bad.height} line(s) are not CDNOW lines (id, [sample id,] date, CDs, dollars)"
        )
    return parsed.lazy()


def _is_sample(lines: pl.DataFrame) -> bool:
    return bool(lines.head(5).select(pl.col("line").str.contains(_SAMPLE).any()).item())
