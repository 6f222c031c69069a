"""`run_calls_analyze` where kam.workspace.run still imports it from; the use case is
kam.usecases.calls.run_calls_analyze, and this module goes when the workspace calls that one (the
calls core takes transcripts as data: kam.calls.batch)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kam.calls.batch import CallsRun, TranscriptSource, analyze_calls
from kam.calls.catalog import parse_catalog
from kam.calls.errors import CatalogError, TranscriptError
from kam.calls.settings import CallSettings
from kam.domain.stages import Stage
from kam.i18n import Notice

__all__ = ["CallsRun", "run_calls_analyze"]


def run_calls_analyze(
    files: Sequence[Path],
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    catalog: Path | None = None,
    stage: Stage = Stage.DISCOVERY,
    settings: CallSettings | None = None,
) -> CallsRun:
    """As kam.usecases.calls.run_calls_analyze (a core cannot import a use case)."""
    terms = [*products]
    if catalog is not None:
        try:
            terms += parse_catalog(catalog.read_bytes(), str(catalog))
        except OSError as exc:
            raise CatalogError(Notice("catalog_not_utf8", file=catalog, reason=exc.strerror)) from None
    transcripts: list[TranscriptSource | TranscriptError] = []
    for path in files:
        try:
            transcripts.append(TranscriptSource(str(path), path.read_bytes()))
        except OSError as exc:
            transcripts.append(
                TranscriptError(str(path), Notice("transcript_cannot_read", reason=exc.strerror))
            )
    return analyze_calls(transcripts, sales=sales, products=terms, stage=stage, settings=settings)
