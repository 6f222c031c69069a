"""GET /api/v1/referrals on both databases: each referrer the caller may see, credited with the
accounts it brought that the caller may see, a referral's day on the account, nothing of another
team's in any answer, and the note in the caller's language."""

from __future__ import annotations

from tests.api.conftest import Api


def _refer(api: Api) -> None:
    """A brought N (with a day) and U; bob's B brought amy's A."""
    for code, referrer, day in (("N", "A", "2026-03-02"), ("U", "A", None), ("A", "B", "2020-05-01")):
        body = {"version": 1, "referred_by": referrer, **({"referred_on": day} if day else {})}
        assert api.call("PATCH", f"/accounts/{code}", "ada", json=body).status_code == 200


def test_referrers_are_credited_with_what_each_caller_may_see(api: Api) -> None:
    _refer(api)
    everything = api.call("GET", "/referrals", "ada").json()
    assert [
        (c["referrer"], c["accounts"], [a["code"] for a in c["referred"]]) for c in everything["items"]
    ] == [
        ("A", 2, ["N", "U"]),
        ("B", 1, ["A"]),
    ]
    assert everything["items"][0]["referred"][0]["referred_on"] == "2026-03-02"
    assert (everything["total"], everything["analysis_as_of"], everything["items"][0]["revenue"]) == (
        2,
        None,
        None,
    )
    managers = api.call("GET", "/referrals", "max").json()
    assert [c["referrer"] for c in managers["items"]] == ["A"] and managers["total"] == 1
    amys = api.call("GET", "/referrals", "amy")
    assert amys.status_code == 200 and (amys.json()["items"], amys.json()["total"]) == ([], 0)
    assert '"B"' not in amys.text and "bob" not in amys.text
    assert api.call("GET", "/accounts/A", "amy").json()["referred_on"] is None  # B's day is not shown


def test_the_note_is_in_the_callers_language_and_bad_parameters_are_422(api: Api) -> None:
    said = api.call("GET", "/referrals", "ada", headers={"Accept-Language": "zh-CN"}).json()["note"]
    assert said == "工作区尚未保存任何分析，因此被介绍客户的营收与利润未知；目前仅计算客户数"
    assert api.call("GET", "/referrals", "ada", params={"per_page": 0}).status_code == 422
    assert api.call("GET", "/referrals", "ada", params={"referer": "A"}).status_code == 422  # misspelt
    assert api.call("GET", "/referrals").status_code == 401


def test_a_referral_day_without_a_referrer_is_422(api: Api) -> None:
    refused = api.call(
        "POST", "/accounts", "ada", json={"code": "X", "name": "X", "referred_on": "2026-01-01"}
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "referral_date_without_referrer"
