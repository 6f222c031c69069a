"""The one function behind `kam calls analyze`: read the files and the catalog, analyse each transcript."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kam.calls.analyze import analyze_transcript
from kam.calls.errors import CatalogError, TranscriptError
from kam.calls.models import CallAnalysis, Stage
from kam.calls.settings import CallSettings

_CATALOG_COLUMNS = ("product", "name", "term", "產品", "产品")


@dataclass(frozen=True, slots=True)
class CallsRun:
    """Results in file order; files that could not be analysed are listed with their errors.

    `sha256` holds the SHA-256 of each analysed file's bytes, in the order of `results`.
    """

    results: tuple[CallAnalysis, ...]
    errors: tuple[TranscriptError, ...]
    sha256: tuple[str, ...] = ()


def load_catalog(path: Path | None) -> list[str]:
    """Product terms: a JSON list (names, or objects with name/aliases), a CSV product column, or lines."""
    if path is None:
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read catalog ({exc}); expected UTF-8 text") from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CatalogError(f"{path}: invalid JSON ({exc}); expected a list of product names") from None
        items = data.get("products", []) if isinstance(data, dict) else data
        terms: list[str] = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str):
                terms.append(item)
            elif isinstance(item, dict):
                terms += [str(item[k]) for k in ("name", "product") if k in item]
                terms += [str(a) for a in item.get("aliases", [])]
        return [t for t in terms if t.strip()]
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(text)))
        if rows and rows[0] and rows[0][0].strip().lower() in _CATALOG_COLUMNS:
            rows = rows[1:]
        return [r[0].strip() for r in rows if r and r[0].strip()]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def run_calls_analyze(
    files: Sequence[Path],
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    catalog: Path | None = None,
    stage: Stage = Stage.DISCOVERY,
    settings: CallSettings | None = None,
) -> CallsRun:
    """Analyse each file; a bad transcript is reported and does not stop the others."""
    terms = [*products, *load_catalog(catalog)]
    results: list[CallAnalysis] = []
    errors: list[TranscriptError] = []
    digests: list[str] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            errors.append(TranscriptError(str(path), f"cannot read the file ({exc.strerror})"))
            continue
        try:
            results.append(
                analyze_transcript(
                    data, str(path), sales=sales, products=terms, stage=stage, settings=settings
                )
            )
        except TranscriptError as exc:
            errors.append(exc)
            continue
        digests.append(hashlib.sha256(data).hexdigest())
    return CallsRun(tuple(results), tuple(errors), tuple(digests))
