"""WebVTT and SRT: blocks between blank lines, each cue a timing line 'start --> end' and its text.

A block that ought to be a cue but is not is refused with its cue number, line and text, never skipped:
a mistyped arrow (`->`, `-- >`, `—>`), a time with 60 or more minutes or seconds or past 100 hours,
text outside any cue, a timing line inside a cue's text. Header, NOTE, STYLE and REGION blocks and
cue identifiers are skipped as before.
"""

from __future__ import annotations

import re
from typing import NoReturn

from kam.calls.checks import Place, read_clock
from kam.calls.errors import TranscriptError
from kam.calls.models import Turn
from kam.i18n import Notice

# [hh:]mm:ss[.fff]; hours may have more than two digits (checked against 100 hours, not by the pattern).
CLOCK = r"(?:(\d{1,6}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
# Anything a person may have meant as a timing line: two times with an arrow-like mark between them.
_SOME_TIME = r"\d+:\d+(?::\d+|[.,]\d+)[\d:.,]*"
_ARROWISH = r"(?:[-–—=~][ \t]*){1,3}>?|→|⟶|>"
_LOOSE_TIMING = rf"[ \t]*{_SOME_TIME}[ \t]*(?:{_ARROWISH})[ \t]*{_SOME_TIME}(?:[ \t]+\S+:\S*)*[ \t]*"
_LOOSE_TIMING_RE = re.compile(_LOOSE_TIMING)
# A well-formed cue: an optional identifier (an SRT number), the timing line, text lines up to a blank
# or up to a timing-like line. Minutes and seconds below 60 here: other timing lines are left out of
# every cue, and so found in the text between cues.
_CUE_CLOCK = r"(?:(\d{1,6}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?"
_CUE_RE = re.compile(
    rf"^(?:(?P<id>[ \t]*+\S[^\n]*+)\n)?"  # possessive: no backtracking over a long line
    rf"(?P<timing>[ \t]*({_CUE_CLOCK})[ \t]*-->[ \t]*({_CUE_CLOCK})(?:[ \t]+\S[^\n]*)?)[ \t]*(?:\n|$)"
    rf"(?P<body>(?:(?![^\n]*-->|{_LOOSE_TIMING}(?:\n|$))[ \t]*\S[^\n]*(?:\n|$))*)",
    re.MULTILINE,
)
_TIMING_RE = re.compile(rf"[ \t]*({CLOCK})[ \t]*-->[ \t]*({CLOCK})(?:[ \t]+\S.*)?[ \t]*")
_STARTS_WITH_TIME_RE = re.compile(rf"[ \t]*{_SOME_TIME}")
_NOT_CUES = ("WEBVTT", "NOTE", "STYLE", "REGION")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG_RE = re.compile(r"</?[^>\s][^>]*>")
_NAME = r"[^\s:：\[\]<>()（）{}\d][^:：\[\]<>\n]{0,30}?"
PREFIX_RE = re.compile(rf"^\s*({_NAME})\s*[:：]\s*(.*)$", re.DOTALL)
MAX_NAME_WORDS = 4
_SHOWN = 80


def is_timing_like(line: str) -> bool:
    """A line that is, or was surely meant to be, a timing line 'start --> end'."""
    return "-->" in line or _LOOSE_TIMING_RE.fullmatch(line) is not None


def starts_like_cues(text: str) -> bool:
    """An SRT (or header-less WebVTT) file: its first line, or the one after a cue number, is timing-like."""
    lines = text.lstrip().split("\n", 2)
    if lines[0].strip().isdigit() and len(lines) > 1:
        return is_timing_like(lines[1]) and _STARTS_WITH_TIME_RE.match(lines[1]) is not None
    return is_timing_like(lines[0]) and _STARTS_WITH_TIME_RE.match(lines[0]) is not None


