"""Decoding (UTF-8, BOM, GB18030, Big5) and the transcript formats."""

from __future__ import annotations

import json

import pytest

from kam.calls.errors import TranscriptError
from kam.calls.models import Format, Side
from kam.calls.parse import decode, parse_transcript

TRAD = "王經理：您好，請問貴公司目前一個月用多少噸鋼材？我們的報價是每噸五千八百元。"
SIMP = "刘经理：您好，请问你们现在用的是哪一家的终端？这个价格我们再谈。"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (TRAD.encode("utf-8"), TRAD),
        (b"\xef\xbb\xbf" + TRAD.encode("utf-8"), TRAD),
        (TRAD.encode("big5"), TRAD),
        (SIMP.encode("gb18030"), SIMP),
        (TRAD.encode("gb18030"), TRAD),
        ("Amy: 價格 ok\r\nLin: 好\r\n".encode("big5"), "Amy: 價格 ok\nLin: 好\n"),
    ],
)
def test_decode_detects_the_encoding(data: bytes, text: str) -> None:
    assert decode(data, "call.txt") == text


def test_vtt_voice_tags_and_prefixes() -> None:
    data = (
        b"WEBVTT\n\nNOTE exported\n\n1\n00:00:01.000 --> 00:00:04.500\n<v.loud Amy Chen>Hello there.</v>\n\n"
        b"00:04.600 --> 00:06.000\nLin: Hi <b>Amy</b>.\n\n00:00:06.100 --> 00:00:07.000\nstill Lin\n"
    )
    t = parse_transcript(data, "a.vtt")
    assert t.format is Format.VTT and t.timestamps
    assert [(x.speaker, x.start_s, x.end_s, x.text) for x in t.turns] == [
        ("Amy Chen", 1.0, 4.5, "Hello there."),
        ("Lin", 4.6, 6.0, "Hi Amy."),
        ("Lin", 6.1, 7.0, "still Lin"),
    ]


def test_srt() -> None:
    data = b"1\r\n00:00:01,000 --> 00:00:02,000\r\nAmy: Hi.\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nLin: Hello.\r\n"
    t = parse_transcript(data, "a.srt")
    assert t.format is Format.SRT
    assert [(x.speaker, x.start_s, x.end_s) for x in t.turns] == [("Amy", 1.0, 2.0), ("Lin", 2.5, 4.0)]


def test_json_segments_with_roles_and_string_times() -> None:
    doc = {
        "segments": [
            {
                "speaker": {"name": "Amy", "role": "Sales"},
                "start": "00:00:01.5",
                "end": "00:00:03",
                "text": "Hi",
            },
            {
                "speaker": {"name": "Lin", "role": "customer"},
                "start_time": 3.5,
                "end_time": 5,
                "text": "Hello",
            },
        ]
    }
    t = parse_transcript(json.dumps(doc).encode(), "a.json")
    assert [(x.speaker, x.start_s, x.end_s, x.role) for x in t.turns] == [
        ("Amy", 1.5, 3.0, Side.SALES),
        ("Lin", 3.5, 5.0, Side.CUSTOMER),
    ]


def test_json_nested_words_are_joined() -> None:
    doc = {
        "speakers": [{"id": 1, "name": "周敏", "role": "host"}],
        "monologues": [
            {
                "speaker": 1,
                "elements": [
                    {"value": "你们", "start_ms": 500, "end_ms": 900},
                    {"value": "好", "end_ms": 1200},
                    {"value": "OK", "end_ms": 1500},
                    {"value": "thanks", "end_ms": 1800},
                ],
            },
        ],
    }
    (turn,) = parse_transcript(json.dumps(doc, ensure_ascii=False).encode(), "m.json").turns
    assert (turn.speaker, turn.role, turn.text, turn.start_s, turn.end_s) == (
        "周敏",
        Side.SALES,
        "你们好 OK thanks",
        0.5,
        1.8,
    )


def test_plain_text_with_stamps_and_continuation_lines() -> None:
    data = "[00:00:05] Amy: Hello.\nHow are you?\n\n[00:01:10] 李廠長：很好。\n".encode()
    t = parse_transcript(data, "a.txt")
    assert t.format is Format.TEXT and t.timestamps
    assert [(x.speaker, x.start_s, x.end_s, x.text) for x in t.turns] == [
        ("Amy", 5.0, 70.0, "Hello. How are you?"),
        ("李廠長", 70.0, None, "很好。"),
    ]


def test_plain_text_without_stamps() -> None:
    t = parse_transcript(b"Amy: Hi\n\nLin: Hello\n", "a.txt")
    assert not t.timestamps and [x.start_s for x in t.turns] == [None, None]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: the file is empty: expected a transcript with speaker turns"),
        (b"  \n\n", "a.txt: the file is empty"),
        (
            b"Just some notes without speakers.\n",
            "a.txt: unknown format: expected WebVTT, SRT, JSON segments",
        ),
        (b'{"title": "x"}', "a.txt: unknown JSON shape: expected a list of segments"),
        (b"WEBVTT\n\n", "a.txt: no speech found in this vtt file"),
        (b"\x81\x30\xff\xfe\x00\x00\x00", "a.txt: "),
    ],
)
def test_unusable_files_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(data, "a.txt")
    assert str(info.value).startswith(message)


CALL = "Amy: What do you need this quarter?\nLin: Forty tons of rebar.\n"
CALL_ZH = "王經理：您好，請問一個月用多少噸？\n李廠長：一百噸。\n"


@pytest.mark.parametrize("text", [CALL, CALL_ZH])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(text: str, codec: str) -> None:
    t = parse_transcript(text.encode(codec), "a.txt")
    assert [x.speaker for x in t.turns] == [line.split(":")[0].split("：")[0] for line in text.splitlines()]


def test_nul_bytes_that_are_not_utf16_are_refused() -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(CALL.encode("utf-16-le")[1:], "a.txt")
    assert info.value.problem.key == "transcript_utf16_without_bom"


def test_json_nested_thousands_deep_is_a_clear_error() -> None:
    for deep in ("[" * 5000 + "]" * 5000, '{"segments": ' * 5000 + "[]" + "}" * 5000, "[" * 900 + "]" * 900):
        with pytest.raises(TranscriptError) as info:
            parse_transcript(deep.encode(), "a.json")
        assert str(info.value).startswith("a.json: ")


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        ('{"segments": [\n  {"speaker": "Amy", "text": "Hi"},\n  {"speaker": "Lin" "text": "Yo"}\n]}', 3, 21),
        ('[\n  {"speaker": "Amy",\n   "text": "Hi"\n', 4, 1),
    ],
)
def test_broken_json_is_refused_with_its_line_not_read_as_plain_text(
    raw: str, line: int, column: int
) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(raw.encode(), "a.json")
    problem = info.value.problem
    assert (problem.key, problem.params["line"], problem.params["column"]) == (
        "transcript_bad_json",
        line,
        column,
    )


@pytest.mark.parametrize(
    ("data", "key", "where"),
    [
        (b"[00:00:05] Amy: Hi?\n[00:00:03] Lin: Yes.\n", "transcript_out_of_order", {"line": 2}),
        (b"[00:00:05] Amy: Hi?\n[00:99] Lin: Yes.\n", "transcript_bad_clock", {"line": 2}),
        (b"[00:00:05] Amy: Hi?\n[100:00:01] Lin: Yes.\n", "transcript_time_range", {"line": 2}),
    ],
)
def test_plain_text_stamps_are_checked(data: bytes, key: str, where: dict[str, int]) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(data, "a.txt")
    assert (info.value.problem.key, info.value.problem.params["where"].params) == (key, where)
