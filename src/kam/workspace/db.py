"""The database layer: declarative base, engines for SQLite and PostgreSQL, and the one place that commits."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.pool import NullPool, QueuePool

from kam.i18n import Notice
from kam.secrets import hide_password, unquoted_at_in_password, without_secrets
from kam.workspace.access import ACTOR, Actor
from kam.workspace.errors import (
    WorkspaceBusy,
    WorkspaceDatabaseError,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceInMemory,
    WorkspaceNotInitialised,
    WorkspaceReadOnly,
    WorkspaceUnavailable,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every workspace model; constraint names are stable so migrations can refer to them."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(sa.TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored in UTC; SQLite (which drops the zone) and PostgreSQL read back alike."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"{value!r}: a workspace time needs a timezone")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def enum_column(enum: type[StrEnum], name: str) -> sa.Enum:
    """A StrEnum stored as its values in a VARCHAR with a CHECK constraint (no native PostgreSQL type)."""
    return sa.Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_url(url: str) -> URL:
    """A SQLAlchemy URL; plain `postgresql://` and `postgres://` use psycopg 3, the driver kam ships."""
    if unquoted_at_in_password(url):
        raise WorkspaceUnavailable(Notice("url_password_at", where=hide_password(url)))
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise WorkspaceUnavailable(Notice("ws_not_a_url", where=hide_password(url))) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for other databases and in-memory SQLite."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database)


def display_url(url: str | URL) -> str:
    """The URL to show users: the password hidden, a SQLite file as an absolute path."""
    parsed = parse_url(url) if isinstance(url, str) else url
    path = sqlite_file(parsed)
    if path is not None:
        parsed = parsed.set(database=str(path.resolve()))
    return hide_password(parsed.render_as_string(hide_password=False))


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | URL, *, serving: bool = False) -> Engine:
    """A new engine for `url`; SQLite gets enforced foreign keys and the folder of its file created.
    Use `shared_engine` to work on a workspace: this one is the caller's to dispose. `serving`: the
    engine of a server on this one workspace (see `_pool_options`)."""
    parsed = parse_url(url) if isinstance(url, str) else url
    path = sqlite_file(parsed)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise WorkspaceUnavailable(Notice("ws_no_folder", folder=path.parent, reason=reason)) from None
    try:
        engine = sa.create_engine(parsed, **_pool_options(parsed, serving))
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        reason = without_secrets(str(exc), parsed.render_as_string(hide_password=False))
        raise WorkspaceUnavailable(
            Notice("ws_cannot_use", where=display_url(parsed), reason=reason)
        ) from None
    if parsed.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


SERVING_POOL = 8  # connections a server keeps open to its workspace
SERVING_OVERFLOW = 32  # more it may open under load (closed again when returned)


def _pool_options(url: URL, serving: bool = False) -> dict[str, Any]:
    """A SQLite file gets no pool: opening it is cheap, and a pool would keep a file handle on every
    workspace the process ever used (and miss a file replaced or made read-only since). A database
    server gets a pool whose connections are checked before use: one dropped by a restarted server is
    replaced instead of failing a request.

    A server (`serving`) works on one workspace for its whole life and answers many requests at once:
    it keeps a pool on a SQLite file too (opening the file, reading its schema and dropping its page
    cache on every request cost about as much as a get's queries), and a larger one on a database
    server (connections beyond the pool are opened and closed per request)."""
    if url.get_backend_name() == "sqlite":
        if in_memory(url):
            return {}
        if not serving:
            return {"poolclass": NullPool}
        return {"poolclass": QueuePool, "pool_size": SERVING_POOL, "max_overflow": SERVING_OVERFLOW}
    sized = {"pool_size": SERVING_POOL, "max_overflow": SERVING_OVERFLOW} if serving else {}
    return {"pool_pre_ping": True, **sized}


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def shared_engine(url: str | URL, *, serving: bool = False) -> Engine:
    """The process's one engine for `url`, made on first use: every command, request and thread working
    on that database shares its connection pool. Disposed by `dispose_engines`, at the latest at exit.
    A server's (`serving`) is another, with a pool of its own (see `_pool_options`)."""
    parsed = parse_url(url) if isinstance(url, str) else url
    key = ("serving " if serving else "") + parsed.render_as_string(hide_password=False)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = make_engine(parsed, serving=serving)
    return engine


def dispose_engines() -> None:
    """Close the connections of every shared engine and forget the engines (a later use makes a new one)."""
    with _engines_lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.dispose()


atexit.register(dispose_engines)


class WorkspaceSession(Session):
    """A session on the workspace: it carries its actor (`kam.workspace.access`), which scopes its queries
    and signs its changes, and every flush writes the audit trail (`kam.workspace.audit.trail`)."""


@contextlib.contextmanager
def session_scope(engine: Engine, actor: Actor) -> Iterator[Session]:
    """One unit of work for `actor`: commit if the block succeeds, roll back if it raises. The only place
    commits happen."""
    from kam.workspace.audit import trail  # noqa: F401  (its listeners record every change)

    session = WorkspaceSession(engine, expire_on_commit=False, info={ACTOR: actor})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def in_memory(url: URL) -> bool:
    """True for an in-memory SQLite database, which is gone when its last connection closes."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite":
        return False
    return database in ("", ":memory:") or (
        database.startswith("file:")
        and (database.startswith("file::memory:") or url.query.get("mode") == "memory")
    )


def require_persistent(url: URL) -> None:
    """Refuse an in-memory database: a workspace in it would be lost as the command ends."""
    if in_memory(url):
        raise WorkspaceInMemory(display_url(url))


def _database_file(url: URL) -> str:
    """Where the workspace is, for a message: a SQLite database file (also given as a file: URI) as its
    path, any other database as its URL without the password."""
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database.startswith("file:") and not in_memory(url):
        return str(Path(database.removeprefix("file:").split("?")[0]).resolve())
    path = sqlite_file(url)
    return str(path.resolve()) if path is not None else display_url(url)


# SQLite's primary result codes (https://sqlite.org/rescode.html) and PostgreSQL's SQLSTATEs
# (https://www.postgresql.org/docs/current/errcodes-appendix.html) that kam can expect.
_SQLITE_READ_ONLY, _SQLITE_PERMISSION = 8, 3
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_FULL = 5, 6, 13
_SQLITE_CANNOT_OPEN = {14, 26, 11}  # CANTOPEN, NOTADB, CORRUPT
_PG_READ_ONLY = {"25006", "42501"}  # read-only transaction, permission denied
_PG_BUSY = {"55P03", "40P01", "40001"}  # lock timeout, deadlock, serialization failure
_PG_FULL = {"53100"}
_PG_NO_TABLE = {"42P01"}
_PG_CANNOT_CONNECT = ("08", "28", "3D", "57P", "53300")  # connection, login, no such database, shutdown


def is_busy(exc: sa.exc.DBAPIError) -> bool:
    """Whether `exc` says the database is busy (locked by another writer, a lock timeout, a deadlock):
    worth trying again later, not a fault."""
    orig = exc.orig
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return getattr(orig, "sqlstate", None) in _PG_BUSY


def database_error(exc: sa.exc.DBAPIError, url: URL, doing: str = "open") -> WorkspaceError:
    """The workspace error for a database failure: what happened and where, never SQLAlchemy's text
    (which holds the SQL and the row values) nor the URL's password. `doing` is "open" or "initialise"."""
    orig = exc.orig
    message = str(orig).strip().splitlines()[0] if orig is not None and str(orig).strip() else ""
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    sqlstate = getattr(orig, "sqlstate", None) if sqlite_code is None else None
    primary = None if sqlite_code is None else sqlite_code & 0xFF
    if primary in (_SQLITE_READ_ONLY, _SQLITE_PERMISSION) or sqlstate in _PG_READ_ONLY:
        return WorkspaceReadOnly(_database_file(url))
    if is_busy(exc):
        return WorkspaceBusy(_database_file(url))
    if primary == _SQLITE_FULL or sqlstate in _PG_FULL:
        return WorkspaceFull(_database_file(url))
    if sqlstate in _PG_NO_TABLE or (primary == 1 and message.startswith("no such table")):
        return WorkspaceNotInitialised(display_url(url))
    unreachable = sqlstate is None or sqlstate.startswith(_PG_CANNOT_CONNECT)
    if primary in _SQLITE_CANNOT_OPEN or (
        sqlite_code is None and unreachable and isinstance(exc, sa.exc.OperationalError)
    ):
        reason = without_secrets(message, url.render_as_string(hide_password=False))
        key = "ws_cannot_initialise" if doing == "initialise" else "ws_cannot_open"
        return WorkspaceUnavailable(Notice(key, where=display_url(url), reason=reason))
    return WorkspaceDatabaseError(display_url(url), type(orig or exc).__name__)


@contextlib.contextmanager
def database_errors(url: URL, doing: str = "open") -> Iterator[None]:
    """Inside the block, a database failure is raised as the `WorkspaceError` that says it (see
    database_error): the one place where SQLAlchemy's errors are translated."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        raise database_error(exc, url, doing) from None
