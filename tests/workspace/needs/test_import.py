"""Importing needs: a five-whys chain one row per level, speakers by name, classification on import
and a user's kind kept, all or nothing with every problem by row and column, and a re-import that
changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.coach.classify import classify_statement
from kam.errors import ImportValidationError
from kam.workspace.needs.run import run_needs_import, run_needs_list
from kam.workspace.needs.schemas import NeedPublic
from kam.workspace.stakeholders.run import run_stakeholders_import
from tests.workspace.team import build_team

CHAIN = """客戶編號,需求,提出人,層次,上層需求,類別,狀態,確認日期
A,The manual is only in English,李娜,root,The new module is hard to operate,,已確認,2026-03-02
A,Users are unhappy,王偉,表面陳述,,,,
A,The new module is hard to operate,李娜,underlying,Users are unhappy,,,
A,Just cut a small slot in the side,,stated,,need,,
"""


@pytest.fixture
def team(engine: Engine, workspace_url: str, tmp_path: Path) -> str:
    build_team(engine)
    people = tmp_path / "people.csv"
    people.write_text("customer_id,name\nA,王偉\nA,李娜\nN,張三\n", encoding="utf-8")
    run_stakeholders_import(workspace_url, people)
    return workspace_url


def _write(tmp_path: Path, text: str, name: str = "needs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(url: str) -> dict[str, NeedPublic]:
    return {n.statement: n for n in run_needs_list(url)}


def _import(url: str, path: Path, login: str | None = None) -> tuple[int, int, int]:
    done = run_needs_import(url, path, None, login)
    return done.created, done.updated, done.unchanged


def test_a_five_whys_chain_is_imported_one_row_per_level_in_any_order(team: str, tmp_path: Path) -> None:
    assert _import(team, _write(tmp_path, CHAIN)) == (4, 0, 0)
    needs = _stored(team)
    users, hard = needs["Users are unhappy"], needs["The new module is hard to operate"]
    manual, slot = needs["The manual is only in English"], needs["Just cut a small slot in the side"]
    assert (hard.parent, manual.parent, users.parent) == (users.id, hard.id, None)
    assert (manual.depth, manual.status, manual.confirmed_on) == ("root", "confirmed", dt.date(2026, 3, 2))
    assert users.said_by is not None and users.said_by != hard.said_by == manual.said_by
    assert (slot.kind, slot.kind_overridden) == ("need", True)  # the file's verdict, over the classifier's
    assert slot.kind_reasons[0].code == "prescribes_solution"
    verdict = classify_statement("Users are unhappy")
    assert (users.kind, users.kind_overridden, users.kind_confidence) == (
        verdict.kind,
        False,
        verdict.confidence,
    )


def test_importing_the_same_file_again_changes_nothing(team: str, tmp_path: Path) -> None:
    path = _write(tmp_path, CHAIN)
    _import(team, path)
    before = _stored(team)
    assert _import(team, path) == (0, 0, 4)
    assert _stored(team) == before


def test_a_blank_kind_hands_the_verdict_back_to_the_classifier(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, CHAIN))
    again = "customer_id,statement,kind\nA,Just cut a small slot in the side,\nA,Users are unhappy,\n"
    assert _import(team, _write(tmp_path, again, "again.csv")) == (0, 1, 1)
    slot = _stored(team)["Just cut a small slot in the side"]
    assert (slot.kind, slot.kind_overridden, slot.version) == ("want", False, 2)


ROWS = ["A,First need", "A,Second need", "A,Third need"]


@pytest.mark.parametrize("at", [0, 1, 3])  # a bad row at the start, in the middle, at the end
def test_a_bad_row_anywhere_imports_nothing(team: str, tmp_path: Path, at: int) -> None:
    rows = [f"{row},stated" for row in ROWS]
    rows.insert(at, "A,Bad need,deep")
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, "customer_id,statement,depth\n" + "\n".join(rows) + "\n"))
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(at + 2, "depth", "deep")]
    assert _stored(team) == {}


def test_every_problem_is_listed_by_row_and_column(team: str, tmp_path: Path) -> None:
    text = """customer_id,statement,said_by,parent,status,confirmed_on
A,One,張三,,,
A,Two,,Nowhere,,
A,Three,,Three,done,
A,Four,,,,someday
N,Five,,,,
"""
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, text), "amy")
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [
        (2, "said_by", "張三"),  # a stakeholder of another account
        (3, "parent", "Nowhere"),
        (4, "status", "done"),
        (4, "parent", "Three"),  # its own why
        (5, "confirmed_on", "someday"),
        (6, "customer_id", "N"),  # ann's account, which amy may not change
    ]
    assert _stored(team) == {}


def test_a_loop_of_whys_is_refused(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, "customer_id,statement,parent\nA,Root,\nA,Below,Root\n", "first.csv"))
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, "customer_id,statement,parent\nA,Root,Below\n"))
    assert [(p.row, str(p.expected)) for p in bad.value.problems] == [
        (2, "a link that closes no loop (Root → Below → Root)")
    ]
