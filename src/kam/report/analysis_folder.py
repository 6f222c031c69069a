"""What `kam analyze --out DIR` wrote, read back to be stored in the workspace (`kam accounts sync`).

Only a complete analysis is read: the folder's manifest (`.kam-outputs.json`) must say `kam analyze`
wrote it and finished (`complete`), and must list summary.json and accounts.parquet; the two files must
be readable, hold what the workspace stores (the analysis date, the basis, the settings; every
customer's segment and reason codes) and agree with each other (the same customers, the same counts by
segment): a folder mixing two runs is refused, as is a folder that is not kam's. Each refusal names the
folder or the file and what is wrong, before anything is stored.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason, Segment
from kam.errors import KamError
from kam.i18n import Notice
from kam.render.reason_values import CITED

MANIFEST = ".kam-outputs.json"
SUMMARY = "summary.json"
ACCOUNTS = "accounts.parquet"
NEEDED = ("customer_id", "segment", "reason_codes")
# the figures stored for each account (beside its segment, risk, tier and reasons)
METRICS = (
    "revenue",
    "gross_profit",
    "net_profit",
    "gross_margin",
    "net_margin",
    "orders",
    "frequency_per_year",
    "recency_days",
    "revenue_trend",
    "revenue_last_12m",
    "clv_12m",
    "forecast_revenue_12m",
    "p_alive",
)
_ACCOUNT_FIELDS = ("name", "type", "ownership", "industry")  # for an account the workspace lacks


class AnalysisFolderError(KamError):
    """The folder is not a complete, consistent `kam analyze` output, so nothing of it is stored."""

    status_code = 422


@dataclass(frozen=True)
class AnalysedAccount:
    """One customer of the analysis: its verdict, its figures, and the values its reasons cite."""

    code: str
    name: str | None
    type: str | None
    ownership: str | None
    industry: str | None
    segment: Segment
    at_risk: bool | None
    tier: str | None
    reason_codes: list[str]
    reason_values: dict[str, Any]
    metrics: dict[str, float | int | None]


@dataclass(frozen=True)
class AnalysisFolder:
    """A complete analysis: its date, what its reasons cite beyond each row (basis, median order, number
    of customers, the verdicts' settings), and its customers."""

    folder: Path
    written_at: str
    as_of: dt.date
    source: str
    basis: str
    customers: int
    median_order: float
    currency: str | None
    settings: dict[str, Any]
    accounts: list[AnalysedAccount]


def _fail(key: str, **values: object) -> AnalysisFolderError:
    return AnalysisFolderError(Notice(key, **values))


def _manifest(folder: Path) -> dict[str, Any]:
    if not folder.is_dir():
        raise _fail("sync_not_a_folder", folder=str(folder))
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail("sync_not_an_analysis", folder=str(folder)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _fail("sync_unreadable", file=str(path), reason=str(exc)) from None
    if not isinstance(manifest, dict) or manifest.get("command") != "analyze":
        raise _fail("sync_not_an_analysis", folder=str(folder))
    if manifest.get("state") != "complete":
        raise _fail("sync_incomplete", folder=str(folder))
    files = manifest.get("files")
    for name in (SUMMARY, ACCOUNTS):
        if not isinstance(files, list) or name not in files or not (folder / name).is_file():
            raise _fail("sync_missing_file", file=str(folder / name))
    return manifest


def _summary(path: Path) -> dict[str, Any]:
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _fail("sync_unreadable", file=str(path), reason=str(exc)) from None
    if not isinstance(summary, dict):
        raise _fail("sync_incompatible", file=str(path), missing="as_of")
    for key in ("as_of", "basis", "customers", "median_order", "segments", "settings"):
        if key not in summary:
            raise _fail("sync_incompatible", file=str(path), missing=key)
    return summary


def _accounts(path: Path) -> pl.DataFrame:
    try:
        accounts = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _fail("sync_unreadable", file=str(path), reason=reason) from None
    missing = [c for c in NEEDED if c not in accounts.columns]
    if missing:
        raise _fail("sync_incompatible", file=str(path), missing=", ".join(missing))
    return accounts.with_columns(pl.col("customer_id").cast(pl.String))


def _finite(value: Any) -> Any:
    """A value as JSON keeps it: dates as ISO text, a float that is not finite as None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row(row: dict[str, Any], cited: list[str], path: Path) -> AnalysedAccount:
    code = row["customer_id"]
    try:
        segment = Segment(row["segment"])
        codes = [Reason(c).value for c in row["reason_codes"] or ()]
    except ValueError:
        raise _fail("sync_bad_verdict", file=str(path), code=str(code)) from None
    fields = {name: (str(row[name]) if row.get(name) is not None else None) for name in _ACCOUNT_FIELDS}
    at_risk = row.get("at_risk")
    return AnalysedAccount(
        code=str(code),
        **fields,
        segment=segment,
        at_risk=None if at_risk is None else bool(at_risk),
        tier=row.get("abc_tier"),
        reason_codes=codes,
        reason_values={c: _finite(row[c]) for c in cited},
        metrics={m: _finite(row.get(m)) for m in METRICS},
    )


def _check_agree(summary: dict[str, Any], accounts: pl.DataFrame, folder: Path) -> None:
    """The summary and the accounts come from the same run: the same customers, counted by segment."""
    if accounts["customer_id"].null_count() or accounts["customer_id"].n_unique() != accounts.height:
        raise _fail("sync_mismatched", folder=str(folder))
    counts = Counter(accounts["segment"].cast(pl.String).to_list())
    told = summary["segments"] if isinstance(summary["segments"], dict) else {}
    same = all(counts.get(s.value, 0) == told.get(s.value, 0) for s in Segment)
    if summary["customers"] != accounts.height or not same:
        raise _fail("sync_mismatched", folder=str(folder))


def read_analysis_folder(folder: Path) -> AnalysisFolder:
    """The complete analysis in `folder`, checked; an AnalysisFolderError says why one is not."""
    manifest = _manifest(folder)
    summary_path, accounts_path = folder / SUMMARY, folder / ACCOUNTS
    summary = _summary(summary_path)
    try:
        as_of = dt.date.fromisoformat(str(summary["as_of"]))
        settings = ValueSettings.model_validate(summary["settings"]["value"]).model_dump(mode="json")
        median_order, customers = float(summary["median_order"]), int(summary["customers"])
    except (ValueError, TypeError, KeyError):
        raise _fail("sync_incompatible", file=str(summary_path), missing="as_of, settings") from None
    accounts = _accounts(accounts_path)
    _check_agree(summary, accounts, folder)
    cited = [c for c in CITED if c in accounts.columns]
    units = summary.get("units") if isinstance(summary.get("units"), dict) else {}
    return AnalysisFolder(
        folder=folder,
        written_at=str(manifest.get("written_at", "")),
        as_of=as_of,
        source=str(summary.get("source", "")),
        basis=str(summary["basis"]),
        customers=customers,
        median_order=median_order,
        currency=(units or {}).get("currency"),
        settings=settings,
        accounts=[_row(row, cited, accounts_path) for row in accounts.iter_rows(named=True)],
    )