def _short(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _SHOWN else line[:_SHOWN] + "…"


def _seconds(hours: str | None, minutes: str, seconds: str, frac: str | None) -> float:
    value = (int(hours) * 3600 if hours else 0) + int(minutes) * 60 + int(seconds)
    return value + int(frac) / 10 ** len(frac) if frac else float(value)


def _refuse_timing(file: str, cue: int, line: int, text: str) -> NoReturn:
    """A timing line that is not one: 60 or more minutes or seconds, or no 'start --> end' at all."""
    where = Place(cue=cue, line=line)
    timing = _TIMING_RE.fullmatch(text)
    if timing is not None:
        read_clock(timing.group(2, 3, 4, 5), timing[1], where, file)
        read_clock(timing.group(7, 8, 9, 10), timing[6], where, file)
    raise TranscriptError(file, Notice("transcript_bad_timing", where=where.notice(), value=_short(text)))


def _check_gap(gap: str, first_line: int, cue: int, file: str) -> None:
    """Text between two cues may only be blank lines and header, NOTE, STYLE or REGION blocks; the
    first block that is none of these is a cue with a broken timing line, or text outside any cue."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*gap.split("\n"), ""], first_line):
        if line.strip():
            block.append((number, line))
            continue
        if not block:
            continue
        if block[0][1].split(maxsplit=1)[0] in _NOT_CUES:
            broken = next(((n, x) for n, x in block if is_timing_like(x)), None)
        else:
            broken = next(
                ((n, x) for n, x in block[:2] if is_timing_like(x) or _STARTS_WITH_TIME_RE.match(x)), None
            )
            if broken is None:
                where = Place(line=block[0][0]).notice()
                raise TranscriptError(
                    file, Notice("transcript_outside_cue", where=where, value=_short(block[0][1]))
                )
        if broken is not None:
            _refuse_timing(file, cue, *broken)
        block = []


def _speech(body: str, speaker: str) -> tuple[str, str, str]:
    """(the speaker from here on, the cue's speaker, its text): a <v Name> voice tag or a 'Name:' prefix
    names the speaker; an unnamed cue continues the previous one."""
    body = body.strip()
    if "\n" in body:
        body = " ".join(body.split())
    if "<" in body:
        voice = _VOICE_RE.search(body)
        if voice:
            speaker = voice.group(1).strip()
        body = _TAG_RE.sub("", body).strip()
        if voice:
            return speaker, speaker, body
    named = PREFIX_RE.match(body)
    if named and len(named.group(1).split()) <= MAX_NAME_WORDS:
        speaker, body = named.group(1).strip(), named.group(2).strip()
    return speaker, speaker or "?", body


def _check_between(text: str, pos: int, m: re.Match[str], cue: int, line: int, file: str) -> None:
    """What comes between the last cue (ending at `pos`) and cue `m`, whose timing line is `line`:
    nothing (no blank line after the last cue's text), a timing line as identifier, or other text."""
    identifier = m.group("id")
    if m.start() == pos and cue > 1:  # the last cue's text runs into this timing line
        inside = Place(cue=cue - 1, line=line).notice()
        raise TranscriptError(
            file, Notice("transcript_timing_in_cue", where=inside, value=_short(m["timing"]))
        )
    if identifier is not None and _TIMING_RE.fullmatch(identifier):  # an empty cue, then this one
        inside = Place(cue=cue, line=line).notice()
        raise TranscriptError(
            file, Notice("transcript_timing_in_cue", where=inside, value=_short(m["timing"]))
        )
    if identifier is not None and is_timing_like(identifier):
        _refuse_timing(file, cue, line - 1, identifier)
    gap = text[pos : m.start()]
    if gap.strip():
        _check_gap(gap, line - gap.count("\n") - (identifier is not None), cue, file)


def parse_cues(text: str, file: str) -> tuple[list[Turn], list[Place]]:
    """Turns of a WebVTT or SRT file and where each is (its cue and timing line)."""
    turns: list[Turn] = []
    places: list[Place] = []
    speaker = ""
    pos, line = 0, 1  # where the last cue ended, and the line of its timing line
    timing = 0
    for m in _CUE_RE.finditer(text):
        cue = len(turns) + 1
        line += text.count("\n", timing, m.start("timing"))
        timing = m.start("timing")
        clocks = m.groups()
        # Anything but the usual (one blank line since the last cue, no identifier or a number) is checked.
        if m.start() - pos != 1 or text[pos] != "\n" or not (clocks[0] is None or clocks[0].isdigit()):
            _check_between(text, pos, m, cue, line, file)
        speaker, said_by, said = _speech(clocks[12], speaker)
        turns.append(Turn(said_by, _seconds(*clocks[3:7]), _seconds(*clocks[8:12]), said))
        places.append(Place(cue=cue, line=line))
        pos = m.end()
    if text[pos:].strip():
        _check_gap(text[pos:], line + text.count("\n", timing, pos), len(turns) + 1, file)
    return turns, places
