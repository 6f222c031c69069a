"""API tokens on both databases: shown once, stored as their SHA-256, revocable, tied to an active user,
their last use written at most once a minute, and never failing a request."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.domain.users import Role
from kam.workspace.db import make_engine
from kam.workspace.errors import RecordNotFound
from kam.workspace.migrate import upgrade
from kam.workspace.tokens.models import ApiToken
from kam.workspace.tokens.schemas import TokenCreate
from kam.workspace.tokens.service import authenticate, create_token, list_tokens, revoke_token
from kam.workspace.users.schemas import UserChanges, UserCreate
from kam.workspace.users.service import add_user, update_user
from tests.workspace.team import acting


@pytest.fixture
def users(engine: Engine) -> Engine:
    with acting(engine, None) as session:
        add_user(session, UserCreate(login="amy", role=Role.REP, teams=["north"]))
        add_user(session, UserCreate(login="bob", role=Role.REP))
    return engine


def test_a_token_is_shown_once_and_only_its_hash_is_kept(users: Engine) -> None:
    with acting(users, None) as session:
        created = create_token(session, "amy", TokenCreate(name="laptop"))
    token = created.token
    assert token.startswith("kam_") and len(token) > 40
    with users.connect() as connection:
        stored = connection.execute(sa.select(ApiToken.token_hash)).scalar_one()
        everything = str(connection.execute(sa.text("SELECT * FROM api_tokens")).all())
        everything += str(connection.execute(sa.text("SELECT * FROM audit_entries")).all())
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in everything and token[4:] not in everything
    actor = authenticate(users, token)
    assert actor is not None and (actor.login, actor.role, len(actor.team_ids)) == ("amy", Role.REP, 1)


@pytest.mark.parametrize("token", ["", "kam_", "kam_wrong", "not-a-kam-token", "kam_" + "x" * 300])
def test_an_unknown_token_authenticates_nobody(users: Engine, token: str) -> None:
    assert authenticate(users, token) is None


def test_a_revoked_token_or_a_deactivated_user_authenticates_nobody(users: Engine) -> None:
    with acting(users, None) as session:
        first = create_token(session, "amy", TokenCreate())
        second = create_token(session, "amy", TokenCreate())
    with acting(users, None) as session:
        revoked = revoke_token(session, first.details.id)
    assert revoked.revoked_at is not None
    assert authenticate(users, first.token) is None and authenticate(users, second.token) is not None
    with acting(users, None) as session:
        update_user(session, "amy", UserChanges(active=False))
    assert authenticate(users, second.token) is None


def test_users_list_and_revoke_only_their_own_tokens(users: Engine) -> None:
    with acting(users, None) as session:
        amys = create_token(session, "amy", TokenCreate(name="a")).details.id
        bobs = create_token(session, "bob", TokenCreate(name="b")).details.id
    with acting(users, "amy") as session:
        assert [t.id for t in list_tokens(session)] == [amys]
        with pytest.raises(RecordNotFound):
            revoke_token(session, bobs)
        with pytest.raises(RecordNotFound):
            create_token(session, "bob", TokenCreate())
        assert create_token(session, "amy", TokenCreate()).details.user == "amy"
    with acting(users, None) as session:
        assert {t.id for t in list_tokens(session)} >= {amys, bobs}


def test_the_last_use_is_written_at_most_once_a_minute(users: Engine) -> None:
    with acting(users, None) as session:
        token = create_token(session, "amy", TokenCreate()).token

    def last_used() -> dt.datetime | None:
        with users.connect() as connection:
            return connection.scalar(sa.select(ApiToken.last_used_at))

    assert last_used() is None
    authenticate(users, token)
    first = last_used()
    authenticate(users, token)
    assert first is not None and last_used() == first
    with users.begin() as connection:
        connection.execute(sa.update(ApiToken).values(last_used_at=first - dt.timedelta(minutes=2)))
    authenticate(users, token)
    latest = last_used()
    assert latest is not None and latest > first - dt.timedelta(minutes=1)
    with users.connect() as connection:
        assert connection.scalar(sa.select(ApiToken.version)) == 1  # bookkeeping, not a change


def test_a_database_busy_with_another_writer_skips_the_last_use_but_not_the_request(tmp_path: Path) -> None:
    """SQLite: while another connection holds the write lock, a token still authenticates (its last use
    is written by a later request); a read never fails for this bookkeeping."""
    path = tmp_path / "workspace.db"
    upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}?timeout=0.1")  # give up waiting for the lock quickly
    try:
        with acting(engine, None) as session:
            add_user(session, UserCreate(login="amy", role=Role.REP))
            token = create_token(session, "amy", TokenCreate()).token
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
        actor = authenticate(engine, token)
        writer.execute("ROLLBACK")
        writer.close()
        with engine.connect() as connection:
            skipped = connection.scalar(sa.select(ApiToken.last_used_at))
        assert actor is not None and (actor.login, skipped) == ("amy", None)
        authenticate(engine, token)
        with engine.connect() as connection:
            assert connection.scalar(sa.select(ApiToken.last_used_at)) is not None
    finally:
        engine.dispose()
