"""Several calls at once: transcripts as data in (a name and its bytes, as a file or an upload gives
them), each analysed on its own, a bad one reported without stopping the others."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kam.calls.analyze import analyze_transcript
from kam.calls.errors import TranscriptError
from kam.calls.models import CallAnalysis
from kam.calls.recorded import recorded_at
from kam.calls.settings import CallSettings
from kam.domain.stages import Stage


@dataclass(frozen=True, slots=True)
class TranscriptSource:
    """One transcript as received: its name (a file's path or an upload's name, which messages and the
    results name) and its bytes (WebVTT, SRT, JSON or 'Name: text' lines, in any common encoding)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class CallsRun:
    """Results in the order the transcripts came; the transcripts that could not be analysed are listed
    with their errors.

    `sha256` holds the SHA-256 of each analysed transcript's bytes, `recorded` when its header says the
    call took place (None: it does not say; kam.calls.recorded), and `transcripts` the bytes themselves
    (what a stored call proposes to its account is read from them), each in the order of `results`.
    """

    results: tuple[CallAnalysis, ...]
    errors: tuple[TranscriptError, ...]
    sha256: tuple[str, ...] = ()
    recorded: tuple[dt.datetime | None, ...] = ()
    transcripts: tuple[bytes, ...] = ()


def analyze_calls(
    transcripts: Iterable[TranscriptSource | TranscriptError],
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    stage: Stage = Stage.DISCOVERY,
    settings: CallSettings | None = None,
) -> CallsRun:
    """Analyse each transcript; one that cannot be analysed is reported and does not stop the others. A
    `TranscriptError` in place of a transcript (one that could not even be received, such as a file that
    cannot be read) is reported in its place."""
    results: list[CallAnalysis] = []
    errors: list[TranscriptError] = []
    digests: list[str] = []
    times: list[dt.datetime | None] = []
    kept: list[bytes] = []
    for transcript in transcripts:
        if isinstance(transcript, TranscriptError):
            errors.append(transcript)
            continue
        try:
            results.append(
                analyze_transcript(
                    transcript.data,
                    transcript.name,
                    sales=sales,
                    products=products,
                    stage=stage,
                    settings=settings,
                )
            )
        except TranscriptError as exc:
            errors.append(exc)
            continue
        digests.append(hashlib.sha256(transcript.data).hexdigest())
        times.append(recorded_at(transcript.data, transcript.name))
        kept.append(transcript.data)
    return CallsRun(tuple(results), tuple(errors), tuple(digests), tuple(times), tuple(kept))
