"""Next steps through their service on both databases: assigned by default to whoever creates them and
only to someone who may see the account, on a deal or interaction of the same account, and listed as
overdue per user; stale versions, soft delete and restore with their history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from kam.workspace.db import utcnow
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.deals.service import create_deal, delete_deal
from kam.workspace.errors import InvalidChoice, InvalidLink, RecordNotFound, StaleVersion
from kam.workspace.listing import PageRequest
from kam.workspace.next_steps.schemas import NextStepChanges, NextStepCreate, NextStepFilters
from kam.workspace.next_steps.service import (
    create_next_step,
    delete_next_step,
    get_next_step,
    list_next_steps,
    next_step_history,
    restore_next_step,
    update_next_step,
)
from tests.workspace.team import acting, build_team

TODAY = utcnow().date()
DAY = dt.timedelta(days=1)


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _add(engine: Engine, login: str | None, what: str, account: str = "A", **fields: object) -> int:
    with acting(engine, login) as session:
        data = NextStepCreate.model_validate({"account": account, "what": what, **fields})
        return create_next_step(session, data).id


def test_a_step_is_whoevers_creates_it_unless_assigned(team: Engine) -> None:
    mine = _add(team, "amy", "Visit again next Tuesday", due_on=TODAY + 7 * DAY)
    operators = _add(team, None, "Quote next week")
    for_ann = _add(team, "max", "Call the CFO", account="N", assignee="ann")
    with acting(team, "max") as session:
        got = get_next_step(session, mine)
        assert (got.assignee, got.due_on, got.done, got.overdue) == ("amy", TODAY + 7 * DAY, False, False)
        assert get_next_step(session, operators).assignee is None  # the local operator is no user
        assert get_next_step(session, for_ann).assignee == "ann"


@pytest.mark.parametrize(
    ("login", "account", "name", "refused"),
    [
        ("max", "A", "bob", "ws_assignee_out_of_reach"),  # bob may not see amy's account
        ("max", "A", "ann", "ws_assignee_out_of_reach"),  # a rep sees her own accounts only, not amy's
        ("max", "N", "ann", None),
        ("amy", "A", "me", None),
        ("ada", "A", "nobody", "ws_assignee_unknown"),
        (None, "A", "me", "ws_me_without_user"),
        ("ada", "U", "max", None),  # a manager sees the unowned accounts
    ],
)
def test_a_step_is_given_only_to_someone_who_may_see_its_account(
    team: Engine, login: str | None, account: str, name: str, refused: str | None
) -> None:
    if refused is None:
        made = _add(team, login, "x", account=account, assignee=name)
        with acting(team, None) as session:
            assert get_next_step(session, made).assignee == (login if name == "me" else name)
    else:
        with pytest.raises(InvalidChoice) as bad:
            _add(team, login, "x", account=account, assignee=name)
        assert bad.value.status_code == 422 and bad.value.message.key == refused  # type: ignore[union-attr]


def test_overdue_steps_are_listed_per_user(team: Engine) -> None:
    late = _add(team, "amy", "Late", due_on=TODAY - DAY)
    _add(team, "amy", "Due today", due_on=TODAY)
    _add(team, "amy", "No day")
    done = _add(team, "amy", "Late but done", due_on=TODAY - 3 * DAY, done=True)
    maxs = _add(team, "max", "Max's late one", account="N", due_on=TODAY - DAY)
    with acting(team, "amy") as session:

        def ids(**filters: object) -> list[int]:
            return [s.id for s in list_next_steps(session, NextStepFilters.model_validate(filters)).items]

        assert ids(overdue=True, assignee="me") == [late]
        assert len(ids(overdue=False)) == 3 and late not in ids(overdue=False)
        assert ids(done=True) == [done]
        assert get_next_step(session, late).overdue is True
    with acting(team, "max") as session:
        steps = list_next_steps(session, NextStepFilters(overdue=True)).items
        assert sorted(s.id for s in steps) == [late, maxs]  # the team's late work
        assert [
            s.id for s in list_next_steps(session, NextStepFilters(overdue=True, assignee="me")).items
        ] == [maxs]
        assert list_next_steps(session, NextStepFilters(assignee="amy"), PageRequest(total=True)).total == 4
        update_next_step(session, late, NextStepChanges(done=True))
        assert list_next_steps(session, NextStepFilters(overdue=True, assignee="amy")).items == []
    with acting(team, None) as session:
        assert list_next_steps(session, NextStepFilters(assignee="me")).items == []


def test_a_step_is_on_a_deal_of_the_same_account(team: Engine) -> None:
    with acting(team, "ada") as session:
        deal = create_deal(session, DealCreate(account="A", title="Coil")).id
        bobs = create_deal(session, DealCreate(account="B", title="Bob's")).id
    made = _add(team, "amy", "Quote next week", deal=deal)
    with pytest.raises(InvalidLink):
        _add(team, "ada", "x", deal=bobs)
    with acting(team, "amy") as session:
        assert [s.id for s in list_next_steps(session, NextStepFilters(deal=deal)).items] == [made]
        delete_deal(session, deal)
        assert get_next_step(session, made).deal is None


def test_stale_versions_soft_delete_restore_and_history(team: Engine) -> None:
    made = _add(team, "amy", "Visit")
    with acting(team, "amy") as session:
        update_next_step(session, made, NextStepChanges(due_on=TODAY), version=1)
    with pytest.raises(StaleVersion), acting(team, "max") as session:
        update_next_step(session, made, NextStepChanges(done=True), version=1)
    with acting(team, "max") as session:
        delete_next_step(session, made, version=2)
        with pytest.raises(RecordNotFound):
            get_next_step(session, made)
        restore_next_step(session, made, version=3)
        history = next_step_history(session, made).items
    assert [(e.action, e.field, e.actor) for e in history] == [
        ("create", "account", "amy"),
        ("create", "what", "amy"),
        ("create", "assignee", "amy"),
        ("create", "done", "amy"),
        ("update", "due_on", "amy"),
        ("delete", "deleted_at", "max"),
        ("restore", "deleted_at", "max"),
    ]
    assert next(e.new_value for e in history if e.field == "assignee") == "amy"  # shown by login
