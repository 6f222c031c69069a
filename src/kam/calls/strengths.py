"""What went well in a call: each strength from the same figures the flags are judged on."""

from __future__ import annotations

from kam.calls.models import PriceStats, QuestionStats, Side, TalkStats
from kam.calls.next_steps import NextStep
from kam.calls.settings import CallSettings
from kam.domain.calls import Strength
from kam.domain.stages import Stage


def strengths_of(
    talk: TalkStats,
    questions: QuestionStats,
    why_chain_depth: int,
    price: PriceStats,
    next_steps: tuple[NextStep, ...],
    *,
    stage: Stage,
    settings: CallSettings,
) -> tuple[Strength, ...]:
    """The strengths in a fixed order: the customer talked at least the target ratio; enough open
    questions for a discovery; a why-chain deep enough; a question about the decision chain; price
    raised by the customer and no figure from sales before its stage; an agreed next step."""
    ratio = talk.customer_to_sales
    held_back = (
        price.first_mention_by is Side.CUSTOMER
        and price.first_sales_quote_at_s is None
        and stage.order < settings.price_allowed_from.order
    )
    found = {
        Strength.LISTENED: ratio is not None and ratio >= settings.target_customer_to_sales,
        Strength.OPEN_QUESTIONS: questions.open >= max(1, settings.min_discovery_questions),
        Strength.DUG_DEEPER: why_chain_depth >= settings.praise_why_chain_depth,
        Strength.DECISION_CHAIN: questions.decision_chain > 0,
        Strength.PRICE_DEFERRED: held_back,
        Strength.NEXT_STEP: any(step.agreed for step in next_steps),
    }
    return tuple(strength for strength, shown in found.items() if shown)
