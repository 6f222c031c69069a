"""An earlier run of `kam analyze`, read back from its output folder to compare with (`--compare`).

Its summary.json gives the analysis date; its accounts come from accounts.parquet (typed, as written), or
from accounts.csv when the Parquet file is gone. A folder without them, a file that cannot be read, and
files without what a comparison needs (a kam version before these outputs, or another command's) stop the
run before any work, naming the file and what is missing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kam.domain.segments import Segment
from kam.errors import KamError
from kam.hints import Hint, HintKey
from kam.i18n import Notice

SUMMARY = "summary.json"
ACCOUNTS = ("accounts.parquet", "accounts.csv")
NEEDED = ("customer_id", "segment")


class PreviousRunError(KamError):
    """The earlier analysis to compare with cannot be read, or lacks what a comparison needs."""

    status_code = 422

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice, hint=Hint(HintKey.OPTION, option="compare"))


@dataclass(frozen=True)
class PreviousRun:
    """The accounts of an earlier analysis and its date."""

    folder: Path
    as_of: dt.date
    accounts: pl.DataFrame


def _as_of(folder: Path) -> dt.date:
    path = folder / SUMMARY
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PreviousRunError(Notice("previous_missing", file=str(path))) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PreviousRunError(Notice("previous_unreadable", file=str(path), reason=str(exc))) from None
    written = summary.get("as_of") if isinstance(summary, dict) else None
    try:
        return dt.date.fromisoformat(str(written))
    except ValueError:
        raise PreviousRunError(Notice("previous_incompatible", file=str(path), missing="as_of")) from None


def _accounts(folder: Path) -> tuple[Path, pl.DataFrame]:
    for name in ACCOUNTS:
        path = folder / name
        if not path.is_file():
            continue
        try:
            if path.suffix == ".parquet":
                return path, pl.read_parquet(path)
            return path, pl.read_csv(
                path, infer_schema_length=None, schema_overrides={"customer_id": pl.String}
            )
        except (OSError, pl.exceptions.PolarsError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise PreviousRunError(Notice("previous_unreadable", file=str(path), reason=reason)) from None
    raise PreviousRunError(Notice("previous_missing", file=str(folder / ACCOUNTS[-1])))


def read_previous(folder: Path) -> PreviousRun:
    """The earlier analysis in `folder` (the --out folder of an earlier `kam analyze`)."""
    as_of = _as_of(folder)
    path, accounts = _accounts(folder)
    missing = [c for c in NEEDED if c not in accounts.columns]
    if missing:
        raise PreviousRunError(Notice("previous_incompatible", file=str(path), missing=", ".join(missing)))
    known = {segment.value for segment in Segment}
    unknown = sorted(set(accounts["segment"].drop_nulls().cast(pl.String)) - known)
    if unknown:
        raise PreviousRunError(
            Notice("previous_incompatible", file=str(path), missing=f"segment {', '.join(unknown[:3])}")
        )
    if "at_risk" in accounts.columns and accounts.schema["at_risk"] != pl.Boolean:
        accounts = accounts.with_columns(pl.col("at_risk").cast(pl.String).str.to_lowercase() == "true")
    return PreviousRun(folder, as_of, accounts.with_columns(pl.col("customer_id").cast(pl.String)))
