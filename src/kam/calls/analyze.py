"""The pure entry point: transcript bytes in, a `CallAnalysis` out."""

from __future__ import annotations

from collections.abc import Sequence

from kam.calls.metrics import analyze_sentences
from kam.calls.models import CallAnalysis
from kam.calls.parse import parse_transcript
from kam.calls.settings import CallSettings
from kam.calls.text import detect_language
from kam.calls.timeline import assign_sides, place_turns, sentences_of
from kam.domain.stages import Stage


def analyze_transcript(
    data: bytes,
    file: str,
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    stage: Stage = Stage.DISCOVERY,
    settings: CallSettings | None = None,
) -> CallAnalysis:
    """Parse, place on a timeline and measure one call; raises TranscriptError for unusable input."""
    settings = settings or CallSettings()
    transcript = parse_transcript(data, file)
    sides = assign_sides(transcript, sales, file)
    turns = place_turns(transcript, sides, settings)
    sentences = sentences_of(turns)
    language = detect_language(
        " ".join(t.text for t in turns), settings.mixed_language_share, tokens=sum(t.tokens for t in turns)
    )
    return analyze_sentences(
        file=file,
        language=language,
        turns=turns,
        sentences=sentences,
        timestamps=transcript.timestamps,
        products=products,
        stage=stage,
        settings=settings,
    )
