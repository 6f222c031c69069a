"""The times a transcript gives, checked before anything is measured: a broken time is refused, not used.

Readers check each time as they read it (minutes and seconds below 60, a number of seconds from 0 to
`MAX_TIME_S`); `check_times` checks the turns together: none is past `MAX_TIME_S`, each ends no
earlier than it starts, they come in time order, and a turn starts before earlier turns end
(crosstalk, or a subtitle tool's overlap of a frame) by at most `MAX_OVERLAP_S`. Larger overlaps are
mistyped times far more often than real talk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kam.calls.errors import TranscriptError
from kam.calls.models import Turn
from kam.i18n import Notice

MAX_TIME_S = 100 * 3600.0
MAX_OVERLAP_S = 30.0


class Place(NamedTuple):
    """Where a turn is in its file: a cue and its timing line, a JSON segment, or a line of text.

    Said as a Notice only when something there is wrong: a Notice per turn would slow every call.
    """

    cue: int | None = None
    line: int | None = None
    segment: int | None = None

    def notice(self) -> Notice:
        if self.cue is not None:
            return Notice("transcript_cue", cue=self.cue, line=self.line)
        if self.segment is not None:
            return Notice("transcript_segment", segment=self.segment)
        return Notice("transcript_line", line=self.line)


def clock(seconds: float) -> str:
    """`seconds` as hh:mm:ss.mmm."""
    ms = round(seconds * 1000)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    return f"{hours:02d}:{minutes:02d}:{ms // 1000:02d}.{ms % 1000:03d}"


def _by(seconds: float) -> str:
    return f"{seconds:.3f}"


def read_clock(parts: Sequence[str | None], raw: str, where: Place, file: str) -> float:
    """Seconds of a `[hh:]mm:ss[.fff]` time matched as (hh, mm, ss, fff); minutes and seconds must be
    below 60 and the time at most `MAX_TIME_S`."""
    hours, minutes, secs, frac = parts
    whole_minutes, whole_seconds = int(minutes or 0), int(secs or 0)
    if whole_minutes >= 60 or whole_seconds >= 60:
        raise TranscriptError(file, Notice("transcript_bad_clock", where=where.notice(), value=raw))
    value = (int(hours) * 3600 if hours else 0) + whole_minutes * 60 + whole_seconds
    seconds = value + int(frac) / 10 ** len(frac) if frac else float(value)
    if seconds > MAX_TIME_S:
        raise TranscriptError(file, Notice("transcript_time_range", where=where.notice(), value=raw))
    return seconds


def check_times(turns: Sequence[Turn], places: Sequence[Place], file: str) -> None:
    """Refuse turns out of time order, ending before they start, or overlapping by more than allowed.

    `places` says where each turn is in the file (a cue and its line, a segment, a line).
    """
    previous: tuple[float, Place] | None = None
    for turn, place in zip(turns, places, strict=True):
        for time in (turn.start_s, turn.end_s):
            if time is not None and time > MAX_TIME_S:
                problem = Notice("transcript_time_range", where=place.notice(), value=clock(time))
                raise TranscriptError(file, problem)
        if turn.start_s is None:
            continue
        if previous is not None and turn.start_s < previous[0]:
            raise TranscriptError(
                file,
                Notice(
                    "transcript_out_of_order",
                    where=place.notice(),
                    start=clock(turn.start_s),
                    seconds=_by(previous[0] - turn.start_s),
                    previous=previous[1].notice(),
                    at=clock(previous[0]),
                ),
            )
        previous = (turn.start_s, place)
    latest: tuple[float, Place] | None = None  # the latest end so far, and whose it is
    for turn, place in zip(turns, places, strict=True):
        start, end = turn.start_s, turn.end_s
        if start is not None and end is not None and end < start:
            raise TranscriptError(
                file,
                Notice(
                    "transcript_ends_before_start",
                    where=place.notice(),
                    seconds=_by(start - end),
                    start=clock(start),
                    end=clock(end),
                ),
            )
        if start is not None and latest is not None and latest[0] - start > MAX_OVERLAP_S:
            raise TranscriptError(
                file,
                Notice(
                    "transcript_overlap",
                    where=place.notice(),
                    start=clock(start),
                    seconds=_by(latest[0] - start),
                    previous=latest[1].notice(),
                    at=clock(latest[0]),
                    limit=f"{MAX_OVERLAP_S:g}",
                ),
            )
        if end is not None and (latest is None or end > latest[0]):
            latest = (end, place)
