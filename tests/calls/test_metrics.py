"""Sides, the timeline, why-chains and the thresholds that raise each flag."""

from __future__ import annotations

import pytest

from kam.calls import CallSettings, TranscriptError, analyze_transcript
from kam.calls.objections import ObjectionKind
from kam.domain.calls import Flag, SpinType, Strength
from kam.domain.stages import Stage
from kam.hints import Hint, HintKey


def _vtt(*cues: tuple[str, float, float, str]) -> bytes:
    body = "".join(
        f"\n00:{a // 60:02.0f}:{a % 60:06.3f} --> 00:{b // 60:02.0f}:{b % 60:06.3f}\n<v {s}>{t}\n"
        for s, a, b, t in cues
    )
    return ("WEBVTT\n" + body).encode()


CALL = _vtt(
    ("Amy", 0, 10, "Hello. Why is delivery late?"),
    ("Lin", 11, 30, "Because the rail slots are short."),
    ("Amy", 31, 35, "Why are the rail slots short?"),
    ("Lin", 36, 60, "The rail company cut trains."),
    ("Amy", 61, 65, "Why did the rail company cut trains?"),
    ("Lin", 66, 90, "Costs went up."),
    ("Amy", 91, 100, "Our rebar ships by truck. The price is $5,800 per ton."),
)


def test_sentence_times_are_interpolated_by_position_in_the_turn() -> None:
    result = analyze_transcript(CALL, "c.vtt", sales=["Amy"], products=["rebar"])
    assert result.pitch.first_at_s == pytest.approx(91.0)
    assert result.price.first_sales_quote_at_s == pytest.approx(91 + 9 * 5 / 11)
    assert result.evidence[-1].at_s is not None


def test_why_chain_follows_the_topic() -> None:
    assert analyze_transcript(CALL, "c.vtt", sales=["Amy"]).why_chain_depth == 3
    strict = CallSettings(why_chain_min_shared_terms=4)
    assert analyze_transcript(CALL, "c.vtt", sales=["Amy"], settings=strict).why_chain_depth == 1
    hurried = CallSettings(why_chain_max_gap_s=10)
    assert analyze_transcript(CALL, "c.vtt", sales=["Amy"], settings=hurried).why_chain_depth == 1


def test_stage_decides_whether_a_quote_is_too_early() -> None:
    early = analyze_transcript(CALL, "c.vtt", sales=["Amy"], stage=Stage.PROPOSAL)
    late = analyze_transcript(CALL, "c.vtt", sales=["Amy"], stage=Stage.NEGOTIATION)
    assert Flag.PRICE_TOO_EARLY in early.flags and Flag.PRICE_TOO_EARLY not in late.flags
    assert late.price.first_sales_quote_at_s == early.price.first_sales_quote_at_s


def test_thresholds_are_settings() -> None:
    result = analyze_transcript(CALL, "c.vtt", sales=["Amy"])
    assert Flag.NO_DISCOVERY not in result.flags and Flag.NOT_LISTENING not in result.flags
    demanding = CallSettings(min_discovery_questions=4, min_customer_to_sales=3.0)
    flags = analyze_transcript(CALL, "c.vtt", sales=["Amy"], settings=demanding).flags
    assert flags == (Flag.NOT_LISTENING, Flag.PRICE_TOO_EARLY, Flag.NO_DISCOVERY, Flag.NO_NEXT_STEP)


def test_roles_in_the_file_name_the_sales_side() -> None:
    data = (
        b'[{"speaker": "A", "role": "seller", "text": "Hi, how are you?"}, {"speaker": "B", "text": "Fine"}]'
    )
    result = analyze_transcript(data, "r.json")
    assert not result.timestamps and result.talk.customer_share == pytest.approx(1 / 5)
    assert result.talk.patience_s is None


def test_first_name_matches_a_full_speaker_name() -> None:
    assert (
        analyze_transcript(CALL.replace(b"<v Amy>", b"<v Amy Chen>"), "c.vtt", sales=["amy"]).questions.total
        == 3
    )


@pytest.mark.parametrize(
    ("sales", "message", "hint"),
    [
        (
            [],
            "c.vtt: no sales speaker found; speakers seen: Amy, Lin; name the salesperson or give segments a "
            "role field",
            Hint(HintKey.NAME_SALES, speaker="Amy"),
        ),
        (
            ["Bob"],
            "c.vtt: no sales speaker found (Bob matched nobody); speakers seen: Amy, Lin",
            Hint(HintKey.NAME_SALES, speaker="Amy"),
        ),
        (["Amy", "Lin"], "c.vtt: no customer speaker: every speaker (Amy, Lin) is on the sales side", None),
    ],
)
def test_side_errors_name_the_speakers(sales: list[str], message: str, hint: Hint | None) -> None:
    with pytest.raises(TranscriptError) as info:
        analyze_transcript(CALL, "c.vtt", sales=sales)
    assert str(info.value).startswith(message) and "--sales" not in str(info.value)
    assert info.value.hint == hint


def test_one_speaker_is_an_error() -> None:
    with pytest.raises(TranscriptError, match=r"c.vtt: only one speaker \(Amy\): expected a conversation"):
        analyze_transcript(_vtt(("Amy", 0, 5, "Hello?")), "c.vtt", sales=["Amy"])


def test_every_setting_has_a_default_and_a_one_line_description() -> None:
    for name, field in CallSettings.model_fields.items():
        assert field.description and "\n" not in field.description, name
        assert field.default is not None, name


def test_each_question_is_listed_as_counted_and_the_speakers_by_side() -> None:
    call = _vtt(
        ("Amy", 0, 5, "Who else is involved?"),
        ("Lin", 5, 30, "Our plant manager."),
        ("Bob", 30, 40, "And our buyer."),
        ("Amy", 40, 45, "Why is delivery late?"),
        ("Lin", 45, 60, "We are happy with our supplier, but the rail is slow."),
        ("Amy", 60, 65, "Do you use rebar?"),
    )
    result = analyze_transcript(call, "c.vtt", sales=["Amy"], settings=CallSettings(evidence_max_chars=12))
    asked = [
        (a.at_s, a.speaker, a.text, a.open, a.spin, a.decision_chain, a.why) for a in result.questions.asked
    ]
    assert asked == [
        (0.0, "Amy", "Who else is …", True, None, True, False),
        (40.0, "Amy", "Why is deliv…", True, SpinType.PROBLEM, False, True),
        (60.0, "Amy", "Do you use r…", False, SpinType.SITUATION, False, False),
    ]
    assert (result.questions.total, result.questions.open, result.questions.decision_chain) == (3, 2, 1)
    assert (result.sales_speakers, result.customer_speakers) == (("Amy",), ("Lin", "Bob"))
    assert [(o.kind, o.at_s, o.speaker, o.text) for o in result.objections] == [
        (ObjectionKind.STATUS_QUO, 45.0, "Lin", "We are happy…")
    ]
    assert result.strengths == (Strength.LISTENED, Strength.DECISION_CHAIN)
