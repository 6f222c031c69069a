"""The one function behind `kam calls analyze`: read the files and the catalog, analyse each transcript."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kam.calls.analyze import analyze_transcript
from kam.calls.catalog import load_catalog
from kam.calls.errors import TranscriptError
from kam.calls.models import CallAnalysis
from kam.calls.settings import CallSettings
from kam.domain.stages import Stage
from kam.i18n import Notice


@dataclass(frozen=True, slots=True)
class CallsRun:
    """Results in file order; files that could not be analysed are listed with their errors.

    `sha256` holds the SHA-256 of each analysed file's bytes, in the order of `results`.
    """

    results: tuple[CallAnalysis, ...]
    errors: tuple[TranscriptError, ...]
    sha256: tuple[str, ...] = ()


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
            errors.append(TranscriptError(str(path), Notice("transcript_cannot_read", reason=exc.strerror)))
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
