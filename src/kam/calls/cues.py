"""WebVTT and SRT: blocks between blank lines, each cue a timing line 'start --> end' and its text.

A block that ought to be a cue but is not is refused with its cue number, line and text, never skipped:
a mistyped arrow (`->`, `-- >`, `—>`), a time with 60 or more minutes or seconds or past 100 hours,
text outside any cue, a timing line inside a cue's text. Header, NOTE, STYLE and REGION blocks and
cue identifiers are skipped as before.
"""

from __future__ import annotations

import re

from kam.calls.checks import read_clock
from kam.calls.errors import TranscriptError
from kam.calls.models import Turn
from kam.i18n import Notice

# [hh:]mm:ss[.fff]; hours may have more than two digits (checked against 100 hours, not by the pattern).
CLOCK = r"(?:(\d{1,6}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING_RE = re.compile(rf"[ \t]*(({CLOCK})[ \t]*-->[ \t]*({CLOCK}))(?:[ \t]+\S.*)?[ \t]*")
# Anything a person may have meant as a timing line: two times with an arrow-like mark between them.
_SOME_TIME = r"\d+:\d+(?::\d+|[.,]\d+)[\d:.,]*"
_ARROWISH = r"(?:[-–—=~][ \t]*){1,3}>?|→|⟶|>"
_LOOSE_TIMING_RE = re.compile(
    rf"[ \t]*{_SOME_TIME}[ \t]*(?:{_ARROWISH})[ \t]*{_SOME_TIME}(?:[ \t]+\S+:\S*)*[ \t]*"
)
_STARTS_WITH_TIME_RE = re.compile(rf"[ \t]*{_SOME_TIME}")
_NOT_CUES = ("WEBVTT", "NOTE", "STYLE", "REGION")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG_RE = re.compile(r"</?[^>\s][^>]*>")
_NAME = r"[^\s:：\[\]<>()（）{}\d][^:：\[\]<>\n]{0,30}?"
PREFIX_RE = re.compile(rf"^\s*({_NAME})\s*[:：]\s*(.*)$", re.DOTALL)
MAX_NAME_WORDS = 4
_SHOWN = 80

Line = tuple[int, str]


def is_timing_like(line: str) -> bool:
    """A line that is, or was surely meant to be, a timing line 'start --> end'."""
    return "-->" in line or _LOOSE_TIMING_RE.fullmatch(line) is not None


def starts_like_cues(text: str) -> bool:
    """An SRT (or header-less WebVTT) file: its first line, or the one after a cue number, is timing-like."""
    lines = text.lstrip().split("\n", 2)
    if lines[0].strip().isdigit() and len(lines) > 1:
        return is_timing_like(lines[1]) and _STARTS_WITH_TIME_RE.match(lines[1]) is not None
    return is_timing_like(lines[0]) and _STARTS_WITH_TIME_RE.match(lines[0]) is not None


def _blocks(text: str) -> list[list[Line]]:
    """Runs of non-blank lines, each line with its 1-based number."""
    blocks: list[list[Line]] = [[]]
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _cue_lines(block: list[Line], file: str) -> list[Line] | None:
    """The block from its timing line on (None for a block that is not a cue), or an error."""
    words = block[0][1].split(maxsplit=1)
    if words and words[0] in _NOT_CUES:
        start = next((i for i, (_, line) in enumerate(block) if is_timing_like(line)), None)
        return None if start is None else block[start:]
    for i, (_, line) in enumerate(block[:2]):
        if is_timing_like(line) or _STARTS_WITH_TIME_RE.match(line):
            return block[i:]
    number, line = block[0]
    where = Notice("transcript_line", line=number)
    raise TranscriptError(file, Notice("transcript_outside_cue", where=where, value=_short(line)))


def _short(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _SHOWN else line[:_SHOWN] + "…"


def parse_cues(text: str, file: str) -> tuple[list[Turn], list[Notice]]:
    """Turns of a WebVTT or SRT file and where each is (its cue and timing line).

    The speaker comes from a <v Name> voice tag or a 'Name:' prefix; an unnamed cue continues the
    previous speaker.
    """
    turns: list[Turn] = []
    places: list[Notice] = []
    speaker = ""
    for block in _blocks(text):
        cue = _cue_lines(block, file)
        if cue is None:
            continue
        (number, timing), body_lines = cue[0], cue[1:]
        where = Notice("transcript_cue", cue=len(turns) + 1, line=number)
        m = _TIMING_RE.fullmatch(timing)
        if m is None:
            raise TranscriptError(file, Notice("transcript_bad_timing", where=where, value=_short(timing)))
        start = read_clock(m.group(3, 4, 5, 6), m.group(2), where, file)
        end = read_clock(m.group(8, 9, 10, 11), m.group(7), where, file)
        for inner, line in body_lines:
            if is_timing_like(line):
                inside = Notice("transcript_cue", cue=len(turns) + 1, line=inner)
                raise TranscriptError(
                    file, Notice("transcript_timing_in_cue", where=inside, value=_short(line))
                )
        body = "\n".join(line for _, line in body_lines).strip()
        if "\n" in body:
            body = " ".join(body.split())
        if "<" in body:
            voice = _VOICE_RE.search(body)
            if voice:
                speaker = voice.group(1).strip()
            body = _TAG_RE.sub("", body).strip()
            if voice:
                turns.append(Turn(speaker, start, end, body))
                places.append(where)
                continue
        named = PREFIX_RE.match(body)
        if named and len(named.group(1).split()) <= MAX_NAME_WORDS:
            speaker, body = named.group(1).strip(), named.group(2).strip()
        turns.append(Turn(speaker or "?", start, end, body))
        places.append(where)
    return turns, places
