"""Property-based tests of the transcript readers (WebVTT, SRT, JSON, plain text).

Any bytes, in a file of each suffix, give analysed calls or a KamError, never another exception, and an
analysis never holds NaN or infinity. Nearly valid cue files, built cue by cue, are read exactly (no cue
lost or changed) when every cue is valid, and refused otherwise.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kam.calls.checks import MAX_OVERLAP_S, MAX_TIME_S
from kam.calls.errors import TranscriptError
from kam.calls.models import Transcript
from kam.calls.parse import parse_transcript
from kam.errors import KamError
from kam.usecases.calls import run_calls_analyze
from tests.calls.conftest import DATA

BOUNDED = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SUFFIXES = (".vtt", ".srt", ".json", ".txt")
SAMPLES = [p.read_bytes() for p in sorted(DATA.iterdir()) if p.suffix in SUFFIXES]


def _assert_times_are_sound(transcript: Transcript) -> None:
    """What the readers promise of a transcript they accept."""
    starts = [t.start_s for t in transcript.turns if t.start_s is not None]
    assert starts == sorted(starts)
    latest = -math.inf
    for turn in transcript.turns:
        for time in (turn.start_s, turn.end_s):
            assert time is None or 0 <= time <= MAX_TIME_S
        if turn.start_s is not None:
            assert turn.end_s is None or turn.end_s >= turn.start_s
            assert latest - turn.start_s <= MAX_OVERLAP_S
        if turn.end_s is not None:
            latest = max(latest, turn.end_s)


@st.composite
def _mutated_samples(draw: st.DrawFn) -> bytes:
    """A corpus file with a few bytes inserted, deleted or replaced."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        chunk = draw(st.binary(min_size=1, max_size=4))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        data[at : at + (0 if edit == "insert" else len(chunk))] = b"" if edit == "delete" else chunk
    return bytes(data)


def _nested(depth: int, kind: str) -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    return b'{"segments": ' * depth + b"[]" + b"}" * depth


ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    _mutated_samples(),
    st.builds(_nested, st.integers(1, 5000), st.sampled_from(["list", "dict"])),
)


@BOUNDED
@given(data=ANY_BYTES, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_calls_or_a_kam_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"call{suffix}"
        path.write_bytes(data)
        try:
            transcript = parse_transcript(data, path.name)
        except KamError:
            pass
        else:
            _assert_times_are_sound(transcript)
        try:
            run = run_calls_analyze([path], sales=["Amy", "張志明", "Speaker 1"])
        except KamError:
            return
    assert len(run.results) + len(run.errors) == 1
    for result in run.results:
        json.dumps(result.to_dict(), allow_nan=False)


# Nearly valid cue files ---------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij 價格您好請問多少噸.,?!", min_size=1, max_size=20).filter(str.strip)
SPEAKERS = ["Amy", "Lin Wei", "王經理", ""]
ARROWS = ["-->"] * 8 + ["->", "-- >", "—>", "=>", "→"]


@dataclass
class _Cue:
    start_ms: int
    end_ms: int
    arrow: str
    bad_minutes: bool  # minutes written as 60 or more
    voice: bool
    speaker: str
    text: str
    blank_after: bool


@st.composite
def _cues(draw: st.DrawFn) -> list[_Cue]:
    cues, start = [], draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 6))):
        start = max(0, start + draw(st.one_of(st.integers(-3000, 8000), st.just(int(MAX_TIME_S * 1000)))))
        end = start + draw(st.one_of(st.integers(0, 6000), st.integers(-2000, 40_000)))
        cues.append(
            _Cue(
                start_ms=start,
                end_ms=max(end, 0),
                arrow=draw(st.sampled_from(ARROWS)),
                bad_minutes=draw(st.integers(0, 20)) == 0,
                voice=draw(st.booleans()),
                speaker=draw(st.sampled_from(SPEAKERS)),
                text=" ".join(draw(WORDS).split()),
                blank_after=draw(st.integers(0, 20)) > 0,
            )
        )
    return cues


def _clock(ms: int, srt: bool, bad_minutes: bool) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    minutes += 60 if bad_minutes else 0
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{',' if srt else '.'}{rest % 1000:03d}"


