"""Needs versus wants: the rules at and around their thresholds, the reasons, the accuracy on the annotated
statements (tests/data/coach), and a valid verdict for any text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam.coach.classify import MIXED_EVIDENCE, THIN_EVIDENCE, classify_statement
from kam.coach.lexicon import CueKind
from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedKind

DATA = Path(__file__).resolve().parents[1] / "data" / "coach"
S = CoachSettings()


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _measure(rows: list[dict[str, str]]) -> tuple[float, Counter[tuple[str, str]]]:
    """Accuracy, and the count of each (expected, said) pair."""
    outcomes: Counter[tuple[str, str]] = Counter()
    for row in rows:
        outcomes[(row["kind"], classify_statement(row["text"], S).kind.value)] += 1
    right = sum(n for (expected, said), n in outcomes.items() if expected == said)
    return right / len(rows), outcomes


def test_the_annotated_sets_are_large_enough_and_half_chinese_in_both_scripts() -> None:
    for name, least in (("needs_wants.jsonl", 80), ("needs_wants_blind.jsonl", 50)):
        rows = _rows(name)
        langs = Counter(r["lang"] for r in rows)
        assert len(rows) >= least and langs["zh-Hant"] + langs["zh-Hans"] >= len(rows) / 2, name
        assert min(langs["zh-Hant"], langs["zh-Hans"]) >= len(rows) / 4, name
        assert set(Counter(r["kind"] for r in rows)) == {"need", "want", "undecided"}


def test_accuracy_on_the_development_set() -> None:
    """271 statements the cues were written with in view: 264 right (97.4%) when this was written."""
    accuracy, outcomes = _measure(_rows("needs_wants.jsonl"))
    print(f"development set: accuracy {accuracy:.1%}; (expected, said): {dict(outcomes)}")
    assert accuracy >= 0.85


def test_accuracy_on_the_blind_set() -> None:
    """58 statements written after the cues were frozen: 38 right (65.5%) when this was written. Of the
    20 misses, 18 are `undecided` for a need or a want whose words the cues lack and 2 small talk taken
    for a need; a need was never called a want nor a want a need, and 25 of the 27 verdicts of need or
    want (92.6%) were right."""
    accuracy, outcomes = _measure(_rows("needs_wants_blind.jsonl"))
    print(f"blind set: accuracy {accuracy:.1%}; (expected, said): {dict(outcomes)}")
    swapped = outcomes[("need", "want")] + outcomes[("want", "need")]
    decided = sum(n for (_expected, said), n in outcomes.items() if said != "undecided")
    wrong_decided = sum(
        n for (expected, said), n in outcomes.items() if said != "undecided" and expected != said
    )
    assert accuracy >= 0.6
    assert swapped == 0
    assert wrong_decided / decided <= 0.1  # when it decides, it is right nine times in ten or more


@pytest.mark.parametrize(
    ("text", "kind", "cues"),
    [
        # the article's examples
        ("這個型號的通訊終端安全防護能力不足，容易出現盜打。", NeedKind.NEED, [CueKind.STATES_PROBLEM]),
        ("这个型号的通讯终端安全防护能力不足，容易出现盗打。", NeedKind.NEED, [CueKind.STATES_PROBLEM]),
        ("裝置的側邊開一個小槽就好了。", NeedKind.WANT, [CueKind.PRESCRIBES_SOLUTION, CueKind.NAMES_PART]),
        ("装置的侧边开一个小槽就好了。", NeedKind.WANT, [CueKind.PRESCRIBES_SOLUTION, CueKind.NAMES_PART]),
        (
            "如果你們沒有黃色的，打個九折，我們可以購買別的顏色。",
            NeedKind.WANT,
            [CueKind.LOOKS, CueKind.PRICE_CONCESSION],
        ),
        # English
        (
            "Our terminals are not secure enough; toll fraud keeps happening.",
            NeedKind.NEED,
            [CueKind.STATES_PROBLEM, CueKind.RECURS],
        ),
        (
            "Just cut a small slot in the side of the device.",
            NeedKind.WANT,
            [CueKind.PRESCRIBES_SOLUTION, CueKind.NAMES_PART],
        ),
        (
            "We want the cabinet 600 mm wide.",
            NeedKind.WANT,
            [CueKind.PRESCRIBES_SOLUTION, CueKind.SPECIFIC_DETAIL, CueKind.NAMES_PART],
        ),
        # thin: nothing, or one weak cue (recurs weighs 1.5, below classify_min_evidence 2)
        ("OK, sounds good.", NeedKind.UNDECIDED, []),
        ("好的，沒問題。", NeedKind.UNDECIDED, []),  # "no problem" states no problem
        ("Let's meet again next week.", NeedKind.UNDECIDED, [CueKind.RECURS]),
        # mixed: a problem (2) and a prescribed solution (2) weigh the same
        (
            "The text is hard to read, just add a light.",
            NeedKind.UNDECIDED,
            [CueKind.STATES_PROBLEM, CueKind.PRESCRIBES_SOLUTION],
        ),
    ],
)
def test_statements_and_the_cues_behind_their_verdict(text: str, kind: NeedKind, cues: list[CueKind]) -> None:
    result = classify_statement(text, S)
    assert (result.kind, sorted(result.cues)) == (kind, sorted(cues))


def test_the_cue_is_quoted_as_written_in_either_script() -> None:
    hant = classify_statement("設備經常故障", S)
    hans = classify_statement("设备经常故障", S)
    assert [(r.code, r.values["cue"]) for r in hant.reasons] == [
        ("states_problem", "故障"),
        ("recurs", "經常"),
    ]
    assert [(r.code, r.values["cue"]) for r in hans.reasons] == [
        ("states_problem", "故障"),
        ("recurs", "经常"),
    ]
    assert (hant.kind, hant.confidence) == (hans.kind, hans.confidence)


@pytest.mark.parametrize(
    ("text", "min_evidence", "min_margin", "kind", "why"),
    [
        # recurs only: 1.5
        ("It happens every week.", 2.0, 1.0, NeedKind.UNDECIDED, THIN_EVIDENCE),
        ("It happens every week.", 1.5, 1.0, NeedKind.NEED, None),
        ("It happens every week.", 1.6, 1.0, NeedKind.UNDECIDED, THIN_EVIDENCE),
        # a problem (2) and recurs (1.5) against a part (1): 3.5 - 1 = 2.5
        ("The cable keeps breaking.", 2.0, 2.5, NeedKind.NEED, None),
        ("The cable keeps breaking.", 2.0, 2.6, NeedKind.UNDECIDED, MIXED_EVIDENCE),
        ("The cable keeps breaking.", 3.5, 0.0, NeedKind.NEED, None),
        ("The cable keeps breaking.", 3.6, 0.0, NeedKind.UNDECIDED, THIN_EVIDENCE),
        # a prescribed solution (2) against a problem (2): no lead
        ("The text is hard to read, just add a light.", 2.0, 0.0, NeedKind.NEED, None),
        ("The text is hard to read, just add a light.", 2.0, 0.1, NeedKind.UNDECIDED, MIXED_EVIDENCE),
    ],
)
def test_the_evidence_and_margin_thresholds(
    text: str, min_evidence: float, min_margin: float, kind: NeedKind, why: str | None
) -> None:
    result = classify_statement(
        text, CoachSettings(classify_min_evidence=min_evidence, classify_min_margin=min_margin)
    )
    assert result.kind is kind
    assert (result.reasons[0].code if why else None) == why


@pytest.mark.parametrize(
    ("text", "kind", "confidence", "values"),
    [
        ("設備經常故障", NeedKind.NEED, round(3.5 / 4.5, 3), None),
        ("OK", NeedKind.UNDECIDED, 1.0, {"weight": 0.0, "minimum": 2.0}),
        (
            "It happens every week.",
            NeedKind.UNDECIDED,
            round(1 - 1.5 / 2.5, 3),
            {"weight": 1.5, "minimum": 2.0},
        ),
        (
            "The text is hard to read, just add a light.",
            NeedKind.UNDECIDED,
            round(1 - 2 / 5, 3),
            {"need": 2.0, "want": 2.0, "margin": 1.0},
        ),
    ],
)
def test_confidence_and_the_values_of_an_undecided_verdict(
    text: str, kind: NeedKind, confidence: float, values: dict[str, float] | None
) -> None:
    result = classify_statement(text, S)
    assert (result.kind, result.confidence) == (kind, confidence)
    if values is not None:
        assert result.reasons[0].values == values


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_valid_verdict(text: str) -> None:
    result = classify_statement(text, S)
    assert result.text == text
    assert result.kind in set(NeedKind)
    assert 0.0 <= result.confidence <= 1.0
    assert result.reasons or result.kind is not NeedKind.UNDECIDED
    for reason in result.reasons:
        if reason.code in (THIN_EVIDENCE, MIXED_EVIDENCE):
            continue
        assert CueKind(reason.code) and reason.values["cue"].strip() in text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["停機", "設備", "經常", "just add", " ", "槽", "Our", "需求", "，", "yellow"]),
        max_size=12,
    )
)
def test_a_verdict_is_the_same_for_traditional_and_simplified(words: list[str]) -> None:
    from kam.coach.script import fold

    text = "".join(words)
    simplified = "".join(fold(w) if not w.isascii() else w for w in words)
    a, b = classify_statement(text, S), classify_statement(simplified, S)
    assert (a.kind, a.confidence, a.cues) == (b.kind, b.confidence, b.cues)
