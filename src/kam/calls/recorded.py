"""When a call took place, as its transcript says: a date and time of day in the transcript's own
header, never the file's modification time (a copy, a download or a backup changes that).

Where each format can say it:

- WebVTT: the header, i.e. the text after `WEBVTT` on the first line and the lines before the first cue
  (`WEBVTT - recorded 2025-03-14 10:30 +08:00`, `NOTE recorded 2025-03-14T10:30:00+08:00`);
- JSON: a top-level field `recorded_at`, `started_at`, `start_time`, `created_at`, `date` or
  `datetime` (or their camelCase spellings) holding an ISO 8601 date and time;
- plain text: a first line that is not a turn and holds a date and time (`2025-03-14 10:30 +08:00`);
- SRT has no header: its calls need the time given.

A date and time is `YYYY-MM-DD` then `T` or a space and `HH:MM` (seconds and a zone optional); a date
without a time of day says too little. A time without a zone is returned without one: the caller says
whose local time it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from kam.calls.errors import TranscriptError
from kam.calls.models import Format
from kam.calls.parse import decode, detect_format, is_text_turn

DATE_TIME = re.compile(
    r"(?<!\d)(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)\s*(Z|[+-]\d{2}:?\d{2})?(?!\d)"
)
JSON_FIELDS = (
    "recorded_at",
    "recordedAt",
    "started_at",
    "startedAt",
    "start_time",
    "startTime",
    "created_at",
    "createdAt",
    "date",
    "datetime",
)
CUE_TIMING = "-->"


def recorded_at(data: bytes, name: str) -> dt.datetime | None:
    """The date and time the transcript's header gives (see the module), or None when it gives none."""
    try:
        text = decode(data, name)
    except TranscriptError:
        return None
    fmt = detect_format(text)
    if fmt is Format.VTT:
        return _vtt_header(text)
    if fmt is Format.JSON:
        return _json_header(text)
    if fmt is Format.TEXT:
        return _text_header(text)
    return None


def find_date_time(text: str) -> dt.datetime | None:
    """The first ISO 8601 date and time of day in `text` that is a real one (None: none)."""
    for match in DATE_TIME.finditer(text):
        day, clock, zone = match.groups()
        zone = "" if zone is None else "+00:00" if zone == "Z" else zone
        if zone and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        try:
            return dt.datetime.fromisoformat(f"{day}T{clock}{zone}")
        except ValueError:
            continue
    return None


def _vtt_header(text: str) -> dt.datetime | None:
    header = []
    for line in text.lstrip().split("\n"):
        if CUE_TIMING in line:
            break
        header.append(line)
    return find_date_time("\n".join(header))


def _json_header(text: str) -> dt.datetime | None:
    try:
        doc: Any = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    for field in JSON_FIELDS:
        value = doc.get(field)
        if isinstance(value, str):
            found = find_date_time(value)
            if found is not None:
                return found
    return None


def _text_header(text: str) -> dt.datetime | None:
    first = next((line for line in text.split("\n") if line.strip()), "")
    return None if is_text_turn(first) else find_date_time(first)
