"""Stakeholders through their service on both databases: every field kept, lists filtered and sorted,
names unique in an account, reports-to links within the account and never in a loop, stale versions
refused, soft delete and restore, and every change in the history."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.workspace.errors import DuplicateRecord, InvalidLink, RecordNotFound, StaleVersion
from kam.workspace.listing import PageRequest
from kam.workspace.stakeholders.schemas import StakeholderChanges, StakeholderCreate, StakeholderFilters
from kam.workspace.stakeholders.service import (
    create_stakeholder,
    delete_stakeholder,
    get_stakeholder,
    list_stakeholders,
    restore_stakeholder,
    stakeholder_history,
    update_stakeholder,
)
from kam.workspace.vocabulary import RecordKind
from tests.workspace.team import acting, build_team


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _add(engine: Engine, name: str, account: str = "A", **fields: object) -> int:
    with acting(engine, "ada") as session:
        data = StakeholderCreate.model_validate({"account": account, "name": name, **fields})
        return create_stakeholder(session, data).id


def test_create_then_get_gives_back_every_field(team: Engine) -> None:
    boss = _add(team, "王偉", function="finance")
    made = _add(
        team,
        "李娜",
        title="工程部經理",
        function="technical",
        decision_role="technical_buyer",
        influence=4,
        stance="supporter",
        coach=True,
        reports_to=boss,
        preferences="重視相容性\n也要看售後",
        purchase_factors=["compatibility", "after_sales_service", "compatibility"],
    )
    with acting(team, "amy") as session:
        got = get_stakeholder(session, made)
    assert (got.account, got.name, got.title, got.function, got.decision_role) == (
        "A", "李娜", "工程部經理", Function.TECHNICAL, DecisionRole.TECHNICAL_BUYER,
    )  # fmt: skip
    assert (got.influence, got.stance, got.coach, got.reports_to) == (4, Stance.SUPPORTER, True, boss)
    assert got.preferences == "重視相容性\n也要看售後"
    assert got.purchase_factors == [PurchaseFactor.COMPATIBILITY, PurchaseFactor.AFTER_SALES_SERVICE]
    assert (got.version, got.deleted_at, got.last_contact) == (1, None, None)


def test_defaults_are_other_unknown_and_no_coach(team: Engine) -> None:
    with acting(team, "amy") as session:
        got = get_stakeholder(session, _add(team, "張三"))
    assert (got.function, got.stance, got.coach, got.decision_role, got.influence) == (
        Function.OTHER, Stance.UNKNOWN, False, None, None,
    )  # fmt: skip


@pytest.mark.parametrize("influence", [0, 6, -1])
def test_influence_is_rated_from_one_to_five(influence: int) -> None:
    with pytest.raises(ValueError, match="influence"):
        StakeholderCreate(account="A", name="x", influence=influence)


def test_lists_filter_sort_and_page(team: Engine) -> None:
    for name, fields in [
        ("Cai", {"function": "finance", "stance": "opponent"}),
        ("Bai", {"function": "finance", "coach": True, "title": "CFO"}),
        ("Ai", {"function": "technical"}),
    ]:
        _add(team, name, **fields)
    _add(team, "Other", account="N", function="finance")
    with acting(team, "amy") as session:

        def names(request: PageRequest | None = None, **filters: object) -> tuple[list[str], int]:
            counted = (request or PageRequest()).model_copy(update={"total": True})
            page = list_stakeholders(session, StakeholderFilters.model_validate(filters), counted)
            return [s.name for s in page.items], page.total or 0

        assert names() == (["Ai", "Bai", "Cai"], 3)  # amy sees only A's
        assert names(function="finance") == (["Bai", "Cai"], 2)
        assert names(coach=True) == (["Bai"], 1)
        assert names(q="cf") == (["Bai"], 1)  # the title, in any case
        assert names(account="N") == ([], 0)  # ann's account: nothing, as for no account
        assert names(PageRequest(sort="-name", per_page=2, page=1)) == (["Cai", "Bai"], 3)
    with acting(team, "max") as session:
        page = list_stakeholders(session, StakeholderFilters(function=Function.FINANCE))
        assert sorted((s.account, s.name) for s in page.items) == [("A", "Bai"), ("A", "Cai"), ("N", "Other")]


def test_a_name_is_unique_in_its_account_only(team: Engine) -> None:
    first = _add(team, "王偉")
    _add(team, "王偉", account="N")  # another account may have a 王偉 too
    with pytest.raises(DuplicateRecord) as duplicate:
        _add(team, "王偉")
    assert duplicate.value.status_code == 409
    other = _add(team, "李娜")
    with pytest.raises(DuplicateRecord), acting(team, "amy") as session:
        update_stakeholder(session, other, StakeholderChanges(name="王偉"))
    with acting(team, "amy") as session:
        delete_stakeholder(session, first)
    with pytest.raises(DuplicateRecord):  # a deleted one keeps its name: restore it instead
        _add(team, "王偉")


@pytest.mark.parametrize(
    ("chain", "link", "loop"),
    [
        (["A1"], ("A1", "A1"), "A1 → A1"),  # reporting to oneself
        (["A1", "A2"], ("A1", "A2"), "A1 → A2 → A1"),  # A2 reports to A1 already
        (["A1", "A2", "A3"], ("A1", "A3"), "A1 → A3 → A2 → A1"),
    ],
)
def test_a_reports_to_loop_is_refused_and_nothing_changes(
    team: Engine, chain: list[str], link: tuple[str, str], loop: str
) -> None:
    ids: dict[str, int] = {}
    for name in chain:  # each reports to the one before it
        ids[name] = _add(team, name, reports_to=ids[chain[chain.index(name) - 1]] if ids else None)
    with pytest.raises(InvalidLink) as refused, acting(team, "amy") as session:
        update_stakeholder(session, ids[link[0]], StakeholderChanges(reports_to=ids[link[1]], title="x"))
    assert refused.value.status_code == 422
    assert refused.value.say("en") == f"reports_to would make a loop: {loop}"
    with acting(team, "amy") as session:
        kept = get_stakeholder(session, ids[link[0]])
    assert (kept.reports_to, kept.title, kept.version) == (None, None, 1)


@pytest.mark.parametrize("where", ["other_account", "missing", "deleted"])
def test_reports_to_names_a_live_stakeholder_of_the_same_account(team: Engine, where: str) -> None:
    target = {"other_account": _add(team, "Bob's", account="B"), "missing": 999_999}.get(where)
    if where == "deleted":
        target = _add(team, "Gone")
        with acting(team, "ada") as session:
            delete_stakeholder(session, target)
    with pytest.raises(InvalidLink) as refused, acting(team, "ada") as session:
        create_stakeholder(session, StakeholderCreate(account="A", name="x", reports_to=target))
    assert refused.value.say("en") == f"reports_to {target}: no stakeholder of the same account has this id"


def test_a_stale_version_is_refused_with_the_current_record(team: Engine) -> None:
    made = _add(team, "王偉")
    with acting(team, "amy") as session:
        update_stakeholder(session, made, StakeholderChanges(stance=Stance.SUPPORTER), version=1)
    with pytest.raises(StaleVersion) as stale, acting(team, "max") as session:
        update_stakeholder(session, made, StakeholderChanges(stance=Stance.OPPONENT), version=1)
    assert stale.value.status_code == 409
    assert stale.value.current is not None and stale.value.current.model_dump()["stance"] == "supporter"
    with pytest.raises(StaleVersion), acting(team, "max") as session:
        delete_stakeholder(session, made, version=1)
    with acting(team, "amy") as session:
        assert (get_stakeholder(session, made).stance, get_stakeholder(session, made).version) == (
            Stance.SUPPORTER, 2,
        )  # fmt: skip


def test_delete_hides_restore_brings_back_and_the_history_tells_it_all(team: Engine) -> None:
    boss = _add(team, "王偉")
    made = _add(team, "李娜", reports_to=boss, influence=2)
    with acting(team, "amy") as session:
        update_stakeholder(session, made, StakeholderChanges(influence=5, title=None))
        delete_stakeholder(session, boss)
        assert get_stakeholder(session, made).reports_to is None  # a deleted manager is not shown
        with pytest.raises(RecordNotFound):
            get_stakeholder(session, boss)
        listed = list_stakeholders(session, StakeholderFilters(deleted=True))
        assert [s.name for s in listed.items] == ["王偉"]
        assert restore_stakeholder(session, boss).deleted_at is None
        assert get_stakeholder(session, made).reports_to == boss
    with acting(team, "amy") as session:
        entries = stakeholder_history(session, made).items
        boss_entries = stakeholder_history(session, boss).items
    assert [(e.action, e.field, e.old_value, e.new_value, e.actor) for e in entries] == [
        ("create", "account", None, "A", "ada"),
        ("create", "name", None, "李娜", "ada"),
        ("create", "function", None, "other", "ada"),
        ("create", "influence", None, 2, "ada"),
        ("create", "stance", None, "unknown", "ada"),
        ("create", "coach", None, False, "ada"),
        ("create", "reports_to", None, boss, "ada"),
        ("update", "influence", 2, 5, "amy"),
    ]
    assert [(e.action, e.actor) for e in boss_entries if e.action != "create"] == [
        ("delete", "amy"), ("restore", "amy"),
    ]  # fmt: skip


def test_nothing_under_an_account_out_of_reach_is_found(team: Engine) -> None:
    bobs = _add(team, "Bob's", account="B")
    with acting(team, "amy") as session:
        for call in (
            lambda: get_stakeholder(session, bobs),
            lambda: update_stakeholder(session, bobs, StakeholderChanges(title="x")),
            lambda: delete_stakeholder(session, bobs),
            lambda: restore_stakeholder(session, bobs),
            lambda: stakeholder_history(session, bobs),
        ):
            with pytest.raises(RecordNotFound) as hidden:
                call()
            assert hidden.value.say("en") == RecordNotFound(RecordKind.STAKEHOLDER, bobs).say("en")
    with acting(team, "ada") as session:  # the account deleted: its stakeholders go with it
        from kam.workspace.accounts.service import delete_account

        delete_account(session, "B")
        with pytest.raises(RecordNotFound):
            get_stakeholder(session, bobs)
