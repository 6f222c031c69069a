"""Importing a customers file into accounts: all or nothing, and a re-import updates accounts by code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.errors import ImportValidationError
from kam.io.customers import CustomerType, Ownership
from kam.workspace.accounts.schemas import AccountCreate, AccountPublic
from kam.workspace.accounts.service import create_account, import_accounts, list_accounts
from kam.workspace.db import session_scope

FIRST = """customer_id,name,type,ownership,industry,since,referred_by
K001,華東電力設備股份有限公司,經銷商,國企,energy,2001-04-01,
K002,長江家電集團,distributor,state,appliances,2015-06-30,K003
K003,嶺南機械有限公司,agent,private,machinery,2010-01-15,K001
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(engine: Engine, path: Path) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        summary = import_accounts(session, path)
    return summary.created, summary.updated, summary.unchanged


def _accounts(engine: Engine) -> dict[str, AccountPublic]:
    with session_scope(engine) as session:
        return {a.code: a for a in list_accounts(session)}


def test_import_creates_accounts_with_labels_and_referrals_in_any_order(
    engine: Engine, tmp_path: Path
) -> None:
    assert _import(engine, _write(tmp_path, "customers.csv", FIRST)) == (3, 0, 0)
    accounts = _accounts(engine)
    k001 = accounts["K001"]
    assert (k001.name, k001.type, k001.ownership) == (
        "華東電力設備股份有限公司",
        CustomerType.DEALER,
        Ownership.STATE,
    )
    assert (k001.industry, k001.since) == ("energy", dt.date(2001, 4, 1))
    assert {c: a.referred_by for c, a in accounts.items()} == {"K001": None, "K002": "K003", "K003": "K001"}


def test_reimport_updates_by_code_and_keeps_what_the_file_lacks(engine: Engine, tmp_path: Path) -> None:
    _import(engine, _write(tmp_path, "customers.csv", FIRST))
    second = """customer_id,name,type,since
K001,,dealer,2001-04-01
K002,長江家電集團股份,wholesaler,2015-06-30
K004,新客戶,,
"""
    assert _import(engine, _write(tmp_path, "again.csv", second)) == (1, 1, 1)
    accounts = _accounts(engine)
    assert accounts["K001"].name == "華東電力設備股份有限公司"  # a blank name keeps the stored one
    assert (accounts["K002"].name, accounts["K002"].type) == ("長江家電集團股份", CustomerType.WHOLESALER)
    assert (accounts["K002"].industry, accounts["K002"].referred_by) == (
        "appliances",
        "K003",
    )  # no such columns
    assert (accounts["K004"].name, accounts["K004"].type, accounts["K004"].since) == ("新客戶", None, None)


def test_a_referrer_already_in_the_workspace_is_accepted(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        create_account(session, AccountCreate(code="OLD", name="Old friend"))
    _import(engine, _write(tmp_path, "customers.csv", "customer_id,referred_by\nNEW,OLD\n"))
    assert _accounts(engine)["NEW"].referred_by == "OLD"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "customer_id,type\nK001,dealer\nK009,bogus\n",
            "row 3, column 'type': value 'bogus' is not one of end_user",
        ),
        (
            "customer_id,referred_by\nK001,\nK009,NOBODY\n",
            "row 3, column 'referred_by': value 'NOBODY' is not the code of an account in this file or in the workspace",
        ),
        (
            "customer_id,referred_by\nK009,K009\n",
            "row 2, column 'referred_by': value 'K009' is not another account's",
        ),
        (
            "customer_id,name,referred_by\nK001,Changed,K002\n",
            "row 2, column 'referred_by': value 'K002' is not a referrer that closes no loop "
            "(K001 referred by K002 referred by K003 referred by K001)",
        ),
    ],
)
def test_a_bad_row_leaves_the_workspace_untouched(
    engine: Engine, tmp_path: Path, text: str, message: str
) -> None:
    _import(engine, _write(tmp_path, "customers.csv", FIRST))
    before = _accounts(engine)
    with pytest.raises(ImportValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _import(engine, _write(tmp_path, "bad.csv", text))
    assert _accounts(engine) == before
