"""Similar needs grouped across accounts, Traditional and Simplified alike, with the number of accounts."""

from __future__ import annotations

import pytest

from kam.coach.facts import NeedFacts
from kam.coach.grouping import group_needs, need_terms, similarity
from kam.coach.settings import CoachSettings

FRAUD_HANT = "這個型號的通訊終端安全防護能力不足，容易出現盜打。"
FRAUD_HANS = "这个型号的通讯终端安全防护能力不足，容易出现盗打。"
MANUAL = "使用手冊只有英文，看不懂。"


def need(nid: str, account: str, text: str) -> NeedFacts:
    return NeedFacts(nid, text, account=account)


def test_the_same_need_in_both_scripts_from_three_accounts_is_one_signal() -> None:
    needs = [
        need("1", "K1", FRAUD_HANT),
        need("2", "K2", FRAUD_HANS),
        need("3", "K3", FRAUD_HANT),
        need("4", "K3", "通訊終端安全防護能力不足"),
        need("5", "K2", MANUAL),
    ]
    groups = group_needs(needs, CoachSettings())
    assert [(sorted(n.id for n in g.needs), g.accounts, g.account_count, g.signal) for g in groups] == [
        (["1", "2", "3", "4"], ("K1", "K2", "K3"), 3, True),
        (["5"], ("K2",), 1, False),
    ]
    assert groups[0].statement in (FRAUD_HANT, FRAUD_HANS)


@pytest.mark.parametrize(
    ("a", "b", "threshold", "grouped"),
    [
        ("The manual is only in English", "Our manual is only available in English", 0.75, True),
        ("The manual is only in English", "Our manual is only available in English", 0.76, False),
        ("售后服务回应太慢", "售後服務響應太慢，影響生產", 0.4, True),
        ("售后服务回应太慢", "售後服務響應太慢，影響生產", 0.5, False),
        ("Downtime on line 3 every month", "The invoices are often wrong", 0.1, False),
    ],
)
def test_needs_are_grouped_at_and_above_the_similarity_threshold(
    a: str, b: str, threshold: float, grouped: bool
) -> None:
    groups = group_needs(
        [need("a", "K1", a), need("b", "K2", b)], CoachSettings(group_min_similarity=threshold)
    )
    assert (len(groups) == 1) is grouped


def test_the_similarity_measured() -> None:
    english = similarity(
        need_terms("The manual is only in English"), need_terms("Our manual is only available in English")
    )
    assert english == 0.75  # manual, only, english of manual, only, available, english
    assert need_terms("的了是") == frozenset()
    assert similarity(frozenset(), need_terms("manual")) == 0.0


@pytest.mark.parametrize(("accounts", "minimum", "signal"), [(2, 3, False), (3, 3, True), (2, 2, True)])
def test_a_group_is_a_signal_from_the_minimum_number_of_accounts(
    accounts: int, minimum: int, signal: bool
) -> None:
    needs = [need(str(i), f"K{i}", FRAUD_HANT) for i in range(accounts)]
    (group,) = group_needs(needs, CoachSettings(shared_need_min_accounts=minimum))
    assert (group.account_count, group.signal) == (accounts, signal)


def test_groups_are_chained_through_a_need_like_both() -> None:
    needs = [
        need("a", "K1", "pumps fail often in summer"),
        need("b", "K2", "pumps fail often in summer heat waves"),
        need("c", "K3", "summer heat waves stop the line"),
    ]
    # a and b share 4 of 6 words, b and c 3 of 8 (0.375), a and c 1 of 8
    groups = group_needs(needs, CoachSettings(group_min_similarity=0.35))
    assert [sorted(n.id for n in g.needs) for g in groups] == [["a", "b", "c"]]
    assert groups[0].statement == "pumps fail often in summer heat waves"  # the most like the others
