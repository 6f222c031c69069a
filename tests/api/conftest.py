"""The API on a real workspace (a SQLite file or a PostgreSQL schema) with the sales team of
tests/workspace/team.py, called in process through Starlette's test client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kam.api.app import create_app
from kam.workspace.db import make_engine
from kam.workspace.migrate import upgrade
from kam.workspace.settings import WorkspaceSettings
from tests.workspace.team import build_team


@dataclass
class Api:
    """A client of the API and the token of each user of the team."""

    client: TestClient
    tokens: dict[str, str]

    def call(self, method: str, path: str, login: str | None = None, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if login is not None:
            headers["Authorization"] = f"Bearer {self.tokens[login]}"
        return self.client.request(method, f"/api/v1{path}", headers=headers, **kwargs)


@pytest.fixture
def api(workspace_url: str) -> Iterator[Api]:
    upgrade(workspace_url)
    engine = make_engine(workspace_url)
    tokens = build_team(engine)
    engine.dispose()
    app = create_app(workspace_url, WorkspaceSettings(url=workspace_url, api_max_body_bytes=4096))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, tokens)
