"""Account rules on both databases: unique codes, referrals to another existing account, partial updates."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Engine

from kam.io.customers import CustomerType, Ownership
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.schemas import AccountChanges, AccountCreate
from kam.workspace.accounts.service import all_accounts, create_account, get_account, update_account
from kam.workspace.db import session_scope
from kam.workspace.errors import AccountNotFound, DuplicateAccount, InvalidReferral


def _add(engine: Engine, code: str, **fields: object) -> None:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        create_account(session, AccountCreate.model_validate({"code": code, "name": f"{code} Ltd", **fields}))


def test_create_then_get_gives_back_every_field(engine: Engine) -> None:
    _add(engine, "K001")
    with session_scope(engine, LOCAL_OPERATOR) as session:
        created = create_account(
            session,
            AccountCreate(
                code=" C001 ",
                name="長江家電集團",
                type=CustomerType.DISTRIBUTOR,
                ownership=Ownership.STATE,
                industry="appliances",
                since=dt.date(2001, 4, 1),
                referred_by="K001",
                owner="Amy",
            ),
        )
    with session_scope(engine, LOCAL_OPERATOR) as session:
        account = get_account(session, "C001")
    assert account == created
    assert (account.code, account.name, account.type, account.ownership) == (
        "C001",
        "長江家電集團",
        CustomerType.DISTRIBUTOR,
        Ownership.STATE,
    )
    assert (account.industry, account.since, account.referred_by, account.owner, account.owner_name) == (
        "appliances",
        dt.date(2001, 4, 1),
        "K001",
        None,  # no user is called Amy yet: the name is kept
        "Amy",
    )
    assert account.created_at.tzinfo is not None and account.updated_at >= account.created_at


def test_list_is_ordered_by_code(engine: Engine) -> None:
    for code in ("C003", "C001", "C002"):
        _add(engine, code)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert [a.code for a in all_accounts(session)] == ["C001", "C002", "C003"]


def test_a_duplicate_code_is_a_conflict(engine: Engine) -> None:
    _add(engine, "C001")
    with pytest.raises(DuplicateAccount, match="'C001' exists already") as caught:
        _add(engine, "C001")
    assert caught.value.status_code == 409


def test_an_unknown_code_is_not_found(engine: Engine) -> None:
    with (
        pytest.raises(AccountNotFound, match=r"no account with code 'NOPE'") as caught,
        session_scope(engine, LOCAL_OPERATOR) as session,
    ):
        get_account(session, "NOPE")
    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    ("referred_by", "message"),
    [("NOPE", "'NOPE': no account has this code"), ("C001", "'C001': an account cannot refer itself")],
)
def test_a_referral_must_name_another_existing_account(
    engine: Engine, referred_by: str, message: str
) -> None:
    with pytest.raises(InvalidReferral, match=message) as caught:
        _add(engine, "C001", referred_by=referred_by)
    assert caught.value.status_code == 422
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert all_accounts(session) == []


def test_update_changes_only_the_fields_given(engine: Engine) -> None:
    _add(engine, "K001")
    _add(engine, "C001", industry="steel", owner="Amy")
    with session_scope(engine, LOCAL_OPERATOR) as session:
        before = get_account(session, "C001")
    with session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(session, "C001", AccountChanges(owner="Ben", industry=None, referred_by="K001"))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        after = get_account(session, "C001")
    assert (after.owner_name, after.industry, after.referred_by) == ("Ben", None, "K001")
    assert (after.name, after.type, after.created_at) == (before.name, before.type, before.created_at)
    assert after.updated_at > before.updated_at


def test_update_refuses_a_referral_loop_and_changes_nothing(engine: Engine) -> None:
    _add(engine, "A")
    _add(engine, "B", referred_by="A")
    _add(engine, "C", referred_by="B")
    with (
        pytest.raises(InvalidReferral, match=r"referral loop: A referred by C referred by B referred by A"),
        session_scope(engine, LOCAL_OPERATOR) as session,
    ):
        update_account(session, "A", AccountChanges(owner="Zoe", referred_by="C"))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        account = get_account(session, "A")
    assert (account.referred_by, account.owner) == (None, None)


def test_update_of_an_unknown_account_is_not_found(engine: Engine) -> None:
    with pytest.raises(AccountNotFound), session_scope(engine, LOCAL_OPERATOR) as session:
        update_account(session, "NOPE", AccountChanges(owner="Ben"))


def test_the_name_cannot_be_cleared() -> None:
    with pytest.raises(ValidationError, match="name cannot be cleared"):
        AccountChanges(name=None)


def test_relationships_are_never_loaded_implicitly(engine: Engine) -> None:
    _add(engine, "K001")
    _add(engine, "C001", referred_by="K001")
    with session_scope(engine, LOCAL_OPERATOR) as session:
        account = session.scalars(sa.select(Account).where(Account.code == "C001")).one()
        with pytest.raises(sa.exc.InvalidRequestError, match="lazy='raise'"):
            _ = account.referred_by
