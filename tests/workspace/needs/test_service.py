"""Needs through their service on both databases: classified on save unless a user overrides the
kind, linked only to records of the same account, five-whys chains that never loop, confirmed today
when no day is given, stale versions refused, soft delete and restore with their history; and the
stakeholders' last contact read from the interactions their needs came from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from kam.domain.interactions import InteractionKind
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.workspace.db import utcnow
from kam.workspace.errors import DuplicateRecord, InvalidLink, RecordNotFound, StaleVersion
from kam.workspace.interactions.schemas import InteractionCreate
from kam.workspace.interactions.service import create_interaction
from kam.workspace.needs.schemas import NeedChanges, NeedCreate, NeedFilters
from kam.workspace.needs.service import (
    create_need,
    delete_need,
    get_need,
    list_needs,
    need_history,
    restore_need,
    update_need,
)
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder, get_stakeholder
from tests.workspace.team import acting, build_team

PROBLEM = "Our terminals are not secure enough, toll fraud happens"  # a need: it states a problem
SOLUTION = "Just cut a small slot in the side"  # a want: it prescribes its own solution


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _add(engine: Engine, statement: str, account: str = "A", **fields: object) -> int:
    with acting(engine, "ada") as session:
        return create_need(
            session, NeedCreate.model_validate({"account": account, "statement": statement, **fields})
        ).id


def _person(engine: Engine, name: str, account: str = "A") -> int:
    with acting(engine, "ada") as session:
        return create_stakeholder(session, StakeholderCreate(account=account, name=name)).id


def _visit(engine: Engine, account: str, when: str) -> int:
    with acting(engine, "ada") as session:
        data = InteractionCreate.model_validate(
            {"kind": InteractionKind.VISIT, "occurred_at": when, "title": when}
        )
        return create_interaction(session, account, data).id


def test_a_need_is_classified_when_saved_and_a_users_verdict_is_kept(team: Engine) -> None:
    need, want = _add(team, PROBLEM), _add(team, SOLUTION)
    with acting(team, "amy") as session:
        got_need, got_want = get_need(session, need), get_need(session, want)
        assert (got_need.kind, got_need.kind_overridden) == (NeedKind.NEED, False)
        assert (got_want.kind, got_want.kind_overridden) == (NeedKind.WANT, False)
        assert got_want.kind_reasons[0].code == "prescribes_solution" and 0.5 < got_want.kind_confidence < 1
        overridden = update_need(session, want, NeedChanges(kind=NeedKind.NEED))
        assert (overridden.kind, overridden.kind_overridden) == (NeedKind.NEED, True)
        assert overridden.kind_reasons == got_want.kind_reasons  # the classifier's reasons stay
        # rewording keeps the user's verdict; handing it back lets the classifier judge the new words
        reworded = update_need(session, want, NeedChanges(statement=PROBLEM + "!"))
        assert (reworded.kind, reworded.kind_overridden) == (NeedKind.NEED, True)
        update_need(session, want, NeedChanges(statement=SOLUTION + "!"))
        handed_back = update_need(session, want, NeedChanges(kind=None))
        assert (handed_back.kind, handed_back.kind_overridden) == (NeedKind.WANT, False)
    with acting(team, "amy") as session:
        given = create_need(session, NeedCreate(account="A", statement="x y z", kind=NeedKind.WANT))
    assert (given.kind, given.kind_overridden) == (NeedKind.WANT, True)


def test_links_name_records_of_the_same_account(team: Engine) -> None:
    wang, bobs_man = _person(team, "王偉"), _person(team, "Bob's man", "B")
    visit, bobs_visit = (
        _visit(team, "A", "2026-03-02T10:00:00+08:00"),
        _visit(team, "B", "2026-03-02T10:00:00+08:00"),
    )
    root = _add(team, PROBLEM)
    made = _add(team, SOLUTION, said_by=wang, parent=root, interaction=visit, depth="underlying")
    with acting(team, "amy") as session:
        got = get_need(session, made)
        assert (got.said_by, got.parent, got.interaction, got.depth) == (
            wang,
            root,
            visit,
            NeedDepth.UNDERLYING,
        )
    for field, target, what in [("said_by", bobs_man, "stakeholder"), ("interaction", bobs_visit, "interaction"),
                                ("parent", 999_999, "need")]:  # fmt: skip
        with pytest.raises(InvalidLink) as refused, acting(team, "ada") as session:
            create_need(session, NeedCreate.model_validate({"account": "A", "statement": "x", field: target}))
        assert refused.value.say("en") == f"{field} {target}: no {what} of the same account has this id"


def test_a_five_whys_chain_never_loops(team: Engine) -> None:
    users = _add(team, "Users are unhappy")
    hard = _add(team, "The new module is hard to operate", parent=users)
    manual = _add(team, "The manual is only in English", parent=hard)
    with pytest.raises(InvalidLink) as refused, acting(team, "amy") as session:
        update_need(session, users, NeedChanges(parent=manual, status=NeedStatus.CONFIRMED))
    assert refused.value.say("en") == (
        "parent would make a loop: Users are unhappy → The manual is only in English → "
        "The new module is hard to operate → Users are unhappy"
    )
    with pytest.raises(InvalidLink), acting(team, "amy") as session:
        update_need(session, users, NeedChanges(parent=users))
    with acting(team, "amy") as session:
        kept = get_need(session, users)
        assert (kept.parent, kept.status, kept.version) == (None, NeedStatus.OPEN, 1)
        assert [n.id for n in list_needs(session, NeedFilters(parent=hard)).items] == [manual]


def test_a_need_confirmed_without_a_day_is_confirmed_today(team: Engine) -> None:
    made = _add(team, PROBLEM)
    with acting(team, "amy") as session:
        assert (
            update_need(session, made, NeedChanges(status=NeedStatus.CONFIRMED)).confirmed_on
            == utcnow().date()
        )
        given = update_need(
            session, made, NeedChanges(status=NeedStatus.CONFIRMED, confirmed_on=dt.date(2026, 1, 5))
        )
        assert given.confirmed_on == dt.date(2026, 1, 5)
        assert update_need(session, made, NeedChanges(status=NeedStatus.ADDRESSED)).confirmed_on == dt.date(
            2026, 1, 5
        )


def test_a_statement_is_unique_in_its_account(team: Engine) -> None:
    _add(team, PROBLEM)
    _add(team, PROBLEM, account="N")
    with pytest.raises(DuplicateRecord):
        _add(team, PROBLEM)


def test_a_stale_version_is_refused_and_delete_restore_are_in_the_history(team: Engine) -> None:
    made = _add(team, PROBLEM)
    with acting(team, "amy") as session:
        update_need(session, made, NeedChanges(depth=NeedDepth.ROOT), version=1)
    with pytest.raises(StaleVersion), acting(team, "max") as session:
        update_need(session, made, NeedChanges(depth=NeedDepth.STATED), version=1)
    with acting(team, "max") as session:
        delete_need(session, made, version=2)
        with pytest.raises(RecordNotFound):
            get_need(session, made)
        assert [n.id for n in list_needs(session, NeedFilters(deleted=True)).items] == [made]
        restore_need(session, made, version=3)
        history = need_history(session, made).items
    assert [(e.action, e.field, e.actor) for e in history if e.action != "create"] == [
        ("update", "depth", "amy"), ("delete", "deleted_at", "max"), ("restore", "deleted_at", "max"),
    ]  # fmt: skip
    assert ("create", "kind", "need") in [(e.action, e.field, e.new_value) for e in history]


def test_a_stakeholders_last_contact_is_the_latest_interaction_where_they_said_a_need(team: Engine) -> None:
    wang = _person(team, "王偉")
    with acting(team, "amy") as session:
        assert get_stakeholder(session, wang).last_contact is None
    early, late = (
        _visit(team, "A", "2026-03-02T10:00:00+08:00"),
        _visit(team, "A", "2026-05-20T23:30:00-02:00"),
    )
    _add(team, PROBLEM, said_by=wang, interaction=early)
    later = _add(team, SOLUTION, said_by=wang, interaction=late)
    with acting(team, "amy") as session:
        assert get_stakeholder(session, wang).last_contact == dt.date(2026, 5, 21)  # the day in UTC
        delete_need(session, later)
        assert get_stakeholder(session, wang).last_contact == dt.date(2026, 3, 2)
