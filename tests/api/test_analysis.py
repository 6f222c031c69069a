"""The analysis through the API on both databases: GET /api/v1/accounts/{code}/analysis (the latest, its
reasons in the caller's language, the history) and GET /api/v1/segment-changes, each caller reading only
what they may see (an account out of reach answers 404 as a missing one), and the money of referrals
and groups from the synced analysis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kam.workspace.analysis.run import run_accounts_sync
from tests.api.conftest import Api
from tests.workspace.team import OWNERS, ROLE_LOGIN, TARGETS, VISIBLE

Analyses = dict[dt.date, Path]
SINCE = "2025-01-01"


@pytest.fixture
def synced(api: Api, workspace_url: str, analyses: Analyses) -> Api:
    for folder in analyses.values():
        run_accounts_sync(workspace_url, folder)
    return api


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
@pytest.mark.parametrize("relation", ["own", "team", "other"])
def test_an_accounts_analysis_is_read_by_whoever_may_see_the_account(
    synced: Api, role: str, relation: str
) -> None:
    code = TARGETS[role][relation]
    got = synced.call("GET", f"/accounts/{code}/analysis", ROLE_LOGIN[role])
    if code in VISIBLE[role]:
        assert got.status_code == 200 and got.json()["account"] == code
        assert [h["as_of"] for h in got.json()["history"]] == ["2024-12-31", "2025-12-31"]
    else:
        missing = synced.call("GET", "/accounts/NOPE/analysis", ROLE_LOGIN[role])
        assert (got.status_code, missing.status_code) == (404, 404)
        assert got.json()["error"]["message"] == missing.json()["error"]["message"].replace("NOPE", code)


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_segment_changes_list_only_what_the_caller_may_see(synced: Api, role: str) -> None:
    got = synced.call("GET", "/segment-changes", ROLE_LOGIN[role], params={"since": SINCE})
    expected = sorted({"N", "U"} & VISIBLE[role])
    assert got.status_code == 200
    assert ([c["account"] for c in got.json()["items"]], got.json()["total"]) == (expected, len(expected))
    for hidden in set(OWNERS) - VISIBLE[role]:
        assert f'"{hidden}"' not in got.text


def test_which_key_accounts_became_lapsed(synced: Api) -> None:
    params = {"since": SINCE, "from_segment": "key", "to_segment": "lapsed"}
    got = synced.call("GET", "/segment-changes", "max", params=params).json()
    assert [
        (c["account"], c["from_segment"], c["to_segment"], c["from_as_of"], c["to_as_of"])
        for c in got["items"]
    ] == [("N", "key", "lapsed", "2024-12-31", "2025-12-31")]
    assert synced.call("GET", "/segment-changes", "ada", params={"since": "2025-13-01"}).status_code == 422
    assert (
        synced.call("GET", "/segment-changes", "ada", params={**params, "to_segment": "gone"}).status_code
        == 422
    )
    assert synced.call("GET", "/segment-changes", "ada").status_code == 422  # since is required
    assert synced.call("GET", "/segment-changes", params={"since": SINCE}).status_code == 401


def test_reasons_are_said_in_the_callers_language(synced: Api) -> None:
    english = synced.call("GET", "/accounts/N/analysis", "ada").json()["latest"]
    chinese = synced.call("GET", "/accounts/N/analysis", "ada", headers={"Accept-Language": "zh-CN"}).json()
    assert english["segment"] == "lapsed" and [r["code"] for r in english["reasons"]] == [
        "silent",
        "gap",
        "big",
        "volume",
    ]
    said = [r["text"] for r in chinese["latest"]["reasons"]]
    assert said != [r["text"] for r in english["reasons"]] and "天" in said[0]


def test_referrals_and_groups_carry_the_money_of_the_latest_analysis(synced: Api) -> None:
    for code, changes in (("N", {"referred_by": "A", "parent": "A"}), ("U", {"referred_by": "A"})):
        assert (
            synced.call("PATCH", f"/accounts/{code}", "ada", json={"version": 1, **changes}).status_code
            == 200
        )
    revenue = {
        code: synced.call("GET", f"/accounts/{code}/analysis", "ada").json()["latest"]["metrics"]["revenue"]
        for code in ("A", "N", "U")
    }
    credits = synced.call("GET", "/referrals", "ada").json()
    assert (credits["analysis_as_of"], credits["note"]) == ("2025-12-31", None)
    assert credits["items"][0]["revenue"] == pytest.approx(revenue["N"] + revenue["U"])
    group = synced.call("GET", "/accounts/A", "max").json()["group"]
    assert (group["accounts"], group["subsidiaries"]) == (2, ["N"])
    assert group["revenue"] == pytest.approx(revenue["A"] + revenue["N"])
    assert synced.call("GET", "/accounts/A", "amy").json()["group"] is None  # amy sees none of them
    listed = synced.call("GET", "/accounts", "max").json()["items"]
    assert {a["code"]: a["group"] is not None for a in listed if a["code"] in ("A", "N")} == {
        "A": True,
        "N": False,
    }
