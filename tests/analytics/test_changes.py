"""What moved between two analyses: the moves between segments and the accounts to look at, each with the
figures that changed, on accounts built by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from kam.analytics.changes import Figure, Move, compare

BEFORE = dt.date(2026, 6, 30)


def _accounts(rows: list[dict[str, Any]]) -> pl.DataFrame:
    base = {"name": None, "at_risk": False, "revenue_last_12m": 100.0, "recency_days": 10.0, "abc_tier": "A"}
    return pl.DataFrame([{**base, **row} for row in rows])


PREVIOUS = _accounts(
    [
        {"customer_id": "K1", "segment": "key", "revenue_last_12m": 900.0, "recency_days": 20.0},
        {"customer_id": "K2", "segment": "key"},
        {"customer_id": "K3", "segment": "key", "at_risk": True},
        {"customer_id": "F1", "segment": "profit_squeezer"},
        {"customer_id": "L1", "segment": "regular", "recency_days": 100.0},
        {"customer_id": "R1", "segment": "regular"},
        {"customer_id": "GONE", "segment": "regular"},
    ]
)
CURRENT = _accounts(
    [
        {"customer_id": "K2", "segment": "key", "at_risk": True, "revenue_last_12m": 60.0},
        {"customer_id": "K3", "segment": "key", "at_risk": True},
        {"customer_id": "K1", "segment": "regular", "revenue_last_12m": 500.0, "recency_days": 150.0},
        {"customer_id": "F1", "segment": "low_profit_volume"},
        {"customer_id": "L1", "segment": "lapsed", "recency_days": 200.0},
        {"customer_id": "R1", "segment": "one_off_bulk"},
        {"customer_id": "NEW", "segment": "one_off_bulk", "name": "新區團購"},
        {"customer_id": "NEW2", "segment": "regular"},
    ]
)


@pytest.fixture(scope="module")
def changes() -> Any:
    return compare(PREVIOUS, CURRENT, BEFORE)


def test_moves_between_segments_with_their_counts(changes: Any) -> None:
    """The largest moves first; customers new since (from no segment) and gone (to none) last."""
    assert changes.moves == [
        Move("key", "regular", 1),
        Move("profit_squeezer", "low_profit_volume", 1),
        Move("regular", "lapsed", 1),
        Move("regular", "one_off_bulk", 1),
        Move("regular", None, 1),
        Move(None, "one_off_bulk", 1),
        Move(None, "regular", 1),
    ]


def test_the_largest_move_comes_first() -> None:
    previous = _accounts([{"customer_id": c, "segment": "regular"} for c in ("A", "B", "C")])
    current = _accounts(
        [{"customer_id": "A", "segment": "lapsed"}, *({"customer_id": c, "segment": "key"} for c in "BC")]
    )
    assert compare(previous, current, BEFORE).moves == [
        Move("regular", "key", 2),
        Move("regular", "lapsed", 1),
    ]


@pytest.mark.parametrize(
    ("name", "customers"),
    [
        pytest.param("left_key", ["K1"], id="left key"),
        pytest.param(
            "new_fakes", ["R1", "NEW"], id="new fakes: a regular one and a new customer, not fake to fake"
        ),
        pytest.param("newly_lapsed", ["L1"], id="newly lapsed"),
        pytest.param("newly_at_risk", ["K2"], id="newly at risk: not the one at risk before"),
    ],
)
def test_each_list_names_its_accounts_in_the_current_order(
    changes: Any, name: str, customers: list[str]
) -> None:
    assert [c.customer_id for c in changes.lists[name]] == customers


def test_each_account_shows_the_figures_that_changed(changes: Any) -> None:
    left = changes.lists["left_key"][0]
    assert (left.before, left.now) == ("key", "regular")
    assert left.figures == [Figure("revenue_last_12m", 900.0, 500.0), Figure("recency_days", 20.0, 150.0)]
    at_risk = changes.lists["newly_at_risk"][0]
    assert at_risk.figures == [Figure("revenue_last_12m", 100.0, 60.0)]


def test_a_new_customer_shows_its_figures_now(changes: Any) -> None:
    new = next(c for c in changes.lists["new_fakes"] if c.customer_id == "NEW")
    assert (new.before, new.now, new.name) == (None, "one_off_bulk", "新區團購")
    assert new.figures == []  # its fake figures are not in these accounts


def test_figures_equal_to_six_digits_have_not_changed() -> None:
    previous = _accounts([{"customer_id": "K1", "segment": "key", "revenue_last_12m": 1234567.0}])
    current = _accounts([{"customer_id": "K1", "segment": "regular", "revenue_last_12m": 1234567.4}])
    assert (
        compare(previous, current, BEFORE).lists["left_key"][0].figures
        == [Figure("recency_days", 10.0, 10.0)][:0]
    )


def test_an_earlier_analysis_without_the_at_risk_flag() -> None:
    changes = compare(PREVIOUS.drop("at_risk"), CURRENT, BEFORE)
    assert not changes.at_risk_known
    assert "newly_at_risk" not in changes.lists
    assert changes.to_dict()["at_risk_known"] is False


def test_no_moves_between_the_same_accounts() -> None:
    changes = compare(CURRENT, CURRENT, BEFORE)
    assert changes.moves == []
    assert all(not rows for rows in changes.lists.values())


def test_as_summary_json_holds_them(changes: Any) -> None:
    said = changes.to_dict()
    assert said["previous_as_of"] == "2026-06-30"
    assert said["moves"][0] == {"from": "key", "to": "regular", "count": 1}
    assert said["left_key"] == [
        {
            "customer_id": "K1",
            "name": None,
            "from": "key",
            "to": "regular",
            "figures": {"revenue_last_12m": [900.0, 500.0], "recency_days": [20.0, 150.0]},
        }
    ]


def test_customer_ids_read_as_numbers_match_text_ones() -> None:
    """An earlier accounts.csv read back may hold ids that look like numbers."""
    previous = pl.DataFrame({"customer_id": [17850], "segment": ["key"]})
    current = pl.DataFrame({"customer_id": ["17850"], "segment": ["regular"]})
    assert [c.customer_id for c in compare(previous, current, BEFORE).lists["left_key"]] == ["17850"]
