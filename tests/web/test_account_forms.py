"""Accounts created and edited on the pages: a new account from the portfolio (messages beside each bad
field, a taken code beside the code), the profile card edited in place (a stale version shows both
versions), a soft delete with its undo, and the same reach as the API's."""

from __future__ import annotations

import re

import pytest

from kam.web.account_forms import wallet_text
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.schemas import AccountChanges, AccountPublic, WalletPublic
from kam.workspace.accounts.service import get_account, update_account
from kam.workspace.db import make_engine, session_scope
from kam.workspace.vocabulary import WalletKind
from tests.web.conftest import Browser
from tests.workspace.team import acting

NEW = {
    "code": "K9",
    "name": "Kaohsiung Steel",
    "type": "end_user",
    "ownership": "state",
    "industry": "steel",
    "since": "2019-04-01",
    "owner": "",
    "parent": "",
    "referred_by": "A",
    "referred_on": "2019-03-15",
    "wallet": "1200000 CNY",
    "competitors": "Baosteel, 中鋼、Baosteel",
}
PROFILE = {
    "name": "A Ltd",
    "type": "",
    "ownership": "",
    "industry": "",
    "since": "",
    "owner": "amy",
    "parent": "",
    "referred_by": "",
    "referred_on": "",
    "wallet": "",
    "competitors": "",
}


def _beside(text: str, field: str) -> str:
    found = re.search(rf'<span class="field-error" id="error-{field}">([^<]*)</span>', text)
    assert found, f"a message beside {field}"
    return found.group(1).replace("&#39;", "'").replace("&#34;", '"')


def _stored(url: str, code: str, login: str | None = None) -> AccountPublic:
    engine = make_engine(url)
    try:
        with acting(engine, login) as session:
            return get_account(session, code)
    finally:
        engine.dispose()


def test_the_portfolio_offers_a_new_account(signed_in: Browser) -> None:
    page = signed_in.get("/portfolio")
    assert 'href="/portfolio/new-account"' in page.text
    form = signed_in.get("/portfolio/new-account")
    assert form.status_code == 200
    assert all(f'name="{name}"' in form.text for name in ("code", *PROFILE, "csrf_token"))


def test_a_rep_creates_an_account_that_is_theirs(signed_in: Browser, workspace_url: str) -> None:
    created = signed_in.post("/portfolio/new-account", NEW, htmx=False)
    assert created.status_code == 303 and created.headers["location"] == "/accounts/K9"
    account = _stored(workspace_url, "K9", "amy")
    assert (account.name, account.type, account.ownership, account.industry) == (
        "Kaohsiung Steel", "end_user", "state", "steel",
    )  # fmt: skip
    assert (account.owner, account.referred_by, str(account.referred_on)) == ("amy", "A", "2019-03-15")
    assert account.wallet == WalletPublic(amount=1_200_000, unit="CNY", kind=WalletKind.MONEY)
    assert account.competitors == ["Baosteel", "中鋼"]
    page = signed_in.get("/accounts/K9")
    assert page.status_code == 200 and 'id="profile"' in page.text and "1,200,000 CNY" in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("code", "", "Required."),
        ("code", "x" * 65, "At most 64 characters."),
        ("name", "", "Required."),
        ("name", "x" * 201, "At most 200 characters."),
        ("type", "giant", "Not one of the choices."),
        ("ownership", "pirate", "Not one of the choices."),
        ("industry", "x" * 101, "At most 100 characters."),
        ("since", "last spring", "A date, such as 2024-03-01."),
        ("referred_on", "2019-02-30", "A date, such as 2024-03-01."),
        ("wallet", "a lot", "An amount and a unit, such as 5000 t or 1200000 CNY."),
        ("wallet", "2e16 CNY", "An amount and a unit"),
        ("competitors", "x" * 101, "At most 100 characters."),
        ("code", "A", "an account with code 'A' exists already"),  # a duplicate code
        ("referred_by", "NOPE", "referred_by 'NOPE': no account has this code"),
        ("referred_by", "B", "referred_by 'B': no account has this code"),  # out of amy's reach
        ("parent", "K9", "K9"),  # the account itself
        ("owner", "bob", "You would no longer see this account"),  # a rep creating one for another
    ],
)
def test_a_bad_field_of_a_new_account_is_shown_beside_it(
    signed_in: Browser, workspace_url: str, field: str, value: str, message: str
) -> None:
    refused = signed_in.post("/portfolio/new-account", {**NEW, field: value}, htmx=False)
    assert refused.status_code == 422
    assert message in _beside(refused.text, field)
    if field not in ("type", "ownership"):  # a choice that is none of the choices is not kept
        assert f'name="{field}" value="{value}"' in refused.text  # as it was typed
    assert signed_in.get("/accounts/K9").status_code == 404  # nothing was added


