"""`kam calls analyze` as one function: read the transcripts and the product catalog, coach each call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kam.calls.batch import CallsRun, TranscriptSource, analyze_calls
from kam.calls.catalog import parse_catalog
from kam.calls.errors import CatalogError, TranscriptError
from kam.calls.settings import CallSettings
from kam.domain.stages import Stage
from kam.i18n import Notice


def read_transcript(path: Path) -> TranscriptSource | TranscriptError:
    """The transcript in the file at `path`, or the error that says why it cannot be read."""
    try:
        return TranscriptSource(str(path), path.read_bytes())
    except OSError as exc:
        return TranscriptError(str(path), Notice("transcript_cannot_read", reason=exc.strerror))


def read_catalog(path: Path | None) -> list[str]:
    """The product terms of the catalog file at `path` (none without one)."""
    if path is None:
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(Notice("catalog_not_utf8", file=path, reason=exc.strerror)) from None
    return parse_catalog(data, str(path))


def run_calls_analyze(
    files: Sequence[Path],
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    catalog: Path | None = None,
    stage: Stage = Stage.DISCOVERY,
    settings: CallSettings | None = None,
) -> CallsRun:
    """Analyse the transcript in each file, with the `products` and the terms of the `catalog` file as
    product terms; a file that cannot be read or analysed is reported and does not stop the others."""
    terms = [*products, *read_catalog(catalog)]
    return analyze_calls(
        (read_transcript(path) for path in files), sales=sales, products=terms, stage=stage, settings=settings
    )
