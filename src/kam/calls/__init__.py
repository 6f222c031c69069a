"""Sales-call coaching (DOMAIN.md §6): did the salesperson listen, ask, pitch or quote too early?

A pure core: bytes of a transcript in, a frozen `CallAnalysis` out; no web, no database.
Names load on first use, so commands that only read the settings do not compile the phrase tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam.lazy import lazy_exports

if TYPE_CHECKING:
    from kam.calls.analyze import analyze_transcript
    from kam.calls.errors import CallsError, TranscriptError
    from kam.calls.models import CallAnalysis, Evidence, Side, Turn
    from kam.calls.parse import decode, parse_transcript
    from kam.calls.price import parse_amount, price_talk
    from kam.calls.questions import classify_question
    from kam.calls.settings import CallSettings
    from kam.domain.calls import Flag, Language, SpinType
    from kam.domain.stages import Stage

_EXPORTS = {
    "CallAnalysis": "kam.calls.models",
    "CallSettings": "kam.calls.settings",
    "CallsError": "kam.calls.errors",
    "Evidence": "kam.calls.models",
    "Flag": "kam.domain.calls",
    "Language": "kam.domain.calls",
    "Side": "kam.calls.models",
    "SpinType": "kam.domain.calls",
    "Stage": "kam.domain.stages",
    "TranscriptError": "kam.calls.errors",
    "Turn": "kam.calls.models",
    "analyze_transcript": "kam.calls.analyze",
    "classify_question": "kam.calls.questions",
    "decode": "kam.calls.parse",
    "parse_amount": "kam.calls.price",
    "parse_transcript": "kam.calls.parse",
    "price_talk": "kam.calls.price",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())


__all__ = [
    "CallAnalysis",
    "CallSettings",
    "CallsError",
    "Evidence",
    "Flag",
    "Language",
    "Side",
    "SpinType",
    "Stage",
    "TranscriptError",
    "Turn",
    "analyze_transcript",
    "classify_question",
    "decode",
    "parse_amount",
    "parse_transcript",
    "price_talk",
]
