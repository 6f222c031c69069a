"""`kam workspace init`, `kam accounts ...` and `kam interactions list` end to end on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import display_url

runner = CliRunner()


def kam(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def db(workspace_url: str) -> str:
    code, output = kam("workspace", "init", "--db", workspace_url)
    assert code == 0, output
    return workspace_url


def test_init_creates_then_reports_up_to_date(workspace_url: str) -> None:
    where = display_url(workspace_url)
    assert kam("workspace", "init", "--db", workspace_url) == (
        0,
        f"Created the workspace at {where} (schema 0006_web).\n",
    )
    assert kam("workspace", "init", "--db", workspace_url) == (
        0,
        f"The workspace at {where} is up to date (schema 0006_web).\n",
    )


def test_a_command_on_an_uninitialised_workspace_says_to_run_init(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    code, output = kam("accounts", "list", "--db", url)
    assert code == 2
    assert output == f"error: workspace {url} does not exist; run `kam workspace init --db {url}` first\n"
    assert not (tmp_path / "workspace.db").exists()


def test_the_url_comes_from_the_environment_or_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db, file_db = tmp_path / "env.db", tmp_path / "file.db"
    monkeypatch.setenv("KAM_WORKSPACE__URL", f"sqlite:///{env_db}")
    assert kam("workspace", "init")[0] == 0
    config = tmp_path / "kam.toml"
    config.write_text(f'[workspace]\nurl = "sqlite:///{file_db}"\n', encoding="utf-8")
    assert kam("workspace", "init", "--config", str(config))[0] == 0
    assert env_db.exists() and file_db.exists()


def test_add_list_and_show_an_account(db: str) -> None:
    assert kam("accounts", "add", "K001", "--name", "華東電力", "--db", db)[0] == 0
    code, output = kam(
        "accounts", "add", "C001", "--name", "Acme Steel", "--type", "dealer", "--ownership", "state",
        "--industry", "steel", "--since", "2001-04-01", "--referred-by", "K001", "--owner", "Amy", "--db", db,
    )  # fmt: skip
    assert (code, output) == (0, f"Added account C001 (Acme Steel) to {display_url(db)}.\n")
    code, output = kam("accounts", "list", "--json", "--db", db)
    listed = json.loads(output)
    assert [a["code"] for a in listed] == ["C001", "K001"]
    assert {
        k: listed[0][k] for k in ("type", "ownership", "since", "referred_by", "owner", "owner_name")
    } == {
        "type": "dealer",
        "ownership": "state",
        "since": "2001-04-01",
        "referred_by": "K001",
        "owner": None,  # no user is called Amy: the name is kept until one is added
        "owner_name": "Amy",
    }
    code, output = kam("accounts", "show", "C001", "--db", db)
    assert code == 0
    assert "Acme Steel" in output and "referred by: K001" in output and "No interactions yet" in output
    code, output = kam("accounts", "list", "--db", db)
    assert code == 0 and "華東電力" in output
    # stored as codes (the JSON above), shown as words in the user's language
    code, output = kam("accounts", "show", "C001", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and "類型: 經銷商" in output and "所有制: 國有" in output and "產業: steel" in output
    code, output = kam("accounts", "list", "--db", db, "--lang", "zh-Hans")
    assert code == 0 and "经销商" in output and "国有" in output and "dealer" not in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["K001", "--name", "Again"], "error: an account with code 'K001' exists already\n"),
        (["C002", "--name", "X", "--since", "2020-13-01"], "error: since: Input should be a valid date"),
        (
            ["C002", "--name", "X", "--referred-by", "NOPE"],
            "error: referred_by 'NOPE': no account has this code\n",
        ),
        (["C002", "--name", " "], "error: name: String should have at least 1 character"),
    ],
)
def test_bad_accounts_are_refused_with_one_line(db: str, args: list[str], message: str) -> None:
    kam("accounts", "add", "K001", "--name", "First", "--db", db)
    code, output = kam("accounts", "add", *args, "--db", db)
    assert code == 2 and output.startswith(message), output
    assert [a["code"] for a in json.loads(kam("accounts", "list", "--json", "--db", db)[1])] == ["K001"]


def test_show_an_unknown_account(db: str) -> None:
    code, output = kam("accounts", "show", "NOPE", "--db", db)
    assert code == 2 and "no account with code 'NOPE'" in output


def test_import_then_reimport(db: str, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text("客戶編號,名稱,類型\nK001,華東電力,經銷商\nK002,長江家電,代理商\n", encoding="utf-8")
    mapping = ["--map", "customer_id=客戶編號", "--map", "name=名稱", "--map", "type=類型"]
    code, output = kam("accounts", "import", str(customers), *mapping, "--db", db)
    assert (code, output) == (
        0,
        f"Imported {customers} into {display_url(db)}: 2 new, 0 updated, 0 unchanged accounts.\n",
    )
    customers.write_text("客戶編號,名稱,類型\nK001,華東電力,經銷商\nK002,長江家電,批發商\n", encoding="utf-8")
    code, output = kam("accounts", "import", str(customers), *mapping, "--db", db)
    assert code == 0 and "0 new, 1 updated, 1 unchanged" in output
    listed = json.loads(kam("accounts", "list", "--json", "--db", db)[1])
    assert [(a["code"], a["type"]) for a in listed] == [("K001", "dealer"), ("K002", "wholesaler")]


def test_a_bad_customers_file_imports_nothing(db: str, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text("customer_id,since\nK001,2001-04-01\nK002,someday\n", encoding="utf-8")
    code, output = kam("accounts", "import", str(customers), "--db", db)
    assert code == 2
    assert "row 3, column 'since': value 'someday' is not a date" in output
    assert kam("accounts", "list", "--json", "--db", db)[1] == "[]\n"


def test_interactions_list_when_empty_and_for_an_unknown_account(db: str) -> None:
    assert kam("interactions", "list", "--db", db) == (
        0,
        "No interactions yet: store call analyses with `kam calls analyze --store`.\n",
    )
    code, output = kam("interactions", "list", "--account", "NOPE", "--db", db)
    assert code == 2 and "no account with code 'NOPE'" in output
