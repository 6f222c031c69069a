"""Migrations: they build exactly the models' schema, init is idempotent, and an unready database says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from kam.domain.users import Role
from kam.hints import Hint, HintKey
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.service import get_account
from kam.workspace.db import make_engine, session_scope
from kam.workspace.errors import WorkspaceNotInitialised, WorkspaceUnavailable
from kam.workspace.interactions.service import list_interactions
from kam.workspace.migrate import (
    alembic_config,
    head_revision,
    migration_connection,
    open_workspace,
    upgrade,
)
from kam.workspace.models import Base
from kam.workspace.users.schemas import UserCreate
from kam.workspace.users.service import add_user


def _differences(engine: Engine, metadata: sa.MetaData) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_migrations_build_exactly_the_models_schema(engine: Engine) -> None:
    assert _differences(engine, Base.metadata) == []
    tables = set(sa.inspect(engine).get_table_names())
    assert tables == {
        "accounts",
        "interactions",
        "call_analyses",
        "users",
        "teams",
        "team_members",
        "api_tokens",
        "audit_entries",
        "stakeholders",
        "needs",
        "deals",
        "deal_needs",
        "deal_stakeholders",
        "next_steps",
        "contracts",
        "analysis_runs",
        "account_analyses",
        "coverage_snapshots",
        "call_proposals",
        "alembic_version",
        "interaction_stakeholders",
        "interaction_users",
    }


def test_the_schema_comparison_sees_a_difference(engine: Engine) -> None:
    changed = sa.MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["accounts"].append_column(sa.Column("region", sa.String(50)))
    diffs = _differences(engine, changed)
    assert [d[0] for d in diffs if isinstance(d, tuple)] == ["add_column"]


def test_init_is_idempotent_and_keeps_the_data(workspace_url: str) -> None:
    first = upgrade(workspace_url)
    assert (first.before, first.after) == (None, head_revision())
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        session.add(Account(code="C001", name="Acme"))
    second = upgrade(workspace_url)
    assert (second.before, second.after) == (head_revision(), head_revision())
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert session.scalars(sa.select(Account.code)).all() == ["C001"]
    engine.dispose()


def test_downgrade_removes_every_table(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}


def test_a_database_without_the_workspace_schema_asks_for_init(workspace_url: str) -> None:
    engine = make_engine(workspace_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE other_app (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with (
        pytest.raises(WorkspaceNotInitialised, match=r"is not initialised$") as caught,
        open_workspace(workspace_url),
    ):
        pass
    assert caught.value.hint == Hint(HintKey.INIT_WORKSPACE, where=caught.value.where)
    assert caught.value.status_code == 503


def test_a_missing_sqlite_file_asks_for_init_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "workspace.db"
    with (
        pytest.raises(WorkspaceNotInitialised, match=r"does not exist$") as caught,
        open_workspace(f"sqlite:///{path}"),
    ):
        pass
    assert caught.value.hint == Hint(HintKey.INIT_WORKSPACE, where=f"sqlite:///{path}")
    assert not path.parent.exists()


def test_a_schema_from_a_newer_kam_is_named(engine: Engine, workspace_url: str) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with (
        pytest.raises(
            WorkspaceUnavailable, match=r"revision '9999', which this version of kam does not know"
        ),
        open_workspace(workspace_url),
    ):
        pass
    with pytest.raises(WorkspaceUnavailable, match=r"upgrade kam"):
        upgrade(workspace_url)


def _open(url: str) -> None:
    with open_workspace(url):
        pass


@pytest.mark.parametrize(("action", "doing"), [(upgrade, "initialise"), (_open, "open")])
def test_an_unreachable_server_is_a_clear_error_without_the_password(
    action: Callable[[str], object], doing: str
) -> None:
    with pytest.raises(
        WorkspaceUnavailable, match=rf"cannot {doing} the workspace postgresql\+psycopg://kam:\*\*\*@"
    ) as caught:
        action("postgresql://kam:secret@127.0.0.1:9/kam?connect_timeout=2")
    assert "secret" not in str(caught.value)


def _to(engine: Engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_the_team_migration_keeps_todays_accounts_and_their_free_text_owners(workspace_url: str) -> None:
    engine = make_engine(workspace_url)
    _to(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO accounts (id, code, name, owner, created_at, updated_at) VALUES "
                "(1, 'K001', '華東電力', 'Amy Chen', :at, :at), (2, 'K002', 'Acme', NULL, :at, :at)"
            ),
            {"at": dt.datetime(2025, 1, 2, tzinfo=dt.UTC)},
        )
        connection.execute(
            sa.text(
                "INSERT INTO interactions (id, account_id, kind, occurred_at, title, created_at) "
                "VALUES (1, 1, 'visit', :at, 'first visit', :at)"
            ),
            {"at": dt.datetime(2025, 1, 3, tzinfo=dt.UTC)},
        )
    _to(engine, "head")
    with session_scope(engine, LOCAL_OPERATOR) as session:
        k001 = get_account(session, "K001")
        assert (k001.owner, k001.owner_name, k001.version) == (None, "Amy Chen", 1)
        assert list_interactions(session)[0].title == "first visit"
        add_user(session, UserCreate(login="amy", display_name="Amy Chen", role=Role.REP))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        k001 = get_account(session, "K001")
        assert (k001.owner, k001.owner_name, k001.version) == ("amy", None, 2)
    _to(engine, "0001", down=True)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT code, owner FROM accounts ORDER BY code")).all()
    assert [tuple(r) for r in rows] == [("K001", None), ("K002", None)]  # amy's account has a user now
    engine.dispose()


def test_the_participants_migration_keeps_the_calls_and_lets_an_interaction_be_a_note(
    workspace_url: str,
) -> None:
    """0003 -> head: the interactions, their call analyses and the needs that name them stay (SQLite
    copies the table to change the kinds it allows); a note is then a kind, and going back makes the
    notes 'other'."""
    engine = make_engine(workspace_url)
    _to(engine, "0003")
    at = dt.datetime(2025, 1, 3, tzinfo=dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO accounts (id, code, name, version, created_at, updated_at) "
                "VALUES (1, 'K001', '華東電力', 1, :at, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            sa.text(
                "INSERT INTO interactions (id, account_id, kind, occurred_at, title, version, created_at, "
                "updated_at) VALUES (1, 1, 'call', :at, 'first call', 1, :at, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            sa.text(
                "INSERT INTO needs (id, account_id, statement, depth, kind, kind_overridden, kind_confidence,"
                " kind_reasons, status, interaction_id, version, created_at, updated_at) VALUES (1, 1, 'x',"
                " 'stated', 'need', false, 0.5, '[]', 'open', 1, 1, :at, :at)"
            ),
            {"at": at},
        )
    _to(engine, "head")
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT interaction_id FROM needs")).scalar_one() == 1
        connection.execute(sa.text("UPDATE interactions SET kind = 'note' WHERE id = 1"))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        [stored] = list_interactions(session)
        assert (stored.title, stored.kind, stored.notes, stored.stakeholders) == (
            "first call",
            "note",
            None,
            [],
        )
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(sa.text("UPDATE interactions SET kind = 'gossip' WHERE id = 1"))
    _to(engine, "0003", down=True)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT kind FROM interactions")).scalar_one() == "other"
    engine.dispose()
