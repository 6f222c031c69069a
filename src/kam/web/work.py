"""A page's unit of work: one workspace session for the reader, committed when the page's work succeeds
and rolled back when it fails (the same commit point as the API's, kam.workspace.db.session_scope)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.requests import Request

from kam.workspace.access import Actor
from kam.workspace.db import database_errors, session_scope


@contextlib.contextmanager
def unit_of_work(request: Request, actor: Actor) -> Iterator[Session]:
    engine: Engine = request.app.state.engine
    with database_errors(engine.url), session_scope(engine, actor) as session:
        yield session


def safe_next(target: str | None, default: str = "/") -> str:
    """Where to go after a form: a path on this site only (never //host or a scheme: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target[:2000]
