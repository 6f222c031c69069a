"""Signing in and out, the session cookie, CSRF, sign-in rate limiting, the language and the API
accepting the cookie with the same access control, on both databases."""

from __future__ import annotations

import pytest

from kam.web.sessions import COOKIE
from tests.web.conftest import Browser


def test_a_page_without_a_session_leads_to_the_sign_in_page(browser: Browser) -> None:
    response = browser.client.get("/accounts/A?x=1", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/accounts/A%3Fx%3D1")


def test_signing_in_sets_a_http_only_lax_cookie_and_shows_who_is_signed_in(browser: Browser) -> None:
    response = browser.sign_in("amy")
    assert (response.status_code, response.headers["location"]) == (303, "/portfolio")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    max_age = int(cookie.split("Max-Age=")[1].split(";")[0])
    assert "; Secure" not in cookie and 28_790 <= max_age <= 28_800  # web_session_minutes: 480
    page = browser.get("/portfolio")
    assert page.status_code == 200 and '<span id="whoami">Signed in as amy (amy)</span>' in page.text


def test_a_secure_cookie_when_the_setting_says_so(workspace_url: str) -> None:
    from fastapi.testclient import TestClient

    from kam.api.app import create_app
    from kam.workspace.settings import WorkspaceSettings
    from tests.web.conftest import build_web_team

    people = build_web_team(workspace_url)
    app = create_app(workspace_url, WorkspaceSettings(url=workspace_url, web_secure_cookie=True))
    with TestClient(app, base_url="https://testserver") as client:
        response = Browser(client, people).sign_in("amy")
    assert response.status_code == 303 and "; Secure" in response.headers["set-cookie"]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(browser: Browser) -> None:
    wrong = browser.sign_in("amy", "not the password")
    unknown = browser.sign_in("nobody", "not the password")
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert 'id="login-error">Wrong login or password.' in wrong.text
    assert browser.client.get("/portfolio", follow_redirects=False).status_code == 303


def test_sign_in_without_the_csrf_token_is_refused(browser: Browser) -> None:
    browser.get("/login")
    form = {"login": "amy", "password": "correct horse battery", "csrf_token": "forged"}
    response = browser.client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 403 and "did not come from kam" in response.text


def test_a_change_without_the_csrf_token_is_refused(signed_in: Browser) -> None:
    people = signed_in.people
    response = signed_in.client.post(
        f"/accounts/A/stakeholders/{people['Li']}/delete", headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert signed_in.get("/accounts/A").text.count('<tr id="stakeholder-') == 2


@pytest.mark.parametrize(("failures", "status"), [(2, 401), (3, 429)])
def test_sign_ins_are_limited_per_login(browser: Browser, failures: int, status: int) -> None:
    for _ in range(failures):
        assert browser.sign_in("amy", "wrong password").status_code == 401
    response = browser.sign_in("amy")  # the right password, after `failures` wrong ones (limit 3)
    assert response.status_code == (303 if status == 401 else 429)
    if status == 429:
        assert int(response.headers["retry-after"]) > 800 and "Too many failed sign-ins" in response.text


def test_sign_ins_are_limited_per_address(browser: Browser) -> None:
    for login in ("amy", "ann", "bob", "max", "ada"):  # 5 failures from one address, one per login
        assert browser.sign_in(login, "wrong password").status_code == 401
    assert browser.sign_in("ann").status_code == 429


def test_signing_out_ends_the_session(signed_in: Browser) -> None:
    response = signed_in.post("/logout", htmx=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert signed_in.client.get("/portfolio", follow_redirects=False).status_code == 303


def test_a_tampered_cookie_is_no_session(signed_in: Browser) -> None:
    value = signed_in.client.cookies[COOKIE]
    signed_in.client.cookies.set(COOKIE, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert signed_in.client.get("/portfolio", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("header", "lang", "title"),
    [("zh-TW,zh;q=0.9", "zh-Hant", "登入"), ("zh-CN", "zh-Hans", "登录"), ("fr, en;q=0.5", "en", "Sign in")],
)
def test_before_signing_in_the_browser_chooses_the_language(
    browser: Browser, header: str, lang: str, title: str
) -> None:
    page = browser.client.get("/login", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in page.text and f"<h1>{title}</h1>" in page.text


def test_the_language_chosen_is_remembered_for_the_user(signed_in: Browser) -> None:
    response = signed_in.post("/language", {"lang": "zh-Hant", "next": "/accounts/A"}, htmx=False)
    assert (response.status_code, response.headers["location"]) == (303, "/accounts/A")
    assert '<html lang="zh-Hant">' in signed_in.get("/portfolio", headers={"Accept-Language": "en"}).text
    signed_in.post("/logout", htmx=False)
    signed_in.sign_in("amy", headers={"Accept-Language": "en"})
    assert '<html lang="zh-Hant">' in signed_in.get("/portfolio", headers={"Accept-Language": "en"}).text


def test_the_api_accepts_the_session_cookie_with_the_same_access_control(signed_in: Browser) -> None:
    client = signed_in.client
    assert client.get("/api/v1/accounts/A").json()["code"] == "A"
    assert client.get("/api/v1/accounts/B").status_code == 404
    assert [a["code"] for a in client.get("/api/v1/accounts").json()["items"]] == ["A"]


def test_the_api_wants_the_csrf_header_for_a_change_by_cookie(signed_in: Browser) -> None:
    client, li = signed_in.client, signed_in.people["Li"]
    body = {"title": "CTO", "version": 1}
    refused = client.patch(f"/api/v1/stakeholders/{li}", json=body)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "web_csrf_refused")
    done = client.patch(f"/api/v1/stakeholders/{li}", json=body, headers={"X-CSRF-Token": signed_in.csrf})
    assert done.status_code == 200 and done.json()["title"] == "CTO"


def test_the_language_chosen_before_signing_in_is_kept_in_the_cookie(browser: Browser) -> None:
    browser.get("/login")
    response = browser.post("/language", {"lang": "zh-Hans", "next": "/login"}, htmx=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    page = browser.client.get("/login", headers={"Accept-Language": "en"})
    assert '<html lang="zh-Hans">' in page.text and "<h1>登录</h1>" in page.text
