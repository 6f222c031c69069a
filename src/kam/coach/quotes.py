"""The quote gate (DOMAIN.md §6, the fourth sales mistake): a price said too early leaks the floor and
becomes the target of every later discount request. Quote after full communication, just before closing.

Three checks: a deal quoted at a stage before `quote_allowed_from`; a deal quoted before any of its needs
was confirmed; and a stored call in which our side named a concrete price before discovery was done
(the call coach flagged the quote as early for the deal's stage, or found too few questions asked).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kam.coach.facts import DealFacts, InteractionFacts, NeedFacts
from kam.coach.findings import Finding, FindingCode
from kam.coach.settings import CoachSettings
from kam.domain.calls import Flag
from kam.domain.needs import NeedStatus

CONFIRMED = (NeedStatus.CONFIRMED, NeedStatus.ADDRESSED)
# the call coach's flags that say discovery was not done when our price came up
EARLY_QUOTE_FLAGS = (Flag.PRICE_TOO_EARLY.value, Flag.NO_DISCOVERY.value)


def confirmed_before_quote(deal: DealFacts, needs: Sequence[NeedFacts]) -> bool:
    """Whether one of the deal's needs was confirmed by the day of the quote: confirmed (or addressed)
    and confirmed on or before it (a need confirmed on an unknown day counts)."""
    by_id = {n.id: n for n in needs}
    for need_id in deal.needs:
        need = by_id.get(need_id)
        if need is None or need.status not in CONFIRMED:
            continue
        if need.confirmed_on is None or deal.quoted_on is None or need.confirmed_on <= deal.quoted_on:
            return True
    return False


def quote_gate(
    deals: Sequence[DealFacts], needs: Sequence[NeedFacts], settings: CoachSettings | None = None
) -> list[Finding]:
    """The deals quoted too early, each with the stage it was quoted at."""
    s = settings or CoachSettings()
    found = []
    for deal in deals:
        if deal.quoted_stage is None and deal.quoted_on is None:
            continue  # not quoted
        stage = deal.quoted_stage
        if stage is not None and stage.order < s.quote_allowed_from.order:
            values: dict[str, Any] = {
                "deal": deal.title,
                "stage": stage,
                "allowed_from": s.quote_allowed_from,
            }
            found.append(Finding(FindingCode.QUOTE_BEFORE_STAGE, values, deal.id))
        if not confirmed_before_quote(deal, needs):
            values = {"deal": deal.title, "stage": stage}
            found.append(Finding(FindingCode.QUOTE_BEFORE_CONFIRMED_NEED, values, deal.id))
    return found


def early_quotes_in_calls(interactions: Sequence[InteractionFacts]) -> list[Finding]:
    """The stored calls where our side quoted a price before discovery was done, oldest first."""
    found = []
    for call in sorted(interactions, key=lambda i: (i.occurred_on, i.id)):
        flag = next((f for f in EARLY_QUOTE_FLAGS if f in call.flags), None)
        if call.first_sales_quote_at_s is None or flag is None:
            continue
        values = {
            "call": call.title,
            "on": call.occurred_on,
            "stage": call.stage,
            "at_s": call.first_sales_quote_at_s,
            "flag": flag,
            "questions": call.questions,
        }
        found.append(Finding(FindingCode.CALL_QUOTE_BEFORE_DISCOVERY, values, call.id))
    return found
