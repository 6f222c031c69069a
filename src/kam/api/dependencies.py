"""What every endpoint depends on: the workspace's engine, who is asking (`current_actor`), and one
session per request (`WorkspaceSession`) that commits once when the endpoint succeeds and rolls back
when it fails, before the response is sent.

Who is asking is found by the authenticators in `AUTHENTICATORS`, in order: a bearer token, then the web
pages' session cookie (which must bring its CSRF token in the X-CSRF-Token header to change anything).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kam.web.auth import session_cookie
from kam.workspace.access import Actor
from kam.workspace.db import database_errors, session_scope
from kam.workspace.errors import NotAuthenticated
from kam.workspace.tokens.service import authenticate


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def bearer_token(request: Request, engine: Engine) -> Actor | None:
    """The actor of an `Authorization: Bearer TOKEN` header; None without one (or with another scheme)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    with database_errors(engine.url):
        return authenticate(engine, token.strip())


Authenticator = Callable[[Request, Engine], "Actor | None"]
AUTHENTICATORS: list[Authenticator] = [bearer_token, session_cookie]


def current_actor(request: Request, engine: Annotated[Engine, Depends(get_engine)]) -> Actor:
    """The user the request acts for; 401 when no authenticator knows them."""
    for authenticator in AUTHENTICATORS:
        actor = authenticator(request, engine)
        if actor is not None:
            return actor
    raise NotAuthenticated()


def get_session(
    engine: Annotated[Engine, Depends(get_engine)], actor: Annotated[Actor, Depends(current_actor)]
) -> Iterator[Session]:
    """The request's unit of work: the one place the API commits (see kam.workspace.db.session_scope)."""
    with database_errors(engine.url), session_scope(engine, actor) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
ActorDep = Annotated[Actor, Depends(current_actor)]
