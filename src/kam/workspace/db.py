"""The database layer: declarative base, engines for SQLite and PostgreSQL, and the one place that commits."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session

from kam.workspace.errors import WorkspaceUnavailable

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
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise WorkspaceUnavailable(
            f"{url!r} is not a database URL; expected sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"
        ) from None
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
    return parsed.render_as_string(hide_password=True)


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`; SQLite gets enforced foreign keys and the folder of its file created."""
    parsed = parse_url(url) if isinstance(url, str) else url
    path = sqlite_file(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(parsed)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise WorkspaceUnavailable(f"{display_url(parsed)}: cannot use this database ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


@contextlib.contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back if it raises. The only place commits happen."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
