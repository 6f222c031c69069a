"""Write a set of output files all or nothing: into a scratch folder, then swapped into place."""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
import polars.selectors as cs

Writer = Callable[[Path], object]
SIGNIFICANT_DIGITS = 12


def tidy_floats(frame: pl.DataFrame) -> pl.DataFrame:
    """Floats to 12 significant digits: the binary noise of long sums (2762.2099999999996) goes, and with
    it the last-bit differences of parallel sums from run to run; every digit that means anything stays."""
    return frame.with_columns(cs.float().round_sig_figs(SIGNIFICANT_DIGITS))


def tidy_json(value: Any) -> Any:
    """The same rounding for the numbers of a JSON document (dicts, lists and floats, recursively)."""
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, dict):
        return {k: tidy_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [tidy_json(v) for v in value]
    return value


def write_all_or_nothing(out_dir: Path, writers: Mapping[str, Writer]) -> list[Path]:
    """Run each writer on `scratch/name`; only if all succeed does `out_dir` take the new files.

    A failure leaves `out_dir` exactly as it was (absent, or with the previous run's files). Writers run
    in threads (the dataframe writers release the GIL), so a CSV and a Parquet file are written at once.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        with ThreadPoolExecutor(max_workers=min(4, max(1, len(writers)))) as pool:
            for name in writers:
                (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            done = [pool.submit(write, scratch / name) for name, write in writers.items()]
        for future in done:
            future.result()
        backup = None
        if out_dir.exists():
            backup = out_dir.with_name(f".{out_dir.name}.previous")
            shutil.rmtree(backup, ignore_errors=True)
            out_dir.rename(backup)
        scratch.rename(out_dir)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return [out_dir / name for name in writers]
