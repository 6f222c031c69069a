"""Importing contracts: 24 years of volumes at once with Chinese headers, matched by account, year and
product, all or nothing with every problem by row and column, and a re-import that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.errors import ImportValidationError
from kam.workspace.contracts.run import run_contracts_import, run_contracts_list
from kam.workspace.contracts.schemas import ContractPublic
from tests.workspace.team import build_team


@pytest.fixture
def team(engine: Engine, workspace_url: str) -> str:
    build_team(engine)
    return workspace_url


def _write(tmp_path: Path, text: str, name: str = "contracts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(url: str) -> dict[tuple[str, int, str], ContractPublic]:
    return {(c.account, c.year, c.product): c for c in run_contracts_list(url)}


def _import(url: str, path: Path, login: str | None = None) -> tuple[int, int, int]:
    done = run_contracts_import(url, path, None, login)
    return done.created, done.updated, done.unchanged


def _years() -> str:
    rows = [f"A,{year},冷軋板,{100 + 10 * i},噸,,\n" for i, year in enumerate(range(2002, 2026))]
    return (
        "客戶編號,年度,產品,合同量,單位,合同金額,幣別\n"
        + "".join(rows)
        + 'N,2025,鍍鋅板,"1,200",t,"3,000,000",CNY\n'
    )


def test_twenty_four_years_are_imported_and_a_reimport_changes_nothing(team: str, tmp_path: Path) -> None:
    path = _write(tmp_path, _years())
    assert _import(team, path) == (25, 0, 0)
    stored = _stored(team)
    assert (stored["A", 2002, "冷軋板"].volume, stored["A", 2025, "冷軋板"].volume) == (100.0, 330.0)
    zinc = stored["N", 2025, "鍍鋅板"]
    assert (zinc.volume, zinc.unit, zinc.value, zinc.currency) == (1200.0, "t", 3_000_000.0, "CNY")
    assert _import(team, path) == (0, 0, 25)
    assert _stored(team) == stored


def test_a_later_file_changes_only_its_columns(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, _years()))
    later = "customer_id,year,product,volume\nA,2025,冷軋板,360\nA,2024,冷軋板,320\n"
    assert _import(team, _write(tmp_path, later, "later.csv")) == (0, 1, 1)
    changed = _stored(team)["A", 2025, "冷軋板"]
    assert (changed.volume, changed.unit, changed.version) == (360.0, "噸", 2)


ROWS = ["A,2023,p", "A,2024,p", "A,2025,p"]


@pytest.mark.parametrize("at", [0, 1, 3])  # a bad row at the start, in the middle, at the end
def test_a_bad_row_anywhere_imports_nothing(team: str, tmp_path: Path, at: int) -> None:
    rows = [*ROWS]
    rows.insert(at, "A,20x5,p")
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, "customer_id,year,product\n" + "\n".join(rows) + "\n"))
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(at + 2, "year", "20x5")]
    assert _stored(team) == {}


def test_every_problem_is_listed_by_row_and_column(team: str, tmp_path: Path) -> None:
    text = """customer_id,year,product,volume,unit,value,currency
A,2025,p,10,,,
A,1850,p,,,,
A,2025.5,p,,,,
B,2025,p,,,,
A,2025,p,,,,
A,2024,p,,,5,RMB1
"""
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, text), "amy")
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [
        (2, "unit", ""),
        (3, "year", "1850"),
        (4, "year", "2025.5"),
        (5, "customer_id", "B"),
        (6, "product", "p"),
        (7, "currency", "RMB1"),
    ]
    assert _stored(team) == {}
