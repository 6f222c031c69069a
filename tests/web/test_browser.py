"""The pages in a real browser (headless Chromium through Playwright) against `kam serve` on a free port:
sign in (and a wrong password), the sign-in limit, a forged form refused, the language switch, a rep
reaching another team's account by URL, the decision chain drawn and edited in place with a conflict,
and no request to any other host."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.stakeholders.schemas import StakeholderChanges
from kam.workspace.stakeholders.service import update_stakeholder
from tests.render.browser import Visit, browser
from tests.web.conftest import PASSWORD, build_web_team

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, int]]]:
    """`kam serve` on a workspace with the team: (base URL, workspace URL, stakeholder ids)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'workspace.db'}"
    people = build_web_team(url)
    port = _free_port()
    env = {**os.environ, "KAM_WORKSPACE__WEB_LOGIN_FAILURES_PER_LOGIN": "3"}
    env["PYTHONPATH"] = str(Path(__file__).parents[2] / "src")
    process = subprocess.Popen(
        [sys.executable, "-m", "kam", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("kam serve did not start") from None
                time.sleep(0.2)
        yield base, url, people
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as launched:
        yield launched


@pytest.fixture
def tab(chromium: Any, server: tuple[str, str, dict[str, int]]) -> Iterator[Visit]:
    """A fresh browser context on the server: every request off the server is aborted and recorded."""
    base = server[0]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    seen = Visit(context.new_page())

    def refuse(route: Any) -> None:
        seen.blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(base + "/"), refuse)
    seen.page.on("request", lambda request: seen.requests.append(request.url))
    seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
    seen.page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    seen.page.set_default_timeout(15_000)
    try:
        yield seen
    finally:
        context.close()
        assert seen.blocked == [], "no request leaves the machine"


def _status_line(status: int, reason: str) -> str:
    """What Chromium logs for an answer with an error status (an expected one, here)."""
    return f"Failed to load resource: the server responded with a status of {status} ({reason})"


def _sign_in(tab: Visit, base: str, login: str, password: str = PASSWORD) -> None:
    tab.page.goto(f"{base}/login")
    tab.page.fill("input[name=login]", login)
    tab.page.fill("input[name=password]", password)
    tab.page.click("#sign-in")
    tab.page.wait_for_load_state("load")


def test_sign_in_with_a_wrong_password_then_the_right_one(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy", "not the password")
    assert tab.page.text_content("#login-error") == "Wrong login or password."
    assert tab.errors == [_status_line(401, "Unauthorized")]
    tab.errors.clear()
    _sign_in(tab, base, "amy")
    assert tab.page.url == f"{base}/portfolio"
    assert tab.page.text_content("#whoami") == "Signed in as amy (amy)"
    tab.page.click("#accounts a >> text=A Ltd")
    tab.page.wait_for_selector("#chain-chart svg")
    assert tab.page.url == f"{base}/accounts/A" and tab.errors == []


def test_sign_ins_past_the_limit_get_the_429_page(tab: Visit, server: Any) -> None:
    base = server[0]
    for _ in range(3):
        _sign_in(tab, base, "ann", "wrong password")
    response = tab.page.goto(f"{base}/login")
    tab.page.fill("input[name=login]", "ann")
    tab.page.fill("input[name=password]", PASSWORD)
    with tab.page.expect_response(f"{base}/login") as answer:
        tab.page.click("#sign-in")
    assert response is not None and answer.value.status == 429
    assert tab.page.text_content("h1") == "Too many tries"


def test_a_forged_form_is_refused(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.eval_on_selector(
        "form[action='/logout'] input[name=csrf_token]", "input => input.value = 'forged'"
    )
    with tab.page.expect_response(f"{base}/logout") as answer:
        tab.page.click("#logout")
    assert answer.value.status == 403 and tab.page.text_content("h1") == "Not allowed"
    tab.page.goto(f"{base}/portfolio")
    assert tab.page.url == f"{base}/portfolio"  # still signed in


def test_the_language_switch_is_remembered(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "max")
    tab.page.click("button[value=zh-Hant]")
    tab.page.wait_for_load_state("load")
    assert tab.page.get_attribute("html", "lang") == "zh-Hant" and tab.page.text_content("h1") == "客戶組合"
    tab.page.goto(f"{base}/accounts/A")
    assert tab.page.text_content("#decision-chain h2") == "決策鏈"
    tab.page.click("button[value=en]")
    tab.page.wait_for_load_state("load")
    assert (
        tab.page.url == f"{base}/accounts/A"
        and tab.page.text_content("#decision-chain h2") == "Decision chain"
    )


def test_a_rep_cannot_reach_another_teams_account_by_url(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "bob")
    response = tab.page.goto(f"{base}/accounts/A")
    assert response is not None and response.status == 404 and tab.page.text_content("h1") == "Not found"
    assert "Wang" not in tab.page.content()


def test_editing_a_stakeholder_that_someone_changed_meanwhile(tab: Visit, server: Any) -> None:
    base, url, people = server
    li = people["Li"]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/accounts/A")
    tab.page.click(f"#stakeholder-{li} button.edit")
    tab.page.wait_for_selector(f"#stakeholder-{li} form")
    engine = make_engine(url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_stakeholder(session, li, StakeholderChanges(title="Chief engineer"))
    engine.dispose()
    tab.page.fill(f"#stakeholder-{li} input[name=title]", "CTO")
    tab.page.click(f"#stakeholder-{li} button.save")
    tab.page.wait_for_selector("#conflict")
    assert "Someone changed this meanwhile" in (tab.page.text_content("#conflict") or "")
    assert tab.page.text_content(f"#stakeholder-{li} td.mine") == "Li"
    assert "Chief engineer" in (tab.page.text_content(f"#stakeholder-{li} table.versions") or "")
    tab.page.click(f"#stakeholder-{li} button.keep-mine")
    tab.page.wait_for_selector(f"#stakeholder-{li}[data-version]")
    assert "CTO" in (tab.page.text_content(f"#stakeholder-{li}") or "")
    assert tab.errors == [_status_line(409, "Conflict")]


def test_adding_a_stakeholder_marked_coach_redraws_the_org_chart(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/accounts/A")
    tab.page.wait_for_selector("#chain-chart svg")
    tab.page.click("#add-stakeholder")
    tab.page.wait_for_selector("#stakeholder-new form")
    tab.page.click("#stakeholder-new button.save")  # no name: the message beside the field
    tab.page.wait_for_selector("#error-name")
    assert tab.page.text_content("#error-name") == "Required."
    tab.page.fill("#stakeholder-new input[name=name]", "Zhou")
    tab.page.select_option("#stakeholder-new select[name=function]", "finance")
    tab.page.check("#stakeholder-new input[name=coach]")
    tab.page.click("#stakeholder-new button.save")
    tab.page.wait_for_selector("tr:has(td.name:text-is('Zhou')) .coach")
    tab.page.locator("#chain-chart svg", has_text="Zhou").wait_for()  # no eval: the pages' CSP forbids it
    assert tab.errors == [_status_line(422, "Unprocessable Entity")]
