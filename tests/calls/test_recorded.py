"""When a transcript says its call took place (kam.calls.recorded): a table of headers per format, at
and around what counts as a date and time."""

from __future__ import annotations

import datetime as dt

import pytest

from kam.calls.recorded import recorded_at

CUE = "\n\n00:00:01.000 --> 00:00:03.000\nAmy: How is the line running?\n"
TURNS = "Amy: How is the line running?\nLin: Slowly.\n"
UTC8 = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WEBVTT - recorded 2025-03-14T10:30:00+08:00" + CUE, dt.datetime(2025, 3, 14, 10, 30, tzinfo=UTC8)),
        ("WEBVTT\nNOTE recorded 2025-03-14 10:30Z" + CUE, dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.UTC)),
        ("WEBVTT\nNOTE 2025-03-14 10:30:15 +0800" + CUE, dt.datetime(2025, 3, 14, 10, 30, 15, tzinfo=UTC8)),
        ("WEBVTT\nNOTE 2025-03-14 10:30" + CUE, dt.datetime(2025, 3, 14, 10, 30)),  # no zone: local
        ("WEBVTT\nNOTE 2025-03-14" + CUE, None),  # a day without a time of day says too little
        ("WEBVTT\nNOTE 2025-02-30 10:30" + CUE, None),  # no such day
        ("WEBVTT" + CUE + "\nNOTE 2025-03-14 10:30\n", None),  # after the first cue: not the header
        ("WEBVTT" + CUE, None),
        (
            '{"recorded_at": "2025-03-14T10:30:00+08:00", "segments": []}',
            dt.datetime(2025, 3, 14, 10, 30, tzinfo=UTC8),
        ),
        (
            '{"startedAt": "2025-03-14 02:30Z", "segments": []}',
            dt.datetime(2025, 3, 14, 2, 30, tzinfo=dt.UTC),
        ),
        ('{"segments": [{"start_time": "2025-03-14 02:30", "text": "x"}]}', None),  # only top-level fields
        ('[{"speaker": "Amy", "start": 0, "text": "x"}]', None),
        ("2025-03-14 10:30 +08:00\n" + TURNS, dt.datetime(2025, 3, 14, 10, 30, tzinfo=UTC8)),
        ("Recorded 2025-03-14T10:30Z\n" + TURNS, None),  # "Recorded 2025-03-14T10" reads as a speaker
        ("Date: 2025-03-14 10:30\n" + TURNS, None),  # a turn of a speaker 'Date', not a header
        (TURNS + "2025-03-14 10:30\n", None),  # not the first line
        ("1\n00:00:01,000 --> 00:00:02,000\nAmy: Hi 2025-03-14 10:30\n", None),  # SRT has no header
    ],
)
def test_the_time_a_transcript_says(text: str, expected: dt.datetime | None) -> None:
    assert recorded_at(text.encode("utf-8"), "call") == expected


def test_the_files_metadata_plays_no_part() -> None:
    """The time comes from the bytes alone: the same bytes give the same time, whatever the file."""
    data = ("WEBVTT - 2025-03-14 10:30Z" + CUE).encode()
    assert (
        recorded_at(data, "a.vtt")
        == recorded_at(data, "b/c.vtt")
        == dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.UTC)
    )
