"""Contracts through their service on both databases: one per account, year and product, a volume
only with its unit and a value only with its currency, filters, stale versions, soft delete and
restore with their history."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from kam.workspace.contracts.schemas import ContractChanges, ContractCreate, ContractFilters
from kam.workspace.contracts.service import (
    contract_history,
    create_contract,
    delete_contract,
    get_contract,
    list_contracts,
    restore_contract,
    update_contract,
)
from kam.workspace.errors import DuplicateRecord, InvalidInput, RecordNotFound, StaleVersion
from kam.workspace.listing import PageRequest
from tests.workspace.team import acting, build_team


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _add(engine: Engine, year: int, product: str = "冷軋板", account: str = "A", **fields: object) -> int:
    with acting(engine, "ada") as session:
        data = ContractCreate.model_validate({"account": account, "year": year, "product": product, **fields})
        return create_contract(session, data).id


def test_create_then_get_and_list_by_year(team: Engine) -> None:
    made = _add(team, 2025, volume=520, unit="t", value=2_600_000, currency="cny")
    _add(team, 2024, volume=480, unit="噸")
    _add(team, 2025, product="鍍鋅板")
    with acting(team, "amy") as session:
        got = get_contract(session, made)
        assert (got.account, got.year, got.product, got.volume, got.unit, got.value, got.currency) == (
            "A", 2025, "冷軋板", 520.0, "t", 2_600_000.0, "CNY",
        )  # fmt: skip
        listed = list_contracts(session).items
        assert [(c.year, c.product) for c in listed] == [(2024, "冷軋板"), (2025, "冷軋板"), (2025, "鍍鋅板")]
        assert list_contracts(session, ContractFilters(year=2025, q="鍍"), PageRequest(total=True)).total == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"year": 1899},
        {"year": 2201},
        {"volume": 5},
        {"value": 5},
        {"volume": -1, "unit": "t"},
        {"unit": "x" * 17},
    ],
)
def test_bad_contracts_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ContractCreate.model_validate({"account": "A", "year": 2025, "product": "p", **fields})


@pytest.mark.parametrize("year", [1900, 2200])
def test_the_years_at_the_limits_are_kept(team: Engine, year: int) -> None:
    with acting(team, "amy") as session:
        assert get_contract(session, _add(team, year)).year == year


def test_one_contract_per_account_year_and_product(team: Engine) -> None:
    first = _add(team, 2025)
    _add(team, 2025, account="N")
    second = _add(team, 2024)
    with pytest.raises(DuplicateRecord):
        _add(team, 2025)
    with pytest.raises(DuplicateRecord), acting(team, "amy") as session:
        update_contract(session, second, ContractChanges(year=2025))
    with acting(team, "amy") as session:
        delete_contract(session, first)
    with pytest.raises(DuplicateRecord):  # a deleted one keeps its place: restore it instead
        _add(team, 2025)


def test_a_volume_keeps_its_unit_and_a_value_its_currency(team: Engine) -> None:
    made = _add(team, 2025, volume=500, unit="t", value=10, currency="TWD")
    for change in (ContractChanges(unit=None), ContractChanges(currency=None)):
        with pytest.raises(InvalidInput), acting(team, "amy") as session:
            update_contract(session, made, change)
    with acting(team, "amy") as session:
        cleared = update_contract(session, made, ContractChanges(volume=None, unit=None))
        assert (cleared.volume, cleared.unit, cleared.version) == (None, None, 2)


def test_stale_versions_soft_delete_restore_and_history(team: Engine) -> None:
    made = _add(team, 2025, volume=500, unit="t")
    with acting(team, "amy") as session:
        update_contract(session, made, ContractChanges(volume=550), version=1)
    with pytest.raises(StaleVersion), acting(team, "max") as session:
        update_contract(session, made, ContractChanges(volume=600), version=1)
    with acting(team, "max") as session:
        delete_contract(session, made, version=2)
        with pytest.raises(RecordNotFound):
            get_contract(session, made)
        restore_contract(session, made, version=3)
        history = contract_history(session, made).items
    assert [(e.action, e.field, e.old_value, e.new_value) for e in history if e.action == "update"] == [
        ("update", "volume", 500, 550)
    ]
    assert [(e.action, e.actor) for e in history][-2:] == [("delete", "max"), ("restore", "max")]
