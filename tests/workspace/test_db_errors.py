"""Database failures kam can expect reach the user as one clear line: never SQL, row values or a password."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg.errors
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.db import database_errors, make_engine, parse_url, session_scope
from kam.workspace.errors import (
    WorkspaceBusy,
    WorkspaceDatabaseError,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceNotInitialised,
    WorkspaceReadOnly,
    WorkspaceUnavailable,
)
from kam.workspace.migrate import upgrade
from kam.workspace.models import Base

runner = CliRunner()
SECRET_NAME = "Secret Customer 秘密"


def kam(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _assert_no_sql_or_values(output: str) -> None:
    for leaked in ("INSERT", "SELECT", "[SQL", "[parameters", "sqlalche.me", SECRET_NAME, "kamlocal"):
        assert leaked not in output, output


def _with_options(url: str, *options: str) -> str:
    """A PostgreSQL URL with more server settings (`-c name=value`) in its options."""
    parsed = sa.make_url(url)
    given = parsed.query.get("options", "")
    joined = " ".join([given, *(f"-c{o}" for o in options)] if given else [f"-c{o}" for o in options])
    return parsed.update_query_dict({"options": joined}).render_as_string(hide_password=False)


@pytest.fixture
def read_only_url(workspace_url: str, tmp_path: Path) -> str:
    """An initialised workspace opened read-only: the SQLite file in mode=ro, a read-only PostgreSQL session."""
    upgrade(workspace_url)
    if workspace_url.startswith("sqlite"):
        return f"sqlite:///file:{tmp_path / 'workspace.db'}?mode=ro&uri=true"
    return _with_options(workspace_url, "default_transaction_read_only=on")


def test_adding_to_a_read_only_workspace_says_so_without_sql_or_values(
    read_only_url: str, tmp_path: Path
) -> None:
    code, output = kam("accounts", "add", "K001", "--name", SECRET_NAME, "--db", read_only_url)
    assert code == 2
    assert "read-only" in output
    if read_only_url.startswith("sqlite"):
        assert str(tmp_path / "workspace.db") in output
    _assert_no_sql_or_values(output)


def test_importing_into_a_read_only_workspace_says_so_without_sql_or_values(
    read_only_url: str, tmp_path: Path
) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(f"customer_id,name\nK001,{SECRET_NAME}\n", encoding="utf-8")
    code, output = kam("accounts", "import", str(customers), "--db", read_only_url)
    assert code == 2 and "read-only" in output
    _assert_no_sql_or_values(output)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only files")
def test_a_read_only_sqlite_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "workspace.db"
    assert kam("workspace", "init", "--db", f"sqlite:///{path}")[0] == 0
    path.chmod(0o444)
    code, output = kam("accounts", "add", "K001", "--name", SECRET_NAME, "--db", f"sqlite:///{path}")
    assert code == 2 and f"the workspace database {path} is read-only" in output
    _assert_no_sql_or_values(output)


@pytest.fixture
def locked_url(workspace_url: str, tmp_path: Path) -> Iterator[str]:
    """A workspace another connection holds locked; kam waits 0.2 s for it."""
    upgrade(workspace_url)
    holder = make_engine(workspace_url)
    with holder.connect() as connection:
        if workspace_url.startswith("sqlite"):
            connection.exec_driver_sql("BEGIN EXCLUSIVE")
            yield f"{workspace_url}?timeout=0.2"
        else:
            connection.exec_driver_sql("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE")
            yield _with_options(workspace_url, "lock_timeout=200")
        connection.rollback()
    holder.dispose()


def test_a_locked_workspace_says_to_try_again(locked_url: str) -> None:
    code, output = kam("accounts", "add", "K001", "--name", SECRET_NAME, "--db", locked_url)
    assert code == 2 and "busy" in output and "run the command again" in output
    _assert_no_sql_or_values(output)


def test_a_full_database_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    upgrade(url)
    engine = make_engine(url)
    sa.event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA max_page_count = 20"))
    with (
        pytest.raises(WorkspaceFull) as raised,
        database_errors(parse_url(url)),
        session_scope(engine, LOCAL_OPERATOR) as s,
    ):
        s.add_all(Account(code=f"K{i:04d}", name=SECRET_NAME * 5) for i in range(2000))
    engine.dispose()
    assert str(tmp_path / "workspace.db") in str(raised.value)
    _assert_no_sql_or_values(str(raised.value))


def test_a_workspace_whose_tables_are_gone_asks_for_init(workspace_url: str) -> None:
    upgrade(workspace_url)
    engine = make_engine(workspace_url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):  # accounts and every table under them
            if table.name not in ("users", "teams", "team_members", "api_tokens", "audit_entries"):
                connection.execute(sa.text(f"DROP TABLE {table.name}"))
    engine.dispose()
    code, output = kam("accounts", "list", "--db", workspace_url)
    assert code == 2 and "is not initialised; run `kam workspace init --db" in output
    _assert_no_sql_or_values(output)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda path: path.mkdir(), "unable to open database file"),
        (lambda path: path.write_bytes(b"not a database " * 100), "file is not a database"),
    ],
)
def test_a_sqlite_file_that_cannot_be_opened_is_named(tmp_path: Path, make: object, problem: str) -> None:
    path = tmp_path / "workspace.db"
    make(path)  # type: ignore[operator]
    for command in (["workspace", "init"], ["accounts", "list"]):
        code, output = kam(*command, "--db", f"sqlite:///{path}")
        assert code == 2 and str(path) in output and problem in output, output


def test_a_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    folder = tmp_path / "a-file" / "sub"
    code, output = kam("workspace", "init", "--db", f"sqlite:///{folder / 'workspace.db'}")
    assert code == 2 and f"cannot create the folder {folder}" in output


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file::memory:?uri=true",
        "sqlite:///file:ws?mode=memory&uri=true",
    ],
)
@pytest.mark.parametrize(
    "command",
    [["workspace", "init"], ["accounts", "add", "K001", "--name", "Acme"], ["accounts", "list"]],
)
def test_an_in_memory_database_is_refused(url: str, command: list[str]) -> None:
    code, output = kam(*command, "--db", url)
    assert code == 2 and "in-memory database" in output and "Created" not in output


def _failure(orig: Exception) -> sa.exc.DBAPIError:
    """The error SQLAlchemy raises when the driver fails a statement, with SQL and values in its text."""
    statement, params = "INSERT INTO accounts (code, name) VALUES (%s, %s)", ("K001", SECRET_NAME)
    return sa.exc.DBAPIError.instance(statement, params, orig, psycopg.Error)


@pytest.mark.parametrize(
    ("orig", "expected"),
    [
        (psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"), WorkspaceReadOnly),
        (psycopg.errors.InsufficientPrivilege("permission denied for table accounts"), WorkspaceReadOnly),
        (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), WorkspaceBusy),
        (psycopg.errors.DeadlockDetected("deadlock detected"), WorkspaceBusy),
        (psycopg.errors.SerializationFailure("could not serialize access"), WorkspaceBusy),
        (psycopg.errors.DiskFull("could not extend file: No space left on device"), WorkspaceFull),
        (psycopg.errors.UndefinedTable('relation "accounts" does not exist'), WorkspaceNotInitialised),
        (psycopg.OperationalError("connection failed: server closed the connection"), WorkspaceUnavailable),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), WorkspaceUnavailable),
        (psycopg.errors.UniqueViolation("duplicate key value violates unique constraint"), WorkspaceDatabaseError),
        (psycopg.errors.StringDataRightTruncation("value too long for type character varying(200)"), WorkspaceDatabaseError),
    ],
)  # fmt: skip
def test_postgresql_failures_become_workspace_errors(orig: Exception, expected: type[WorkspaceError]) -> None:
    url = parse_url("postgresql://kam:kamlocal@db.example/kam")
    with pytest.raises(expected) as raised, database_errors(url):
        raise _failure(orig)
    assert "postgresql+psycopg://kam:***@db.example/kam" in str(raised.value)
    _assert_no_sql_or_values(str(raised.value))
