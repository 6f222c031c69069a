"""Storing `kam analyze`'s output on the accounts, on both databases: what is stored, accounts created,
the same folder twice changing nothing, all or nothing, the history and the segment changes each role
may see, and the money credited to referrers and rolled up to groups."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.domain.segments import Segment
from kam.report.analysis_folder import AnalysisFolderError, read_analysis_folder
from kam.workspace.accounts.schemas import AccountChanges
from kam.workspace.accounts.service import all_accounts, delete_account, get_account, update_account
from kam.workspace.analysis.models import AccountAnalysis
from kam.workspace.analysis.queries import account_analysis, segment_changes
from kam.workspace.analysis.schemas import SegmentChangeFilters
from kam.workspace.analysis.service import sync_analysis
from kam.workspace.audit.models import AuditEntry
from kam.workspace.errors import AccessDenied, AccountNotFound
from kam.workspace.listing import PageRequest
from kam.workspace.referrals.service import referral_credits
from tests.workspace.analysis.analyses import EARLIER, FILLERS, LATER
from tests.workspace.team import OWNERS, acting, build_team

Analyses = dict[dt.date, Path]


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    return engine


def _sync(engine: Engine, folder: Path, login: str | None = None):  # type: ignore[no-untyped-def]
    with acting(engine, login) as session:
        return sync_analysis(session, read_analysis_folder(folder))


def _count(engine: Engine, table: type) -> int:
    with engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def test_an_analysis_is_stored_on_each_account_and_the_missing_ones_are_created(
    team: Engine, analyses: Analyses
) -> None:
    summary = _sync(team, analyses[LATER])
    assert (summary.as_of, summary.accounts, summary.added) == (LATER, 36, 36)
    assert set(summary.created_accounts) == FILLERS  # the team had A, N, B, M, D and U
    assert (summary.updated, summary.unchanged, summary.segment_changes) == (0, 0, 0)
    with acting(team, None) as session:
        created = {a.code: a for a in all_accounts(session) if a.code in FILLERS}
        assert {(a.owner, a.owner_name) for a in created.values()} == {(None, None)}  # unowned
        stored = account_analysis(session, "N", "en").latest
    assert stored is not None
    assert (stored.as_of, stored.segment, stored.tier) == (LATER, Segment.LAPSED, stored.tier)
    assert [r.code for r in stored.reasons] == ["silent", "gap", "big", "volume"]
    expected = pl.read_parquet(analyses[LATER] / "accounts.parquet").filter(pl.col("customer_id") == "N")
    row = expected.row(0, named=True)
    assert stored.metrics.revenue == row["revenue"] and stored.metrics.net_profit == row["net_profit"]
    assert stored.metrics.orders == row["orders"] and stored.at_risk == row["at_risk"]
    assert stored.forecast.p_alive is None  # the analysis ran without the forecast
    assert stored.reason_values["recency_days"] == row["recency_days"]


def test_reasons_are_said_in_each_readers_language_from_the_stored_codes(
    team: Engine, analyses: Analyses
) -> None:
    _sync(team, analyses[LATER])
    expected = pl.read_parquet(analyses[LATER] / "accounts.parquet").filter(pl.col("customer_id") == "A")
    with acting(team, "amy") as session:
        english = account_analysis(session, "A", "en").latest
        chinese = account_analysis(session, "A", "zh-Hant").latest
    assert english is not None and chinese is not None
    assert "; ".join(r.text for r in english.reasons) == expected["reasons"][0]  # as the analysis said it
    assert [r.code for r in chinese.reasons] == [r.code for r in english.reasons]
    assert chinese.reasons[0].text != english.reasons[0].text and "淨利" in chinese.reasons[0].text


def test_syncing_the_same_folder_again_changes_nothing(team: Engine, analyses: Analyses) -> None:
    _sync(team, analyses[LATER])
    audit, versions = _count(team, AuditEntry), _versions(team)
    again = _sync(team, analyses[LATER])
    assert (again.added, again.updated, again.unchanged, again.created_accounts) == (0, 0, 36, [])
    assert (_count(team, AuditEntry), _versions(team)) == (audit, versions)


def _versions(engine: Engine) -> list[tuple[int, int]]:
    with engine.connect() as connection:
        query = sa.select(AccountAnalysis.id, AccountAnalysis.version).order_by(AccountAnalysis.id)
        return [(i, v) for i, v in connection.execute(query)]


def test_an_analysis_of_the_same_date_with_other_figures_replaces_the_stored_one(
    team: Engine, analyses: Analyses, tmp_path: Path
) -> None:
    _sync(team, analyses[LATER])
    changed = tmp_path / "changed"
    shutil.copytree(analyses[LATER], changed)
    accounts = pl.read_parquet(changed / "accounts.parquet")
    accounts.with_columns(
        revenue=pl.when(pl.col("customer_id") == "A").then(1.0).otherwise("revenue")
    ).write_parquet(changed / "accounts.parquet")
    again = _sync(team, changed)
    assert (again.added, again.updated, again.unchanged) == (0, 1, 35)
    with acting(team, None) as session:
        latest = account_analysis(session, "A").latest
        assert latest is not None and latest.metrics.revenue == 1.0
        assert len(account_analysis(session, "A").history) == 1


def test_a_broken_parquet_file_stores_nothing(team: Engine, analyses: Analyses, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(analyses[LATER], broken)
    (broken / "accounts.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.raises(AnalysisFolderError) as refused:
        _sync(team, broken)
    assert refused.value.args[0].key == "sync_unreadable" and refused.value.status_code == 422
    assert _count(team, AccountAnalysis) == 0 and _accounts(team) == set(OWNERS)


def test_a_failure_part_way_rolls_the_whole_sync_back(
    team: Engine, analyses: Analyses, tmp_path: Path
) -> None:
    """A code the accounts table cannot hold, met after other accounts were created: nothing is kept."""
    long = tmp_path / "long"
    shutil.copytree(analyses[LATER], long)
    accounts = pl.read_parquet(long / "accounts.parquet")
    accounts.with_columns(customer_id=pl.col("customer_id").replace({"F29": "F" * 65})).write_parquet(
        long / "accounts.parquet"
    )
    with pytest.raises(AnalysisFolderError) as refused:
        _sync(team, long)
    assert refused.value.args[0].key == "sync_bad_code"
    assert _count(team, AccountAnalysis) == 0 and _accounts(team) == set(OWNERS)


def _accounts(engine: Engine) -> set[str]:
    with acting(engine, None) as session:
        return {a.code for a in all_accounts(session)}


@pytest.mark.parametrize("login", ["max", "amy"])
def test_only_an_admin_or_the_local_operator_syncs(team: Engine, analyses: Analyses, login: str) -> None:
    with pytest.raises(AccessDenied) as refused:
        _sync(team, analyses[LATER], login)
    assert refused.value.args[0].key == "sync_admins_only" and refused.value.status_code == 403
    assert _count(team, AccountAnalysis) == 0
    assert _sync(team, analyses[LATER], "ada").added == 36


def test_a_deleted_account_gets_no_analysis_and_is_named(team: Engine, analyses: Analyses) -> None:
    with acting(team, None) as session:
        delete_account(session, "D")
    summary = _sync(team, analyses[LATER])
    assert (summary.skipped_deleted, summary.added, summary.created_accounts.count("D")) == (["D"], 35, 0)


def test_the_history_keeps_each_analysis_and_marks_the_changes(team: Engine, analyses: Analyses) -> None:
    _sync(team, analyses[EARLIER])
    later = _sync(team, analyses[LATER])
    assert later.segment_changes == 2  # N: key -> lapsed, U: regular -> potential
    with acting(team, None) as session:
        history = account_analysis(session, "N").history
        steady = account_analysis(session, "A").history
    assert [(h.as_of, h.segment, h.previous_segment, h.changed) for h in history] == [
        (EARLIER, Segment.KEY, None, False),
        (LATER, Segment.LAPSED, Segment.KEY, True),
    ]
    assert [h.changed for h in steady] == [False, False]


def test_an_older_analysis_synced_later_is_history_not_the_latest(team: Engine, analyses: Analyses) -> None:
    _sync(team, analyses[LATER])
    _sync(team, analyses[EARLIER])
    with acting(team, None) as session:
        found = account_analysis(session, "N")
    assert found.latest is not None and (found.latest.as_of, found.latest.segment) == (LATER, Segment.LAPSED)
    assert [h.as_of for h in found.history] == [EARLIER, LATER]


CHANGES = {  # who asks -> the accounts whose segment changed since 2025-01-01 that they may see
    None: ["N", "U"],
    "ada": ["N", "U"],
    "max": ["N", "U"],  # ann's N and the unowned U
    "ann": ["N"],
    "amy": [],  # A stayed a key account; N is ann's
    "bob": [],
}


@pytest.mark.parametrize(("login", "codes"), CHANGES.items())
def test_segment_changes_show_only_what_the_reader_may_see(
    team: Engine, analyses: Analyses, login: str | None, codes: list[str]
) -> None:
    _sync(team, analyses[EARLIER])
    _sync(team, analyses[LATER])
    since = dt.date(2025, 1, 1)
    with acting(team, login) as session:
        found = segment_changes(session, SegmentChangeFilters(since=since))
        lapsed = segment_changes(
            session, SegmentChangeFilters(since=since, from_segment=Segment.KEY, to_segment=Segment.LAPSED)
        )
    assert [c.account for c in found.items] == codes and found.total == len(codes)
    assert [(c.account, c.from_segment, c.to_segment, c.from_as_of, c.to_as_of) for c in lapsed.items] == [
        ("N", Segment.KEY, Segment.LAPSED, EARLIER, LATER)
    ] * ("N" in codes)


@pytest.mark.parametrize(
    ("since", "codes"),
    [
        (dt.date(2024, 12, 30), []),  # no analysis on or before it: nothing to compare with
        (EARLIER, ["N", "U"]),  # the analysis of that very day is the one compared with
        (dt.date(2025, 12, 30), ["N", "U"]),
        (LATER, []),  # nothing was analysed after it
    ],
)
def test_changes_compare_the_last_analysis_on_or_before_the_day_with_the_latest(
    team: Engine, analyses: Analyses, since: dt.date, codes: list[str]
) -> None:
    _sync(team, analyses[EARLIER])
    _sync(team, analyses[LATER])
    with acting(team, None) as session:
        found = segment_changes(session, SegmentChangeFilters(since=since), PageRequest(per_page=1))
    assert ([c.account for c in found.items], found.total) == (codes[:1], len(codes))


def test_an_account_out_of_reach_has_no_analysis_to_show(team: Engine, analyses: Analyses) -> None:
    _sync(team, analyses[LATER])
    with acting(team, "amy") as session, pytest.raises(AccountNotFound):
        account_analysis(session, "N")


def _money(engine: Engine, code: str) -> tuple[float, float]:
    with acting(engine, None) as session:
        latest = account_analysis(session, code).latest
    assert latest is not None and latest.metrics.revenue is not None and latest.metrics.net_profit is not None
    return latest.metrics.revenue, latest.metrics.net_profit


@pytest.mark.parametrize(("login", "credited"), [(None, ["N", "U"]), ("max", ["N", "U"]), ("ann", [])])
def test_referrers_are_credited_with_the_money_of_the_accounts_they_brought(
    team: Engine, analyses: Analyses, login: str | None, credited: list[str]
) -> None:
    with acting(team, None) as session:
        update_account(session, "N", AccountChanges(referred_by="A"))
        update_account(session, "U", AccountChanges(referred_by="A"))
    _sync(team, analyses[EARLIER])
    _sync(team, analyses[LATER])
    with acting(team, login) as session:
        found = referral_credits(session)
    money = [_money(team, code) for code in credited]
    if not credited:  # ann sees N but not A, its referrer
        assert found.items == []
        return
    (credit,) = found.items
    assert (credit.referrer, credit.revenue, credit.profit) == (
        "A",
        pytest.approx(sum(r for r, _ in money)),
        pytest.approx(sum(p for _, p in money)),
    )
    assert (found.analysis_as_of, found.note) == (LATER, None)


@pytest.mark.parametrize(("login", "members"), [(None, ["N", "U"]), ("max", ["N", "U"]), ("amy", None)])
def test_a_groups_value_sums_its_subsidiaries_the_reader_may_see(
    team: Engine, analyses: Analyses, login: str | None, members: list[str] | None
) -> None:
    with acting(team, None) as session:
        update_account(session, "N", AccountChanges(parent="A"))
        update_account(session, "U", AccountChanges(parent="N"))  # a subsidiary of a subsidiary
    with acting(team, None) as session:
        assert get_account(session, "A").group is not None
        assert get_account(session, "A").group.revenue is None  # type: ignore[union-attr]  # no analysis yet
    _sync(team, analyses[LATER])
    with acting(team, login) as session:
        group = get_account(session, "A").group
    if members is None:  # amy sees A but none of its subsidiaries: no group to roll up
        assert group is None
        return
    money = [_money(team, code) for code in ["A", *members]]
    assert group is not None and (group.accounts, group.subsidiaries, group.as_of) == (3, members, LATER)
    assert group.revenue == pytest.approx(sum(r for r, _ in money))
    assert group.net_profit == pytest.approx(sum(p for _, p in money))
