"""Next steps: an action with a date commits someone; vague, negated, past and conditional sentences do not."""

from __future__ import annotations

import pytest

from kam.calls import analyze_transcript
from kam.calls.next_steps import commitment_date


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        pytest.param("我下週二帶技術同事過來。", "下週二", id="zh-Hant next Tuesday, a visit"),
        pytest.param("下週給您一份正式報價。", "下週", id="zh-Hant next week, a quote"),
        pytest.param(
            "如果方便的話，我週五前把圖紙發給您。", "週五", id="zh-Hant a courtesy 'if' is no condition"
        ),
        pytest.param("我明天下午三點打電話給您。", "明天", id="zh-Hant tomorrow, a call"),
        pytest.param("我们三天内把样品寄过去。", "三天内", id="zh-Hans within three days"),
        pytest.param("这个月底前我把合同发给您。", "这个月底", id="zh-Hans end of this month"),
        pytest.param("您看下周二方便吗？", "下周二", id="zh-Hans proposing a day"),
        pytest.param("I'll send the samples by Friday.", "Friday", id="en by Friday"),
        pytest.param("Let's meet next Tuesday to review the trial.", "Tuesday", id="en next Tuesday"),
        pytest.param("I will get back to you within two days.", "within two days", id="en within two days"),
        pytest.param("I'll call you on Monday if that works for you.", "Monday", id="en a courtesy 'if'"),
        pytest.param("Could you email me the drawings by the 12th?", "by the 12th", id="en by a date"),
    ],
)
def test_an_action_with_a_date_is_a_next_step(sentence: str, when: str) -> None:
    assert commitment_date(sentence) == when


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("可以可以，我回去就安排寄樣品。", id="zh-Hant no date"),
        pytest.param("上週二已經寄了樣品。", id="zh-Hant past"),
        pytest.param("下週我沒辦法過去。", id="zh-Hant negated"),
        pytest.param("如果下週能交貨就好了。", id="zh-Hant conditional"),
        pytest.param("上个月就因为板材没到，冲压线停了四天。", id="zh-Hans past month, no action"),
        pytest.param("我们尽快把报价发给您。", id="zh-Hans as soon as possible"),
        pytest.param("Thanks for meeting with me today.", id="en today's meeting"),
        pytest.param("We sent the samples last Friday.", id="en past"),
        pytest.param("I can't make it next week.", id="en negated"),
        pytest.param("If the price were right we would order next month.", id="en conditional"),
        pytest.param("I'll send it over as soon as I can.", id="en no date"),
    ],
)
def test_vague_past_negated_or_conditional_sentences_commit_no_one(sentence: str) -> None:
    assert commitment_date(sentence) is None


def test_a_next_step_is_reported_with_who_what_and_when() -> None:
    data = (
        b"WEBVTT\n\n00:00.000 --> 00:10.000\n<v Amy>What do you buy today?\n\n"
        b"00:10.000 --> 00:50.000\n<v Lin>Rebar from two mills.\n\n"
        b"00:50.000 --> 00:55.000\n<v Lin>Could you send us samples by Friday?\n\n"
        b"00:55.000 --> 01:00.000\n<v Amy>Sure, I will.\n"
    )
    step = analyze_transcript(data, "c.vtt", sales=["Amy"]).to_dict()["next_steps"]
    assert step == [
        {
            "at_s": 50.0,
            "speaker": "Lin",
            "owner": "sales",
            "when": "Friday",
            "text": "Could you send us samples by Friday?",
            "agreed": True,
        }
    ]
