"""Every query on the analysis tables, scoped to the session's actor by the base repository: an
account's analyses follow the account (`UnderAccount`), the runs name no account; no rules here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import ClassVar

from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.domain.segments import Segment
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.repository import ScopedRepository

_CHUNK = 500  # ids per IN list


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), _CHUNK):
        yield wanted[i : i + _CHUNK]


class AnalysisRunRepository(ScopedRepository[AnalysisRun]):
    """Queries on `analysis_runs`."""

    model = AnalysisRun
    default_sort = "as_of"
    sortable: ClassVar = {"id": "id", "as_of": "as_of"}

    def by_as_of(self, as_of: dt.date, *, write: bool = False) -> AnalysisRun | None:
        return self.one(AnalysisRun.as_of == as_of, write=write)

    def latest(self) -> AnalysisRun | None:
        """The analysis with the latest as-of date (None while none is stored)."""
        query = self.readable_statement().order_by(AnalysisRun.as_of.desc()).limit(1)
        return self.session.scalars(query).one_or_none()


class AccountAnalysisRepository(ScopedRepository[AccountAnalysis]):
    """Queries on `account_analyses`: what each analysis found on the accounts the actor may see."""

    model = AccountAnalysis
    default_sort = "as_of"
    sortable: ClassVar = {"id": "id", "as_of": "as_of"}

    def options(self) -> Sequence[ExecutableOption]:
        return (joinedload(AccountAnalysis.run), joinedload(AccountAnalysis.account))

    def of_account(self, account_id: int) -> list[AccountAnalysis]:
        """Every analysis of one account, oldest first, with its run."""
        query = (
            self.readable_statement()
            .where(AccountAnalysis.account_id == account_id)
            .options(joinedload(AccountAnalysis.run))
            .order_by(AccountAnalysis.as_of)
        )
        return list(self.session.scalars(query).unique())

    def on(self, as_of: dt.date, *, write: bool = False) -> dict[int, AccountAnalysis]:
        """account id -> its analysis of `as_of`."""
        query = self.statement(write=write).where(AccountAnalysis.as_of == as_of)
        return {a.account_id: a for a in self.session.scalars(query)}

    def of_run(self, run_id: int, account_ids: Iterable[int]) -> dict[int, AccountAnalysis]:
        """account id -> its analysis in run `run_id`, for these accounts (those the actor may see)."""
        found: dict[int, AccountAnalysis] = {}
        for chunk in _chunks(account_ids):
            query = self.readable_statement().where(
                AccountAnalysis.run_id == run_id, AccountAnalysis.account_id.in_(chunk)
            )
            found.update((a.account_id, a) for a in self.session.scalars(query))
        return found

    def segments(self, before: dt.date | None = None) -> list[tuple[int, dt.date, Segment]]:
        """(account id, as-of, segment) of every analysis the actor may see (before `before` only, when
        given), oldest first."""
        query = self.readable_statement().with_only_columns(
            AccountAnalysis.account_id, AccountAnalysis.as_of, AccountAnalysis.segment
        )
        if before is not None:
            query = query.where(AccountAnalysis.as_of < before)
        rows = self.session.execute(query.order_by(AccountAnalysis.as_of, AccountAnalysis.account_id))
        return [(account_id, as_of, segment) for account_id, as_of, segment in rows]

    def by_ids(self, ids: Iterable[int]) -> list[AccountAnalysis]:
        """These analyses (those the actor may see), with their accounts and runs."""
        found: list[AccountAnalysis] = []
        for chunk in _chunks(ids):
            query = self.readable_statement().where(AccountAnalysis.id.in_(chunk)).options(*self.options())
            found += self.session.scalars(query).unique()
        return found


def latest_per_account(rows: Sequence[tuple[int, dt.date, Segment]]) -> dict[int, tuple[dt.date, Segment]]:
    """account id -> (as-of, segment) of its latest analysis among `rows` (oldest first)."""
    return {account_id: (as_of, segment) for account_id, as_of, segment in rows}
