"""Every output field of every annotated transcript in tests/data/calls against its hand annotation."""

from __future__ import annotations

from typing import Any

import pytest

from kam.calls import TranscriptError, analyze_transcript
from kam.domain.stages import Stage
from tests.calls.conftest import DATA, annotations

ANNOTATIONS = annotations()
TOL = ANNOTATIONS["tolerance"]
TIME_FIELDS = {
    "duration_s",
    "longest_sales_monologue_s",
    "longest_customer_monologue_s",
    "patience_s",
    "first_at_s",
    "total_s",
    "first_mention_at_s",
    "first_sales_quote_at_s",
    "at_s",
}


def _tolerance(key: str) -> float | None:
    if key in TIME_FIELDS:
        return TOL["time_s"]
    if key.endswith("_share"):
        return TOL["share"]
    if key == "customer_to_sales":
        return TOL["ratio"]
    if key == "switches_per_hour":
        return TOL["per_hour"]
    return None


def _mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict):
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}{key}: missing")
                continue
            tol = _tolerance(key)
            if tol is not None and value is not None and actual[key] is not None:
                if abs(value - actual[key]) > tol:
                    out.append(f"{path}{key}: expected {value} ± {tol}, got {actual[key]}")
            else:
                out += _mismatches(value, actual[key], f"{path}{key}.")
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        out = []
        for i, (want, got) in enumerate(zip(expected, actual, strict=True)):
            out += _mismatches(want, got, f"{path}{i}.")
        return out
    return [] if expected == actual else [f"{path.rstrip('.')}: expected {expected!r}, got {actual!r}"]


def _analyze(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    result = analyze_transcript(
        (DATA / name).read_bytes(),
        name,
        sales=spec["sales"],
        products=spec["products"],
        stage=Stage(spec["stage"]),
    )
    return result.to_dict()


@pytest.mark.parametrize("name", sorted(ANNOTATIONS["files"]))
def test_transcript_matches_annotation(name: str) -> None:
    spec = ANNOTATIONS["files"][name]
    actual = _analyze(name, spec)
    problems = _mismatches(spec["expect"], actual)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(ANNOTATIONS["files"]))
def test_evidence_backs_every_flag(name: str) -> None:
    actual = _analyze(name, ANNOTATIONS["files"][name])
    for flag in actual["flags"]:
        quotes = [e for e in actual["evidence"] if e["flag"] == flag]
        assert quotes and all(e["text"] and e["speaker"] for e in quotes), flag


def test_corpus_covers_formats_scripts_and_encodings() -> None:
    files = ANNOTATIONS["files"]
    assert len(files) + len(ANNOTATIONS["errors"]) >= 15
    assert {n.rsplit(".", 1)[1] for n in files} == {"vtt", "srt", "json", "txt"}
    assert {f["expect"]["language"] for f in files.values()} == {"en", "zh-Hant", "zh-Hans", "mixed"}
    raw = {n: (DATA / n).read_bytes() for n in files}
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw.values())
    assert sum(1 for b in raw.values() if _not_utf8(b)) == 2


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("name", sorted(ANNOTATIONS["errors"]))
def test_bad_transcript_gets_a_clear_message(name: str) -> None:
    spec = ANNOTATIONS["errors"][name]
    with pytest.raises(TranscriptError) as info:
        analyze_transcript((DATA / name).read_bytes(), name, sales=spec["sales"])
    assert str(info.value).startswith(f"{name}: ")
    assert spec["error"] in str(info.value)
