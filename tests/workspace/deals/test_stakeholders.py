"""The stakeholders involved in a deal, on both databases: stored and shown by id, only of the deal's
own account (another's is refused, naming it), replaced by a change, deleted ones not shown; named in a
deals file by their names (a stranger is a problem at its row and column) and exported with the deal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ImportValidationError
from kam.workspace.deals.run import run_deals_import, run_deals_list
from kam.workspace.deals.schemas import DealChanges, DealCreate
from kam.workspace.deals.service import create_deal, deal_history, get_deal, update_deal
from kam.workspace.errors import InvalidLink
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder, delete_stakeholder
from tests.workspace.team import acting, build_team


@pytest.fixture
def people(engine: Engine) -> dict[str, int]:
    """The team, with 王經理 and 林工 on amy's A and 安娜 on ann's N: ids by name."""
    build_team(engine)
    found = {}
    with acting(engine, "ada") as session:
        for account, name in (("A", "王經理"), ("A", "林工"), ("N", "安娜")):
            found[name] = create_stakeholder(session, StakeholderCreate(account=account, name=name)).id
    return found


def test_a_deal_keeps_the_stakeholders_involved_and_a_change_replaces_them(
    engine: Engine, people: dict[str, int]
) -> None:
    wang, lin = people["王經理"], people["林工"]
    with acting(engine, "amy") as session:
        made = create_deal(session, DealCreate(account="A", title="二期", stakeholders=[lin, wang, lin]))
    with acting(engine, "amy") as session:
        assert get_deal(session, made.id).stakeholders == sorted([wang, lin])
        changed = update_deal(session, made.id, DealChanges(stakeholders=[wang]))
        assert (changed.stakeholders, changed.version) == ([wang], 2)
        kept = update_deal(session, made.id, DealChanges(title="二期擴產"))
        assert kept.stakeholders == [wang]  # a change without them leaves them alone
    with acting(engine, "ada") as session:
        delete_stakeholder(session, wang)
    with acting(engine, "amy") as session:
        assert get_deal(session, made.id).stakeholders == []
        assert deal_history(session, made.id).total >= 2


@pytest.mark.parametrize("change", [False, True])
def test_a_stakeholder_of_another_account_is_refused_by_id(
    engine: Engine, people: dict[str, int], change: bool
) -> None:
    anna, lin = people["安娜"], people["林工"]
    with acting(engine, "ada") as session:
        made = create_deal(session, DealCreate(account="A", title="二期", stakeholders=[lin]))
    with pytest.raises(InvalidLink) as refused, acting(engine, "ada") as session:
        if change:
            update_deal(session, made.id, DealChanges(stakeholders=[lin, anna]))
        else:
            create_deal(session, DealCreate(account="A", title="三期", stakeholders=[lin, anna]))
    assert refused.value.say("en") == f"stakeholders {anna}: no stakeholder of the same account has this id"
    with acting(engine, "ada") as session:
        assert get_deal(session, made.id).stakeholders == [lin]  # nothing changed


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deals.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_deals_file_names_the_stakeholders_and_a_stranger_is_a_problem(
    people: dict[str, int], workspace_url: str, tmp_path: Path
) -> None:
    good = "客戶編號,商機,關係人\nA,二期,林工|王經理\nA,三期,\n"
    done = run_deals_import(workspace_url, _write(tmp_path, good))
    assert (done.created, done.updated) == (2, 0)
    stored = {d.title: d.stakeholders for d in run_deals_list(workspace_url)}
    assert stored == {"二期": sorted([people["林工"], people["王經理"]]), "三期": []}
    again = run_deals_import(workspace_url, _write(tmp_path, good))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    bad = "customer_id,title,stakeholders\nA,二期,林工\nA,三期,安娜|Nobody\n"
    with pytest.raises(ImportValidationError) as refused:
        run_deals_import(workspace_url, _write(tmp_path, bad))
    assert [(p.row, p.column, p.value) for p in refused.value.problems] == [
        (3, "stakeholders", "安娜"),  # of another account
        (3, "stakeholders", "Nobody"),
    ]
    assert {d.title: d.stakeholders for d in run_deals_list(workspace_url)} == stored  # all or nothing
    run_deals_import(workspace_url, _write(tmp_path, "customer_id,title\nA,二期\n"))
    assert {d.title: d.stakeholders for d in run_deals_list(workspace_url)} == stored  # no column: kept


def test_the_export_lists_the_stakeholders_of_each_deal(
    people: dict[str, int], workspace_url: str, tmp_path: Path
) -> None:
    run_deals_import(workspace_url, _write(tmp_path, "customer_id,title,stakeholders\nA,二期,林工|王經理\n"))
    out = tmp_path / "deals-out.csv"
    result = CliRunner().invoke(
        app, ["export", "deals", "--format", "csv", "--out", str(out), "--as", "amy", "--db", workspace_url]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    expected = "; ".join(str(i) for i in sorted([people["林工"], people["王經理"]]))
    assert [(r["title"], r["stakeholders"]) for r in rows] == [("二期", expected)]
