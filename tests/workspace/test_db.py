"""The database layer: one commit point, foreign keys enforced on both databases, UTC times, clear URL errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.workspace.accounts.models import Account
from kam.workspace.db import display_url, make_engine, parse_url, session_scope
from kam.workspace.errors import WorkspaceUnavailable
from kam.workspace.interactions.models import Interaction
from kam.workspace.vocabulary import InteractionKind

TAIPEI = dt.timezone(dt.timedelta(hours=8))


def _codes(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.scalars(sa.select(Account.code).order_by(Account.code)))


def test_session_scope_commits_when_the_block_succeeds(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Account(code="C001", name="Acme"))
    assert _codes(engine) == ["C001"]


def test_session_scope_rolls_back_when_the_block_raises(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Account(code="KEEP", name="Kept"))
    with pytest.raises(RuntimeError, match="boom"), session_scope(engine) as session:
        session.add(Account(code="C001", name="Acme"))
        session.flush()
        session.get_one(Account, 1).name = "Changed"
        raise RuntimeError("boom")
    assert _codes(engine) == ["KEEP"]
    with session_scope(engine) as session:
        assert session.scalars(sa.select(Account.name)).one() == "Kept"


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    when = dt.datetime(2025, 3, 14, tzinfo=dt.UTC)
    with pytest.raises(sa.exc.IntegrityError), session_scope(engine) as session:
        session.add(Interaction(account_id=999, kind=InteractionKind.CALL, occurred_at=when, title="x"))
        session.flush()


def test_deleting_an_account_deletes_its_interactions(engine: Engine) -> None:
    when = dt.datetime(2025, 3, 14, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        account = Account(code="C001", name="Acme")
        session.add(account)
        session.flush()
        session.add(
            Interaction(account_id=account.id, kind=InteractionKind.VISIT, occurred_at=when, title="x")
        )
    with session_scope(engine) as session:
        session.execute(sa.delete(Account))
    with session_scope(engine) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_times_are_stored_in_utc_and_read_back_with_their_zone(engine: Engine) -> None:
    local = dt.datetime(2025, 3, 14, 10, 30, tzinfo=TAIPEI)
    with session_scope(engine) as session:
        account = Account(code="C001", name="Acme")
        session.add(account)
        session.flush()
        session.add(
            Interaction(account_id=account.id, kind=InteractionKind.CALL, occurred_at=local, title="x")
        )
    with session_scope(engine) as session:
        stored = session.scalars(sa.select(Interaction.occurred_at)).one()
    assert stored == local
    assert stored.utcoffset() == dt.timedelta(0) and stored.hour == 2


def test_a_time_without_zone_is_refused(engine: Engine) -> None:
    with pytest.raises(sa.exc.StatementError, match="needs a timezone"), session_scope(engine) as session:
        session.add(Account(code="C001", name="Acme", created_at=dt.datetime(2025, 3, 14)))
        session.flush()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "team" / "kam" / "workspace.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert path.exists()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://kam@db/kam", "postgresql+psycopg"),
        ("postgres://kam@db/kam", "postgresql+psycopg"),
        ("postgresql+psycopg://kam@db/kam", "postgresql+psycopg"),
        ("sqlite:///kam-workspace.db", "sqlite"),
    ],
)
def test_urls_use_the_drivers_kam_ships(url: str, driver: str) -> None:
    assert parse_url(url).drivername == driver


def test_a_bad_url_is_named() -> None:
    with pytest.raises(WorkspaceUnavailable, match=r"'workspace\.db' is not a database URL"):
        parse_url("workspace.db")


def test_display_url_hides_the_password_and_shows_where_a_sqlite_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_url("sqlite:///kam-workspace.db") == f"sqlite:///{tmp_path / 'kam-workspace.db'}"
    assert display_url("postgresql://kam:secret@db/kam") == "postgresql+psycopg://kam:***@db/kam"
