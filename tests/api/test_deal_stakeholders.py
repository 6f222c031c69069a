"""The stakeholders involved in a deal through the API on both databases: given on create and change,
shown on get, another account's refused with a clear error (nothing stored), and the coach on the
account lists the deal's coverage judged on them."""

from __future__ import annotations

from tests.api.conftest import Api


def _person(api: Api, account: str, name: str, **fields: object) -> int:
    made = api.call("POST", "/stakeholders", "ada", json={"account": account, "name": name, **fields})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_a_deals_stakeholders_round_trip_and_the_coach_judges_it_on_them(api: Api) -> None:
    boss = _person(api, "A", "Wang", function="finance", decision_role="decision_maker", stance="supporter")
    coach = _person(api, "A", "Li", function="technical", influence=4, coach=True, stance="supporter")
    stranger = _person(api, "N", "Ann")
    made = api.call("POST", "/deals", "amy", json={"account": "A", "title": "Coil", "stakeholders": [coach]})
    assert made.status_code == 201 and made.json()["stakeholders"] == [coach]
    deal = made.json()["id"]
    refused = api.call(
        "PATCH", f"/deals/{deal}", "amy", json={"version": 1, "stakeholders": [boss, stranger]}
    )
    assert refused.status_code == 422
    assert (
        refused.json()["error"]["message"]
        == f"stakeholders {stranger}: no stakeholder of the same account has this id"
    )
    changed = api.call("PATCH", f"/deals/{deal}", "amy", json={"version": 1, "stakeholders": [boss, coach]})
    assert (changed.status_code, changed.json()["stakeholders"]) == (200, sorted([boss, coach]))
    got = api.call("GET", f"/deals/{deal}", "amy").json()
    assert (got["stakeholders"], got["version"]) == (sorted([boss, coach]), 2)
    coached = api.call("GET", "/accounts/A/coach", "amy").json()["deals"]
    assert [(d["deal"], d["source"], d["stakeholders"]) for d in coached] == [
        (deal, "named", sorted([boss, coach]))
    ]
    codes = [f["code"] for f in coached[0]["findings"]]
    assert "no_coach" not in codes and "no_decision_maker" not in codes and "single_threaded" in codes
