"""The coach's and the proposals' endpoints on both databases: the coach on an account and the portfolio
in the caller's language, proposals accepted and rejected, and nothing of an account out of reach in
any answer: 404 as for a missing one, the same body."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kam.workspace.db import make_engine
from tests.api.conftest import Api
from tests.workspace.coach.scenario import build_account, store_call
from tests.workspace.team import acting


@pytest.fixture
def coached(api: Api, workspace_url: str, tmp_path: Path) -> Iterator[Api]:
    """amy's A and bob's B, each with the scenario's records and its stored call."""
    engine = make_engine(workspace_url)
    for code, login in (("A", "amy"), ("B", "bob")):
        with acting(engine, login) as session:
            build_account(session, code)
        store_call(workspace_url, code, tmp_path, as_login=login)
    engine.dispose()
    yield api


def test_the_coach_on_an_account_in_the_callers_language(coached: Api) -> None:
    answer = coached.call("GET", "/accounts/A/coach", "amy", headers={"Accept-Language": "zh-Hant"})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["account"], body["previous"], body["change"]) == ("A", None, None)
    assert [p["name"] for p in body["parts"]] == [
        "coach", "decision_maker", "functions", "breadth", "stances", "opponents",
    ]  # fmt: skip
    assert body["score"] == round(sum(p["points"] for p in body["parts"]))
    unknown = next(f for f in body["findings"] if f["code"] == "stance_unknown")
    assert unknown["text"] == "1 位關係人的立場不明：陳主任。"
    assert "call_quote_before_discovery" in [f["code"] for f in body["findings"]]
    assert [b["name"] for b in body["talking_points"]] == ["王大明", "林工", "陳主任"]  # as recorded
    assert [d["score"] for d in body["history"]] == [body["score"]]


@pytest.mark.parametrize(
    ("login", "visible"), [("amy", ["A"]), ("bob", ["B"]), ("max", ["A", "M", "N", "U"])]
)
def test_the_portfolio_holds_only_what_the_caller_may_see(
    coached: Api, login: str, visible: list[str]
) -> None:
    answer = coached.call("GET", "/coach?sort=-coverage", login)
    assert answer.status_code == 200
    assert sorted(r["account"] for r in answer.json()["items"]) == visible
    assert answer.json()["sort"] == "-coverage"
    assert coached.call("GET", "/coach?sort=risk", login).status_code == 422


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/accounts/{code}/coach"),
        ("GET", "/accounts/{code}/proposals"),
    ],
)
def test_an_account_out_of_reach_is_404_like_a_missing_one(coached: Api, method: str, path: str) -> None:
    hidden = coached.call(method, path.format(code="B"), "amy")
    missing = coached.call(method, path.format(code="ZZ"), "amy")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.json()["error"]["message"] == missing.json()["error"]["message"].replace("ZZ", "B")
    assert "王大明" not in hidden.text


def test_proposals_are_accepted_and_rejected_once_and_only_by_who_may_see_them(coached: Api) -> None:
    listed = coached.call("GET", "/accounts/A/proposals", "amy").json()
    need = next(p for p in listed if p["kind"] == "need")
    speaker = next(p for p in listed if p["kind"] == "speaker")
    bobs = coached.call("GET", "/accounts/B/proposals", "bob").json()
    for action in ("accept", "reject"):
        out_of_reach = coached.call("POST", f"/proposals/{need['id']}/{action}", "bob")
        missing = coached.call("POST", f"/proposals/999999/{action}", "bob")
        assert (out_of_reach.status_code, missing.status_code) == (404, 404)
        assert out_of_reach.json()["error"]["message"] == missing.json()["error"]["message"].replace(
            "999999", str(need["id"])
        )
    accepted = coached.call("POST", f"/proposals/{need['id']}/accept", "amy")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    made = coached.call("GET", f"/needs/{accepted.json()['need']}", "amy").json()
    assert (made["statement"], made["account"], made["interaction"]) == (
        need["text"],
        "A",
        need["interaction"],
    )
    assert coached.call("POST", f"/proposals/{need['id']}/reject", "amy").status_code == 409
    rejected = coached.call("POST", f"/proposals/{speaker['id']}/reject", "amy")
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    pending = coached.call("GET", "/accounts/A/proposals?status=pending", "amy").json()
    assert len(pending) == len(listed) - 2
    assert [p["status"] for p in coached.call("GET", "/accounts/B/proposals", "bob").json()] == [
        p["status"] for p in bobs
    ]  # bob's untouched
