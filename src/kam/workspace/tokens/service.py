"""API tokens: made from 32 random bytes, shown once, stored as their SHA-256, revocable.

Why SHA-256 and not argon2 as for passwords: a token is 256 random bits, so nobody can guess it from its
hash however fast the hash is (a password is slow to hash because it is guessable). A fast, unsalted
hash also lets every request find its token by an indexed lookup, where a salted slow hash would have to
be checked against every stored token. Whoever reads the database learns no token from it.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kam.workspace.access import Actor
from kam.workspace.db import is_busy, utcnow
from kam.workspace.errors import RecordNotFound
from kam.workspace.listing import PageRequest
from kam.workspace.tokens.models import ApiToken
from kam.workspace.tokens.repository import TokenRepository, actor_of_token, touch_token
from kam.workspace.tokens.schemas import TokenCreate, TokenCreated, TokenPublic
from kam.workspace.users.repository import UserRepository
from kam.workspace.vocabulary import RecordKind

PREFIX = "kam_"  # marks a kam token in a config file or a leak scanner's report
TOUCH_AFTER = dt.timedelta(minutes=1)  # how stale a token's last-use time may get before it is written


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, login: str, data: TokenCreate) -> TokenCreated:
    """A new token for user `login` (an admin for anyone, a user for themselves: the user must be in the
    actor's scope); the token is in the result and nowhere else."""
    user = UserRepository(session).by_login(login, write=True)
    if user is None:
        raise RecordNotFound(RecordKind.USER, login)
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(user=user, name=data.name, token_hash=token_hash(token))
    TokenRepository(session).add(record)
    return TokenCreated(token=token, details=_public(record))


def list_tokens(session: Session) -> list[TokenPublic]:
    """Every token the actor may see (an admin: all; a user: their own), newest first, revoked ones too."""
    tokens = TokenRepository(session).page([], PageRequest(per_page=500, sort="-id")).records
    return [_public(t) for t in tokens]


def revoke_token(session: Session, token_id: int) -> TokenPublic:
    """Revoke a token now (revoking it again keeps the first time); it authenticates nobody after this."""
    repo = TokenRepository(session)
    record = repo.get(token_id, write=True)
    if record is None:
        raise RecordNotFound(RecordKind.TOKEN, token_id)
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        repo.flush()
    return _public(record)


def authenticate(engine: Engine, token: str) -> Actor | None:
    """The actor a bearer token stands for, or None; read before the request's session (which needs the
    actor) is opened. The token's last use is written when it is older than TOUCH_AFTER (every request
    writing it would make every read a write), in a transaction of its own that gives way when the
    database is busy with other writers: a read never fails for this bookkeeping, which the next
    request writes."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    with engine.connect() as connection:
        found = actor_of_token(connection, token_hash(token))
    if found is None:
        return None
    actor, token_id, last_used = found
    now = utcnow()
    if last_used is None or now - last_used >= TOUCH_AFTER:
        try:
            with engine.begin() as connection:
                touch_token(connection, token_id, now)
        except sa.exc.OperationalError as exc:
            if not is_busy(exc):
                raise
    return actor


def _public(token: ApiToken) -> TokenPublic:
    return TokenPublic(
        id=token.id,
        user=token.user.login,
        name=token.name,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )
