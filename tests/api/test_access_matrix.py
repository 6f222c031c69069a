"""The access matrix through the API, on both databases: each role (rep, manager, admin) × each
operation (list, get, create, update, delete, restore, history) × an account of its own, of a teammate
and of another team. A record out of reach answers exactly as a missing one, and appears in no list,
total, history or message."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.workspace.team import OWNERS, ROLE_LOGIN, TARGETS, VISIBLE

ROLES = ["rep", "manager", "admin"]
RELATIONS = ["own", "team", "other"]


def _seen(role: str, relation: str) -> bool:
    return TARGETS[role][relation] in VISIBLE[role]


def _like_missing(api: Api, login: str, method: str, path: str, code: str, **kwargs: object) -> None:
    """The answer for `code` is the answer for a code nobody has, word for word but the code."""
    hidden = api.call(method, path.format(code=code), login, **kwargs)
    missing = api.call(method, path.format(code="NOBODY"), login, **kwargs)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == _replaced(missing.json(), "NOBODY", code)


def _replaced(value: object, old: str, new: str) -> object:
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    return value.replace(old, new) if isinstance(value, str) else value


def _stored(api: Api, code: str) -> dict[str, object]:
    """The account as an admin reads it (deleted ones too)."""
    found = api.call("GET", f"/accounts/{code}", "ada").json()
    if "error" in found:
        deleted = api.call("GET", "/accounts", "ada", params={"deleted": True}).json()["items"]
        return next(a for a in deleted if a["code"] == code)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_list(api: Api, role: str) -> None:
    counted = {"per_page": 2, "total": True}
    listed = api.call("GET", "/accounts", ROLE_LOGIN[role], params=counted).json()
    first = [a["code"] for a in listed["items"]]
    rest = api.call("GET", "/accounts", ROLE_LOGIN[role], params={**counted, "page": 2}).json()
    everything = api.call("GET", "/accounts", ROLE_LOGIN[role], params={"per_page": 500}).json()
    assert listed["total"] == rest["total"] == len(VISIBLE[role])
    assert (everything["total"], everything["has_more"]) == (None, False)  # not counted unless asked
    assert (listed["has_more"], rest["has_more"]) == (len(VISIBLE[role]) > 2, len(VISIBLE[role]) > 4)
    assert {a["code"] for a in everything["items"]} == VISIBLE[role]
    assert (
        first == sorted(VISIBLE[role])[:2]
        and [a["code"] for a in rest["items"]] == sorted(VISIBLE[role])[2:4]
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_get(api: Api, role: str, relation: str) -> None:
    login, code = ROLE_LOGIN[role], TARGETS[role][relation]
    if _seen(role, relation):
        got = api.call("GET", f"/accounts/{code}", login)
        assert (got.status_code, got.json()["code"], got.json()["owner"]) == (200, code, OWNERS[code])
    else:
        _like_missing(api, login, "GET", "/accounts/{code}", code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_create(api: Api, role: str, relation: str) -> None:
    """Creating an account for the owner of the target: allowed when the new account stays in reach."""
    login = ROLE_LOGIN[role]
    owner = OWNERS[TARGETS[role][relation]]
    made = api.call("POST", "/accounts", login, json={"code": "NEW", "name": "New Ltd", "owner": owner})
    if _seen(role, relation):
        assert (made.status_code, made.json()["owner"], made.json()["version"]) == (201, owner, 1)
    else:
        assert made.status_code == 403 and made.json()["error"]["code"] == "ws_out_of_reach"
        assert api.call("GET", "/accounts/NEW", "ada").status_code == 404  # nothing was stored


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_update(api: Api, role: str, relation: str) -> None:
    login, code = ROLE_LOGIN[role], TARGETS[role][relation]
    body = {"version": 1, "industry": "steel"}
    if _seen(role, relation):
        changed = api.call("PATCH", f"/accounts/{code}", login, json=body)
        assert (changed.status_code, changed.json()["industry"], changed.json()["version"]) == (
            200,
            "steel",
            2,
        )
    else:
        _like_missing(api, login, "PATCH", "/accounts/{code}", code, json=body)
        assert (_stored(api, code)["industry"], _stored(api, code)["version"]) == (None, 1)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_delete(api: Api, role: str, relation: str) -> None:
    login, code = ROLE_LOGIN[role], TARGETS[role][relation]
    if _seen(role, relation):
        deleted = api.call("DELETE", f"/accounts/{code}", login)
        assert deleted.status_code == 200 and deleted.json()["deleted_at"] is not None
        assert api.call("GET", f"/accounts/{code}", login).status_code == 404
        listed = api.call("GET", "/accounts", login, params={"total": True}).json()
        assert code not in {a["code"] for a in listed["items"]} and listed["total"] == len(VISIBLE[role]) - 1
    else:
        _like_missing(api, login, "DELETE", "/accounts/{code}", code)
        assert _stored(api, code)["deleted_at"] is None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_restore(api: Api, role: str, relation: str) -> None:
    login, code = ROLE_LOGIN[role], TARGETS[role][relation]
    assert api.call("DELETE", f"/accounts/{code}", "ada").status_code == 200
    if _seen(role, relation):
        listed = api.call("GET", "/accounts", login, params={"deleted": True, "total": True}).json()
        assert [a["code"] for a in listed["items"]] == [code] and listed["total"] == 1
        restored = api.call("POST", f"/accounts/{code}/restore", login, params={"version": 2})
        assert (restored.status_code, restored.json()["deleted_at"], restored.json()["version"]) == (
            200,
            None,
            3,
        )
        assert api.call("GET", f"/accounts/{code}", login).status_code == 200
    else:
        assert api.call("GET", "/accounts", login, params={"deleted": True, "total": True}).json() == {
            "items": [], "total": 0, "page": 1, "per_page": 50, "has_more": False,
        }  # fmt: skip
        _like_missing(api, login, "POST", "/accounts/{code}/restore", code)
        assert _stored(api, code)["deleted_at"] is not None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_history(api: Api, role: str, relation: str) -> None:
    login, code = ROLE_LOGIN[role], TARGETS[role][relation]
    api.call("PATCH", f"/accounts/{code}", "ada", json={"version": 1, "name": "Renamed"})
    if _seen(role, relation):
        history = api.call("GET", f"/accounts/{code}/history", login).json()
        fields = [(e["action"], e["field"], e["actor"]) for e in history["items"]]
        assert ("update", "name", "ada") in fields and ("create", "code", None) in fields
        assert history["total"] == len(history["items"])
    else:
        _like_missing(api, login, "GET", "/accounts/{code}/history", code)


def test_nothing_of_another_team_leaks_into_what_a_rep_reads(api: Api) -> None:
    """bob's account B linked to amy's A: amy's reads never name it (links shown empty, history ***)."""
    api.call("PATCH", "/accounts/A", "ada", json={"version": 1, "parent": "B", "referred_by": "B"})
    everything = [
        api.call("GET", "/accounts", "amy").text,
        api.call("GET", "/accounts/A", "amy").text,
        api.call("GET", "/accounts/A/history", "amy").text,
        api.call("GET", "/accounts", "amy", params={"q": "B", "total": True}).text,
        api.call("GET", "/accounts", "amy", params={"parent": "B", "total": True}).text,
        api.call("PATCH", "/accounts/A", "amy", json={"version": 2, "parent": "B"}).text,
    ]
    assert not any('"B"' in text or "B Ltd" in text or "bob" in text for text in everything)
    assert '"total":0' in everything[3] and '"total":0' in everything[4]
