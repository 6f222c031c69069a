"""The portfolio and account pages: what each shows, to whom, in which language; errors as pages."""

from __future__ import annotations

import re

import pytest

from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.schemas import AccountChanges, AccountCreate, Wallet
from kam.workspace.accounts.service import create_account, update_account
from kam.workspace.contracts.schemas import ContractCreate
from kam.workspace.contracts.service import create_contract
from kam.workspace.db import make_engine, session_scope
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need
from tests.web.conftest import Browser

ROWS = re.compile(r'<tr>\s*<td><a href="/accounts/([^"]+)">')
HOSTILE = "<script>alert(1)</script>"


def _codes(page: str) -> list[str]:
    return ROWS.findall(page)


@pytest.mark.parametrize(
    ("login", "codes"), [("amy", ["A"]), ("max", ["A", "M", "N", "U"]), ("ada", list("ABDMNU"))]
)
def test_the_portfolio_lists_the_accounts_each_user_may_see(
    browser: Browser, login: str, codes: list[str]
) -> None:
    browser.sign_in(login)
    assert _codes(browser.get("/portfolio").text) == codes


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("owner=amy", ["A"]),
        ("team=north", ["A", "M", "N"]),
        ("team=south", ["B"]),
        ("q=b+ltd", ["B"]),
        ("sort=-code", list("UNMDBA")),
        ("type=dealer", ["B"]),
        ("ownership=state&type=dealer", []),
    ],
)
def test_the_portfolio_filters_and_sorts(
    browser: Browser, workspace_url: str, query: str, codes: list[str]
) -> None:
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(session, "B", AccountChanges(type="dealer"))
    engine.dispose()
    browser.sign_in("ada")
    assert _codes(browser.get(f"/portfolio?{query}").text) == codes


def test_a_filter_that_cannot_be_used_is_named_and_left_out(browser: Browser) -> None:
    browser.sign_in("ada")
    page = browser.get("/portfolio?type=spaceship&owner=amy")
    assert (
        _codes(page.text) == ["A"] and "These filters could not be used and were left out: type" in page.text
    )


def test_the_portfolio_says_no_analysis_is_stored_rather_than_making_one_up(signed_in: Browser) -> None:
    assert "No analysis is stored in this workspace yet" in signed_in.get("/portfolio").text


@pytest.mark.parametrize("code", ["B", "N", "NOPE"])
def test_a_rep_cannot_reach_another_account_by_url(signed_in: Browser, code: str) -> None:
    """Another team's account, a teammate's and one that does not exist: the same 404 page."""
    page = signed_in.get(f"/accounts/{code}")
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text
    assert f"no account with code &#39;{code}&#39;" in page.text
    assert signed_in.get(f"/accounts/{code}/stakeholders/new").status_code == 404


def test_a_stakeholder_of_another_account_is_not_found_through_this_one(browser: Browser) -> None:
    browser.sign_in("ada")
    li = browser.people["Li"]
    assert browser.get(f"/accounts/B/stakeholders/{li}").status_code == 404
    assert browser.post(f"/accounts/B/stakeholders/{li}/delete").status_code == 404


def test_the_account_page_shows_the_profile_contracts_referrals_chain_and_iceberg(
    signed_in: Browser, workspace_url: str
) -> None:
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(
            session,
            "A",
            AccountChanges(
                type="distributor",
                ownership="state",
                industry="steel",
                since="2001-03-04",
                wallet=Wallet(amount=900, unit="t"),
                competitors=["Rival"],
            ),
        )
        create_account(session, AccountCreate(code="R", name="Referred Co", owner="amy", referred_by="A"))
        for year, volume in ((2023, 120.0), (2024, 150.0)):
            create_contract(
                session, ContractCreate(account="A", year=year, product="rebar", volume=volume, unit="t")
            )
        top = create_need(session, NeedCreate(account="A", statement="Users are unhappy"))
        create_need(
            session, NeedCreate(account="A", statement="The manual is only in English", parent=top.id)
        )
    engine.dispose()
    page = signed_in.get("/accounts/A").text
    assert "<dd>Distributor</dd>" in page and "<dd>State</dd>" in page and "<dd>steel</dd>" in page
    assert "<dd>Rival</dd>" in page and "<dd>900 t</dd>" in page
    assert re.search(r"Mar 4, 2001 \(\d+ years\)", page)
    volume = re.search(r"id=\"volume-data\" hidden data-json='([^']+)'", page)
    assert (
        volume
        and '"years": [2023, 2024]' in volume.group(1)
        and '"values": [120.0, 150.0]' in volume.group(1)
    )
    assert '<a href="/accounts/R">Referred Co</a>' in page
    chain = re.search(r"id=\"chain-data\" hidden data-json='([^']+)'", page)
    assert (
        chain and '"name": "Wang\\nexecutive"' in chain.group(1) and '"symbol": "diamond"' in chain.group(1)
    )
    iceberg = page[page.index('id="iceberg"') :]
    assert (
        iceberg.index("Users are unhappy")
        < iceberg.index('<ul class="why">')
        < iceberg.index("only in English")
    )


def test_data_is_never_markup(signed_in: Browser, workspace_url: str) -> None:
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(session, "A", AccountChanges(name=HOSTILE + "'", industry="x' onmouseover='alert(2)"))
    engine.dispose()
    for path in ("/portfolio", "/accounts/A"):
        page = signed_in.get(path).text
        assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "x' onmouseover" not in page


def test_error_pages_speak_the_readers_language(signed_in: Browser) -> None:
    signed_in.post("/language", {"lang": "zh-Hans", "next": "/"}, htmx=False)
    page = signed_in.get("/accounts/B")
    assert page.status_code == 404 and "<h1>找不到</h1>" in page.text
    assert signed_in.get("/no/such/page").status_code == 404


def test_pages_allow_no_other_host(signed_in: Browser) -> None:
    response = signed_in.get("/accounts/A")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert not re.search(r"(src|href)=\"(https?:)?//", response.text)


@pytest.mark.parametrize("name", ["htmx.min.js", "echarts.min.js", "web.js", "web.css"])
def test_the_pages_assets_are_served_by_kam(browser: Browser, name: str) -> None:
    response = browser.client.get(f"/static/{name}")
    assert response.status_code == 200 and len(response.content) > 1000


def test_no_other_file_is_served_as_an_asset(browser: Browser) -> None:
    assert browser.client.get("/static/..%2Fsessions.py").status_code == 404
    assert browser.client.get("/static/README.md").status_code == 404


def test_an_unexpected_failure_is_a_500_page_that_tells_nothing_of_the_server(
    signed_in: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kam.web.portfolio

    def broken(*args: object) -> None:
        raise RuntimeError("secret detail of the server")

    monkeypatch.setattr(kam.web.portfolio, "portfolio", broken)
    page = signed_in.get("/portfolio", headers={"Accept-Language": "zh-TW"})
    assert page.status_code == 500 and "secret detail" not in page.text
    assert "<h1>伺服器發生錯誤</h1>" in page.text  # amy chose no language: her browser says Traditional


def test_an_api_error_stays_json(signed_in: Browser) -> None:
    response = signed_in.client.get("/api/v1/accounts/B")
    assert response.status_code == 404 and response.json()["error"]["code"] == "ws_account_not_found"
