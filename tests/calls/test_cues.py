"""WebVTT and SRT cues: a cue that is broken is refused with its number, line and text, never skipped."""

from __future__ import annotations

from typing import Any

import pytest

from kam.calls.errors import TranscriptError
from kam.calls.parse import parse_transcript

HELLO = "Amy: Hello, what do you need?"
FINE = "Lin: Rebar, forty tons a month."


def _vtt(*cues: tuple[str, str]) -> bytes:
    return ("WEBVTT\n\n" + "\n\n".join(f"{timing}\n{text}" for timing, text in cues) + "\n").encode()


def _srt(*cues: tuple[str, str]) -> bytes:
    blocks = [f"{i}\n{timing}\n{text}" for i, (timing, text) in enumerate(cues, 1)]
    return ("\n\n".join(blocks) + "\n").encode()


def _refusal(data: bytes, file: str = "call.vtt") -> tuple[str, dict[str, Any]]:
    """The key of the problem and its values, with a place (cue/line/segment) given as its own values."""
    with pytest.raises(TranscriptError) as info:
        parse_transcript(data, file)
    problem = info.value.problem
    assert str(info.value).startswith(f"{file}: ")
    values = {k: v.params if hasattr(v, "params") else v for k, v in problem.params.items()}
    return problem.key, values


@pytest.mark.parametrize("arrow", ["->", "-- >", "—>", "=>", "→", "- ->"])
def test_a_mistyped_arrow_names_the_cue_line_and_text(arrow: str) -> None:
    timing = f"00:00:05.000 {arrow} 00:00:09.000"
    data = _vtt(("00:00:01.000 --> 00:00:04.000", HELLO), (timing, FINE))
    assert _refusal(data) == ("transcript_bad_timing", {"where": {"cue": 2, "line": 6}, "value": timing})


def test_a_mistyped_arrow_in_the_first_srt_cue_is_not_read_as_plain_text() -> None:
    data = _srt(("00:00:01,000 -> 00:00:04,000", HELLO), ("00:00:05,000 --> 00:00:09,000", FINE))
    key, values = _refusal(data, "call.srt")
    assert (key, values["where"]) == ("transcript_bad_timing", {"cue": 1, "line": 2})


def test_a_timing_line_without_a_blank_line_before_it_is_refused() -> None:
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAmy: Hi?\n00:00:05.000 --> 00:00:09.000\nLin: Yes.\n"
    assert _refusal(data) == (
        "transcript_timing_in_cue",
        {"where": {"cue": 1, "line": 5}, "value": "00:00:05.000 --> 00:00:09.000"},
    )


def test_text_outside_any_cue_is_refused() -> None:
    data = b"1\n00:00:01,000 --> 00:00:04,000\nAmy: Hello.\n\nHow are you?\n\n2\n00:00:05,000 --> 00:00:06,000\nLin: Fine.\n"
    assert _refusal(data, "a.srt") == (
        "transcript_outside_cue",
        {"where": {"line": 5}, "value": "How are you?"},
    )


@pytest.mark.parametrize("time", ["99:99:99.999", "00:60:00.000", "00:00:60.000", "00:75.000"])
def test_minutes_or_seconds_of_60_or_more_are_refused(time: str) -> None:
    data = _vtt(("00:00:01.000 --> 00:00:04.000", HELLO), (f"00:00:05.000 --> {time}", FINE))
    assert _refusal(data) == ("transcript_bad_clock", {"where": {"cue": 2, "line": 6}, "value": time})


def test_a_cue_ending_before_it_starts_says_by_how_much() -> None:
    data = _vtt(("00:00:05.000 --> 00:00:01.500", HELLO), ("00:00:06.000 --> 00:00:09.000", FINE))
    key, values = _refusal(data)
    assert key == "transcript_ends_before_start"
    assert (values["where"], values["seconds"]) == ({"cue": 1, "line": 3}, "3.500")


def test_cues_out_of_time_order_are_refused() -> None:
    data = _vtt(("00:00:10.000 --> 00:00:12.000", HELLO), ("00:00:01.000 --> 00:00:04.000", FINE))
    key, values = _refusal(data)
    assert key == "transcript_out_of_order"
    assert (values["where"], values["previous"], values["seconds"]) == (
        {"cue": 2, "line": 6},
        {"cue": 1, "line": 3},
        "9.000",
    )


