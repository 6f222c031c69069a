"""JSON transcripts: a list of segments, or the usual meeting-tool shapes with speakers and nested words."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from kam.calls.checks import MAX_TIME_S, Place
from kam.calls.errors import TranscriptError
from kam.calls.models import Side, Turn
from kam.i18n import Notice

_LIST_KEYS = ("segments", "utterances", "monologues", "transcript", "results", "entries", "turns", "items")
_SPEAKER_KEYS = ("speaker", "speaker_name", "speakerName", "name", "participant", "spk", "speaker_label")
_START_KEYS = ("start", "start_s", "start_time", "startTime", "begin", "from", "offset", "ts")
_END_KEYS = ("end", "end_s", "end_time", "endTime", "to", "end_ts")
_MS_KEYS = {"start_ms": "start", "end_ms": "end", "startMs": "start", "endMs": "end"}
_TEXT_KEYS = ("text", "content", "transcript", "sentence", "value", "word", "punctuated_word")
_WORD_KEYS = ("words", "elements", "tokens")
_ROLE_KEYS = ("role", "side", "type", "team")
_SALES_ROLES = frozenset(
    [
        "sales",
        "seller",
        "salesperson",
        "sales_rep",
        "rep",
        "vendor",
        "supplier",
        "account_manager",
        "am",
        "internal",
        "host",
        "業務",
        "业务",
        "銷售",
        "销售",
        "業代",
        "供應商",
        "供应商",
    ]
)
_CUSTOMER_ROLES = frozenset(
    [
        "customer",
        "client",
        "buyer",
        "prospect",
        "external",
        "guest",
        "客戶",
        "客户",
        "買方",
        "买方",
        "採購",
        "采购",
    ]
)
_TIME_STR_RE = re.compile(r"^(?:(\d{1,6}):)?(\d{1,6}):(\d{1,6}(?:\.\d+)?)$")
# A string meant as a time: it starts like a number, or is NaN/Infinity written out.
_TIMEISH_RE = re.compile(r"\s*(?:[-+.\d]|(?:nan|inf|infinity)\s*$)", re.IGNORECASE)
_JSON_TYPES: dict[type, str] = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "true/false",
    type(None): "null",
}
_SHOWN = 40
_CJK_EDGE_RE = re.compile(r"[\u3400-\u9fff]")


def role_side(value: object) -> Side | None:
    """Map a role field ('sales', 'customer', '客戶', ...) to a side."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in _SALES_ROLES:
        return Side.SALES
    if key in _CUSTOMER_ROLES:
        return Side.CUSTOMER
    return None


def _seconds(value: object) -> float | None:
    """Seconds of a time value: a number, a numeric string or 'hh:mm:ss.s'; None when it is no time at
    all (null, true/false, a word). NaN and infinity come out as they are, to be refused."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str) and _TIMEISH_RE.match(value):
        m = _TIME_STR_RE.match(value.strip())
        if m:
            minutes, seconds = int(m.group(2)), float(m.group(3))
            if minutes >= 60 or seconds >= 60:
                return math.nan
            return int(m.group(1) or 0) * 3600 + minutes * 60 + seconds
        try:
            return float(value)
        except ValueError:
            return math.nan
    return None


def _shown(value: object) -> str:
    """A JSON value as the file wrote it, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


class _Reader:
    """Reads the times of one segment; a value that is not a time from 0 to 100 hours is refused with
    the segment's number and the field."""

    def __init__(self, file: str, segment: int) -> None:
        self.file = file
        self.segment = segment

    def time(self, seg: dict[str, Any], keys: tuple[str, ...], which: str, prefix: str = "") -> float | None:
        for key in keys:
            if key in seg:
                return self._checked(seg[key], 1, prefix + key)
        for key, kind in _MS_KEYS.items():
            if kind == which and key in seg:
                return self._checked(seg[key], 1000, prefix + key)
        return None

    def _checked(self, value: object, per_second: int, field: str) -> float | None:
        seconds = _seconds(value)
        if seconds is None:
            return None
        if not 0 <= seconds / per_second <= MAX_TIME_S:
            where = Notice("transcript_field", segment=self.segment, field=field)
            raise TranscriptError(self.file, Notice("transcript_bad_time", where=where, value=_shown(value)))
        return seconds / per_second


