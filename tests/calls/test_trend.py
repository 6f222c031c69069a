"""A salesperson's trend over stored analyses: the series by call date and each measure's direction, at and
around the bands that separate steady from moving, and which stored calls count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kam.calls import CallSettings
from kam.calls.trend import Direction, Measure, StoredCall, call_trend, fitted_change

DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _result(
    *,
    sales: tuple[str, ...] = ("Amy Chen",),
    sales_share: float | None = 0.4,
    total: int = 4,
    opened: int = 2,
    flags: tuple[str, ...] = (),
    agreed: bool | None = True,
) -> dict[str, Any]:
    """A stored analysis as `CallAnalysis.to_dict()` writes it (only the fields the trend reads)."""
    result: dict[str, Any] = {
        "speakers": {"sales": list(sales), "customer": ["Lin"]},
        "talk": {"sales_share": sales_share},
        "questions": {"total": total, "open": opened},
        "flags": list(flags),
    }
    if agreed is not None:
        result["next_steps"] = [{"agreed": agreed}]
    return result


def _calls(*results: dict[str, Any]) -> list[StoredCall]:
    return [StoredCall(DAY + dt.timedelta(days=7 * i), r, "K001", f"call {i}") for i, r in enumerate(results)]


def _measure(trend: Any, measure: Measure) -> Any:
    return next(m for m in trend.measures if m.measure is measure)


@pytest.mark.parametrize(
    ("values", "change"),
    [
        pytest.param([1.0, 2.0, 3.0], 2.0, id="a straight rise"),
        pytest.param([3.0, 2.0, 1.0], -2.0, id="a straight fall"),
        pytest.param([1.0, 3.0, 1.0, 3.0], 1.2, id="zigzag: the fitted line, not the ends"),
        pytest.param([2.0, 2.0], 0.0, id="flat"),
    ],
)
def test_fitted_change(values: list[float], change: float) -> None:
    assert fitted_change(values) == pytest.approx(change)


@pytest.mark.parametrize(
    ("shares", "direction"),
    [
        pytest.param((0.60, 0.55, 0.50), Direction.IMPROVING, id="sales talk falls 10 points"),
        pytest.param((0.50, 0.525, 0.55), Direction.WORSENING, id="sales talk rises 5 points: the band"),
        pytest.param((0.50, 0.52, 0.549), Direction.STEADY, id="rises just under 5 points"),
        pytest.param((0.50, 0.50, 0.50), Direction.STEADY, id="no change"),
        pytest.param((0.60, 0.50), Direction.TOO_FEW_CALLS, id="two calls"),
    ],
)
def test_sales_talk_share_falling_is_improving(shares: tuple[float, ...], direction: Direction) -> None:
    trend = call_trend(_calls(*(_result(sales_share=s) for s in shares)), "Amy")
    measure = _measure(trend, Measure.SALES_TALK_SHARE)
    assert [p.value for p in measure.points] == list(shares)
    assert measure.direction is direction
    assert measure.mean == pytest.approx(sum(shares) / len(shares))


@pytest.mark.parametrize(
    ("totals", "direction"),
    [
        pytest.param((2, 3, 4), Direction.IMPROVING, id="two more questions"),
        pytest.param((2, 2, 3), Direction.IMPROVING, id="one more: the band"),
        pytest.param((3, 3, 3.9), Direction.STEADY, id="just under one more"),
        pytest.param((5, 4, 3), Direction.WORSENING, id="two fewer"),
    ],
)
def test_more_questions_is_improving(totals: tuple[int, ...], direction: Direction) -> None:
    trend = call_trend(_calls(*(_result(total=t, opened=1) for t in totals)), "Amy")
    assert _measure(trend, Measure.QUESTIONS).direction is direction


def test_open_question_share_flags_and_next_steps() -> None:
    calls = _calls(
        _result(total=4, opened=1, flags=("not_listening", "early_pitch", "no_next_step"), agreed=False),
        _result(total=0, opened=0, flags=("no_discovery",), agreed=None),
        _result(total=4, opened=2, flags=("not_listening",), agreed=True),
        _result(total=4, opened=4, flags=(), agreed=True),
    )
    trend = call_trend(calls, "amy")
    open_share = _measure(trend, Measure.OPEN_QUESTION_SHARE)
    assert [p.value for p in open_share.points] == [0.25, 0.5, 1.0]  # a call without questions has no share
    assert open_share.direction is Direction.IMPROVING
    flags = _measure(trend, Measure.FLAGS_PER_CALL)
    assert [p.value for p in flags.points] == [2.0, 1.0, 1.0, 0.0]  # no_next_step is the next-step rate's
    assert flags.direction is Direction.IMPROVING
    steps = _measure(trend, Measure.NEXT_STEP_RATE)
    assert [p.value for p in steps.points] == [0.0, 1.0, 1.0]  # stored before next steps: not counted
    assert (steps.mean, steps.direction) == (pytest.approx(2 / 3), Direction.IMPROVING)


def test_calls_are_taken_in_date_order_and_only_the_salespersons() -> None:
    late = StoredCall(DAY + dt.timedelta(days=30), _result(sales_share=0.3), "K002", "late")
    early = StoredCall(DAY, _result(sales_share=0.7), "K001", "early")
    other = StoredCall(
        DAY + dt.timedelta(days=1), _result(sales=("Bob Wu",), sales_share=0.9), "K003", "Bob's"
    )
    old = StoredCall(DAY + dt.timedelta(days=2), {"talk": {"sales_share": 0.1}, "flags": []}, "K004", "old")
    trend = call_trend([late, other, old, early], "AMY CHEN")
    assert (trend.calls, trend.unattributed) == (2, 1)
    assert trend.salespeople == ("Amy Chen", "Bob Wu")
    assert (trend.first_at, trend.last_at) == (early.occurred_at, late.occurred_at)
    points = _measure(trend, Measure.SALES_TALK_SHARE).points
    assert [(p.title, p.account, p.value) for p in points] == [("early", "K001", 0.7), ("late", "K002", 0.3)]


def test_nobody_matched() -> None:
    trend = call_trend(_calls(_result(), _result(sales=("Bob Wu",))), "Carol")
    assert (trend.calls, trend.first_at, trend.salespeople) == (0, None, ("Amy Chen", "Bob Wu"))
    assert all(m.points == () and m.direction is Direction.TOO_FEW_CALLS for m in trend.measures)


def test_bands_and_minimum_calls_are_settings() -> None:
    calls = _calls(*(_result(sales_share=s, total=t) for s, t in ((0.5, 3), (0.52, 3), (0.54, 4))))
    strict = CallSettings(trend_min_share_change=0.04, trend_min_count_change=0.5)
    assert _measure(call_trend(calls, "Amy"), Measure.SALES_TALK_SHARE).direction is Direction.STEADY
    assert (
        _measure(call_trend(calls, "Amy", strict), Measure.SALES_TALK_SHARE).direction is Direction.WORSENING
    )
    assert _measure(call_trend(calls, "Amy", strict), Measure.QUESTIONS).direction is Direction.IMPROVING
    patient = CallSettings(trend_min_calls=4)
    assert _measure(call_trend(calls, "Amy", patient), Measure.QUESTIONS).direction is Direction.TOO_FEW_CALLS


def test_to_dict_is_the_json_shape() -> None:
    trend = call_trend(_calls(_result(sales_share=0.5)), "Amy")
    shape = trend.to_dict()
    assert (shape["sales"], shape["calls"], shape["unattributed"], shape["salespeople"]) == (
        "Amy",
        1,
        0,
        ["Amy Chen"],
    )
    assert [m["measure"] for m in shape["measures"]] == [str(m) for m in Measure]
    assert shape["measures"][0] == {
        "measure": "sales_talk_share",
        "mean": 0.5,
        "change": None,
        "direction": "too_few_calls",
        "series": [
            {"occurred_at": "2026-03-02T09:00:00+00:00", "value": 0.5, "account": "K001", "title": "call 0"}
        ],
    }