def test_cues_past_100_hours_are_refused_not_ignored() -> None:
    data = _vtt(
        ("00:00:01.000 --> 00:00:04.000", HELLO),
        ("100:00:00.000 --> 100:00:02.000", FINE),
    )
    key, values = _refusal(data)
    assert (key, values["where"]) == ("transcript_time_range", {"cue": 2, "line": 6})


def test_three_digit_hours_within_100_hours_are_read() -> None:
    data = _vtt(("00:00:01.000 --> 00:00:04.000", HELLO), ("099:00:00.000 --> 099:00:02.000", FINE))
    assert [t.start_s for t in parse_transcript(data, "a.vtt").turns] == [1.0, 99 * 3600.0]


@pytest.mark.parametrize(
    ("second_start", "accepted"),
    [("00:00:10.000", True), ("00:00:04.000", True), ("00:00:03.999", False)],
)
def test_overlap_with_earlier_cues_is_accepted_up_to_30_seconds(second_start: str, accepted: bool) -> None:
    data = _vtt(
        ("00:00:00.000 --> 00:00:20.000", HELLO),
        ("00:00:01.000 --> 00:00:34.000", "Lin: Sorry, go on."),
        (f"{second_start} --> 00:00:40.000", "Amy: Right."),
    )
    if accepted:
        assert len(parse_transcript(data, "a.vtt").turns) == 3
    else:
        key, values = _refusal(data)
        assert key == "transcript_overlap"
        assert (values["where"], values["previous"], values["seconds"]) == (
            {"cue": 3, "line": 9},
            {"cue": 2, "line": 6},
            "30.001",
        )


def test_header_note_and_style_blocks_and_cue_identifiers_are_still_skipped() -> None:
    data = (
        b"WEBVTT - call\nKind: captions\n\nNOTE exported\nby a tool\n\nSTYLE\n::cue { color: red }\n\n"
        b"intro\n00:01.000 --> 00:04.000 align:start position:10%\n<v Amy>Hi?</v>\n\n"
        b"00:00:05.000 --> 00:00:06.000\nLin: Hi.\n"
    )
    assert [(t.speaker, t.start_s, t.text) for t in parse_transcript(data, "a.vtt").turns] == [
        ("Amy", 1.0, "Hi?"),
        ("Lin", 5.0, "Hi."),
    ]


def test_errors_are_said_in_each_language() -> None:
    data = _vtt(("00:00:05.000 --> 00:00:01.500", HELLO), ("00:00:06.000 --> 00:00:09.000", FINE))
    with pytest.raises(TranscriptError) as info:
        parse_transcript(data, "a.vtt")
    said = {lang: info.value.say(lang) for lang in ("en", "zh-Hant", "zh-Hans")}
    assert said["en"] == str(info.value)
    assert all(s.startswith("a.vtt") and "3.500" in s for s in said.values())
    assert said["zh-Hant"] != said["en"] and said["zh-Hans"] != said["zh-Hant"]


def test_an_empty_cue_right_before_the_next_timing_line_is_refused() -> None:
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n00:00:03.000 --> 00:00:04.000\nLin: Yes.\n"
    assert _refusal(data) == (
        "transcript_timing_in_cue",
        {"where": {"cue": 1, "line": 4}, "value": "00:00:03.000 --> 00:00:04.000"},
    )


def test_a_broken_timing_line_right_after_a_cue_text_is_named() -> None:
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAmy: Hi?\n00:00:03.000 -> 00:00:04.000\nLin: Yes.\n"
    assert _refusal(data) == (
        "transcript_bad_timing",
        {"where": {"cue": 2, "line": 5}, "value": "00:00:03.000 -> 00:00:04.000"},
    )


def test_a_first_cue_right_under_the_header_is_read() -> None:
    data = b"WEBVTT\n00:00:01.000 --> 00:00:02.000\nAmy: Hi?\n\n00:00:03.000 --> 00:00:04.000\nLin: Yes.\n"
    assert [t.start_s for t in parse_transcript(data, "a.vtt").turns] == [1.0, 3.0]
