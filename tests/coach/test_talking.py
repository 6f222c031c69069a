"""What to say to whom: key purchase factors by function (the article's defaults, a stakeholder's own
override them) and the talking points from factors, preferences and the account's needs."""

from __future__ import annotations

import pytest

from kam.coach.facts import NeedFacts, StakeholderFacts
from kam.coach.settings import CoachSettings
from kam.coach.talking import FactorSource, PointKind, brief, key_factors, need_concerns
from kam.domain.decision_chain import Function, PurchaseFactor
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus

F = PurchaseFactor
S = CoachSettings()


@pytest.mark.parametrize(
    ("function", "factors"),
    [
        (Function.FINANCE, (F.PRICE, F.TOTAL_COST)),
        (Function.TECHNICAL, (F.ADVANCEMENT, F.COMPATIBILITY)),
        (Function.USER_DEPARTMENT, (F.EASE_OF_USE,)),
        (Function.OPERATIONS_MAINTENANCE, (F.STABILITY, F.FAILURE_RATE, F.AFTER_SALES_SERVICE)),
        (Function.OTHER, ()),
    ],
)
def test_the_articles_key_purchase_factors_by_function(
    function: Function, factors: tuple[PurchaseFactor, ...]
) -> None:
    assert key_factors(StakeholderFacts("s", "Lin", function), S) == (factors, FactorSource.FUNCTION)


def test_a_stakeholders_own_factors_override_the_functions_and_the_settings_table_can_change() -> None:
    laptop = StakeholderFacts(
        "s", "Lin", Function.FINANCE, factors=(F.PORTABILITY, F.SCREEN_SIZE, F.PORTABILITY)
    )
    assert key_factors(laptop, S) == ((F.PORTABILITY, F.SCREEN_SIZE), FactorSource.OWN)
    settings = CoachSettings(factors_finance=[F.RETURN_ON_INVESTMENT])
    assert key_factors(StakeholderFacts("s", "Lin", Function.FINANCE), settings) == (
        (F.RETURN_ON_INVESTMENT,),
        FactorSource.FUNCTION,
    )


@pytest.mark.parametrize(
    ("statement", "factors", "concerns"),
    [
        ("設備經常停機", (F.STABILITY,), True),
        ("设备经常停机", (F.STABILITY,), True),
        ("Unplanned downtime every month", (F.STABILITY,), True),
        ("設備經常停機", (F.PRICE,), False),
        ("預算壓力很大", (F.PRICE, F.TOTAL_COST), True),
        ("The manual is only in English", (F.EASE_OF_USE,), True),
        ("The manual is only in English", (F.COMPATIBILITY,), False),
    ],
)
def test_a_need_concerns_the_factors_its_words_name(
    statement: str, factors: tuple[PurchaseFactor, ...], concerns: bool
) -> None:
    assert need_concerns(NeedFacts("n", statement), factors) is concerns


OM = StakeholderFacts(
    "om", "Chen", Function.OPERATIONS_MAINTENANCE, preferences=("wants a single phone number for support",)
)
NEEDS = (
    NeedFacts("n1", "設備經常停機，影響生產。", depth=NeedDepth.STATED),
    NeedFacts("n2", "備品要等兩週才到。", depth=NeedDepth.ROOT, stakeholder="om"),
    NeedFacts("n3", "售後維修回應太慢。", depth=NeedDepth.ROOT),
    NeedFacts("n4", "故障率太高。", status=NeedStatus.ADDRESSED),  # answered already
    NeedFacts("n5", "外殼換成黃色就好。"),  # a want, by its words
    NeedFacts("n6", "設備故障太多。", kind=NeedKind.WANT),  # a want, as recorded
    NeedFacts("n7", "報價太貴。"),  # concerns finance, not O&M
)


def test_the_talking_points_their_needs_first_then_preferences_factors_and_the_accounts_needs_deepest_first() -> (
    None
):
    points = brief(OM, NEEDS, CoachSettings(max_talking_points=20)).points
    assert [(p.kind, p.need or p.text or p.factor, p.own) for p in points] == [
        (PointKind.NEED, "n2", True),
        (PointKind.PREFERENCE, "wants a single phone number for support", False),
        (PointKind.FACTOR, F.STABILITY, False),
        (PointKind.FACTOR, F.FAILURE_RATE, False),
        (PointKind.FACTOR, F.AFTER_SALES_SERVICE, False),
        (PointKind.NEED, "n3", False),  # root
        (PointKind.NEED, "n1", False),  # stated
    ]


@pytest.mark.parametrize("cap", [1, 4, 6])
def test_at_most_max_talking_points(cap: int) -> None:
    points = brief(OM, NEEDS, CoachSettings(max_talking_points=cap)).points
    assert len(points) == cap and points[0].need == "n2"
