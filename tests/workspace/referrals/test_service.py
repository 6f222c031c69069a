"""Referrals: the day of each referral kept on the account it brought, and each referrer credited with
the accounts it brought, counting only what the reader may see, with revenue and profit unknown (and
said so) while no analysis is stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.errors import ImportValidationError
from kam.workspace.accounts.schemas import AccountChanges, AccountCreate
from kam.workspace.accounts.service import create_account, get_account, update_account
from kam.workspace.errors import InvalidReferral
from kam.workspace.listing import PageRequest
from kam.workspace.referrals.schemas import ReferralFilters
from kam.workspace.referrals.service import referral_credits
from kam.workspace.run import run_accounts_import
from tests.workspace.team import acting, build_team

MARCH = dt.date(2026, 3, 2)


@pytest.fixture
def team(engine: Engine) -> Engine:
    """The team's accounts, with referrals: A brought N and U (amy's brought ann's and the unowned),
    B brought A (bob's brought amy's), M brought nobody."""
    build_team(engine)
    with acting(engine, None) as session:
        update_account(session, "N", AccountChanges(referred_by="A", referred_on=MARCH))
        update_account(session, "U", AccountChanges(referred_by="A"))
        update_account(session, "A", AccountChanges(referred_by="B", referred_on=dt.date(2020, 5, 1)))
    return engine


def test_the_referral_day_is_kept_and_goes_with_its_referrer(team: Engine) -> None:
    with acting(team, None) as session:
        assert (get_account(session, "N").referred_by, get_account(session, "N").referred_on) == ("A", MARCH)
        with pytest.raises(InvalidReferral) as refused:
            create_account(session, AccountCreate(code="X", name="X", referred_on=MARCH))
        assert refused.value.status_code == 422
        update_account(session, "N", AccountChanges(referred_by=None))
        assert get_account(session, "N").referred_on is None  # no referrer, no referral day
    with acting(team, "amy") as session:  # bob's B is not shown to amy, nor the day it brought A
        assert (get_account(session, "A").referred_by, get_account(session, "A").referred_on) == (None, None)


@pytest.mark.parametrize(
    ("login", "credits"),
    [
        (None, [("A", 2, ["N", "U"]), ("B", 1, ["A"])]),
        ("max", [("A", 2, ["N", "U"])]),  # B is another team's: not listed
        ("amy", []),  # amy sees A but none of the accounts it brought, and not B
        ("bob", []),  # bob sees B but not A, which B brought
    ],
)
def test_each_referrer_is_credited_with_what_the_reader_may_see(
    team: Engine, login: str | None, credits: list[tuple[str, int, list[str]]]
) -> None:
    with acting(team, login) as session:
        found = referral_credits(session)
    assert [(c.referrer, c.accounts, [a.code for a in c.referred]) for c in found.items] == credits
    assert found.total == len(credits)
    assert all(c.revenue is None and c.profit is None for c in found.items)
    assert found.analysis_as_of is None and found.note == (
        "no analysis is stored in the workspace yet, so the referred accounts' revenue and profit are not "
        "known; the credit counts the accounts"
    )


def test_credits_filter_page_and_say_their_note_in_the_readers_language(team: Engine) -> None:
    with acting(team, None) as session:
        only_b = referral_credits(session, ReferralFilters(referrer="B"))
        second = referral_credits(session, None, PageRequest(page=2, per_page=1), "zh-Hant")
    assert [(c.referrer, c.referred[0].referred_on) for c in only_b.items] == [("B", dt.date(2020, 5, 1))]
    assert ([c.referrer for c in second.items], second.total) == (["B"], 2)
    assert second.note == "工作區尚未儲存任何分析，因此被介紹客戶的營收與利潤未知；目前僅計算客戶數"


def test_the_referral_day_is_imported_with_the_customers(
    engine: Engine, workspace_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("客戶編號,介紹人,介紹日期\nK1,,\nK2,K1,2025/03/02\n", encoding="utf-8")
    run_accounts_import(workspace_url, path)
    with acting(engine, None) as session:
        assert get_account(session, "K2").referred_on == dt.date(2025, 3, 2)
    path.write_text("customer_id,referred_by,referred_on\nK1,,2025-01-01\nK2,K1,tomorrow\n", encoding="utf-8")
    with pytest.raises(ImportValidationError) as bad:
        run_accounts_import(workspace_url, path)
    assert [(p.row, p.column) for p in bad.value.problems] == [(3, "referred_on")]
    path.write_text("customer_id,referred_by,referred_on\nK1,,2025-01-01\n", encoding="utf-8")
    with pytest.raises(ImportValidationError) as bad:
        run_accounts_import(workspace_url, path)
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(2, "referred_on", "2025-01-01")]
