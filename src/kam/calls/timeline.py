"""Turns to a timeline: sides from --sales or role fields, times filled in, sentences placed in time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kam.calls.errors import TranscriptError
from kam.calls.models import Sentence, Side, Transcript
from kam.calls.settings import CallSettings
from kam.calls.text import count_tokens, speech_seconds, split_sentences
from kam.hints import Hint, HintKey
from kam.i18n import Notice


class PlacedTurn(NamedTuple):
    """A turn with its side, filled-in times and token count (a named tuple, like Turn)."""

    speaker: str
    side: Side
    start_s: float
    end_s: float
    tokens: int
    text: str


def speaker_matches(speaker: str, names: set[str]) -> bool:
    """A speaker is one of `names` (casefolded) by whole name or by first word: 'amy' is 'Amy Chen'."""
    key = speaker.casefold()
    return key in names or any(key.startswith(n + " ") for n in names)


def assign_sides(transcript: Transcript, sales: Sequence[str], file: str) -> list[Side]:
    """Sales speakers by --sales name (whole or first name), else by role field; others are customers."""
    speakers = list(dict.fromkeys(t.speaker for t in transcript.turns))
    if len(speakers) < 2:
        raise TranscriptError(file, Notice("transcript_one_speaker", speaker=speakers[0]))
    names = {s.casefold().strip() for s in sales if s.strip()}
    if names:
        by_speaker = {s: Side.SALES if speaker_matches(s, names) else Side.CUSTOMER for s in speakers}
        sides = [by_speaker[t.speaker] for t in transcript.turns]
    else:
        sales_roles = {t.speaker for t in transcript.turns if t.role is Side.SALES}
        sides = [Side.SALES if t.speaker in sales_roles else Side.CUSTOMER for t in transcript.turns]
    if Side.SALES not in sides:
        seen = ", ".join(speakers)
        problem = (
            Notice("transcript_sales_unmatched", names=", ".join(sales), speakers=seen)
            if names
            else Notice("transcript_no_sales", speakers=seen)
        )
        raise TranscriptError(file, problem, hint=Hint(HintKey.NAME_SALES, speaker=speakers[0]))
    if Side.CUSTOMER not in sides:
        raise TranscriptError(file, Notice("transcript_no_customer", speakers=", ".join(speakers)))
    return sides


def _estimate(text: str, settings: CallSettings) -> float:
    return speech_seconds(text, settings.latin_word_s, settings.cjk_char_s)


def place_turns(transcript: Transcript, sides: list[Side], settings: CallSettings) -> list[PlacedTurn]:
    """Fill times: a missing end is the next start (or an estimate); without stamps all are estimates."""
    turns = transcript.turns
    placed: list[PlacedTurn] = []
    clock = 0.0
    for i, (turn, side) in enumerate(zip(turns, sides, strict=True)):
        tokens = count_tokens(turn.text)
        if transcript.timestamps and turn.start_s is not None:
            start = turn.start_s
            end = turn.end_s
            if end is None:
                nxt = turns[i + 1].start_s if i + 1 < len(turns) else None
                end = nxt if nxt is not None and nxt >= start else start + _estimate(turn.text, settings)
        else:
            start, end = clock, clock + _estimate(turn.text, settings)
        end = max(end, start)
        clock = end
        placed.append(PlacedTurn(turn.speaker, side, start, end, tokens, turn.text))
    return placed


def sentences_of(placed: list[PlacedTurn]) -> list[Sentence]:
    """Sentences with times interpolated by token position inside their turn."""
    out: list[Sentence] = []
    for index, turn in enumerate(placed):
        parts = split_sentences(turn.text)
        counts = [count_tokens(p) for p in parts] if len(parts) > 1 else [turn.tokens]
        total = sum(counts)
        span = turn.end_s - turn.start_s
        done = 0
        for part, n in zip(parts, counts, strict=True):
            if total:
                start = turn.start_s + span * done / total
                end = turn.start_s + span * (done + n) / total
            else:
                start, end = turn.start_s, turn.end_s
            done += n
            out.append(Sentence(turn.speaker, turn.side, part, start, end, n, index))
    return out