def _join_words(words: list[str]) -> str:
    out = ""
    for w in words:
        w = w.strip()
        if not w:
            continue
        glue = out and not (_CJK_EDGE_RE.match(out[-1]) and _CJK_EDGE_RE.match(w[0]))
        glue = glue and w[0] not in ",.!?;:，。！？；：、"
        out += (" " if glue else "") + w
    return out


def _word_text(word: object) -> str:
    if isinstance(word, str):
        return word
    if isinstance(word, dict):
        for key in _TEXT_KEYS:
            if isinstance(word.get(key), str):
                return str(word[key])
    return ""


def _find_segments(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in _LIST_KEYS:
            value = doc.get(key)
            if isinstance(value, list) and value and isinstance(value[0], dict):
                return value
            if isinstance(value, dict):
                found = _find_segments(value)
                if found is not None:
                    return found
    return None


def _speaker_table(doc: Any) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    people = doc.get("speakers") or doc.get("participants") if isinstance(doc, dict) else None
    if isinstance(people, list):
        for p in people:
            if isinstance(p, dict):
                key = p.get("id", p.get("speaker_id", p.get("name")))
                table[str(key)] = p
    elif isinstance(people, dict):
        for key, p in people.items():
            table[str(key)] = p if isinstance(p, dict) else {"name": p}
    return table


def turns_from_json(doc: Any, file: str) -> tuple[list[Turn], list[Place]]:
    """Turns from a JSON transcript and where each is (its segment, numbered from 1); roles come from a
    role field on the segment or in a speaker table."""
    segments = _find_segments(doc)
    if segments is None:
        raise TranscriptError(file, Notice("transcript_unknown_json"))
    people = _speaker_table(doc)
    turns: list[Turn] = []
    places: list[Place] = []
    for number, seg in enumerate(segments, 1):
        where = Place(segment=number)
        if not isinstance(seg, dict):
            kind = _JSON_TYPES.get(type(seg), "value")
            problem = Notice("transcript_segment_not_object", where=where.notice(), value=kind)
            raise TranscriptError(file, problem)
        times = _Reader(file, number)
        speaker_value = next((seg[k] for k in _SPEAKER_KEYS if k in seg), seg.get("speaker_id"))
        role = next((role_side(seg[k]) for k in _ROLE_KEYS if k in seg), None)
        if isinstance(speaker_value, dict):
            role = role or next((role_side(speaker_value.get(k)) for k in _ROLE_KEYS), None)
            speaker_value = speaker_value.get("name", speaker_value.get("id"))
        person = people.get(str(speaker_value))
        if person is not None:
            role = role or next((role_side(person.get(k)) for k in _ROLE_KEYS), None)
            speaker_value = person.get("name", speaker_value)
        words: list[Any] = next((seg[k] for k in _WORD_KEYS if isinstance(seg.get(k), list)), [])
        text = next((seg[k] for k in _TEXT_KEYS if isinstance(seg.get(k), str)), None)
        if text is None:
            text = _join_words([_word_text(w) for w in words])
        start = times.time(seg, _START_KEYS, "start")
        end = times.time(seg, _END_KEYS, "end")
        if words and isinstance(words[0], dict) and isinstance(words[-1], dict):
            key = next(k for k in _WORD_KEYS if seg.get(k) is words)
            if start is None:
                start = times.time(words[0], _START_KEYS, "start", f"{key}[0].")
            if end is None:
                end = times.time(words[-1], _END_KEYS, "end", f"{key}[{len(words) - 1}].")
        speaker = "?" if speaker_value is None else str(speaker_value).strip()
        turns.append(Turn(speaker, start, end, str(text).strip(), role))
        places.append(where)
    return turns, places
