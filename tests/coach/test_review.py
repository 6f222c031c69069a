"""The whole review of an account: coverage, briefs and every finding, in order."""

from __future__ import annotations

import datetime as dt

from kam.coach.facts import AccountFacts, DealFacts, InteractionFacts, NeedFacts, StakeholderFacts
from kam.coach.findings import FindingCode
from kam.coach.review import review_account
from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, Stance

AS_OF = dt.date(2025, 12, 31)


def test_a_review_gathers_coverage_whys_quotes_and_calls_in_that_order() -> None:
    account = AccountFacts(
        "K1",
        "河北鋼鐵",
        stakeholders=(
            StakeholderFacts(
                "s1",
                "王經理",
                Function.FINANCE,
                DecisionRole.ECONOMIC_BUYER,
                4,
                Stance.OPPONENT,
                False,
                dt.date(2025, 12, 1),
            ),
            StakeholderFacts(
                "s2", "林工", Function.TECHNICAL, None, 4, Stance.SUPPORTER, True, dt.date(2025, 12, 20)
            ),
            StakeholderFacts(
                "s3", "陳主任", Function.USER_DEPARTMENT, None, 3, Stance.NEUTRAL, False, dt.date(2025, 11, 2)
            ),
            StakeholderFacts(
                "s4",
                "張師傅",
                Function.OPERATIONS_MAINTENANCE,
                None,
                2,
                Stance.NEUTRAL,
                False,
                dt.date(2025, 10, 1),
            ),
        ),
        needs=(NeedFacts("n1", "側邊開一個小槽就好了。", account="K1"),),
        deals=(
            DealFacts("d1", "二期", DealStage.PROPOSAL, ("n1",), dt.date(2025, 9, 1), DealStage.DISCOVERY),
        ),
        interactions=(
            InteractionFacts("i1", "首訪", dt.date(2025, 8, 1), "discovery", ("price_too_early",), 95.0, 1),
        ),
    )
    review = review_account(account, AS_OF)
    assert [f.code for f in review.findings] == [
        FindingCode.HIGH_INFLUENCE_OPPONENT,
        FindingCode.SHALLOW_WHYS,
        FindingCode.QUOTE_BEFORE_STAGE,
        FindingCode.QUOTE_BEFORE_CONFIRMED_NEED,
        FindingCode.CALL_QUOTE_BEFORE_DISCOVERY,
    ]
    assert review.coverage.score == 90  # all but the opponents' 10 points
    assert [b.stakeholder.id for b in review.briefs] == ["s1", "s2", "s3", "s4"]
