"""The access matrix of the records under an account (stakeholders, needs, deals, contracts, next steps,
interactions) through the API, on both databases: each role (rep, manager, admin) × each operation (list, get, create,
update, delete, restore, history) × a record under an account of its own, of a teammate and of another
team. A record out of reach answers exactly as a missing one, and appears in no list, total, history or
message; creating one under an account out of reach answers as for an account nobody has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.workspace.team import OWNERS, ROLE_LOGIN, TARGETS, VISIBLE

MISSING = 999_999  # an id no record has


@dataclass(frozen=True)
class Entity:
    """A kind of record as the matrix exercises it: its path, the body that creates one under an
    account (by code), and a change with the field it sets and the value read back; `account` is the
    field that shows the record's account (its code)."""

    path: str
    body: Callable[[str], dict[str, Any]]
    change: dict[str, Any]
    field: str
    value: Any
    account: str = "account"


ENTITIES = {
    "stakeholders": Entity(
        "/stakeholders",
        lambda code: {"account": code, "name": f"王偉 of {code}", "function": "finance"},
        {"stance": "supporter"},
        "stance",
        "supporter",
    ),
    "needs": Entity(
        "/needs",
        lambda code: {"account": code, "statement": f"Toll fraud happens at {code}"},
        {"status": "addressed"},
        "status",
        "addressed",
    ),
    "deals": Entity(
        "/deals",
        lambda code: {
            "account": code,
            "title": f"Cold-rolled coil for {code}",
            "value": 1000,
            "currency": "CNY",
        },
        {"stage": "negotiation"},
        "stage",
        "negotiation",
    ),
    "next_steps": Entity(
        "/next-steps",
        lambda code: {"account": code, "what": f"Visit {code} again next Tuesday", "due_on": "2026-01-06"},
        {"done": True},
        "done",
        True,
    ),
    "contracts": Entity(
        "/contracts",
        lambda code: {
            "account": code,
            "year": 2025,
            "product": f"冷軋板 for {code}",
            "volume": 500,
            "unit": "t",
        },
        {"volume": 550},
        "volume",
        550.0,
    ),
    "interactions": Entity(
        "/interactions",
        lambda code: {
            "account": code,
            "kind": "visit",
            "occurred_at": "2025-03-14T10:30:00+08:00",
            "title": f"Visited {code} about 冷軋板",
        },
        {"notes": "Quote next week"},
        "notes",
        "Quote next week",
        account="account_code",
    ),
}
ROLES = ["rep", "manager", "admin"]
RELATIONS = ["own", "team", "other"]


@pytest.fixture(params=sorted(ENTITIES))
def entity(request: pytest.FixtureRequest) -> Entity:
    return ENTITIES[request.param]


@pytest.fixture
def ids(api: Api, entity: Entity) -> dict[str, int]:
    """One record under each account of the team, made by the admin: account code -> record id."""
    made = {}
    for code in OWNERS:
        answer = api.call("POST", entity.path, "ada", json=entity.body(code))
        assert answer.status_code == 201, answer.text
        made[code] = answer.json()["id"]
    return made


def _seen(role: str, relation: str) -> bool:
    return TARGETS[role][relation] in VISIBLE[role]


def _like_missing(api: Api, login: str, method: str, path: str, hidden: int, **kwargs: Any) -> None:
    """The answer for record `hidden` is the answer for an id nobody has, word for word but the id."""
    answer = api.call(method, path.format(id=hidden), login, **kwargs)
    missing = api.call(method, path.format(id=MISSING), login, **kwargs)
    assert answer.status_code == missing.status_code == 404
    assert answer.json() == _replaced(missing.json(), str(MISSING), str(hidden))


def _replaced(value: object, old: str, new: str) -> object:
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    return value.replace(old, new) if isinstance(value, str) else value


def _stored(api: Api, entity: Entity, record_id: int) -> dict[str, Any]:
    """The record as an admin reads it (a deleted one too)."""
    found = api.call("GET", f"{entity.path}/{record_id}", "ada").json()
    if "error" in found:
        deleted = api.call("GET", entity.path, "ada", params={"deleted": True, "per_page": 500}).json()
        return next(r for r in deleted["items"] if r["id"] == record_id)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_list(api: Api, entity: Entity, ids: dict[str, int], role: str) -> None:
    login = ROLE_LOGIN[role]
    everything = api.call("GET", entity.path, login, params={"per_page": 500, "total": True}).json()
    assert {r[entity.account] for r in everything["items"]} == VISIBLE[role]
    assert everything["total"] == len(VISIBLE[role])
    first = api.call("GET", entity.path, login, params={"per_page": 1, "sort": "id", "total": True}).json()
    assert (first["total"], [r["id"] for r in first["items"]]) == (
        len(VISIBLE[role]),
        [min(ids[c] for c in VISIBLE[role])],
    )
    for code in OWNERS:  # filtering by an account out of reach lists nothing, as for no account
        by_account = api.call("GET", entity.path, login, params={"account": code, "total": True}).json()
        expected = [ids[code]] if code in VISIBLE[role] else []
        assert ([r["id"] for r in by_account["items"]], by_account["total"]) == (expected, len(expected))


def _cases() -> list[tuple[str, str, str, bool]]:
    """(role, relation, the target account, whether the role sees it) for each cell of the matrix."""
    return [(r, rel, TARGETS[r][rel], _seen(r, rel)) for r in ROLES for rel in RELATIONS]


def _body(entity: Entity, code: str, n: int) -> dict[str, Any]:
    """The body of the `n`th record under account `code`: its key made unique by `n`."""
    keys = ("name", "statement", "title", "product", "what")
    return {k: f"{v} #{n}" if k in keys else v for k, v in entity.body(code).items()}


def _fresh(api: Api, entity: Entity, code: str, n: int) -> int:
    """A new record under account `code`, made by the admin (its own, for one cell of the matrix)."""
    answer = api.call("POST", entity.path, "ada", json=_body(entity, code, n))
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def test_get(api: Api, entity: Entity, ids: dict[str, int]) -> None:
    for role, _relation, code, seen in _cases():
        login = ROLE_LOGIN[role]
        if seen:
            got = api.call("GET", f"{entity.path}/{ids[code]}", login)
            assert (got.status_code, got.json()[entity.account], got.json()["version"]) == (200, code, 1)
        else:
            _like_missing(api, login, "GET", entity.path + "/{id}", ids[code])


def test_create(api: Api, entity: Entity) -> None:
    for n, (role, _relation, code, seen) in enumerate(_cases()):
        login, body = ROLE_LOGIN[role], _body(entity, code, n)
        made = api.call("POST", entity.path, login, json=body)
        if seen:
            assert (made.status_code, made.json()[entity.account], made.json()["version"]) == (
                201,
                code,
                1,
            ), made.text
        else:
            missing = api.call("POST", entity.path, login, json={**body, "account": "NOBODY"})
            assert made.status_code == missing.status_code == 404
            assert made.json() == _replaced(missing.json(), "NOBODY", code)
    for code in OWNERS:  # what was refused was not stored
        listed = api.call("GET", entity.path, "ada", params={"account": code, "total": True}).json()
        assert listed["total"] == sum(1 for r, _, c, seen in _cases() if c == code and seen)


def test_update(api: Api, entity: Entity) -> None:
    for n, (role, _relation, code, seen) in enumerate(_cases()):
        login, record = ROLE_LOGIN[role], _fresh(api, entity, code, n)
        body = {"version": 1, **entity.change}
        if seen:
            changed = api.call("PATCH", f"{entity.path}/{record}", login, json=body)
            assert changed.status_code == 200, changed.text
            assert (changed.json()[entity.field], changed.json()["version"]) == (entity.value, 2)
            stale = api.call("PATCH", f"{entity.path}/{record}", login, json=body)
            assert stale.status_code == 409 and stale.json()["error"]["current"]["version"] == 2
        else:
            _like_missing(api, login, "PATCH", entity.path + "/{id}", record, json=body)
            assert _stored(api, entity, record)["version"] == 1


def test_delete(api: Api, entity: Entity) -> None:
    for n, (role, _relation, code, seen) in enumerate(_cases()):
        login, record = ROLE_LOGIN[role], _fresh(api, entity, code, n)
        if seen:
            counted = {"per_page": 500, "total": True}
            before = api.call("GET", entity.path, login, params=counted).json()["total"]
            deleted = api.call("DELETE", f"{entity.path}/{record}", login, params={"version": 1})
            assert deleted.status_code == 200 and deleted.json()["deleted_at"] is not None
            assert api.call("GET", f"{entity.path}/{record}", login).status_code == 404
            listed = api.call("GET", entity.path, login, params=counted).json()
            assert record not in {r["id"] for r in listed["items"]} and listed["total"] == before - 1
        else:
            _like_missing(api, login, "DELETE", entity.path + "/{id}", record)
            assert _stored(api, entity, record)["deleted_at"] is None


def test_restore(api: Api, entity: Entity) -> None:
    for n, (role, _relation, code, seen) in enumerate(_cases()):
        login, record = ROLE_LOGIN[role], _fresh(api, entity, code, n)
        assert api.call("DELETE", f"{entity.path}/{record}", "ada").status_code == 200
        listed = api.call("GET", entity.path, login, params={"deleted": True, "per_page": 500}).json()
        if seen:
            assert record in {r["id"] for r in listed["items"]}
            restored = api.call("POST", f"{entity.path}/{record}/restore", login, params={"version": 2})
            assert (restored.status_code, restored.json()["deleted_at"], restored.json()["version"]) == (
                200,
                None,
                3,
            )
            assert api.call("GET", f"{entity.path}/{record}", login).status_code == 200
        else:
            assert record not in {r["id"] for r in listed["items"]}
            assert {r[entity.account] for r in listed["items"]} <= VISIBLE[role]
            _like_missing(api, login, "POST", entity.path + "/{id}/restore", record)
            assert _stored(api, entity, record)["deleted_at"] is not None


def test_history(api: Api, entity: Entity) -> None:
    for n, (role, _relation, code, seen) in enumerate(_cases()):
        login, record = ROLE_LOGIN[role], _fresh(api, entity, code, n)
        change = {"version": 1, **entity.change}
        assert api.call("PATCH", f"{entity.path}/{record}", "ada", json=change).status_code == 200
        if seen:
            history = api.call("GET", f"{entity.path}/{record}/history", login).json()
            rows = [(e["action"], e["field"], e["actor"]) for e in history["items"]]
            assert ("create", "account", "ada") in rows and ("update", entity.field, "ada") in rows
            assert next(e["new_value"] for e in history["items"] if e["field"] == "account") == code
            assert history["total"] == len(history["items"])
        else:
            _like_missing(api, login, "GET", entity.path + "/{id}/history", record)


def test_a_record_is_gone_with_its_account_and_back_with_it(
    api: Api, entity: Entity, ids: dict[str, int]
) -> None:
    assert api.call("DELETE", "/accounts/A", "amy").status_code == 200
    assert api.call("GET", f"{entity.path}/{ids['A']}", "amy").status_code == 404
    assert api.call("GET", entity.path, "amy", params={"total": True}).json()["total"] == 0
    assert api.call("POST", "/accounts/A/restore", "amy").status_code == 200
    assert api.call("GET", f"{entity.path}/{ids['A']}", "amy").status_code == 200


def test_owners_of_the_other_accounts_never_appear(api: Api, entity: Entity, ids: dict[str, int]) -> None:
    """Nothing amy reads about her records names bob's account, bob or his records."""
    texts = [
        api.call("GET", entity.path, "amy", params={"per_page": 500}).text,
        api.call("GET", f"{entity.path}/{ids['A']}", "amy").text,
        api.call("GET", f"{entity.path}/{ids['A']}/history", "amy").text,
        api.call("GET", entity.path, "amy", params={"account": "B"}).text,
    ]
    assert not any('"B"' in text or "of B" in text or "bob" in text for text in texts)
