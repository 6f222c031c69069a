"""`kam serve` for real: uvicorn in a child process on a free port, called over HTTP with a token; and a
workspace that was never initialised gets the same message as every other command."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

KAM = [sys.executable, "-m", "kam"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _kam(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KAM, *args], capture_output=True, text=True, input=stdin, timeout=120)


@pytest.fixture
def server(workspace_url: str) -> Iterator[tuple[str, str]]:
    """A workspace with user amy and her token, served by `kam serve` on a free port: (base URL, token)."""
    assert _kam("workspace", "init", "--db", workspace_url).returncode == 0
    assert _kam("users", "add", "amy", "--role", "rep", "--db", workspace_url).returncode == 0
    assert (
        _kam("accounts", "add", "A1", "--name", "Acme", "--owner", "amy", "--db", workspace_url).returncode
        == 0
    )
    made = _kam("tokens", "create", "amy", "--name", "test", "--db", workspace_url)
    token = made.stdout.strip()
    assert made.returncode == 0 and token.startswith("kam_") and token not in made.stderr
    port = _free_port()
    process = subprocess.Popen(
        [*KAM, "serve", "--db", workspace_url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"kam serve did not start: {process.communicate()}") from None
                time.sleep(0.2)
        yield base, token
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert token not in errors  # the server's log never holds a token


@pytest.mark.slow
def test_the_real_server_answers_a_token_and_refuses_anonymous_requests(server: tuple[str, str]) -> None:
    base, token = server
    auth = {"Authorization": f"Bearer {token}"}
    me = httpx.get(f"{base}/api/v1/users/me", headers=auth, timeout=10)
    assert (me.status_code, me.json()["login"]) == (200, "amy")
    accounts = httpx.get(f"{base}/api/v1/accounts?total=true", headers=auth, timeout=10).json()
    assert ([a["code"] for a in accounts["items"]], accounts["total"]) == (["A1"], 1)
    made = httpx.post(
        f"{base}/api/v1/accounts", headers=auth, json={"code": "A2", "name": "新客戶"}, timeout=10
    )
    assert (made.status_code, made.json()["owner"]) == (201, "amy")
    anonymous = httpx.get(f"{base}/api/v1/accounts", timeout=10)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "api_not_authenticated"
    assert "server" not in anonymous.headers  # uvicorn does not announce itself


def test_serving_an_uninitialised_workspace_says_to_run_init(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing.db'}"
    done = _kam("serve", "--db", url, "--port", str(_free_port()))
    assert done.returncode == 2
    assert (
        done.stderr == f"error: workspace {url} does not exist; run `kam workspace init --db {url}` first\n"
    )
    assert not (tmp_path / "missing.db").exists()
