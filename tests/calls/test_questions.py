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
        ("Why is that?", True, None, True),
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
