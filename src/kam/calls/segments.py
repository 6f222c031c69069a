"""JSON transcripts: a list of segments, or the usual meeting-tool shapes with speakers and nested words."""

from __future__ import annotations

import re
from typing import Any

from kam.calls.errors import TranscriptError
from kam.calls.models import Side, Turn

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
_TIME_STR_RE = re.compile(r"^(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$")
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


def _time(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = _TIME_STR_RE.match(value.strip())
        if m:
            return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _get_time(seg: dict[str, Any], keys: tuple[str, ...], which: str) -> float | None:
    for key in keys:
        if key in seg:
            return _time(seg[key])
    for key, kind in _MS_KEYS.items():
        if kind == which and key in seg:
            t = _time(seg[key])
            return None if t is None else t / 1000
    return None


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


def turns_from_json(doc: Any, file: str) -> list[Turn]:
    """Turns from a JSON transcript; roles come from a role field on the segment or in a speaker table."""
    segments = _find_segments(doc)
    if segments is None:
        raise TranscriptError(
            file, "unknown JSON shape: expected a list of segments with speaker, start, end and text"
        )
    people = _speaker_table(doc)
    turns: list[Turn] = []
    for seg in segments:
        if not isinstance(seg, dict):
            raise TranscriptError(file, f"unknown JSON segment {str(seg)[:40]!r}: expected an object")
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
        start = _get_time(seg, _START_KEYS, "start")
        end = _get_time(seg, _END_KEYS, "end")
        if words and isinstance(words[0], dict) and isinstance(words[-1], dict):
            start = start if start is not None else _get_time(words[0], _START_KEYS, "start")
            end = end if end is not None else _get_time(words[-1], _END_KEYS, "end")
        speaker = "?" if speaker_value is None else str(speaker_value).strip()
        turns.append(Turn(speaker, start, end, str(text).strip(), role))
    return turns
