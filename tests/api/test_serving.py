"""`kam serve --workers N`: the settings the command resolved reach every worker (the workspace, its
settings, and one key that signs the session cookies for all of them), and the real server with two
workers answers a token on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from kam.api.serving import app_from_environment, worker_environment
from kam.cli import app as cli
from kam.settings import Settings, load_settings
from tests.api.test_serve import KAM, _free_port, _kam


def test_a_worker_loads_the_settings_the_command_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_WORKSPACE__WEB_SESSION_MINUTES", "90")
    resolved = load_settings()
    env = worker_environment(resolved, "sqlite:////tmp/elsewhere.db")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KAM_WORKSPACE__WEB_SESSION_MINUTES")
    worker = load_settings()
    key = worker.workspace.web_secret_key
    assert key is not None and len(key.get_secret_value()) >= 32  # made once, for every worker
    assert worker.workspace.model_dump(exclude={"url", "web_secret_key"}) == resolved.workspace.model_dump(
        exclude={"url", "web_secret_key"}
    )
    assert (worker.workspace.url, worker.workspace.web_session_minutes) == ("sqlite:////tmp/elsewhere.db", 90)
    assert worker.calls == resolved.calls


def test_a_given_signing_key_is_kept_and_a_missing_one_is_made_once_per_start() -> None:
    def key(settings: Settings) -> str:
        return str(
            json.loads(worker_environment(settings, "sqlite:///a.db")["KAM_WORKSPACE"])["web_secret_key"]
        )

    base = load_settings()
    given = base.model_copy(
        update={"workspace": base.workspace.model_copy(update={"web_secret_key": SecretStr("k" * 40)})}
    )
    assert key(given) == "k" * 40
    unset = base.model_copy(update={"workspace": base.workspace.model_copy(update={"web_secret_key": None})})
    assert key(unset) != key(unset)  # each start its own key (the workers of one start share it)


def test_a_worker_makes_its_app_on_the_workspace_in_its_environment(
    workspace_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _kam("workspace", "init", "--db", workspace_url).returncode == 0
    for name, value in worker_environment(load_settings(), workspace_url).items():
        monkeypatch.setenv(name, value)
    app = app_from_environment()
    assert app.state.url == workspace_url


@pytest.mark.parametrize(("workers", "code"), [("0", 2), ("65", 2), ("two", 2)])
def test_the_number_of_workers_is_checked(workers: str, code: int, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--workers", workers]
    )
    assert result.exit_code == code and "--workers" in result.output


@pytest.mark.slow
def test_two_workers_answer_a_token(workspace_url: str) -> None:
    import subprocess
    import time

    assert _kam("workspace", "init", "--db", workspace_url).returncode == 0
    assert _kam("users", "add", "amy", "--role", "rep", "--db", workspace_url).returncode == 0
    token = _kam("tokens", "create", "amy", "--db", workspace_url).stdout.strip()
    port = _free_port()
    process = subprocess.Popen(
        [*KAM, "serve", "--db", workspace_url, "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base, answers = f"http://127.0.0.1:{port}", []
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.communicate()
                time.sleep(0.3)
        for _ in range(8):  # a new connection each: the workers share them out
            me = httpx.get(
                f"{base}/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
            )
            answers.append((me.status_code, me.json()["login"]))
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert answers == [(200, "amy")] * 8
    assert token not in errors and "kamlocal" not in errors  # neither the token nor the URL's password
