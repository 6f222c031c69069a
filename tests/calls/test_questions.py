"""Question classification: asked or not, open or closed, SPIN type, why-questions; three scripts."""

from __future__ import annotations

import pytest

from kam.calls.questions import classify_question
from kam.domain.calls import SpinType

S, P, IMP, N = SpinType.SITUATION, SpinType.PROBLEM, SpinType.IMPLICATION, SpinType.NEED_PAYOFF


@pytest.mark.parametrize(
    ("sentence", "is_open", "spin", "why"),
    [
        ("How many tons of rebar do you use per month?", True, S, False),
        ("Could you walk me through how your plant runs today?", True, S, False),
        ("Tell me about your delivery fleet.", True, S, False),
        ("Do you have problems with late delivery?", False, P, False),
        ("How does that affect your production line?", True, IMP, False),
        ("What would it mean for you if deliveries were on time?", True, N, False),
        ("Would an offline mode help with that?", False, N, False),
        ("Why is that?", True, P, True),
        ("Shall we set up a visit next month?", False, None, False),
        ("so if the drivers had a tracker that only logs the route would that help", False, N, False),
        ("你們現在用的是哪家的鋼材？", True, S, False),
        ("有沒有遇到交期延遲的問題", False, P, False),
        ("死機的時候對產線會造成什麼影響？", True, IMP, False),
        ("如果能準時交貨，對你們有什麼幫助呢", True, N, False),
        ("为什么这个模块很难用", True, P, True),
        ("价格上涨对你们的利润影响大不大", False, IMP, False),
        ("你们对稳定性有什么具体的要求吗？", False, None, False),
        ("What's causing the lag, 是頻寬不夠嗎？", True, P, False),
    ],
)
def test_classify_question(sentence: str, is_open: bool, spin: SpinType | None, why: bool) -> None:
    kind = classify_question(sentence)
    assert kind is not None
    assert (kind.open, kind.spin, kind.why) == (is_open, spin, why)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our product is the best in the market.",
        "What we do is supply rebar to precast plants.",
        "我們的不鏽鋼板品質穩定，很多大廠都在用。",
        "沒什麼問題。",
        "因為大家不知道怎麼用。",
        "我們的報價是五千八。",
        "",
    ],
)
def test_statements_are_not_questions(sentence: str) -> None:
    assert classify_question(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "is_open", "spin", "decision_chain"),
    [
        pytest.param("誰負責鋼材採購？", True, None, True, id="zh-Hant who is responsible"),
        pytest.param("最後是誰拍板", True, None, True, id="zh-Hant who decides, unpunctuated"),
        pytest.param("你們那邊還有哪位會參與？", True, None, True, id="zh-Hant which person"),
        pytest.param("谁负责审批这个项目？", True, None, True, id="zh-Hans who approves"),
        pytest.param("除了您，还有谁会参与决定？", True, None, True, id="zh-Hans who else"),
        pytest.param("Who else is involved?", True, None, True, id="en who else"),
        pytest.param("And who signs off on a new supplier?", True, None, True, id="en who signs off"),
        pytest.param("So who makes the final call", True, S, True, id="en unpunctuated"),
        pytest.param(
            "Is the plant manager the one who decides?", False, S, True, id="en closed, about deciding"
        ),
        pytest.param("Do you know who approves the budget?", True, None, True, id="en indirect who"),
        pytest.param("你們用的是哪家的鋼材？", True, S, False, id="which supplier is no decision chain"),
        pytest.param("How many tons do you use?", True, S, False, id="en how many is no decision chain"),
    ],
)
def test_who_questions_are_open_and_about_the_decision_chain(
    sentence: str, is_open: bool, spin: SpinType | None, decision_chain: bool
) -> None:
    kind = classify_question(sentence)
    assert kind is not None
    assert (kind.open, kind.spin, kind.decision_chain) == (is_open, spin, decision_chain)


@pytest.mark.parametrize(
    ("sentence", "is_open"),
    [
        pytest.param("能不能介紹一下你們的生產流程？", True, id="zh-Hant 能不能介紹一下"),
        pytest.param("可以說說你們現在怎麼備料嗎？", True, id="zh-Hant 可以說說…嗎"),
        pytest.param("麻煩您講講目前的品檢流程", True, id="zh-Hant 麻煩您講講, unpunctuated"),
        pytest.param("能否請您簡單介紹一下倉庫的情況？", True, id="zh-Hant 能否請您簡單介紹"),
        pytest.param("能不能介绍一下你们的生产流程？", True, id="zh-Hans 能不能介绍一下"),
        pytest.param("方便跟我说一下你们的排产吗？", True, id="zh-Hans 方便跟我说一下"),
        pytest.param(
            "Could you walk me through your approval process?", True, id="en could you walk me through"
        ),
        pytest.param("Can you tell me about your plant?", True, id="en can you tell me about"),
        pytest.param("Would you mind walking us through a typical week?", True, id="en would you mind"),
        pytest.param("Could you give me an overview of the line?", True, id="en give me an overview"),
        pytest.param("能不能給我們一個試單？", False, id="zh-Hant a request to act is closed"),
        pytest.param("Could you send the drawings?", False, id="en a request to act is closed"),
        pytest.param("Can you tell me if you use SAP?", False, id="en tell me if is closed"),
        pytest.param("可以嗎？", False, id="zh-Hant may I is closed"),
    ],
)
def test_polite_requests_to_talk_are_open(sentence: str, is_open: bool) -> None:
    kind = classify_question(sentence)
    assert kind is not None
    assert kind.open is is_open


@pytest.mark.parametrize(
    ("sentence", "spin", "why"),
    [
        pytest.param("為什麼會停線？", P, True, id="zh-Hant why"),
        pytest.param("為何交期這麼長？", P, True, id="zh-Hant why (為何)"),
        pytest.param("为什么现在的供应商总是晚到？", P, True, id="zh-Hans why, with a situation cue"),
        pytest.param("Why does the line stop?", P, True, id="en why does"),
        pytest.param("How come the certificates arrive late?", P, True, id="en how come"),
        pytest.param(
            "Why would on-time delivery be worth so much?",
            N,
            True,
            id="a why about the payoff stays need-payoff",
        ),
        pytest.param("为什么这会影响交货？", IMP, True, id="a why about the impact stays implication"),
        pytest.param("What do you buy today?", S, False, id="no why, no problem"),
    ],
)
def test_why_questions_dig_into_a_problem(sentence: str, spin: SpinType, why: bool) -> None:
    kind = classify_question(sentence)
    assert kind is not None
    assert (kind.spin, kind.why) == (spin, why)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("我們可以介紹一下我們的方案。", id="zh-Hant we can present"),
        pytest.param("我給您介紹一下我們的產品。", id="zh-Hant let me present"),
        pytest.param("我们可以介绍一下我们的方案。", id="zh-Hans we can present"),
        pytest.param("誰都知道交期很重要。", id="zh-Hant everyone knows"),
        pytest.param("谁也不想停线。", id="zh-Hans nobody wants"),
        pytest.param("Whoever decides, the steel must pass the test.", id="en whoever states"),
    ],
)
def test_presenting_and_who_statements_are_not_questions(sentence: str) -> None:
    assert classify_question(sentence) is None
