"""Access in one place, through the services on both databases: who sees which account, what a change
may not do, and that a record out of reach is told apart from a missing one nowhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.domain.interactions import InteractionKind
from kam.domain.users import Role
from kam.workspace.access import Actor
from kam.workspace.accounts.schemas import AccountChanges, AccountCreate
from kam.workspace.accounts.service import (
    account_history,
    all_accounts,
    create_account,
    get_account,
    update_account,
)
from kam.workspace.errors import AccessDenied, AccountNotFound, InvalidParent
from kam.workspace.interactions.schemas import InteractionCreate
from kam.workspace.interactions.service import create_interaction, list_interactions
from kam.workspace.records import Record
from kam.workspace.repository import scope_clause
from tests.workspace.team import OWNERS, ROLE_LOGIN, VISIBLE, acting, build_team

WHEN = "2025-03-14T10:30:00+08:00"


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_each_role_sees_exactly_its_accounts(team: Engine, role: str) -> None:
    with acting(team, ROLE_LOGIN[role]) as session:
        assert {a.code for a in all_accounts(session)} == VISIBLE[role]
        for code in OWNERS:
            if code in VISIBLE[role]:
                assert get_account(session, code).code == code
            else:
                with pytest.raises(AccountNotFound) as hidden:
                    get_account(session, code)
                assert hidden.value.say("en") == AccountNotFound(code).say("en")


def test_a_reps_new_account_is_theirs_and_they_cannot_make_one_for_another(team: Engine) -> None:
    with acting(team, "amy") as session:
        assert create_account(session, AccountCreate(code="A2", name="new")).owner == "amy"
    with pytest.raises(AccessDenied), acting(team, "amy") as session:
        create_account(session, AccountCreate(code="A3", name="for bob", owner="bob"))
    with acting(team, None) as session:
        assert {a.code for a in all_accounts(session)} >= {"A2"} and "A3" not in {
            a.code for a in all_accounts(session)
        }


@pytest.mark.parametrize(
    ("login", "owner", "allowed"),
    [
        ("amy", "ann", False),  # a rep cannot give an account away, even to a teammate
        ("amy", "amy", True),
        ("max", "ann", True),  # a manager assigns within the team
        ("max", "bob", False),  # but not to another team
        ("max", "", True),  # and may leave it unowned (a manager sees unowned accounts)
        ("ada", "bob", True),
    ],
)
def test_a_change_may_not_put_an_account_out_of_its_actors_reach(
    team: Engine, login: str, owner: str, allowed: bool
) -> None:
    changes = AccountChanges(owner=owner or None)
    if allowed:
        with acting(team, login) as session:
            update_account(session, "A", changes)
        with acting(team, None) as session:
            assert get_account(session, "A").owner == (owner or None)
    else:
        with pytest.raises(AccessDenied), acting(team, login) as session:
            update_account(session, "A", changes)
        with acting(team, None) as session:
            assert (get_account(session, "A").owner, get_account(session, "A").version) == ("amy", 1)


def test_links_to_accounts_out_of_reach_are_not_shown_nor_accepted(team: Engine) -> None:
    with acting(team, None) as session:
        update_account(session, "A", AccountChanges(parent="B", referred_by="B"))
    with acting(team, "amy") as session:
        shown = get_account(session, "A")
        assert (shown.parent, shown.referred_by) == (None, None)  # bob's B is not named
        parents = [e for e in account_history(session, "A").items if e.field == "parent"]
        assert [(e.old_value, e.new_value) for e in parents] == [(None, "***")]
        with pytest.raises(InvalidParent) as refused:
            update_account(session, "A", AccountChanges(parent="N"))
        assert refused.value.say("en") == "parent 'N': no account has this code"


def test_a_loop_through_an_account_out_of_reach_is_refused_without_naming_it(team: Engine) -> None:
    with acting(team, None) as session:
        update_account(session, "B", AccountChanges(parent="A"))  # bob's B is part of amy's A
        update_account(session, "U", AccountChanges(parent="B"))
    with acting(team, "max") as session:  # max sees A, N and U, not B
        update_account(session, "N", AccountChanges(parent="A"))
        with pytest.raises(InvalidParent) as seen:
            update_account(session, "A", AccountChanges(parent="N"))
        with pytest.raises(InvalidParent) as hidden:
            update_account(session, "A", AccountChanges(parent="U"))
    assert str(seen.value) == "parent 'N' would make a loop of groups: A part of N part of A"
    assert str(hidden.value) == (
        "parent 'U' would make a loop of groups: A part of U part of (an account you may not see) part of A"
    )
    with acting(team, None) as session:
        assert get_account(session, "A").parent is None


def test_records_under_an_account_follow_it(team: Engine) -> None:
    with acting(team, None) as session:
        for code in ("A", "B"):
            data = InteractionCreate.model_validate(
                {"kind": InteractionKind.VISIT, "occurred_at": WHEN, "title": code}
            )
            create_interaction(session, code, data)
    with acting(team, "amy") as session:
        assert [i.account_code for i in list_interactions(session)] == ["A"]
        with pytest.raises(AccountNotFound):
            list_interactions(session, "B")
    with acting(team, "max") as session:
        assert [i.account_code for i in list_interactions(session)] == ["A"]


def test_a_model_without_an_access_rule_cannot_be_queried() -> None:
    class Orphan(Record):
        pass

    rep = Actor(user_id=1, login="amy", role=Role.REP)
    with pytest.raises(TypeError, match="declares no access rule"):
        scope_clause(Orphan, rep)  # type: ignore[arg-type]


def test_a_rep_without_a_user_sees_nothing(team: Engine) -> None:
    """An actor with a rep's role but no user (never made by kam) matches no owner, not the unowned."""
    nobody = Actor(user_id=None, login="", role=Role.REP)
    from kam.workspace.accounts.models import Account

    clause = scope_clause(Account, nobody)
    with team.connect() as connection:
        assert connection.execute(sa.select(Account.code).where(clause)).all() == []


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_an_export_holds_exactly_what_each_role_may_see(team: Engine, role: str) -> None:
    """The export column of the matrix: for every kind of record, the rows are those under the accounts
    the role may see, and no cell names another account, its records or its owner."""
    from kam.workspace.exports import export_records
    from kam.workspace.stakeholders.schemas import StakeholderCreate
    from kam.workspace.stakeholders.service import create_stakeholder
    from kam.workspace.vocabulary import ExportEntity

    with acting(team, None) as session:
        update_account(session, "N", AccountChanges(referred_by="B"))
        update_account(session, "A", AccountChanges(referred_by="N"))
        for code in OWNERS:
            stakeholder = create_stakeholder(
                session, StakeholderCreate(account=code, name=f"secret of {code}")
            )
            data = InteractionCreate.model_validate(
                {
                    "kind": "visit",
                    "occurred_at": WHEN,
                    "title": f"visit {code}",
                    "stakeholders": [stakeholder.id],
                }
            )
            create_interaction(session, code, data)
    visible = VISIBLE[role]
    with acting(team, ROLE_LOGIN[role]) as session:
        for entity in (ExportEntity.ACCOUNTS, ExportEntity.STAKEHOLDERS, ExportEntity.INTERACTIONS):
            exported = export_records(session, entity)
            column = (
                "code"
                if entity is ExportEntity.ACCOUNTS
                else "account"
                if "account" in exported.columns
                else "account_code"
            )
            assert sorted(r[column] for r in exported.rows) == sorted(visible), entity
            hidden = [c for c in OWNERS if c not in visible]
            cells = {str(v) for r in exported.rows for v in r.values()}
            assert not any(f"of {c}" in cell or f"visit {c}" == cell for c in hidden for cell in cells)
        referrals = export_records(session, ExportEntity.REFERRALS).rows
    expected = [("B", "N"), ("N", "A")]  # (referrer, account) pairs, both of which the role may see
    assert [(r["referrer"], r["account"]) for r in referrals] == [
        pair for pair in expected if set(pair) <= visible
    ]


