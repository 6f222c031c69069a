"""A list's page: whether more follow (`has_more`, from one record read past the page) and the total,
counted only when the caller asks (`total=true`), on both databases."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

SEEN_BY_ADA = 6  # the team's accounts; ada is the admin


@pytest.mark.parametrize(
    ("per_page", "page", "items", "has_more"),
    [
        (2, 1, 2, True),
        (2, 3, 2, False),  # the last full page
        (5, 1, 5, True),  # one short of all
        (6, 1, 6, False),  # exactly all
        (7, 1, 6, False),  # more than all
        (5, 2, 1, False),
        (2, 4, 0, False),  # past the end
    ],
)
def test_a_page_says_whether_more_follow_and_counts_only_when_asked(
    api: Api, per_page: int, page: int, items: int, has_more: bool
) -> None:
    window = {"per_page": per_page, "page": page}
    plain = api.call("GET", "/accounts", "ada", params=window).json()
    counted = api.call("GET", "/accounts", "ada", params={**window, "total": True}).json()
    assert (len(plain["items"]), plain["has_more"], plain["total"]) == (items, has_more, None)
    assert (len(counted["items"]), counted["has_more"], counted["total"]) == (items, has_more, SEEN_BY_ADA)
    assert counted["items"] == plain["items"]


@pytest.mark.parametrize("total", ["maybe", "2", "truee"])
def test_total_is_a_yes_or_no(api: Api, total: str) -> None:
    answer = api.call("GET", "/accounts", "ada", params={"total": total})
    assert answer.status_code == 422
