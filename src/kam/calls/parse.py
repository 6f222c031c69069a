"""Bytes to turns: encoding detection and the WebVTT, SRT, JSON and plain-text transcript formats.

Every reader says where each turn is in the file, so that `check_times` can name a broken one; nothing
that cannot be read is skipped or guessed at.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kam.calls.checks import Place, check_times, read_clock
from kam.calls.cues import CLOCK, MAX_NAME_WORDS, parse_cues, starts_like_cues
from kam.calls.errors import TranscriptError
from kam.calls.models import Format, Transcript, Turn
from kam.calls.segments import turns_from_json
from kam.encoding import decode_bytes, decode_utf16_without_bom
from kam.i18n import Notice

_NAME = r"[^\s:：\[\]<>()（）{}\d][^:：\[\]<>\n]{0,30}?"
_TEXT_TURN_RE = re.compile(rf"^\s*(?:[\[(]\s*({CLOCK})\s*[\])]\s*)?({_NAME})\s*[:：]\s*(.*)$")
_JSON_LIST_RE = re.compile(r"\[\s*(?:[\[{\"\]]|$)")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MAX_JSON_INT_DIGITS = 4000  # Python refuses to read longer integers (int_max_str_digits)


def decode(data: bytes, file: str) -> str:
    """Text of a transcript file in UTF-8, UTF-16 (with or without a BOM), GB18030 or Big5 (see
    kam.encoding), newlines unified."""
    utf16 = None if data[:2] in _UTF16_BOMS else decode_utf16_without_bom(data)
    if utf16 is not None:
        text = utf16.text
    elif data[:2] not in _UTF16_BOMS and data.count(0) * 8 >= len(data):
        raise TranscriptError(file, Notice("transcript_utf16_without_bom"))
    else:
        try:
            text = decode_bytes(data).text
        except UnicodeError:
            raise TranscriptError(file, Notice("transcript_cannot_decode")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text: str) -> Format | None:
    """Guess the format from the content, not the file name."""
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return Format.VTT
    if head[:1] == "{" or (_JSON_LIST_RE.match(head) and not is_text_turn(head.split("\n", 1)[0])):
        return Format.JSON
    if starts_like_cues(head):
        return Format.SRT
    for line in head.split("\n", 50)[:50]:
        if is_text_turn(line):
            return Format.TEXT
    return None


def is_text_turn(line: str) -> re.Match[str] | None:
    m = _TEXT_TURN_RE.match(line)
    if m and len(m.group(6).split()) <= MAX_NAME_WORDS:
        return m
    return None


def parse_transcript(data: bytes, file: str) -> Transcript:
    """Decode and parse a transcript file; raises TranscriptError for empty, unknown or broken input."""
    if not data.strip():
        raise TranscriptError(file, Notice("transcript_empty"))
    text = decode(data, file)
    if not text.strip():
        raise TranscriptError(file, Notice("transcript_empty"))
    fmt = detect_format(text)
    if fmt is Format.VTT or fmt is Format.SRT:
        turns, places = parse_cues(text, file)
    elif fmt is Format.JSON:
        turns, places = _parse_json(text, file)
    elif fmt is Format.TEXT:
        turns, places = _parse_text(text, file)
    else:
        raise TranscriptError(file, Notice("transcript_unknown_format"))
    check_times(turns, places, file)
    turns = [t for t in turns if t.text.strip()]
    if not turns:
        raise TranscriptError(file, Notice("transcript_no_speech", fmt=fmt))
    stamped = all(t.start_s is not None for t in turns)
    return Transcript(tuple(turns), fmt, stamped)


def _json_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= _MAX_JSON_INT_DIGITS else float(digits)


def _parse_json(text: str, file: str) -> tuple[list[Turn], list[Place]]:
    """JSON segments (see kam.calls.segments); invalid or too deeply nested JSON is refused."""
    try:
        doc: Any = json.loads(text, parse_int=_json_int)
        return turns_from_json(doc, file)
    except json.JSONDecodeError as exc:
        problem = Notice("transcript_bad_json", line=exc.lineno, column=exc.colno, detail=exc.msg)
        raise TranscriptError(file, problem) from None
    except RecursionError:
        raise TranscriptError(file, Notice("transcript_json_too_deep")) from None


def _parse_text(text: str, file: str) -> tuple[list[Turn], list[Place]]:
    """Plain text: a 'Name: text' line opens a turn, optionally after an [hh:mm:ss] stamp."""
    raw: list[tuple[str, float | None, list[str]]] = []
    places: list[Place] = []
    for number, line in enumerate(text.split("\n"), 1):
        m = is_text_turn(line)
        if m:
            where = Place(line=number)
            stamp = None if m.group(1) is None else read_clock(m.group(2, 3, 4, 5), m.group(1), where, file)
            raw.append((m.group(6).strip(), stamp, [m.group(7).strip()]))
            places.append(where)
        elif raw and line.strip():
            raw[-1][2].append(line.strip())
    turns: list[Turn] = []
    for i, (speaker, start, parts) in enumerate(raw):
        end = raw[i + 1][1] if i + 1 < len(raw) else None
        turns.append(Turn(speaker, start, end, " ".join(parts)))
    return turns, places
