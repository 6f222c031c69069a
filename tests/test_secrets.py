"""A database URL's password is never shown: not in messages, not in a driver's error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.secrets import hide_password, without_secrets

runner = CliRunner()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://kam:SECRET@db.example/kam", "postgresql://kam:***@db.example/kam"),
        ("mysql+pymysql://u:SECRET@h:3306/erp?charset=utf8", "mysql+pymysql://u:***@h:3306/erp?charset=utf8"),
        ("postgresql://u:SEC@RET@h/db", "postgresql://u:***@h/db"),  # an @ in the password
        ("postgresql://u:SEC/RET@h/db", "postgresql://u:***@h/db"),  # a / in the password
        ("postgresql://u@corp:SECRET@h/db", "postgresql://u@corp:***@h/db"),  # an @ in the user name
        ("postgresql://u:SECRET@h:notaport/db", "postgresql://u:***@h:notaport/db"),  # not parseable
        ("postgresql://:SECRET@h/db", "postgresql://:***@h/db"),
        (
            "postgresql://h/db?user=u&password=SECRET&sslmode=require",
            "postgresql://h/db?user=u&password=***&sslmode=require",
        ),
        ("u:SECRET@h/db", "u:***@h/db"),  # no scheme at all
        ("sqlite:///C:/data/a:b@c.db", "sqlite:///C:/data/a:b@c.db"),  # a file name, no password
        ("postgresql://kam@h/db", "postgresql://kam@h/db"),
    ],
)
def test_hide_password(url: str, shown: str) -> None:
    assert hide_password(url) == shown


def test_a_drivers_message_loses_the_password_of_its_url() -> None:
    url = "postgresql://u:p%40ss%2Fword@h/db"
    message = 'connection to "h" failed for u with password p@ss/word (p%40ss%2Fword) at postgresql://u:p%40ss%2Fword@h/db'
    cleaned = without_secrets(message, url)
    assert "p@ss/word" not in cleaned and "p%40ss%2Fword" not in cleaned
    assert cleaned.startswith('connection to "h" failed for u with password ***')


URLS = [
    "mysql://u:SECRET@h/db",  # no driver installed
    "mysql+nodriver://u:SECRET@h/db",  # no such dialect
    "postgresql://u:SECRET@h:notaport/db",  # not parseable
    "postgresql+psycopg://u:SECRET@127.0.0.1:1/db",  # nothing listens there
    "postgresql+psycopg://u:SEC@RET@127.0.0.1:1/db",
    "nonsense u:SECRET@h",
]


@pytest.mark.parametrize("url", URLS)
def test_analyze_never_shows_the_password(url: str) -> None:
    result = runner.invoke(app, ["analyze", url, "--table", "t"])
    assert result.exit_code == 2, result.output
    assert "SECRET" not in result.output and "RET@" not in result.output
    assert len(result.output.strip().splitlines()) == 1  # one line: no traceback, no driver's advice


@pytest.mark.parametrize("url", URLS)
def test_workspace_commands_never_show_the_password(url: str) -> None:
    result = runner.invoke(app, ["workspace", "init", "--db", url])
    assert result.exit_code == 2, result.output
    assert "SECRET" not in result.output and "RET@" not in result.output
