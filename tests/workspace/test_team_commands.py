"""`kam users ...`, `kam tokens ...`, `kam accounts update|delete|restore|history|owners` and `--as LOGIN`,
end to end through the command line on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import make_engine

runner = CliRunner()


def kam(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(workspace_url: str) -> str:
    assert kam("workspace", "init", "--db", workspace_url)[0] == 0
    return workspace_url


def test_users_are_added_listed_and_changed(db: str) -> None:
    code, out, _ = kam("users", "add", "amy", "--role", "rep", "--team", "north", "--name", "Amy Chen",
                       "--password-stdin", "--db", db, stdin="correct horse battery\n")  # fmt: skip
    assert (code, out) == (0, "Added user amy (Rep; teams: north).\n")
    assert kam("users", "add", "max", "--role", "manager", "--team", "north", "--db", db)[0] == 0
    listed = json.loads(kam("users", "list", "--json", "--db", db)[1])
    assert [(u["login"], u["display_name"], u["role"], u["teams"], u["active"]) for u in listed] == [
        ("amy", "Amy Chen", "rep", ["north"], True),
        ("max", "max", "manager", ["north"], True),
    ]
    assert "correct horse" not in json.dumps(listed) and "argon2" not in json.dumps(listed)
    engine = make_engine(db)
    with engine.connect() as connection:
        stored = connection.scalar(sa.text("SELECT password_hash FROM users WHERE login = 'amy'"))
    engine.dispose()
    assert stored.startswith("$argon2id$")
    assert kam("users", "update", "amy", "--inactive", "--team", "south", "--db", db)[:2] == (
        0,
        "Updated user amy.\n",
    )
    code, out, _ = kam("users", "list", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and "業務代表" in out and "south" in out and "否" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "add", "amy", "--role", "rep"], None, "error: a user 'amy' exists already\n"),
        (
            ["users", "add", "bob", "--role", "rep", "--password-stdin"],
            "short\n",
            "error: a password must have 8 to 1024 characters\n",
        ),
        (["users", "add", "b o b", "--role", "rep"], None, "error: login: String should match pattern"),
        (
            ["users", "add", "eve", "--role", "admin", "--as", "amy"],
            None,
            "error: only an admin may do this\n",
        ),
        (["accounts", "list", "--as", "nobody"], None, "error: no user with key 'nobody'\n"),
        (["tokens", "revoke", "99"], None, "error: no token with key '99'\n"),
    ],
)
def test_bad_user_commands_say_one_line(db: str, args: list[str], stdin: str | None, message: str) -> None:
    assert kam("users", "add", "amy", "--role", "rep", "--db", db)[0] == 0
    code, _, err = kam(*args, "--db", db, stdin=stdin)
    assert code == 2 and err.startswith(message), err
    assert "short" not in err


def test_a_token_is_printed_once_alone_and_can_be_revoked(db: str) -> None:
    kam("users", "add", "amy", "--role", "rep", "--db", db)
    code, out, err = kam("tokens", "create", "amy", "--name", "laptop", "--db", db)
    token = out.strip()
    assert code == 0 and out == token + "\n" and token.startswith("kam_")
    assert err.startswith("Token 1 for amy (laptop), shown this once") and token not in err
    listed = json.loads(kam("tokens", "list", "--json", "--db", db)[1])
    assert [(t["id"], t["user"], t["name"], t["revoked_at"]) for t in listed] == [(1, "amy", "laptop", None)]
    table = kam("tokens", "list", "--db", db)[1]
    assert token not in table and token not in json.dumps(listed)
    assert kam("tokens", "revoke", "1", "--db", db)[:2] == (0, "Revoked token 1 of amy.\n")
    assert json.loads(kam("tokens", "list", "--json", "--db", db)[1])[0]["revoked_at"] is not None


def test_accounts_update_delete_restore_and_history(db: str) -> None:
    kam("accounts", "add", "G1", "--name", "Group", "--db", db)
    kam("accounts", "add", "K1", "--name", "Acme", "--industry", "steel", "--db", db)
    code, out, _ = kam("accounts", "update", "K1", "--parent", "G1", "--wallet", "5,000 t", "--competitor", "Baosteel",
                       "--competitor", "Ansteel", "--industry", "", "--db", db)  # fmt: skip
    assert (code, out) == (0, "Updated account K1 (now version 2).\n")
    shown = json.loads(kam("accounts", "show", "K1", "--json", "--db", db)[1])["account"]
    assert (shown["parent"], shown["wallet"], shown["competitors"], shown["industry"]) == (
        "G1", {"amount": 5000.0, "unit": "t", "kind": "volume"}, ["Baosteel", "Ansteel"], None,
    )  # fmt: skip
    assert kam("accounts", "delete", "K1", "--db", db)[:2] == (
        0, "Deleted account K1; `kam accounts restore K1` brings it back.\n",
    )  # fmt: skip
    assert kam("accounts", "show", "K1", "--db", db)[0] == 2
    assert [a["code"] for a in json.loads(kam("accounts", "list", "--deleted", "--json", "--db", db)[1])] == [
        "K1"
    ]
    assert kam("accounts", "restore", "K1", "--db", db)[:2] == (0, "Restored account K1.\n")
    history = json.loads(kam("accounts", "history", "K1", "--json", "--db", db)[1])
    assert [(e["action"], e["field"], e["old_value"], e["new_value"]) for e in history][3:] == [
        ("update", "industry", "steel", None),
        ("update", "parent", None, "G1"),
        ("update", "wallet_amount", None, 5000),
        ("update", "wallet_unit", None, "t"),
        ("update", "competitors", None, ["Baosteel", "Ansteel"]),
        ("delete", "deleted_at", None, history[-2]["new_value"]),
        ("restore", "deleted_at", history[-2]["new_value"], None),
    ]
    assert {e["actor_kind"] for e in history} == {"local_operator"}
    code, out, _ = kam("accounts", "history", "K1", "--db", db, "--lang", "zh-Hans")
    assert code == 0 and "恢复" in out and "本机" in out and "G1" in out and "+00:00" not in out


def test_as_a_user_a_command_sees_and_changes_only_what_they_may(db: str) -> None:
    kam("users", "add", "amy", "--role", "rep", "--db", db)
    kam("users", "add", "bob", "--role", "rep", "--db", db)
    assert kam("accounts", "add", "A1", "--name", "Amy's", "--as", "amy", "--db", db)[0] == 0
    assert kam("accounts", "add", "B1", "--name", "Bob's", "--owner", "bob", "--db", db)[0] == 0
    assert [
        a["code"] for a in json.loads(kam("accounts", "list", "--json", "--as", "amy", "--db", db)[1])
    ] == ["A1"]
    code, _, err = kam("accounts", "update", "B1", "--name", "mine", "--as", "amy", "--db", db)
    assert (code, err) == (
        2,
        "error: no account with code 'B1'; add it with `kam accounts add B1 --name ...`\n",
    )
    code, _, err = kam("accounts", "update", "A1", "--owner", "bob", "--as", "amy", "--db", db)
    assert code == 2 and err.startswith("error: this change would put the record out of your reach")
    history = json.loads(kam("accounts", "history", "A1", "--json", "--db", db)[1])
    assert {(e["actor"], e["actor_kind"]) for e in history} == {("amy", "user")}


def test_owners_written_as_text_are_listed_until_a_user_claims_them(db: str, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "客戶編號,名稱,業務員,集團,年需求量,wallet_unit,競爭對手\n"
        "K001,華東電力,王强,,1200,t,寶鋼;鞍鋼\n"
        "K002,華東電力二廠,王强,K001,300,t,\n"
        "K003,嶺南機械,陳偉,,,,\n",
        encoding="utf-8",
    )
    code, out, _ = kam("accounts", "import", str(customers), "--db", db)
    assert code == 0 and out.endswith("2 owners match no user and were kept as names: 王强, 陳偉.\n")
    owners = json.loads(kam("accounts", "owners", "--json", "--db", db)[1])
    assert [(o["login"], o["name"], o["accounts"]) for o in owners] == [(None, "王强", 2), (None, "陳偉", 1)]
    code, out, _ = kam("users", "add", "wang", "--role", "rep", "--name", "王强", "--db", db)
    assert out.endswith(
        "The accounts whose owner was written as wang's login or name are now theirs: K001, K002.\n"
    )
    owners = json.loads(kam("accounts", "owners", "--json", "--db", db)[1])
    assert [(o["login"], o["name"], o["accounts"]) for o in owners] == [
        ("wang", "王强", 2),
        (None, "陳偉", 1),
    ]
    k002 = json.loads(kam("accounts", "show", "K002", "--json", "--db", db)[1])["account"]
    assert (k002["owner"], k002["parent"], k002["wallet"]["amount"]) == ("wang", "K001", 300.0)
    k001 = json.loads(kam("accounts", "show", "K001", "--json", "--db", db)[1])["account"]
    assert k001["competitors"] == ["寶鋼", "鞍鋼"]
    code, out, _ = kam("accounts", "owners", "--db", db)
    assert code == 0 and "1 owner name matches no user" in out


def test_interactions_are_listed_as_a_user_sees_them(db: str) -> None:
    kam("users", "add", "amy", "--role", "rep", "--db", db)
    kam("accounts", "add", "A1", "--name", "Amy's", "--owner", "amy", "--db", db)
    kam("accounts", "add", "B1", "--name", "Other", "--db", db)
    from kam.workspace.interactions.schemas import InteractionCreate
    from kam.workspace.interactions.service import create_interaction
    from tests.workspace.team import acting

    engine = make_engine(db)
    with acting(engine, None) as session:
        for code in ("A1", "B1"):
            data = InteractionCreate.model_validate(
                {"kind": "visit", "occurred_at": "2026-03-02T10:00:00+08:00", "title": code}
            )
            create_interaction(session, code, data)
    engine.dispose()
    everyone = json.loads(kam("interactions", "list", "--json", "--db", db)[1])
    amys = json.loads(kam("interactions", "list", "--json", "--as", "amy", "--db", db)[1])
    assert sorted(i["account_code"] for i in everyone) == ["A1", "B1"]
    assert [i["account_code"] for i in amys] == ["A1"]