def test_a_referral_date_without_a_referrer_is_said_beside_the_date(signed_in: Browser) -> None:
    refused = signed_in.post("/portfolio/new-account", {**NEW, "referred_by": ""}, htmx=False)
    assert refused.status_code == 422 and "K9" in _beside(refused.text, "referred_on")


def test_editing_the_profile_in_place(signed_in: Browser, workspace_url: str) -> None:
    form = signed_in.get("/accounts/A/profile/edit")
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    assert 'name="owner" value="amy"' in form.text
    change = {**PROFILE, "name": "A Holdings", "industry": "textiles", "wallet": "5000 t", "version": "1"}
    saved = signed_in.post("/accounts/A/profile", change)
    assert saved.status_code == 200 and 'id="profile" data-version="2"' in saved.text
    assert "<dd>textiles</dd>" in saved.text and "5,000 t" in saved.text
    assert '<h1 id="account-name" hx-swap-oob="true">A Holdings' in saved.text  # the heading too
    account = _stored(workspace_url, "A")
    assert (account.name, account.industry, account.version) == ("A Holdings", "textiles", 2)
    again = signed_in.get("/accounts/A/profile/edit")
    assert 'name="wallet" value="5000 t"' in again.text and 'name="version" value="2"' in again.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Required."),
        ("type", "giant", "Not one of the choices."),
        ("since", "soon", "A date, such as 2024-03-01."),
        ("wallet", "CNY 5", "An amount and a unit"),
        ("parent", "A", "A"),  # the account itself
        ("owner", "", "You would no longer see this account"),  # a rep giving it away
    ],
)
def test_a_bad_field_of_the_profile_is_shown_beside_it(
    signed_in: Browser, workspace_url: str, field: str, value: str, message: str
) -> None:
    refused = signed_in.post("/accounts/A/profile", {**PROFILE, field: value, "version": "1"})
    assert refused.status_code == 422 and message in _beside(refused.text, field)
    assert 'name="version" value="1"' in refused.text
    assert _stored(workspace_url, "A").version == 1


def test_saving_keeps_a_link_the_reader_cannot_see(signed_in: Browser, workspace_url: str) -> None:
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:  # referred by bob's account, out of amy's reach
        update_account(session, "A", AccountChanges(referred_by="B"))
    engine.dispose()
    form = signed_in.get("/accounts/A/profile/edit")
    assert 'name="referred_by" value=""' in form.text
    saved = signed_in.post("/accounts/A/profile", {**PROFILE, "industry": "paper", "version": "2"})
    assert saved.status_code == 200
    assert _stored(workspace_url, "A").referred_by == "B"


def test_a_change_on_a_stale_version_shows_both_versions(signed_in: Browser, workspace_url: str) -> None:
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:  # someone else, meanwhile
        update_account(session, "A", AccountChanges(industry="chemicals"))
    engine.dispose()
    answer = signed_in.post("/accounts/A/profile", {**PROFILE, "industry": "steel", "version": "1"})
    assert answer.status_code == 409 and "Someone changed this meanwhile" in answer.text
    assert '<td class="mine">steel</td><td class="theirs">chemicals</td>' in answer.text
    assert 'name="version" value="2"' in answer.text  # "keep mine" posts on the current version
    assert 'hx-get="/accounts/A/profile"' in answer.text  # "take theirs" shows the saved card
    assert "chemicals" in signed_in.get("/accounts/A/profile").text
    kept = signed_in.post("/accounts/A/profile", {**PROFILE, "industry": "steel", "version": "2"})
    assert kept.status_code == 200 and "<dd>steel</dd>" in kept.text
    assert _stored(workspace_url, "A").industry == "steel"


