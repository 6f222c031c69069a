"""Read a table of a database (a SQLite file, PostgreSQL, any SQLAlchemy URL) with its types; the URL's
password is never shown, in kam's words or in the driver's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from kam.errors import ImportValidationError
from kam.i18n import Notice
from kam.io.readers import RawTable
from kam.secrets import hide_password, unquoted_at_in_password, without_secrets

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def read_database_table(url: str, table: str) -> RawTable:
    """Read a whole table through SQLAlchemy; the table name is reflected, never formatted into SQL.
    A SQLite file that does not exist is refused, not created."""
    import sqlalchemy as sa

    where = hide_password(url)
    if unquoted_at_in_password(url):
        raise ImportValidationError(Notice("url_password_at", where=where))
    try:
        parsed = sa.make_url(url)
        engine = sa.create_engine(parsed)
    except Exception as exc:  # a URL that does not parse, an unknown dialect, a driver not installed
        raise ImportValidationError(Notice("database_url", where=where, reason=_reason(exc, url))) from None
    if _missing_sqlite_file(parsed):
        engine.dispose()
        raise ImportValidationError(Notice("no_such_database", where=where))
    schema, _, name = table.rpartition(".")
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnreachable(_connection_notice(exc, parsed, where)) from None
    try:
        with connection:
            reflected = sa.Table(name, sa.MetaData(), schema=schema or None, autoload_with=connection)
            frame = pl.read_database(sa.select(reflected), connection)
    except sa.exc.NoSuchTableError:
        raise ImportValidationError(Notice("no_such_table", where=where, table=table)) from None
    except (sa.exc.SQLAlchemyError, pl.exceptions.PolarsError) as exc:
        raise ImportValidationError(
            Notice("database_table", where=where, table=table, reason=_reason(exc, url))
        ) from None
    finally:
        engine.dispose()
    return RawTable(f"{where} table {table}", frame.lazy(), frame.columns)


class DatabaseUnreachable(ImportValidationError):
    """The database of a source could not be connected to: the server is down or out of reach, the login
    is refused, or the database does not exist. Said in kam's words, never the driver's."""

    status_code = 503


# PostgreSQL's SQLSTATE classes for a refused login and a missing database
_LOGIN_REFUSED, _NO_DATABASE = "28", "3D"


def _connection_notice(exc: Exception, url: URL, where: str) -> Notice:
    """Why connecting failed, in one line of kam's: the driver's text holds the server's advice, its
    addresses and sometimes the login, and reads differently with every driver."""
    sqlstate = str(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")
    if sqlstate.startswith(_LOGIN_REFUSED):
        return Notice("db_login_refused", where=where, user=url.username or "")
    if sqlstate.startswith(_NO_DATABASE):
        return Notice("db_no_database", where=where, database=url.database or "")
    server = url.host or "localhost"
    return Notice("db_unreachable", where=where, server=f"{server}:{url.port}" if url.port else server)


def _missing_sqlite_file(url: URL) -> bool:
    """True for a SQLite file that does not exist (connecting would create it, empty)."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return False
    return not database.startswith("file:") and not Path(database).is_file()


def _reason(exc: Exception, url: str) -> str:
    """The first line of the driver's own message (connection refused, no such module, ...), without the
    password of `url`; the rest is the driver's advice and a link."""
    cause = getattr(exc, "orig", None) or exc
    text = str(cause).strip()
    return without_secrets(text.splitlines()[0] if text else type(cause).__name__, url)