ANALYSIS_CHANGED = {"N", "U"}  # the accounts whose segment the team's two analyses change


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_each_role_reads_the_analysis_of_exactly_its_accounts(
    team: Engine, analyses: dict[dt.date, Path], role: str
) -> None:
    """An account's analysis, the segment changes and the money of referrals and groups: nothing of an
    account out of reach, which answers as a missing one does."""
    from kam.report.analysis_folder import read_analysis_folder
    from kam.workspace.analysis.queries import account_analysis, segment_changes
    from kam.workspace.analysis.schemas import SegmentChangeFilters
    from kam.workspace.analysis.service import sync_analysis

    with acting(team, None) as session:
        for folder in analyses.values():
            sync_analysis(session, read_analysis_folder(folder))
    with acting(team, ROLE_LOGIN[role]) as session:
        for code in OWNERS:
            if code in VISIBLE[role]:
                assert account_analysis(session, code).latest is not None
            else:
                with pytest.raises(AccountNotFound) as hidden:
                    account_analysis(session, code)
                assert hidden.value.say("en") == AccountNotFound(code).say("en")
        changed = segment_changes(session, SegmentChangeFilters(since=min(analyses)))
    assert {c.account for c in changed.items} == ANALYSIS_CHANGED & VISIBLE[role]
    assert changed.total == len(ANALYSIS_CHANGED & VISIBLE[role])


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_the_coach_and_the_proposals_see_exactly_the_roles_accounts(team: Engine, role: str) -> None:
    from kam.workspace.coach.service import account_coach, coach_portfolio
    from kam.workspace.proposals.service import list_proposals

    with acting(team, ROLE_LOGIN[role]) as session:
        assert {r.account for r in coach_portfolio(session).items} == VISIBLE[role]
        for code in OWNERS:
            if code in VISIBLE[role]:
                assert (account_coach(session, code).account, list_proposals(session, code)) == (code, [])
                continue
            for look in (account_coach, list_proposals):
                with pytest.raises(AccountNotFound) as hidden:
                    look(session, code)
                assert hidden.value.say("en") == AccountNotFound(code).say("en")
