"""The API's behaviour on both databases: who may call it, what bad input gets, stale versions, the size
limit, text kept literally, answers in the reader's language, and the users' endpoints."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.api.conftest import Api


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic YW15OnB3", "Bearer kam_not-a-token", "Token {amy}", "bearer{amy}"],
)
def test_a_request_without_a_valid_token_is_401(api: Api, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization.format(amy=api.tokens["amy"])}
    answer = api.call("GET", "/accounts", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert answer.json()["error"]["code"] == "api_not_authenticated"


def test_a_token_works_in_any_case_of_its_scheme_and_stops_when_revoked(api: Api) -> None:
    assert (
        api.call("GET", "/users/me", headers={"Authorization": f"bearer {api.tokens['amy']}"}).json()["login"]
        == "amy"
    )
    from kam.workspace.tokens.service import revoke_token
    from tests.workspace.team import acting

    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with acting(engine, None) as session:
        revoke_token(session, 3)  # amy's: the third user of the team
    assert api.call("GET", "/users/me", "amy").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"code": "X", "name": "X", "colour": "red"}, "body.colour"),
        ({"code": "X"}, "body.name"),
        ({"code": "X", "name": "X", "type": "friend"}, "body.type"),
        ({"code": "X", "name": "X", "since": "yesterday"}, "body.since"),
        ({"code": "X" * 65, "name": "X"}, "body.code"),
        ({"code": "X", "name": "a\u0000b"}, "body.name"),
        ({"code": "X", "name": "X", "wallet": {"amount": -1, "unit": "t"}}, "body.wallet.amount"),
        ({"code": "X", "name": "X", "wallet": {"amount": 1e300, "unit": "t"}}, "body.wallet.amount"),
        ({"code": "X", "name": "X", "wallet": {"amount": 5, "unit": "5 t"}}, "body.wallet.unit"),
        ({"code": "X", "name": "X", "competitors": ["c"] * 21}, "body.competitors"),
        ([1, 2], "body"),
    ],
)
def test_bad_input_is_422_naming_the_field(api: Api, body: object, field: str) -> None:
    answer = api.call("POST", "/accounts", "ada", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "api_invalid_input" and error["errors"][0]["field"] == field
    assert error["errors"][0]["reason"] and error["message"].startswith(field)
    assert api.call("GET", "/accounts/X", "ada").status_code == 404


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b'{"code": "X", "name": NaN}', "body.name"),
        (b'{"code": "X", "name": "\\ud800"}', "body.name"),  # a lone surrogate, which no column can hold
        (b'{"code": "X",', "body"),
        (b"\xff\xfe", "body"),
        (b"", "body"),
    ],
)
def test_a_body_that_is_not_json_or_not_text_is_422(api: Api, raw: bytes, field: str) -> None:
    answer = api.call("POST", "/accounts", "ada", content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["errors"][0]["field"].startswith(field)


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": 10**12},
        {"per_page": 501},
        {"sort": "password"},
        {"colour": "red"},
        {"type": "x"},
    ],
)
def test_bad_list_parameters_are_422(api: Api, params: dict[str, object]) -> None:
    answer = api.call("GET", "/accounts", "ada", params=params)
    assert answer.status_code == 422, answer.text


def test_lists_sort_filter_and_page(api: Api) -> None:
    for code, name in (("Z1", "alpha"), ("Z2", "beta"), ("Z3", "gamma")):
        api.call("POST", "/accounts", "ada", json={"code": code, "name": name, "industry": "steel"})
    steel = api.call(
        "GET", "/accounts", "ada", params={"industry": "steel", "sort": "-name", "total": True}
    ).json()
    assert [a["code"] for a in steel["items"]] == ["Z3", "Z2", "Z1"] and steel["total"] == 3
    found = api.call("GET", "/accounts", "ada", params={"q": "BET"}).json()
    assert [a["code"] for a in found["items"]] == ["Z2"]
    second = api.call(
        "GET", "/accounts", "ada", params={"industry": "steel", "per_page": 2, "page": 2, "total": True}
    ).json()
    assert ([a["code"] for a in second["items"]], second["total"], second["page"]) == (["Z3"], 3, 2)
    beyond = api.call("GET", "/accounts", "ada", params={"per_page": 2, "page": 99, "total": True}).json()
    assert (beyond["items"], beyond["total"], beyond["has_more"]) == (
        [],
        9,
        False,
    )  # the team's six, these three


def test_a_stale_version_is_409_with_the_current_record_and_changes_nothing(api: Api) -> None:
    first = api.call("PATCH", "/accounts/A", "amy", json={"version": 1, "industry": "steel"})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = api.call("PATCH", "/accounts/A", "max", json={"version": 1, "industry": "paper", "name": "Other"})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "ws_stale_version"
    assert (error["current"]["industry"], error["current"]["version"], error["current"]["name"]) == (
        "steel",
        2,
        "A Ltd",
    )
    assert api.call("GET", "/accounts/A", "amy").json() == error["current"]
    history = api.call("GET", "/accounts/A/history", "amy").json()["items"]
    assert [e["new_value"] for e in history if e["action"] == "update"] == ["steel"]
    assert api.call("DELETE", "/accounts/A", "amy", params={"version": 1}).status_code == 409
    assert api.call("PATCH", "/accounts/A", "amy", json={"industry": "x"}).status_code == 422  # no version


def test_a_body_over_the_limit_is_413(api: Api) -> None:
    big = {"code": "X", "name": "X", "competitors": ["y" * 100] * 20, "industry": "z" * 5000}
    answer = api.call("POST", "/accounts", "ada", json=big)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "api_body_too_large"

    def chunks() -> object:
        yield b'{"code": "X", "name": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    streamed = api.call(
        "POST", "/accounts", "ada", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert api.call("GET", "/accounts/X", "ada").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        'O\'Brien "Steel"; DROP TABLE accounts;--',
        "<script>alert(1)</script>",
        "\u202eedoc\u202c \u200f客戶\u200f",
        "a\tb",
    ],
)
def test_text_is_stored_and_returned_literally(api: Api, name: str) -> None:
    made = api.call("POST", "/accounts", "ada", json={"code": "T1", "name": name, "competitors": [name]})
    assert made.status_code == 201, made.text
    got = api.call("GET", "/accounts/T1", "ada").json()
    assert (got["name"], got["competitors"]) == (name, [name])
    assert api.call("GET", "/accounts", "ada", params={"q": name[:6], "total": True}).json()["total"] >= 1


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "no account with code 'NOPE'"),
        ("zh-TW,zh;q=0.9", "沒有代碼為 'NOPE' 的客戶"),
        ("zh-CN", "没有代码为 'NOPE' 的客户"),
        ("fr-FR, zh-Hant;q=0.5, en;q=0.4", "沒有代碼為 'NOPE' 的客戶"),
        ("de", "no account with code 'NOPE'"),
    ],
)
def test_errors_are_said_in_the_accepted_language(api: Api, header: str | None, message: str) -> None:
    headers = {} if header is None else {"Accept-Language": header}
    answer = api.call("GET", "/accounts/NOPE", "ada", headers=headers)
    assert answer.status_code == 404 and answer.json()["error"]["message"] == message


def test_users_endpoints(api: Api) -> None:
    me = api.call("GET", "/users/me", "max").json()
    assert (me["login"], me["role"], me["teams"]) == ("max", "manager", ["north"])
    assert [u["login"] for u in api.call("GET", "/users", "amy").json()["items"]] == ["amy"]
    assert api.call("GET", "/users", "ada", params={"total": True}).json()["total"] == 5
    assert api.call("GET", "/users/bob", "amy").status_code == 404
    refused = api.call("POST", "/users", "max", json={"login": "eve", "role": "admin"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "ws_admins_only"
    made = api.call(
        "POST",
        "/users",
        "ada",
        json={"login": "eve", "role": "rep", "teams": ["south"], "password": "long enough"},
    )
    assert made.status_code == 201 and "password" not in made.text
    changed = api.call("PATCH", "/users/eve", "ada", json={"version": 1, "teams": ["north"]})
    assert changed.json()["teams"] == ["north"]
    assert api.call("PATCH", "/users/eve", "ada", json={"version": 1, "active": False}).status_code == 409
    teams = api.call("GET", "/teams", "ada").json()
    assert {t["name"]: t["members"] for t in teams["items"]} == {
        "north": ["amy", "ann", "eve", "max"],
        "south": ["bob"],
    }
    assert [t["name"] for t in api.call("GET", "/teams", "bob").json()["items"]] == ["south"]
    assert api.call("POST", "/teams", "ada", json={"name": "south"}).status_code == 409


def test_the_openapi_document_describes_every_endpoint(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    paths = document["paths"]
    assert set(paths["/api/v1/accounts/{key}"]) == {"get", "patch", "delete"}
    assert {"/api/v1/accounts", "/api/v1/accounts/{key}/restore", "/api/v1/accounts/{key}/history"} <= set(
        paths
    )
    assert {"/api/v1/users/me", "/api/v1/users", "/api/v1/users/{login}", "/api/v1/teams"} <= set(paths)
    assert "409" in paths["/api/v1/accounts/{key}"]["patch"]["responses"]
    assert api.client.get("/api/v1/nowhere").json()["error"]["code"] == "api_no_such_path"


def test_a_change_racing_another_between_read_and_write_is_409_and_kept_nowhere(api: Api) -> None:
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    raced = []

    def another_change(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().startswith("UPDATE accounts") and not raced:
            raced.append(True)
            with engine.begin() as other:
                other.execute(sa.text("UPDATE accounts SET version = 5, industry = 'paper' WHERE code = 'A'"))

    sa.event.listen(engine, "before_cursor_execute", another_change)
    try:
        answer = api.call("PATCH", "/accounts/A", "amy", json={"version": 1, "industry": "steel"})
    finally:
        sa.event.remove(engine, "before_cursor_execute", another_change)
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "ws_changed_meanwhile"
    stored = api.call("GET", "/accounts/A", "amy").json()
    assert (stored["industry"], stored["version"]) == ("paper", 5)
    history = api.call("GET", "/accounts/A/history", "amy").json()["items"]
    assert [e["action"] for e in history] == ["create"] * len(history)
