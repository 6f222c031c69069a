"""The audit trail on both databases: every create, update, delete and restore is recorded field by
field, by whom, in the change's own transaction; secrets are never written; a bulk change is recorded
as a flush is."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError

from kam.domain.users import Role
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.schemas import AccountChanges, AccountCreate
from kam.workspace.accounts.service import (
    account_history,
    create_account,
    delete_account,
    restore_account,
    update_account,
)
from kam.workspace.audit.models import AuditEntry
from kam.workspace.audit.trail import update_rows
from kam.workspace.users.models import User
from kam.workspace.users.schemas import UserChanges, UserCreate
from kam.workspace.users.service import add_user, update_user
from kam.workspace.vocabulary import ActorKind, AuditAction
from tests.workspace.team import acting


def _entries(engine: Engine, table: str = "accounts") -> list[tuple[Any, ...]]:
    query = (
        sa.select(
            AuditEntry.action, AuditEntry.actor_kind, AuditEntry.actor_id, AuditEntry.field,
            AuditEntry.old_value, AuditEntry.new_value,
        )
        .where(AuditEntry.table_name == table)
        .order_by(AuditEntry.id)
    )  # fmt: skip
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


@pytest.fixture
def amy(engine: Engine) -> int:
    with acting(engine, None) as session:
        return add_user(session, UserCreate(login="amy", display_name="Amy Chen", role=Role.REP)).user.id


def test_every_change_of_an_account_is_recorded_field_by_field(engine: Engine, amy: int) -> None:
    user, local = ActorKind.USER, ActorKind.LOCAL_OPERATOR
    with acting(engine, "amy") as session:
        create_account(session, AccountCreate(code="A", name="Acme", wallet="5000 t", competitors=["X"]))
    with acting(engine, None) as session:
        create_account(session, AccountCreate(code="G", name="Group"))
        update_account(session, "A", AccountChanges(name="Acme Steel", parent="G", industry="steel"))
    with acting(engine, "amy") as session:
        delete_account(session, "A")
        restore_account(session, "A")
    rows = _entries(engine)
    deleted_at = rows[-2][5]
    assert rows == [
        (AuditAction.CREATE, user, amy, "code", None, "A"),
        (AuditAction.CREATE, user, amy, "name", None, "Acme"),
        (AuditAction.CREATE, user, amy, "owner_id", None, amy),
        (AuditAction.CREATE, user, amy, "wallet_amount", None, 5000),
        (AuditAction.CREATE, user, amy, "wallet_unit", None, "t"),
        (AuditAction.CREATE, user, amy, "competitors", None, ["X"]),
        (AuditAction.CREATE, local, None, "code", None, "G"),
        (AuditAction.CREATE, local, None, "name", None, "Group"),
        (AuditAction.UPDATE, local, None, "name", "Acme", "Acme Steel"),
        (AuditAction.UPDATE, local, None, "industry", None, "steel"),
        (AuditAction.UPDATE, local, None, "parent_id", None, 2),
        (AuditAction.DELETE, user, amy, "deleted_at", None, deleted_at),
        (AuditAction.RESTORE, user, amy, "deleted_at", deleted_at, None),
    ]
    assert deleted_at is not None and deleted_at.startswith("20")


def test_the_history_names_people_and_links_and_is_read_by_who_may_read_the_record(
    engine: Engine, amy: int
) -> None:
    with acting(engine, "amy") as session:
        create_account(session, AccountCreate(code="A", name="Acme"))
        create_account(session, AccountCreate(code="G", name="Group"))
        update_account(session, "A", AccountChanges(parent="G"))
    with acting(engine, "amy") as session:
        history = account_history(session, "A")
    shown = [(e.actor, e.action, e.field, e.old_value, e.new_value) for e in history.items]
    assert shown == [
        ("amy", AuditAction.CREATE, "code", None, "A"),
        ("amy", AuditAction.CREATE, "name", None, "Acme"),
        ("amy", AuditAction.CREATE, "owner", None, "amy"),
        ("amy", AuditAction.UPDATE, "parent", None, "G"),
    ]
    assert history.total == 4


def test_an_update_that_changes_nothing_records_nothing_and_keeps_the_version(
    engine: Engine, amy: int
) -> None:
    with acting(engine, None) as session:
        create_account(session, AccountCreate(code="A", name="Acme", industry="steel"))
    with acting(engine, None) as session:
        same = update_account(session, "A", AccountChanges(name="Acme", industry="steel"))
    assert same.version == 1
    assert [r[0] for r in _entries(engine)] == [AuditAction.CREATE, AuditAction.CREATE, AuditAction.CREATE]


def test_a_failed_change_leaves_no_audit_rows(engine: Engine, amy: int) -> None:
    with acting(engine, None) as session:
        create_account(session, AccountCreate(code="A", name="Acme"))
    before = _entries(engine)
    with pytest.raises(RuntimeError), acting(engine, None) as session:
        update_account(session, "A", AccountChanges(name="Changed"))
        raise RuntimeError("the request failed after the change")
    assert _entries(engine) == before


def test_secrets_are_never_written_and_team_changes_are_recorded(engine: Engine, amy: int) -> None:
    with acting(engine, None) as session:
        add_user(
            session, UserCreate(login="max", role=Role.MANAGER, teams=["north"], password="correct horse")
        )
        update_user(session, "max", UserChanges(teams=["north", "south"], role=Role.ADMIN))
    rows = _entries(engine, "users")
    password = [r for r in rows if r[3] == "password_hash"]
    assert password == [(AuditAction.CREATE, ActorKind.LOCAL_OPERATOR, None, "password_hash", None, "***")]
    teams = [(r[0], r[4], r[5]) for r in rows if r[3] == "teams"]
    assert teams == [(AuditAction.CREATE, None, [1]), (AuditAction.UPDATE, [1], [1, 2])]
    assert ("role", "manager", "admin") in [(r[3], r[4], r[5]) for r in rows]
    with engine.connect() as connection:
        stored = connection.execute(sa.select(AuditEntry.old_value, AuditEntry.new_value)).all()
    assert not any("argon2" in str(value) for row in stored for value in row)


def test_a_value_not_loaded_when_replaced_is_read_from_the_row(engine: Engine, amy: int) -> None:
    with acting(engine, None) as session:
        create_account(session, AccountCreate(code="A", name="Acme"))
    with acting(engine, None) as session:
        account = session.scalars(sa.select(Account).where(Account.code == "A")).one()
        session.expire(account, ["name"])
        account.name = "Renamed"
    assert _entries(engine)[-1][3:] == ("name", "Acme", "Renamed")


def test_a_bulk_update_is_recorded_and_refuses_rows_changed_meanwhile(engine: Engine, amy: int) -> None:
    with acting(engine, None) as session:
        for code in ("A", "B", "G"):
            create_account(session, AccountCreate(code=code, name=code))
    with acting(engine, None) as session:
        accounts = {a.code: a for a in session.scalars(sa.select(Account))}
        group = accounts["G"].id
        update_rows(session, [(accounts["A"], {"parent_id": group}), (accounts["B"], {"parent_id": group})])
        assert (accounts["A"].version, accounts["A"].parent_id) == (2, group)
        assert not session.dirty
    assert [(r[0], r[3], r[4], r[5]) for r in _entries(engine)[-2:]] == [
        (AuditAction.UPDATE, "parent_id", None, group),
        (AuditAction.UPDATE, "parent_id", None, group),
    ]
    with pytest.raises(StaleDataError), acting(engine, None) as session:
        account = session.scalars(sa.select(Account).where(Account.code == "A")).one()
        with engine.begin() as other:  # another session moves the row's version on
            other.execute(sa.update(Account).where(Account.code == "A").values(version=9))
        update_rows(session, [(account, {"parent_id": None})])
    with engine.connect() as connection:
        assert connection.scalar(sa.select(Account.parent_id).where(Account.code == "A")) == group


def test_a_change_without_an_actor_is_refused() -> None:
    from sqlalchemy.orm import Session

    from kam.workspace.access import actor_of

    with pytest.raises(RuntimeError, match="needs an actor"):
        actor_of(Session())


def test_who_made_and_changed_a_record_is_stamped(engine: Engine, amy: int) -> None:
    with acting(engine, "amy") as session:
        create_account(session, AccountCreate(code="A", name="Acme"))
    with acting(engine, None) as session:
        update_account(session, "A", AccountChanges(name="B"))
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(Account.created_by_id, Account.updated_by_id, Account.version)
        ).one()
        users = connection.scalar(sa.select(sa.func.count()).select_from(User))
    assert tuple(row) == (amy, None, 2) and users == 1
