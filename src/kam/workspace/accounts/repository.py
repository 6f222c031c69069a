"""Every query on accounts; no rules here (they live in the service)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from kam.workspace.accounts.models import Account

_CHUNK = 500  # codes per IN list: far below SQLite's and PostgreSQL's parameter limits


class AccountRepository:
    """Queries on the `accounts` table within one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get_by_code(self, code: str) -> Account | None:
        """The account with its referrer loaded."""
        query = sa.select(Account).options(joinedload(Account.referred_by)).where(Account.code == code)
        return self.session.scalars(query).one_or_none()

    def get_by_codes(self, codes: Iterable[str]) -> dict[str, Account]:
        """Accounts by code, with their referrers loaded; unknown codes are left out."""
        wanted = sorted(set(codes))
        found: dict[str, Account] = {}
        for i in range(0, len(wanted), _CHUNK):
            query = (
                sa.select(Account)
                .options(joinedload(Account.referred_by))
                .where(Account.code.in_(wanted[i : i + _CHUNK]))
            )
            found.update((a.code, a) for a in self.session.scalars(query))
        return found

    def list_all(self) -> Sequence[Account]:
        """Every account by code, with its referrer loaded."""
        query = sa.select(Account).options(joinedload(Account.referred_by)).order_by(Account.code)
        return self.session.scalars(query).all()

    def referrer_ids(self) -> dict[int, int | None]:
        """account id -> referrer id for every account: the referral graph, for loop checks."""
        rows = self.session.execute(sa.select(Account.id, Account.referred_by_id))
        return {account_id: referrer for account_id, referrer in rows}

    def codes_of(self, ids: Iterable[int]) -> dict[int, str]:
        """account id -> code for the given ids."""
        rows = self.session.execute(sa.select(Account.id, Account.code).where(Account.id.in_(set(ids))))
        return {account_id: code for account_id, code in rows}

    def add(self, account: Account) -> None:
        self.session.add(account)
        self.session.flush()

    def insert_many(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
        """Insert accounts given as column values in one batched statement; code -> new id."""
        if not rows:
            return {}
        inserted = self.session.execute(sa.insert(Account).returning(Account.code, Account.id), rows)
        return {code: account_id for code, account_id in inserted}

    def set_referrers(self, referrers: Mapping[int, int | None]) -> None:
        """account id -> its new referrer's id, in one batched UPDATE by primary key."""
        if referrers:
            rows = [{"id": i, "referred_by_id": r} for i, r in referrers.items()]
            self.session.execute(sa.update(Account), rows)
