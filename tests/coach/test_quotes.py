"""The quote gate: a price quoted on a deal before negotiation or before a confirmed need, and a stored call
whose analysis found our quote before discovery was done."""

from __future__ import annotations

import datetime as dt

import pytest

from kam.calls.models import Flag
from kam.coach.facts import DealFacts, InteractionFacts, NeedFacts
from kam.coach.findings import FindingCode
from kam.coach.quotes import early_quotes_in_calls, quote_gate
from kam.coach.settings import CoachSettings
from kam.domain.deals import DealStage
from kam.domain.needs import NeedStatus

QUOTED = dt.date(2025, 6, 10)
CONFIRMED = NeedFacts("n1", "停機太多", status=NeedStatus.CONFIRMED, confirmed_on=QUOTED)


def deal(
    stage: DealStage | None, needs: tuple[str, ...] = ("n1",), quoted_on: dt.date | None = QUOTED
) -> DealFacts:
    return DealFacts("d1", "二期擴產", DealStage.CLOSING, needs, quoted_on, stage)


@pytest.mark.parametrize(
    ("stage", "allowed_from", "flagged"),
    [
        (DealStage.PROSPECTING, DealStage.NEGOTIATION, True),
        (DealStage.DISCOVERY, DealStage.NEGOTIATION, True),
        (DealStage.SOLUTION, DealStage.NEGOTIATION, True),
        (DealStage.PROPOSAL, DealStage.NEGOTIATION, True),
        (DealStage.NEGOTIATION, DealStage.NEGOTIATION, False),
        (DealStage.CLOSING, DealStage.NEGOTIATION, False),
        (DealStage.PROPOSAL, DealStage.PROPOSAL, False),
        (DealStage.SOLUTION, DealStage.PROPOSAL, True),
    ],
)
def test_a_quote_before_the_allowed_stage_is_flagged_with_its_stage(
    stage: DealStage, allowed_from: DealStage, flagged: bool
) -> None:
    settings = CoachSettings(quote_allowed_from=allowed_from)
    found = quote_gate([deal(stage)], [CONFIRMED], settings)
    expected = {"deal": "二期擴產", "stage": stage, "allowed_from": allowed_from}
    assert [(f.code, f.subject, dict(f.values)) for f in found] == (
        [(FindingCode.QUOTE_BEFORE_STAGE, "d1", expected)] if flagged else []
    )


@pytest.mark.parametrize(
    ("status", "confirmed_on", "linked", "flagged"),
    [
        (NeedStatus.CONFIRMED, QUOTED - dt.timedelta(days=1), True, False),
        (NeedStatus.CONFIRMED, QUOTED, True, False),  # confirmed the day of the quote
        (NeedStatus.CONFIRMED, QUOTED + dt.timedelta(days=1), True, True),  # confirmed after it
        (NeedStatus.CONFIRMED, None, True, False),  # confirmed on a day not recorded
        (NeedStatus.ADDRESSED, QUOTED, True, False),
        (NeedStatus.OPEN, None, True, True),
        (NeedStatus.CONFIRMED, QUOTED, False, True),  # a confirmed need of another deal does not count
    ],
)
def test_a_quote_before_the_deal_has_a_confirmed_need(
    status: NeedStatus, confirmed_on: dt.date | None, linked: bool, flagged: bool
) -> None:
    need = NeedFacts("n1", "停機太多", status=status, confirmed_on=confirmed_on)
    found = quote_gate([deal(DealStage.NEGOTIATION, ("n1",) if linked else ())], [need])
    assert [(f.code, dict(f.values)) for f in found] == (
        [(FindingCode.QUOTE_BEFORE_CONFIRMED_NEED, {"deal": "二期擴產", "stage": DealStage.NEGOTIATION})]
        if flagged
        else []
    )


def test_an_early_quote_without_a_confirmed_need_gets_both_findings() -> None:
    found = quote_gate([deal(DealStage.DISCOVERY, needs=())], [])
    assert [f.code for f in found] == [
        FindingCode.QUOTE_BEFORE_STAGE,
        FindingCode.QUOTE_BEFORE_CONFIRMED_NEED,
    ]


def test_a_deal_not_quoted_is_not_flagged_and_a_quote_of_unknown_stage_only_by_its_needs() -> None:
    assert quote_gate([deal(None, quoted_on=None)], []) == []
    assert [(f.code, f.values["stage"]) for f in quote_gate([deal(None)], [])] == [
        (FindingCode.QUOTE_BEFORE_CONFIRMED_NEED, None)
    ]


def call(cid: str, flags: tuple[str, ...], quote_at: float | None, day: int = 1) -> InteractionFacts:
    return InteractionFacts(cid, f"call {cid}", dt.date(2025, 3, day), "discovery", flags, quote_at, 2)


@pytest.mark.parametrize(
    ("flags", "quote_at", "flag"),
    [
        ((Flag.PRICE_TOO_EARLY.value,), 125.0, "price_too_early"),
        ((Flag.NO_DISCOVERY.value,), 60.0, "no_discovery"),
        ((Flag.NOT_LISTENING.value, Flag.NO_DISCOVERY.value), 60.0, "no_discovery"),
        ((Flag.PRICE_TOO_EARLY.value,), None, None),  # the price came up, but no number from our side
        ((Flag.NOT_LISTENING.value, Flag.EARLY_PITCH.value), 90.0, None),  # a quote after discovery
        ((), 300.0, None),
    ],
)
def test_a_stored_call_that_quoted_before_discovery(
    flags: tuple[str, ...], quote_at: float | None, flag: str | None
) -> None:
    found = early_quotes_in_calls([call("i1", flags, quote_at)])
    expected = {
        "call": "call i1",
        "on": dt.date(2025, 3, 1),
        "stage": "discovery",
        "at_s": quote_at,
        "flag": flag,
        "questions": 2,
    }
    assert [(f.code, f.subject, dict(f.values)) for f in found] == (
        [(FindingCode.CALL_QUOTE_BEFORE_DISCOVERY, "i1", expected)] if flag else []
    )


def test_calls_are_listed_oldest_first() -> None:
    calls = [call("b", ("price_too_early",), 10.0, day=9), call("a", ("price_too_early",), 10.0, day=2)]
    assert [f.subject for f in early_quotes_in_calls(calls)] == ["a", "b"]
