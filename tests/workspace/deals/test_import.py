"""Importing deals: stages in any language, the needs answered named by their statements, the first
quote with its stage, all or nothing with every problem by row and column, and a re-import that
changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.errors import ImportValidationError
from kam.workspace.deals.run import run_deals_import, run_deals_list
from kam.workspace.deals.schemas import DealPublic
from kam.workspace.needs.run import run_needs_import, run_needs_list
from tests.workspace.team import build_team

DEALS = """客戶編號,商機,金額,幣別,階段,預計成交,需求,首次報價
A,冷軋板 2027,"1,200,000",CNY,探詢需求,2027-01-31,"The manual is only in English, sadly|Toll fraud happens",2026-03-02
A,鍍鋅板,,,proposal,,,
"""


@pytest.fixture
def team(engine: Engine, workspace_url: str, tmp_path: Path) -> str:
    build_team(engine)
    needs = tmp_path / "needs.csv"
    needs.write_text(
        'customer_id,statement\nA,"The manual is only in English, sadly"\nA,Toll fraud happens\nN,Ann\'s need\n',
        encoding="utf-8",
    )
    run_needs_import(workspace_url, needs)
    return workspace_url


def _write(tmp_path: Path, text: str, name: str = "deals.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(url: str) -> dict[str, DealPublic]:
    return {d.title: d for d in run_deals_list(url)}


def _import(url: str, path: Path, login: str | None = None) -> tuple[int, int, int]:
    done = run_deals_import(url, path, None, login)
    return done.created, done.updated, done.unchanged


def test_deals_are_imported_with_their_needs_and_first_quote(team: str, tmp_path: Path) -> None:
    assert _import(team, _write(tmp_path, DEALS)) == (2, 0, 0)
    deals, needs = _stored(team), {n.statement: n.id for n in run_needs_list(team)}
    coil = deals["冷軋板 2027"]
    assert (coil.value, coil.currency, coil.stage, coil.expected_close) == (
        1_200_000.0, "CNY", "discovery", dt.date(2027, 1, 31),
    )  # fmt: skip
    assert coil.needs == sorted([needs["The manual is only in English, sadly"], needs["Toll fraud happens"]])
    assert (coil.quoted_on, coil.quoted_stage) == (dt.date(2026, 3, 2), "discovery")  # quoted too early
    assert (deals["鍍鋅板"].stage, deals["鍍鋅板"].needs, deals["鍍鋅板"].quoted_on) == ("proposal", [], None)


def test_importing_the_same_file_again_changes_nothing(team: str, tmp_path: Path) -> None:
    path = _write(tmp_path, DEALS)
    _import(team, path)
    before = _stored(team)
    assert _import(team, path) == (0, 0, 2)
    assert _stored(team) == before


def test_a_later_file_moves_the_stage_and_keeps_the_stage_of_the_first_quote(
    team: str, tmp_path: Path
) -> None:
    _import(team, _write(tmp_path, DEALS))
    later = "customer_id,title,stage,quoted_on\nA,冷軋板 2027,negotiation,2026-03-02\n"
    assert _import(team, _write(tmp_path, later, "later.csv")) == (0, 1, 0)
    coil = _stored(team)["冷軋板 2027"]
    assert (coil.stage, coil.quoted_stage, coil.version, len(coil.needs)) == (
        "negotiation",
        "discovery",
        2,
        2,
    )


ROWS = ["A,First,prospecting", "A,Second,discovery", "A,Third,won"]


@pytest.mark.parametrize("at", [0, 1, 3])  # a bad row at the start, in the middle, at the end
def test_a_bad_row_anywhere_imports_nothing(team: str, tmp_path: Path, at: int) -> None:
    rows = [*ROWS]
    rows.insert(at, "A,Bad,ordered")
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, "customer_id,title,stage\n" + "\n".join(rows) + "\n"))
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(at + 2, "stage", "ordered")]
    assert _stored(team) == {}


def test_every_problem_is_listed_by_row_and_column(team: str, tmp_path: Path) -> None:
    text = """customer_id,title,value,currency,needs,quoted_stage
A,One,100,,,
A,Two,,,Ann's need|Nobody's,
A,Three,ten,CNY,,discovery
B,Four,,,,
A,One,,,,
"""
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, text), "amy")
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [
        (2, "currency", ""),  # a value without its currency
        (3, "needs", "Ann's need"),  # a need of another account
        (3, "needs", "Nobody's"),
        (4, "value", "ten"),
        (4, "quoted_stage", "discovery"),  # a stage at the quote without its day
        (5, "customer_id", "B"),
        (6, "title", "One"),
    ]
    assert _stored(team) == {}


def test_a_value_is_checked_with_the_currency_it_will_have(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, DEALS))
    assert _import(team, _write(tmp_path, "customer_id,title,value\nA,冷軋板 2027,900000\n", "v.csv")) == (
        0,
        1,
        0,
    )
    assert (_stored(team)["冷軋板 2027"].value, _stored(team)["冷軋板 2027"].currency) == (900_000.0, "CNY")
    with pytest.raises(ImportValidationError) as bad:  # 鍍鋅板 has no currency stored
        _import(team, _write(tmp_path, "customer_id,title,value\nA,鍍鋅板,10\n", "w.csv"))
    assert [(p.row, p.column) for p in bad.value.problems] == [(2, "currency")]
