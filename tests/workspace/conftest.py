"""An initialised workspace on each real database (SQLite file, PostgreSQL schema) and a way to count queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.workspace.db import make_engine
from kam.workspace.migrate import upgrade


@pytest.fixture
def engine(workspace_url: str) -> Iterator[Engine]:
    """An engine on a workspace migrated to the newest schema."""
    upgrade(workspace_url)
    engine = make_engine(workspace_url)
    yield engine
    engine.dispose()


@contextmanager
def count_selects(engine: Engine) -> Iterator[list[str]]:
    """Collect every SELECT the engine runs inside the block."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
