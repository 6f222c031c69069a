"""The pages on a real workspace (a SQLite file or a PostgreSQL schema) with the sales team of
tests/workspace/team.py, each user with a password, and a decision chain on amy's account A; called in
process through Starlette's test client, signed in by the real sign-in form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kam.api.app import create_app
from kam.domain.decision_chain import Function, Stance
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.migrate import upgrade
from kam.workspace.settings import WorkspaceSettings
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder
from kam.workspace.users.models import User
from kam.workspace.users.passwords import hash_password
from tests.workspace.team import USERS, build_team

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def build_web_team(url: str) -> dict[str, int]:
    """The team, a password for each user, and A's decision chain (name -> stakeholder id)."""
    upgrade(url)
    engine = make_engine(url)
    try:
        build_team(engine)
        with session_scope(engine, LOCAL_OPERATOR) as session:
            hashed = hash_password(PASSWORD)
            session.execute(sa.update(User).values(password_hash=hashed))
            boss = create_stakeholder(
                session,
                StakeholderCreate(
                    account="A",
                    name="Wang",
                    function=Function.EXECUTIVE,
                    stance=Stance.SUPPORTER,
                    influence=5,
                ),
            )
            coach = create_stakeholder(
                session,
                StakeholderCreate(
                    account="A",
                    name="Li",
                    function=Function.TECHNICAL,
                    coach=True,
                    reports_to=boss.id,
                    influence=3,
                ),
            )
        return {"Wang": boss.id, "Li": coach.id}
    finally:
        engine.dispose()


@dataclass
class Browser:
    """A client of the pages with its cookies: signs in through the form, posts with the CSRF token."""

    client: TestClient
    people: dict[str, int]
    csrf: str = ""

    def get(self, path: str, **kwargs: Any) -> Any:
        response = self.client.get(path, **kwargs)
        found = CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response

    def sign_in(self, login: str, password: str = PASSWORD, headers: dict[str, str] | None = None) -> Any:
        self.get("/login")
        form = {"login": login, "password": password, "csrf_token": self.csrf}
        response = self.client.post("/login", data=form, headers=headers or {}, follow_redirects=False)
        if response.status_code == 303:
            self.get("/portfolio")
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, htmx: bool = True, **kwargs: Any) -> Any:
        headers = {"X-CSRF-Token": self.csrf, "HX-Request": "true"} if htmx else {}
        body = dict(data or {}) if htmx else {**(data or {}), "csrf_token": self.csrf}
        return self.client.post(path, data=body, headers=headers, follow_redirects=False, **kwargs)


@pytest.fixture
def web_app(workspace_url: str) -> Iterator[tuple[Any, dict[str, int]]]:
    people = build_web_team(workspace_url)
    settings = WorkspaceSettings(
        url=workspace_url, web_login_failures_per_login=3, web_login_failures_per_address=5
    )
    yield create_app(workspace_url, settings), people


@pytest.fixture
def browser(web_app: tuple[Any, dict[str, int]]) -> Iterator[Browser]:
    app, people = web_app
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Browser(client, people)


@pytest.fixture
def signed_in(browser: Browser) -> Browser:
    """amy (a rep of the north team, owner of A) signed in."""
    assert browser.sign_in("amy").status_code == 303
    return browser


LOGINS = sorted(USERS)
