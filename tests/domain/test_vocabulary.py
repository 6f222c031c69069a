"""The shared vocabulary of the decision chain, needs and deals: the values the workspace stores."""

from __future__ import annotations

import pytest

from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, Stance
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus


@pytest.mark.parametrize(
    ("choice", "values"),
    [
        (
            Function,
            [
                "finance",
                "technical",
                "user_department",
                "operations_maintenance",
                "procurement",
                "executive",
                "other",
            ],
        ),
        (
            DecisionRole,
            ["decision_maker", "economic_buyer", "technical_buyer", "user_buyer", "influencer", "gatekeeper"],
        ),
        (Stance, ["supporter", "neutral", "opponent", "unknown"]),
        (NeedDepth, ["stated", "underlying", "root"]),
        (NeedKind, ["need", "want", "undecided"]),
        (NeedStatus, ["open", "confirmed", "addressed"]),
        (
            DealStage,
            [
                "prospecting",
                "discovery",
                "solution",
                "proposal",
                "negotiation",
                "closing",
                "won",
                "lost",
            ],
        ),
    ],
)
def test_each_choice_has_its_stored_values_in_order(choice: type, values: list[str]) -> None:
    assert [member.value for member in choice] == values


@pytest.mark.parametrize(
    ("stage", "order", "is_open"),
    [
        (DealStage.PROSPECTING, 0, True),
        (DealStage.DISCOVERY, 1, True),
        (DealStage.PROPOSAL, 3, True),
        (DealStage.NEGOTIATION, 4, True),
        (DealStage.CLOSING, 5, True),
        (DealStage.WON, 6, False),
        (DealStage.LOST, 7, False),
    ],
)
def test_deal_stages_run_in_order_and_the_outcomes_end_a_deal(
    stage: DealStage, order: int, is_open: bool
) -> None:
    assert (stage.order, stage.is_open) == (order, is_open)
