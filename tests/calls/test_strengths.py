"""What went well, as a table: each strength at and around its threshold, from the figures the flags use."""

from __future__ import annotations

from typing import Any

import pytest

from kam.calls import CallSettings, Side, Stage
from kam.calls.models import PriceStats, QuestionStats, TalkStats
from kam.calls.next_steps import NextStep
from kam.calls.strengths import strengths_of
from kam.domain.calls import Strength

AGREED = NextStep(500.0, "Amy", Side.SALES, "Friday", "I'll send the drawings by Friday.", agreed=True)


def _strengths(
    *,
    ratio: float | None = 1.0,
    open_questions: int = 0,
    why: int = 0,
    chain: int = 0,
    mention_by: Side | None = None,
    quote_at: float | None = None,
    steps: tuple[NextStep, ...] = (),
    stage: Stage = Stage.DISCOVERY,
    **settings: Any,
) -> tuple[Strength, ...]:
    talk = TalkStats(None, None, ratio, 0.0, 0.0, None, None)
    questions = QuestionStats(open_questions, open_questions, 0, decision_chain=chain)
    price = PriceStats(None if mention_by is None else 10.0, mention_by, quote_at)
    return strengths_of(talk, questions, why, price, steps, stage=stage, settings=CallSettings(**settings))


@pytest.mark.parametrize(
    ("figures", "strengths"),
    [
        pytest.param({}, (), id="nothing went well"),
        pytest.param({"ratio": 2.0}, (Strength.LISTENED,), id="customer talked twice as long"),
        pytest.param({"ratio": 1.99}, (), id="just under twice"),
        pytest.param({"ratio": None}, (), id="no sales talk to compare"),
        pytest.param(
            {"ratio": 1.5, "target_customer_to_sales": 1.5}, (Strength.LISTENED,), id="target is a setting"
        ),
        pytest.param({"open_questions": 3}, (Strength.OPEN_QUESTIONS,), id="three open questions"),
        pytest.param({"open_questions": 2}, (), id="two open questions"),
        pytest.param(
            {"open_questions": 1, "min_discovery_questions": 0}, (Strength.OPEN_QUESTIONS,), id="at least one"
        ),
        pytest.param({"open_questions": 0, "min_discovery_questions": 0}, (), id="none is never a strength"),
        pytest.param({"why": 2}, (Strength.DUG_DEEPER,), id="why-chain of two"),
        pytest.param({"why": 1}, (), id="a single why"),
        pytest.param({"why": 2, "praise_why_chain_depth": 3}, (), id="depth is a setting"),
        pytest.param({"chain": 1}, (Strength.DECISION_CHAIN,), id="a decision-chain question"),
        pytest.param(
            {"mention_by": Side.CUSTOMER}, (Strength.PRICE_DEFERRED,), id="customer asked, no figure"
        ),
        pytest.param({"mention_by": Side.SALES}, (), id="sales raised price"),
        pytest.param({"mention_by": Side.CUSTOMER, "quote_at": 20.0}, (), id="customer asked, sales quoted"),
        pytest.param(
            {"mention_by": Side.CUSTOMER, "stage": Stage.NEGOTIATION}, (), id="in negotiation price is due"
        ),
        pytest.param({"steps": (AGREED,)}, (Strength.NEXT_STEP,), id="an agreed next step"),
        pytest.param(
            {"steps": (NextStep(500.0, "Amy", Side.SALES, "Friday", "…", agreed=False),)}, (), id="not agreed"
        ),
        pytest.param(
            {
                "ratio": 3.0,
                "open_questions": 5,
                "why": 3,
                "chain": 2,
                "mention_by": Side.CUSTOMER,
                "steps": (AGREED,),
            },
            tuple(Strength),
            id="all, in order",
        ),
    ],
)
def test_strengths(figures: dict[str, Any], strengths: tuple[Strength, ...]) -> None:
    assert _strengths(**figures) == strengths
