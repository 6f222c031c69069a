"""Deals through their service on both databases: every field kept, a value only with its currency,
the needs it answers from the same account, the first quote and the stage it was given at, filters,
stale versions, soft delete and restore, and the history of the needs answered."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from kam.domain.deals import DealStage
from kam.workspace.deals.schemas import DealChanges, DealCreate, DealFilters
from kam.workspace.deals.service import (
    create_deal,
    deal_history,
    delete_deal,
    get_deal,
    list_deals,
    restore_deal,
    update_deal,
)
from kam.workspace.errors import DuplicateRecord, InvalidInput, InvalidLink, RecordNotFound, StaleVersion
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need, delete_need
from tests.workspace.team import acting, build_team

MARCH = dt.date(2026, 3, 2)


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _add(engine: Engine, title: str, account: str = "A", **fields: object) -> int:
    with acting(engine, "ada") as session:
        return create_deal(
            session, DealCreate.model_validate({"account": account, "title": title, **fields})
        ).id


def _need(engine: Engine, statement: str, account: str = "A") -> int:
    with acting(engine, "ada") as session:
        return create_need(session, NeedCreate(account=account, statement=statement)).id


def test_create_then_get_gives_back_every_field(team: Engine) -> None:
    manual, fraud = _need(team, "The manual is only in English"), _need(team, "Toll fraud happens")
    made = _add(
        team, "冷軋板 2027", value=1_200_000, currency="cny", stage="proposal", expected_close="2027-01-31",
        needs=[fraud, manual, fraud], quoted_on="2026-03-02",
    )  # fmt: skip
    with acting(team, "amy") as session:
        got = get_deal(session, made)
    assert (got.account, got.title, got.value, got.currency, got.stage) == (
        "A", "冷軋板 2027", 1_200_000.0, "CNY", DealStage.PROPOSAL,
    )  # fmt: skip
    assert (got.expected_close, got.needs, got.quoted_on, got.quoted_stage) == (
        dt.date(2027, 1, 31), sorted([fraud, manual]), MARCH, DealStage.PROPOSAL,
    )  # fmt: skip


@pytest.mark.parametrize(
    "fields",
    [{"value": 10}, {"quoted_stage": "discovery"}, {"currency": "RMBX"}, {"value": -1, "currency": "CNY"}],
)
def test_a_value_needs_its_currency_and_a_quote_stage_its_day(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DealCreate.model_validate({"account": "A", "title": "x", **fields})


def test_the_first_quote_keeps_the_stage_the_deal_was_at(team: Engine) -> None:
    made = _add(team, "Deal", stage="discovery")
    with acting(team, "amy") as session:
        # quoted while still in discovery, and moved on to proposal in the same change
        first = update_deal(session, made, DealChanges(stage=DealStage.PROPOSAL, quoted_on=MARCH))
        assert (first.stage, first.quoted_on, first.quoted_stage) == (
            DealStage.PROPOSAL,
            MARCH,
            DealStage.DISCOVERY,
        )
        later = update_deal(
            session, made, DealChanges(stage=DealStage.NEGOTIATION, quoted_on=dt.date(2026, 2, 27))
        )
        assert (later.quoted_on, later.quoted_stage) == (
            dt.date(2026, 2, 27),
            DealStage.DISCOVERY,
        )  # the day moved
        given = update_deal(session, made, DealChanges(quoted_stage=DealStage.SOLUTION))
        assert given.quoted_stage == DealStage.SOLUTION
        cleared = update_deal(session, made, DealChanges(quoted_on=None))
        assert (cleared.quoted_on, cleared.quoted_stage) == (None, None)
        with pytest.raises(InvalidInput):
            update_deal(session, made, DealChanges(quoted_stage=DealStage.SOLUTION))


def test_a_value_cannot_lose_its_currency(team: Engine) -> None:
    made = _add(team, "Deal", value=10, currency="TWD")
    with pytest.raises(InvalidInput) as refused, acting(team, "amy") as session:
        update_deal(session, made, DealChanges(currency=None))
    assert refused.value.say("en").startswith("value: a value needs its currency")
    with acting(team, "amy") as session:
        assert get_deal(session, made).currency == "TWD"


def test_needs_come_from_the_same_account_and_deleted_ones_are_not_shown(team: Engine) -> None:
    mine, anns = _need(team, "Mine"), _need(team, "Ann's", account="N")
    with pytest.raises(InvalidLink) as refused:
        _add(team, "Deal", needs=[mine, anns])
    assert refused.value.say("en") == f"needs {anns}: no need of the same account has this id"
    made = _add(team, "Deal", needs=[mine])
    with acting(team, "amy") as session:
        assert [d.id for d in list_deals(session, DealFilters(need=mine)).items] == [made]
        delete_need(session, mine)
        assert get_deal(session, made).needs == []


def test_lists_filter_by_stage_openness_and_quote(team: Engine) -> None:
    _add(team, "Won", stage="won")
    _add(team, "Quoted", stage="negotiation", quoted_on="2026-01-05")
    _add(team, "Early", stage="discovery")
    with acting(team, "amy") as session:

        def titles(**filters: object) -> list[str]:
            return [d.title for d in list_deals(session, DealFilters.model_validate(filters)).items]

        assert titles() == ["Early", "Quoted", "Won"]
        assert titles(open=True) == ["Early", "Quoted"] and titles(open=False) == ["Won"]
        assert titles(quoted=True) == ["Quoted"] and titles(stage="discovery") == ["Early"]
        assert titles(q="quo") == ["Quoted"]


def test_a_title_is_unique_a_stale_version_refused_and_the_history_complete(team: Engine) -> None:
    first, second = _need(team, "First"), _need(team, "Second")
    made = _add(team, "Deal", needs=[first])
    with pytest.raises(DuplicateRecord):
        _add(team, "Deal")
    with acting(team, "amy") as session:
        update_deal(session, made, DealChanges(needs=[first, second]), version=1)
    with pytest.raises(StaleVersion), acting(team, "max") as session:
        update_deal(session, made, DealChanges(stage=DealStage.LOST), version=1)
    with acting(team, "max") as session:
        delete_deal(session, made, version=2)
        with pytest.raises(RecordNotFound):
            get_deal(session, made)
        restore_deal(session, made)
        history = deal_history(session, made).items
    assert next((e.action, e.field, e.old_value, e.new_value) for e in history if e.action != "create") == (
        "update", "needs", [first], sorted([first, second]),
    )  # fmt: skip
    assert [(e.action, e.actor) for e in history][-2:] == [("delete", "max"), ("restore", "max")]
