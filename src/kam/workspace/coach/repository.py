"""Queries on `coverage_snapshots` within one session, scoped like every record under an account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.coach.models import CoverageSnapshot


class CoverageSnapshotRepository(AccountRecordRepository[CoverageSnapshot]):
    model = CoverageSnapshot
    sortable: ClassVar = {"id": "id", "day": "day"}
    default_sort = "day"

    def on_day(self, account_ids: Sequence[int], day: dt.date) -> dict[int, CoverageSnapshot]:
        """account id -> its snapshot of `day`, for those that have one."""
        query = self.writable_statement().where(
            CoverageSnapshot.account_id.in_(sorted(set(account_ids))), CoverageSnapshot.day == day
        )
        return {s.account_id: s for s in self.session.scalars(query)}

    def latest_before(self, account_ids: Sequence[int], day: dt.date) -> dict[int, CoverageSnapshot]:
        """account id -> its latest snapshot of a day before `day`, for those that have one."""
        ids = sorted(set(account_ids))
        if not ids:
            return {}
        latest = (
            sa.select(CoverageSnapshot.account_id, sa.func.max(CoverageSnapshot.day).label("day"))
            .where(CoverageSnapshot.account_id.in_(ids), CoverageSnapshot.day < day)
            .group_by(CoverageSnapshot.account_id)
            .subquery()
        )
        query = self.readable_statement().join(
            latest,
            sa.and_(CoverageSnapshot.account_id == latest.c.account_id, CoverageSnapshot.day == latest.c.day),
        )
        return {s.account_id: s for s in self.session.scalars(query)}

    def history(self, account_id: int, day: dt.date, limit: int) -> list[CoverageSnapshot]:
        """The account's snapshots up to `day`, the latest `limit` of them, oldest first."""
        query = (
            self.readable_statement()
            .where(CoverageSnapshot.account_id == account_id, CoverageSnapshot.day <= day)
            .order_by(CoverageSnapshot.day.desc())
            .limit(limit)
        )
        return list(reversed(self.session.scalars(query).all()))
