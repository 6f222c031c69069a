"""Rules for accounts: unique codes, referrals that point to another existing account and never loop.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.errors import CellProblem, ImportValidationError
from kam.io.customers import CustomerType, Ownership
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.accounts.schemas import AccountCreate, AccountPublic, AccountUpdate, ImportSummary
from kam.workspace.errors import AccountNotFound, DuplicateAccount, InvalidReferral

_FIELDS = ("name", "type", "ownership", "industry", "since", "owner")


def get_account(session: Session, code: str) -> AccountPublic:
    return AccountPublic.of(_require(AccountRepository(session), code))


def list_accounts(session: Session) -> list[AccountPublic]:
    return [AccountPublic.of(a) for a in AccountRepository(session).list_all()]


def create_account(session: Session, data: AccountCreate) -> AccountPublic:
    """Add an account; its code must be new and `referred_by` must name another existing account."""
    repo = AccountRepository(session)
    if repo.get_by_code(data.code) is not None:
        raise DuplicateAccount(data.code)
    account = Account(code=data.code, **data.model_dump(include=set(_FIELDS)))
    account.referred_by = _referrer(repo, data.code, data.referred_by)
    try:
        repo.add(account)
    except sa.exc.IntegrityError:  # another session added the same code since the check above
        raise DuplicateAccount(data.code) from None
    return AccountPublic.of(account)


def update_account(session: Session, code: str, data: AccountUpdate) -> AccountPublic:
    """Change the fields given in `data`; a new referrer must exist and must not close a loop."""
    repo = AccountRepository(session)
    account = _require(repo, code)
    for name in data.model_fields_set & set(_FIELDS):
        setattr(account, name, getattr(data, name))
    if "referred_by" in data.model_fields_set:
        referrer = _referrer(repo, code, data.referred_by)
        if referrer is not None:
            loop = _loop_through(repo.referrer_ids(), account.id, referrer.id)
            if loop:
                codes = repo.codes_of(loop)
                chain = " referred by ".join(codes[i] for i in [account.id, *loop])
                raise InvalidReferral(f"referred_by {referrer.code!r} would make a referral loop: {chain}")
        account.referred_by = referrer
    session.flush()
    return AccountPublic.of(account)


def import_accounts(
    session: Session, path: Path, *, mapping: Mapping[str, str] | None = None
) -> ImportSummary:
    """Create or update accounts by code from a customers file (see kam.io.customers); all or nothing.

    Columns the file has overwrite the stored values (a blank cell clears them, except the name);
    columns it lacks leave stored values alone.
    """
    from kam.io.customers import load_customers  # polars: only when a file is imported

    frame = load_customers(path, mapping=mapping)
    label, columns = str(path), set(frame.columns)
    rows = frame.to_dicts()
    codes = [str(r["customer_id"]) for r in rows]
    referrers = [r.get("referred_by") for r in rows]
    repo = AccountRepository(session)
    existing = repo.get_by_codes(codes + [r for r in referrers if r])
    _check_referrals(label, codes, referrers, set(codes) | set(existing))

    accounts: dict[str, Account] = dict(existing)
    changed: set[str] = set()
    for code, row in zip(codes, rows, strict=True):
        account = accounts.get(code)
        if account is None:
            account = accounts[code] = Account(code=code, name=row.get("name") or code)
            session.add(account)
        _apply_row(account, row, columns)
    changed |= {c for c in codes if c in existing and session.is_modified(existing[c])}
    session.flush()
    if "referred_by" in columns:
        for code, referrer in zip(codes, referrers, strict=True):
            accounts[code].referred_by_id = accounts[referrer].id if referrer else None
        changed |= {c for c in codes if c in existing and session.is_modified(existing[c])}
        _check_no_loops(label, repo, accounts, codes)
    created = sum(1 for c in codes if c not in existing)
    return ImportSummary(
        file=label, created=created, updated=len(changed), unchanged=len(codes) - created - len(changed)
    )


def _require(repo: AccountRepository, code: str) -> Account:
    account = repo.get_by_code(code)
    if account is None:
        raise AccountNotFound(code)
    return account


def _referrer(repo: AccountRepository, code: str, referred_by: str | None) -> Account | None:
    if referred_by is None:
        return None
    if referred_by == code:
        raise InvalidReferral(f"referred_by {referred_by!r}: an account cannot refer itself")
    referrer = repo.get_by_code(referred_by)
    if referrer is None:
        raise InvalidReferral(f"referred_by {referred_by!r}: no account has this code")
    return referrer


def _loop_through(graph: Mapping[int, int | None], account_id: int, referrer_id: int) -> list[int]:
    """The referral chain from `referrer_id` back to `account_id`, or [] when it does not get there."""
    chain: list[int] = []
    seen: set[int] = set()
    current: int | None = referrer_id
    while current is not None and current not in seen:
        chain.append(current)
        if current == account_id:
            return chain
        seen.add(current)
        current = graph.get(current)
    return []


def _apply_row(account: Account, row: Mapping[str, Any], columns: set[str]) -> None:
    if row.get("name"):
        account.name = row["name"]
    if "type" in columns:
        account.type = None if row["type"] is None else CustomerType(row["type"])
    if "ownership" in columns:
        account.ownership = None if row["ownership"] is None else Ownership(row["ownership"])
    for name in ("industry", "since"):
        if name in columns:
            setattr(account, name, row[name])


def _raise_problems(label: str, problems: list[CellProblem]) -> None:
    if problems:
        listed = "\n  ".join(p.describe() for p in problems[:5])
        more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise ImportValidationError(
            f"{label}: {len(problems)} bad value(s):\n  {listed}{more}", tuple(problems)
        )


def _check_referrals(label: str, codes: list[str], referrers: list[Any], known: set[str]) -> None:
    problems = []
    for i, (code, referrer) in enumerate(zip(codes, referrers, strict=True)):
        if referrer is None:
            continue
        if referrer == code:
            expected = "another account's code (an account cannot refer itself)"
        elif referrer not in known:
            expected = "the code of an account in this file or in the workspace"
        else:
            continue
        problems.append(CellProblem(label, i + 2, "referred_by", str(referrer), expected))
    _raise_problems(label, problems)


def _check_no_loops(
    label: str, repo: AccountRepository, accounts: Mapping[str, Account], codes: list[str]
) -> None:
    graph = repo.referrer_ids()
    for i, code in enumerate(codes):
        account = accounts[code]
        if account.referred_by_id is None:
            continue
        loop = _loop_through(graph, account.id, account.referred_by_id)
        if loop:
            names = repo.codes_of(loop)
            chain = " referred by ".join(names[j] for j in [account.id, *loop])
            expected = f"a referrer that closes no loop ({chain})"
            _raise_problems(label, [CellProblem(label, i + 2, "referred_by", names[loop[0]], expected)])
