"""JSON transcripts: a time that is not a number of seconds is refused with its segment and field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kam.calls.errors import TranscriptError
from kam.calls.parse import parse_transcript


def _segments(**second: Any) -> list[dict[str, Any]]:
    return [
        {"speaker": "Amy", "role": "sales", "start": 0, "end": 2, "text": "What do you need?"},
        {"speaker": "Lin", "start": 2.5, "end": 4, "text": "Rebar.", **second},
    ]


def _refusal(raw: str) -> tuple[str, dict[str, Any]]:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(raw.encode(), "call.json")
    problem = info.value.problem
    values = {k: v.params if hasattr(v, "params") else v for k, v in problem.params.items()}
    return problem.key, values


@pytest.mark.parametrize(
    ("field", "raw", "shown"),
    [
        ("end", "NaN", "NaN"),
        ("end", "Infinity", "Infinity"),
        ("start", "-Infinity", "-Infinity"),
        ("start", "-1.5", "-1.5"),
        ("end", "1e400", "Infinity"),
        ("end", "360001", "360001"),
        ("end", "1" + "0" * 400, "1" + "0" * 39 + "…"),
        ("end", '"NaN"', '"NaN"'),
        ("end", '"inf"', '"inf"'),
        ("end", '"00:99:00"', '"00:99:00"'),
        ("end", '"12:05 PM"', '"12:05 PM"'),
        ("end", '"-00:00:05"', '"-00:00:05"'),
        ("end", '"5 s"', '"5 s"'),
        ("end_ms", "1e309", "Infinity"),
        ("end_ms", "-1", "-1"),
    ],
)
def test_a_bad_time_names_the_segment_and_the_field(field: str, raw: str, shown: str) -> None:
    segments = _segments(**{field: "@"})
    if field.endswith("_ms"):
        del segments[1][field.removesuffix("_ms")]
    doc = json.dumps(segments).replace('"@"', raw)
    key, values = _refusal(doc)
    assert key == "transcript_bad_time"
    assert (values["where"], values["value"]) == ({"segment": 2, "field": field}, shown)


def test_a_bad_word_time_names_the_word_field() -> None:
    doc = {"segments": [{"speaker": "Amy", "words": [{"word": "Hi", "start": -1, "end": 1}]}]}
    key, values = _refusal(json.dumps(doc))
    assert (key, values["where"]) == ("transcript_bad_time", {"segment": 1, "field": "words[0].start"})


def test_a_segment_ending_before_it_starts_is_refused() -> None:
    key, values = _refusal(json.dumps(_segments(start=5, end=3)))
    assert (key, values["where"], values["seconds"]) == (
        "transcript_ends_before_start",
        {"segment": 2},
        "2.000",
    )


@pytest.mark.parametrize("value", [None, True, "soon", {"s": 1}])
def test_a_value_that_is_no_time_at_all_is_a_missing_time(value: object) -> None:
    transcript = parse_transcript(json.dumps(_segments(start=value, end=value)).encode(), "a.json")
    assert [(t.start_s, t.end_s) for t in transcript.turns] == [(0.0, 2.0), (None, None)]
    assert not transcript.timestamps


def test_a_segment_that_is_not_an_object_names_its_number() -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(b'[{"speaker": "Amy", "text": "Hi"}, [[[1]]]]', "a.json")
    assert str(info.value).startswith("a.json: segment 2 ")
