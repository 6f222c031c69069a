"""Sales-call coaching (DOMAIN.md §6): did the salesperson listen, ask, pitch or quote too early?

A pure core: bytes of a transcript in, a frozen `CallAnalysis` out; no web, no database.
"""

from kam.calls.analyze import analyze_transcript
from kam.calls.errors import CallsError, TranscriptError
from kam.calls.models import CallAnalysis, Evidence, Flag, Language, Side, SpinType, Stage, Turn
from kam.calls.parse import decode, parse_transcript
from kam.calls.price import parse_amount, price_talk
from kam.calls.questions import classify_question
from kam.calls.settings import CallSettings

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
