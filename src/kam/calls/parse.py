"""Bytes to turns: encoding detection and the WebVTT, SRT, JSON and plain-text transcript formats."""

from __future__ import annotations

import json
import re

from kam.calls.errors import TranscriptError
from kam.calls.models import Format, Transcript, Turn
from kam.calls.segments import turns_from_json
from kam.encoding import decode_bytes

_TS = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TS_RE = re.compile(_TS)
# A cue: its timing line, then text lines up to a blank line (WebVTT and SRT alike).
_CUE_RE = re.compile(rf"^[ \t]*{_TS}[ \t]*-->[ \t]*{_TS}[^\n]*\n((?:[ \t]*\S[^\n]*(?:\n|$))*)", re.MULTILINE)
_SRT_START_RE = re.compile(r"\A\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG_RE = re.compile(r"</?[^>\s][^>]*>")
_NAME = r"[^\s:：\[\]<>()（）{}\d][^:：\[\]<>\n]{0,30}?"
_PREFIX_RE = re.compile(rf"^\s*({_NAME})\s*[:：]\s*(.*)$", re.DOTALL)
_TEXT_TURN_RE = re.compile(rf"^\s*(?:[\[(]\s*{_TS}\s*[\])]\s*)?({_NAME})\s*[:：]\s*(.*)$")
_MAX_NAME_WORDS = 4


def decode(data: bytes, file: str) -> str:
    """Text of a transcript file in UTF-8, UTF-16, GB18030 or Big5 (see kam.encoding), newlines unified."""
    try:
        text = decode_bytes(data).text
    except UnicodeError:
        raise TranscriptError(file, "cannot decode the text: expected UTF-8, GB18030 or Big5") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _seconds(h: str | None, m: str, s: str, frac: str | None) -> float:
    value = (int(h) * 3600 if h else 0) + int(m) * 60 + int(s)
    return value + int(frac) / 10 ** len(frac) if frac else float(value)


def detect_format(text: str) -> Format | None:
    """Guess the format from the content, not the file name."""
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return Format.VTT
    if head[:1] in "[{":
        try:
            json.loads(head)
            return Format.JSON
        except ValueError:
            pass
    if _SRT_START_RE.match(head):
        return Format.SRT
    for line in head.split("\n", 50)[:50]:
        if _is_text_turn(line):
            return Format.TEXT
    return None


def _is_text_turn(line: str) -> re.Match[str] | None:
    m = _TEXT_TURN_RE.match(line)
    if m and len(m.group(5).split()) <= _MAX_NAME_WORDS:
        return m
    return None


def parse_transcript(data: bytes, file: str) -> Transcript:
    """Decode and parse a transcript file; raises TranscriptError for empty or unknown input."""
    if not data.strip():
        raise TranscriptError(file, "the file is empty: expected a transcript with speaker turns")
    text = decode(data, file)
    if not text.strip():
        raise TranscriptError(file, "the file is empty: expected a transcript with speaker turns")
    fmt = detect_format(text)
    if fmt is Format.VTT or fmt is Format.SRT:
        turns = _parse_cues(text)
    elif fmt is Format.JSON:
        turns = turns_from_json(json.loads(text), file)
    elif fmt is Format.TEXT:
        turns = _parse_text(text)
    else:
        raise TranscriptError(
            file,
            "unknown format: expected WebVTT, SRT, JSON segments or plain text with 'Name: text' turns",
        )
    turns = [t for t in turns if t.text.strip()]
    if not turns:
        raise TranscriptError(file, f"no speech found in this {fmt} file: expected turns with text")
    stamped = all(t.start_s is not None for t in turns)
    return Transcript(tuple(turns), fmt, stamped)


def _parse_cues(text: str) -> list[Turn]:
    """WebVTT and SRT: speaker from a <v Name> voice tag or a 'Name:' prefix; unnamed cues continue."""
    turns: list[Turn] = []
    speaker = ""
    for m in _CUE_RE.finditer(text):
        groups = m.groups()
        start = _seconds(*groups[0:4])
        end = _seconds(*groups[4:8])
        body = groups[8].strip()
        if "\n" in body:
            body = " ".join(body.split())
        if "<" in body:
            voice = _VOICE_RE.search(body)
            if voice:
                speaker = voice.group(1).strip()
            body = _TAG_RE.sub("", body).strip()
            if voice:
                turns.append(Turn(speaker, start, end, body))
                continue
        named = _PREFIX_RE.match(body)
        if named and len(named.group(1).split()) <= _MAX_NAME_WORDS:
            speaker, body = named.group(1).strip(), named.group(2).strip()
        turns.append(Turn(speaker or "?", start, end, body))
    return turns


def _parse_text(text: str) -> list[Turn]:
    """Plain text: a 'Name: text' line opens a turn, optionally after an [hh:mm:ss] stamp."""
    raw: list[tuple[str, float | None, list[str]]] = []
    for line in text.split("\n"):
        m = _is_text_turn(line)
        if m:
            stamp = None if m.group(3) is None else _seconds(*m.group(1, 2, 3, 4))
            raw.append((m.group(5).strip(), stamp, [m.group(6).strip()]))
        elif raw and line.strip():
            raw[-1][2].append(line.strip())
    turns: list[Turn] = []
    for i, (speaker, start, parts) in enumerate(raw):
        end = raw[i + 1][1] if i + 1 < len(raw) else None
        turns.append(Turn(speaker, start, end, " ".join(parts)))
    return turns
