"""Schema migrations (Alembic, shipped inside the package) and the check that a workspace is up to date."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from kam.i18n import Notice
from kam.workspace.db import (
    database_errors,
    display_url,
    parse_url,
    require_persistent,
    shared_engine,
    sqlite_file,
)
from kam.workspace.errors import WorkspaceNotInitialised, WorkspaceUnavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class UpgradeResult:
    """Where the workspace is and its schema revision before and after `upgrade`."""

    where: str
    before: str | None
    after: str


def alembic_config() -> Config:
    """Alembic's configuration built in code: no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(connection: sa.Connection) -> str | None:
    """The schema revision stored in the database; None when it was never initialised."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str) -> UpgradeResult:
    """Create or upgrade the workspace schema to the newest revision, in one transaction; idempotent."""
    parsed = parse_url(url)
    require_persistent(parsed)
    where = display_url(parsed)
    with database_errors(parsed, "initialise"), migration_connection(shared_engine(parsed)) as connection:
        before = current_revision(connection)
        _require_known(where, before)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        after = current_revision(connection)
    assert after is not None
    return UpgradeResult(where, before, after)


@contextlib.contextmanager
def migration_connection(engine: Engine) -> Iterator[sa.Connection]:
    """A connection in one transaction for the migrations. On SQLite, foreign keys are off while they
    run: a migration in batch mode copies a table and drops the old one, and dropping `accounts` with
    foreign keys on would delete every row that cascades from it (interactions, stakeholders...). The
    keys are checked before the transaction commits, and switched back on."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside a transaction, or SQLite ignores it
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def require_current(engine: Engine) -> None:
    """Fail with a clear message unless the database holds the schema this version of kam expects."""
    where = display_url(engine.url)
    with database_errors(engine.url), engine.connect() as connection:
        current = current_revision(connection)
    if current is None:
        raise WorkspaceNotInitialised(where)
    _require_known(where, current)
    if current != head_revision():
        raise WorkspaceNotInitialised(where, revision=current)


def _require_known(where: str, revision: str | None) -> None:
    """A revision this kam does not ship was written by a newer kam: never touch that database."""
    scripts = ScriptDirectory.from_config(alembic_config())
    if revision is not None and revision not in {s.revision for s in scripts.walk_revisions()}:
        raise WorkspaceUnavailable(Notice("ws_unknown_revision", where=where, revision=revision))


@contextlib.contextmanager
def open_workspace(url: str) -> Iterator[Engine]:
    """The process's engine on an initialised, up-to-date workspace (see `shared_engine`); never creates
    a database. A database failure inside the block is raised as the workspace error that says it."""
    parsed = parse_url(url)
    require_persistent(parsed)
    path = sqlite_file(parsed)
    if path is not None and not path.exists():
        raise WorkspaceNotInitialised(display_url(parsed), missing=True)
    engine = shared_engine(parsed)
    require_current(engine)
    with database_errors(parsed):
        yield engine
