"""The stored analysis on the pages, on both databases: the portfolio's segments, curves, lists with
their reasons in each language, the segment filter and the moves, each for the accounts the reader may
see only; the account's value, trend, segment history, referrals' value and coach; the plan to download
(404 out of reach); the referral network; and the portfolio's weight with many accounts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kam.report.analysis_folder import read_analysis_folder
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.analysis.service import sync_analysis
from kam.workspace.db import make_engine, session_scope
from tests.web.conftest import Browser
from tests.workspace.analysis.analyses import EARLIER, LATER

ROWS = re.compile(r'<tr>\s*<td><a href="/accounts/([^"]+)">')


def _section(page: str, id_: str) -> str:
    start = page.index(f'id="{id_}"')
    end = page.find("</section>", start)
    return page[start : end if end > 0 else None]


def _listed(page: str, id_: str) -> list[str]:
    """The account codes a list of the analysis links to, in order."""
    return re.findall(
        r'<li class="segment-[a-z_]+(?: at-risk)?">\s*<a href="/accounts/([^"]+)"', _section(page, id_)
    )


@pytest.fixture
def analysed(browser: Browser, workspace_url: str, analyses: dict[dt.date, Path]) -> Browser:
    engine = make_engine(workspace_url)
    for as_of in (EARLIER, LATER):
        with session_scope(engine, LOCAL_OPERATOR) as session:
            sync_analysis(session, read_analysis_folder(analyses[as_of]))
    engine.dispose()
    return browser


@pytest.mark.parametrize(
    ("login", "key", "potential", "fake", "left_key", "lapsed"),
    [
        ("amy", ["A"], [], [], [], []),
        ("max", ["A"], ["U"], ["M"], ["N"], ["N"]),
        ("ada", ["A"], ["U"], ["D", "M", "B"], ["N"], ["N"]),
    ],
)
def test_the_portfolio_shows_the_analysis_of_the_accounts_each_user_may_see(
    analysed: Browser,
    login: str,
    key: list[str],
    potential: list[str],
    fake: list[str],
    left_key: list[str],
    lapsed: list[str],
) -> None:
    analysed.sign_in(login)
    page = analysed.get("/portfolio").text
    assert "No analysis is stored" not in page
    assert _listed(page, "key-accounts") == key
    assert _listed(page, "potential-accounts") == potential
    assert _listed(page, "fake-accounts") == fake  # one-off bulk, low-profit volume, profit squeezer
    moves = _section(page, "moves")
    assert (
        re.findall(r'href="/accounts/([^"]+)"', _section(moves, "left-key").split('id="became-lapsed"')[0])
        == left_key
    )
    assert re.findall(r'href="/accounts/([^"]+)"', _section(moves, "became-lapsed")) == lapsed


def test_the_counts_and_curves_cover_only_the_visible_accounts(analysed: Browser) -> None:
    analysed.sign_in("amy")
    page = analysed.get("/portfolio").text
    counts = dict(re.findall(r'data-segment="([a-z_]+)">[^<]*<b>(\d+)</b>', page))
    assert counts == {
        "key": "1",
        "potential": "0",
        "one_off_bulk": "0",
        "low_profit_volume": "0",
        "profit_squeezer": "0",
        "lapsed": "0",
        "regular": "0",
    }
    charts = re.search(r"id=\"portfolio-charts\" hidden data-json='([^']*)'", page)
    assert charts is not None
    import html
    import json

    data = json.loads(html.unescape(charts.group(1)))
    assert [point[2] for points in data["scatter"].values() for point in points] == ["A"]
    assert data["pareto"][-1] == [1.0, 1.0] and len(data["whale"]) == 2


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "% of net profit (rank #1, tier A)"), ("zh-Hant", "淨利"), ("zh-Hans", "净利")],
)
def test_the_reasons_are_said_in_the_readers_language(analysed: Browser, lang: str, said: str) -> None:
    analysed.sign_in("ada")
    analysed.post("/language", {"lang": lang, "next": "/portfolio"}, htmx=False)
    page = analysed.get("/portfolio").text
    reasons = re.findall(r'<li data-code="([a-z_]+)">([^<]+)</li>', _section(page, "key-accounts"))
    code, sentence = reasons[0]
    assert code == "share" and said in sentence


@pytest.mark.parametrize(
    ("segment", "codes"),
    [("key", ["A"]), ("lapsed", ["N"]), ("profit_squeezer", ["B"]), ("potential", ["U"]), ("nonsense", None)],
)
def test_the_segment_filter(analysed: Browser, segment: str, codes: list[str] | None) -> None:
    analysed.sign_in("ada")
    page = analysed.get(f"/portfolio?segment={segment}&team=").text
    table = page[page.index('id="accounts"') :]
    if codes is None:
        assert "could not be used" in page and "segment" in page  # left out, the others kept
    else:
        assert ROWS.findall(table) == codes


def test_a_rep_filtering_by_a_segment_sees_only_their_own(analysed: Browser) -> None:
    analysed.sign_in("amy")
    table = analysed.get("/portfolio?segment=lapsed").text
    assert ROWS.findall(table[table.index('id="accounts"') :]) == []


def test_the_account_page_shows_the_value_trend_history_and_coach(analysed: Browser) -> None:
    analysed.sign_in("amy")
    page = analysed.get("/accounts/A").text
    value = _section(page, "value")
    assert 'data-code="share"' in value
    history = re.findall(r"<tr(?: class=\"changed\")?><td>([^<]+)</td>", _section(value, "segment-history"))
    assert len(history) == 2  # both stored analyses, newest first
    trend = re.search(r"id=\"trend-data\" hidden data-json='([^']*)'", page)
    assert trend is not None and "2024-12-31" in trend.group(1) and "2025-12-31" in trend.group(1)
    coach = _section(page, "coach")
    assert re.search(r'id="coverage-score">\d+<', coach)
    assert len(re.findall(r"<tr data-part=", coach)) >= 3
    assert re.findall(r'<li data-kind="[a-z_]+">', coach)  # talking points for Wang and Li
    assert 'href="/accounts/A/plan.md"' in coach


def test_the_account_of_a_lapsed_key_account_shows_the_move(analysed: Browser) -> None:
    analysed.sign_in("max")
    value = _section(analysed.get("/accounts/N").text, "value")
    assert re.search(r'<tr class="changed"><td>[^<]+</td><td>Key account → Lapsed', value) or "→" in value


@pytest.mark.parametrize(("fmt", "start"), [("md", b"# "), ("xlsx", b"PK")])
def test_the_plan_downloads(analysed: Browser, fmt: str, start: bytes) -> None:
    analysed.sign_in("amy")
    response = analysed.client.get(f"/accounts/A/plan.{fmt}")
    assert response.status_code == 200 and response.content.startswith(start)
    assert "attachment" in response.headers["content-disposition"]


@pytest.mark.parametrize("code", ["B", "N", "NOPE"])
def test_the_plan_of_an_account_out_of_reach_is_not_found(signed_in: Browser, code: str) -> None:
    assert signed_in.client.get(f"/accounts/{code}/plan.md").status_code == 404


def test_the_plan_needs_a_sign_in(browser: Browser) -> None:
    response = browser.client.get("/accounts/A/plan.md", follow_redirects=False)
    assert response.status_code in (303, 401) and b"# " not in response.content


MANY = 10_000
SEGMENTS = ["key", "potential", "one_off_bulk", "low_profit_volume", "profit_squeezer", "lapsed", "regular"]


def _many_accounts(url: str) -> None:
    """MANY accounts, analysed twice: the later analysis puts them in every segment, and those now
    lapsed were key before (so the lists and the moves are full)."""
    from kam.domain.segments import Segment
    from kam.workspace.accounts.models import Account
    from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun

    engine = make_engine(url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        accounts = [Account(code=f"X{i:05d}", name=f"Account {i} 客戶") for i in range(MANY)]
        session.add_all(accounts)
        runs = [
            AnalysisRun(
                as_of=day,
                source="many",
                written_at="",
                basis="net_profit",
                customers=MANY,
                median_order=100.0,
                currency="CNY",
                settings={},
            )
            for day in (EARLIER, LATER)
        ]
        session.add_all(runs)
        session.flush()
        for run in runs:
            for i, account in enumerate(accounts):
                segment = Segment(SEGMENTS[i % len(SEGMENTS)])
                if run.as_of == EARLIER and segment is Segment.LAPSED:
                    segment = Segment.KEY
                session.add(
                    AccountAnalysis(
                        account_id=account.id,
                        run_id=run.id,
                        as_of=run.as_of,
                        segment=segment,
                        at_risk=i % 3 == 0,
                        tier="A",
                        reason_codes=[],
                        reason_values={},
                        revenue=1000.0 + i,
                        net_profit=100.0 - i % 200,
                        net_margin=0.1 - (i % 200) / 1000,
                    )
                )
    engine.dispose()


def test_the_portfolio_weighs_under_a_megabyte_with_many_accounts(
    browser: Browser, workspace_url: str
) -> None:
    _many_accounts(workspace_url)
    browser.sign_in("ada")
    page = browser.get("/portfolio")
    assert page.status_code == 200 and len(page.content) < 1_000_000
    assert len(ROWS.findall(page.text[page.text.index('id="accounts"') :])) == 100  # one page of the table
    assert _listed(page.text, "key-accounts")[:2] == [
        "X09996",
        "X09975",
    ]  # at risk first, the largest revenue first
    assert "Page 1 of" in page.text and 'href="/portfolio?sort=code&amp;page=2"' in page.text
    second = browser.get("/portfolio?page=2&segment=key").text
    assert ROWS.findall(second[second.index('id="accounts"') :])[0] == "X00700"  # the 101st key account


@pytest.mark.parametrize(("login", "edges"), [("ada", [("A", "N")]), ("max", [("A", "N")]), ("amy", [])])
def test_the_referral_network_shows_only_what_the_reader_may_see(
    analysed: Browser, workspace_url: str, login: str, edges: list[tuple[str, str]]
) -> None:
    import html
    import json

    from kam.workspace.accounts.schemas import AccountChanges
    from kam.workspace.accounts.service import update_account

    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(session, "N", AccountChanges(referred_by="A"))
    engine.dispose()
    analysed.sign_in(login)
    page = analysed.get("/referrals").text
    found = re.search(r"id=\"network-data\" hidden data-json='([^']*)'", page)
    assert found is not None
    graph = json.loads(html.unescape(found.group(1)))
    assert [(link["source"], link["target"]) for link in graph["links"]] == edges
    assert ("N Ltd" in page) == bool(edges)
