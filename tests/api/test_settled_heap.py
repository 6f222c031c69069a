"""A server's app (kam serve, and each of its workers) freezes what it built at its start out of the
garbage collector's full collections; an app made in a process that goes on (tests, scripts) does not."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kam.api import app as app_module
from kam.api.serving import app_from_environment, worker_environment
from kam.cli import app as cli
from kam.settings import load_settings
from kam.workspace.migrate import upgrade
from kam.workspace.settings import WorkspaceSettings


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'kam.db'}"
    upgrade(url)
    gc.unfreeze()
    yield url
    gc.unfreeze()  # give this test process back what a server would have kept frozen


def _settles(app: FastAPI) -> bool:
    """Whether starting `app` freezes the heap (and leaves it as it was after)."""
    gc.unfreeze()
    with TestClient(app):
        frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    return frozen


@pytest.mark.parametrize("settle", [True, False])
def test_a_server_app_freezes_its_start_and_others_do_not(url: str, settle: bool) -> None:
    app = app_module.create_app(url, WorkspaceSettings(url=url), settle_heap=settle)
    assert gc.get_freeze_count() == 0  # nothing is frozen until the server starts
    with TestClient(app) as client:
        frozen = gc.get_freeze_count()
        assert client.get("/login").status_code == 200  # and it serves as before
    assert (frozen > 0) is settle
    app.state.engine.dispose()


def test_kam_serve_serves_a_settled_app(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app))
    result = CliRunner().invoke(cli, ["serve", "--db", url])
    assert result.exit_code == 0, result.output
    assert len(served) == 1 and _settles(served[0])
    served[0].state.engine.dispose()


def test_each_worker_makes_a_settled_app(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in worker_environment(load_settings(), url).items():
        monkeypatch.setenv(name, value)
    app = app_from_environment()
    assert _settles(app)
    app.state.engine.dispose()