def test_delete_then_undo(signed_in: Browser, workspace_url: str) -> None:
    deleted = signed_in.post("/accounts/A/profile/delete", htmx=False)
    assert deleted.status_code == 303 and deleted.headers["location"] == "/accounts/A/deleted"
    assert signed_in.get("/accounts/A").status_code == 404
    page = signed_in.get("/accounts/A/deleted")
    assert page.status_code == 200 and "A Ltd was deleted." in page.text
    assert 'action="/accounts/A/profile/restore"' in page.text
    assert "A Ltd" not in signed_in.get("/portfolio").text
    restored = signed_in.post("/accounts/A/profile/restore", htmx=False)
    assert restored.status_code == 303 and restored.headers["location"] == "/accounts/A"
    assert signed_in.get("/accounts/A").status_code == 200
    assert _stored(workspace_url, "A").deleted_at is None
    live = signed_in.client.get("/accounts/A/deleted", follow_redirects=False)
    assert live.status_code == 303 and live.headers["location"] == "/accounts/A"


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/accounts/B/profile", None),
        ("get", "/accounts/B/profile/edit", None),
        ("post", "/accounts/B/profile", {**PROFILE, "name": "Mine now", "version": "1"}),
        ("post", "/accounts/B/profile/delete", {}),
        ("post", "/accounts/B/profile/restore", {}),
        ("get", "/accounts/B/deleted", None),
    ],
)
def test_a_rep_cannot_reach_another_teams_account_by_url(
    signed_in: Browser, workspace_url: str, method: str, path: str, data: dict[str, str] | None
) -> None:
    answer = signed_in.get(path) if method == "get" else signed_in.post(path, data)
    assert answer.status_code == 404  # as the API answers: out of reach is the same as missing
    account = _stored(workspace_url, "B")
    assert (account.name, account.version, account.deleted_at) == ("B Ltd", 1, None)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/portfolio/new-account", NEW),
        ("/accounts/A/profile", {**PROFILE, "name": "Forged", "version": "1"}),
        ("/accounts/A/profile/delete", {}),
        ("/accounts/A/profile/restore", {}),
    ],
)
def test_a_change_without_the_csrf_token_is_refused(
    signed_in: Browser, workspace_url: str, path: str, data: dict[str, str]
) -> None:
    answer = signed_in.client.post(path, data=data, follow_redirects=False)
    assert answer.status_code == 403
    account = _stored(workspace_url, "A")
    assert (account.name, account.version, account.deleted_at) == ("A Ltd", 1, None)
    assert signed_in.get("/accounts/K9").status_code == 404


def test_a_manager_assigns_a_new_account_to_a_team_member(browser: Browser, workspace_url: str) -> None:
    browser.sign_in("max")
    created = browser.post(
        "/portfolio/new-account", {**NEW, "owner": "ann", "referred_by": "", "referred_on": ""}, htmx=False
    )
    assert created.status_code == 303
    assert _stored(workspace_url, "K9").owner == "ann"


def test_data_is_never_markup(signed_in: Browser) -> None:
    sly = "<script>alert(1)</script>"
    created = signed_in.post("/portfolio/new-account", {**NEW, "name": sly, "industry": sly}, htmx=False)
    assert created.status_code == 303
    page = signed_in.get("/accounts/K9").text
    assert sly not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("amount", "unit", "said"),
    [(1_200_000.0, "CNY", "1200000 CNY"), (1234.5, "t", "1234.5 t"), (1e15, "USD", "1000000000000000 USD")],
)
def test_a_wallet_is_written_in_plain_digits(amount: float, unit: str, said: str) -> None:
    wallet = WalletPublic(amount=amount, unit=unit, kind=WalletKind.VOLUME)
    assert wallet_text(wallet) == said


def test_the_pages_speak_the_readers_language(signed_in: Browser) -> None:
    signed_in.post("/language", {"lang": "zh-Hant", "next": "/portfolio"}, htmx=False)
    page = signed_in.get("/portfolio")
    assert "新增客戶" in page.text
    refused = signed_in.post("/portfolio/new-account", {**NEW, "since": "x"}, htmx=False)
    assert "請輸入日期" in _beside(refused.text, "since")