def _render(cues: list[_Cue], srt: bool) -> str:
    out = "" if srt else "WEBVTT\n\n"
    for number, cue in enumerate(cues, 1):
        timing = f"{_clock(cue.start_ms, srt, cue.bad_minutes)} {cue.arrow} {_clock(cue.end_ms, srt, False)}"
        if cue.speaker and cue.voice and not srt:
            body = f"<v {cue.speaker}>{cue.text}</v>"
        else:
            body = f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text
        out += (f"{number}\n" if srt else "") + f"{timing}\n{body}\n" + ("\n" if cue.blank_after else "")
    return out


def _is_valid(cues: list[_Cue]) -> bool:
    latest = -math.inf
    for i, cue in enumerate(cues):
        if cue.arrow != "-->" or cue.bad_minutes or (i + 1 < len(cues) and not cue.blank_after):
            return False
        if max(cue.start_ms, cue.end_ms) > MAX_TIME_S * 1000 or cue.end_ms < cue.start_ms:
            return False
        if (i and cue.start_ms < cues[i - 1].start_ms) or (latest - cue.start_ms) / 1000 > MAX_OVERLAP_S:
            return False
        latest = max(latest, cue.end_ms)
    return True


def _expected(cues: list[_Cue]) -> list[tuple[str, float, float, str]]:
    turns, speaker = [], "?"
    for cue in cues:
        speaker = cue.speaker or speaker
        turns.append((speaker, cue.start_ms / 1000, cue.end_ms / 1000, cue.text))
    return turns


@BOUNDED
@given(
    cues=_cues(),
    srt=st.booleans(),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"]),
)
def test_nearly_valid_cue_files_are_read_exactly_or_refused(cues: list[_Cue], srt: bool, codec: str) -> None:
    data = _render(cues, srt).encode(codec)
    if not _is_valid(cues):
        try:
            parse_transcript(data, "call.srt" if srt else "call.vtt")
        except TranscriptError:
            return
        raise AssertionError(f"a broken cue file was read: {_render(cues, srt)!r}")
    turns = parse_transcript(data, "call.vtt").turns
    got = [(t.speaker, t.start_s, t.end_s, t.text) for t in turns]
    assert len(got) == len(cues)
    for (speaker, start, end, text), want in zip(got, _expected(cues), strict=True):
        assert (speaker, text) == (want[0], want[3])
        assert math.isclose(start or 0, want[1], abs_tol=1e-9)
        assert math.isclose(end or 0, want[2], abs_tol=1e-9)


# Nearly valid JSON and plain text -----------------------------------------------------------------

TIMES = st.one_of(
    st.floats(min_value=0, max_value=7200),
    st.integers(-5, 400_000),
    st.sampled_from(
        [math.nan, math.inf, -math.inf, None, True, "NaN", "inf", "00:99:00", "12.5", "1:02:03.5"]
    ),
)


@st.composite
def _json_doc(draw: st.DrawFn) -> str:
    segments: list[Any] = []
    for _ in range(draw(st.integers(1, 6))):
        segment: dict[str, Any] = {"speaker": draw(st.sampled_from(SPEAKERS)), "text": draw(WORDS)}
        for keys in (["start", "start_ms"], ["end", "end_time"]):  # at most one field of each
            key = draw(st.sampled_from([*keys, None]))
            if key is not None:
                segment[key] = draw(TIMES)
        segments.append(segment)
    doc: Any = draw(
        st.sampled_from([segments, {"segments": segments}, {"results": {"utterances": segments}}])
    )
    return json.dumps(doc, ensure_ascii=False)


@BOUNDED
@given(doc=_json_doc())
def test_json_times_are_sound_or_refused(doc: str) -> None:
    try:
        transcript = parse_transcript(doc.encode(), "call.json")
    except TranscriptError:
        return
    _assert_times_are_sound(transcript)
    assert not any(word in doc for word in ("NaN", "Infinity", '"inf"'))


@BOUNDED
@given(
    lines=st.lists(
        st.tuples(st.integers(0, 2 * 3600), st.booleans(), st.sampled_from(SPEAKERS[:3]), WORDS),
        min_size=1,
        max_size=8,
    )
)
def test_plain_text_stamps_are_sound_or_refused(lines: list[tuple[int, bool, str, str]]) -> None:
    text = "".join(
        (f"[{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}] " if stamped else "") + f"{name}: {words}\n"
        for s, stamped, name, words in lines
    )
    try:
        transcript = parse_transcript(text.encode(), "call.txt")
    except TranscriptError:
        return
    _assert_times_are_sound(transcript)
    assert len(transcript.turns) == len(lines)
