"""A database source that cannot be connected to is one line in kam's words: never the driver's text
(its advice, its addresses, a login) and never the password."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ImportValidationError
from kam.io.database import DatabaseUnreachable, read_database_table

DRIVER_WORDS = ("connection failed", "Connection refused", "Is the server running", "FATAL", "TCP/IP")


def _refused(url: str) -> DatabaseUnreachable:
    with pytest.raises(DatabaseUnreachable) as err:
        read_database_table(url, "sales")
    return err.value


def test_a_server_nobody_listens_on() -> None:
    error = _refused("postgresql+psycopg://kam:S3CRET@127.0.0.1:1/erp")
    assert error.message.key == "db_unreachable"
    assert error.message.params == {
        "where": "postgresql+psycopg://kam:***@127.0.0.1:1/erp",
        "server": "127.0.0.1:1",
    }
    assert error.status_code == 503 and isinstance(error, ImportValidationError)


@pytest.mark.parametrize("change", ["password", "database"])
def test_a_refused_login_or_a_missing_database_on_a_real_server(postgres_url: str, change: str) -> None:
    url = sa.make_url(postgres_url)
    url = url.set(password="S3CRET-wrong") if change == "password" else url.set(database="kam_no_such_db")
    error = _refused(url.render_as_string(hide_password=False))
    said = str(error)
    assert error.message.key == "db_unreachable"
    assert "S3CRET" not in said and not [w for w in DRIVER_WORDS if w in said]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://kam:S3CRET@127.0.0.1:1/erp",
        "postgresql+psycopg://kam:S3CRET@no-such-host.invalid/erp",
    ],
)
def test_the_command_says_one_line(url: str) -> None:
    result = CliRunner().invoke(app, ["analyze", url, "--table", "sales"], terminal_width=400)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot connect to the database server" in lines[0]
    assert "S3CRET" not in result.output and not [w for w in DRIVER_WORDS if w in result.output]


@pytest.mark.parametrize(
    "sqlstate,key,values",
    [
        ("28P01", "db_login_refused", {"user": "kam"}),
        ("3D000", "db_no_database", {"database": "erp"}),
        ("08006", "db_unreachable", {"server": "h:5433"}),
        (None, "db_unreachable", {"server": "h:5433"}),
    ],
)
def test_a_drivers_sqlstate_says_which(sqlstate: str | None, key: str, values: dict[str, str]) -> None:
    """Drivers that give the server's SQLSTATE for a failed connection (psycopg does not) get its words."""
    from kam.io.database import _connection_notice

    class Orig(Exception):
        pass

    orig = Orig("FATAL: something")
    orig.sqlstate = sqlstate  # type: ignore[attr-defined]
    exc = sa.exc.OperationalError("connect", {}, orig)
    url = sa.make_url("postgresql+psycopg://kam:pw@h:5433/erp")
    notice = _connection_notice(exc, url, "W")
    assert notice.key == key and notice.params == {"where": "W", **values}
