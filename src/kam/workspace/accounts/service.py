"""Rules for accounts: unique codes, referrals that point to another existing account and never loop.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from kam.errors import CellProblem, ImportValidationError
from kam.i18n import Joined, Notice
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.accounts.schemas import AccountCreate, AccountPublic, AccountUpdate, ImportSummary
from kam.workspace.errors import AccountNotFound, AccountsAddedMeanwhile, DuplicateAccount, InvalidReferral

if TYPE_CHECKING:
    from kam.io.customers import CustomersTable

_FIELDS = ("name", "type", "ownership", "industry", "since", "owner")
_IMPORTED = ("type", "ownership", "industry", "since", "referred_by")  # customers-file columns stored
_ROWS = TypeAdapter(list[AccountCreate])
_LISTED = 5  # problems listed in the message; the error carries them all
_CHAIN_SHOWN = 10  # accounts of a referral loop named in its message


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
                first, *others = (codes[i] for i in [account.id, *loop])
                chain = Joined("", [first, *(Notice("referred_by_link", code=c) for c in others)])
                raise InvalidReferral(Notice("referral_loop", code=referrer.code, chain=chain))
        account.referred_by = referrer
    session.flush()
    return AccountPublic.of(account)


def import_accounts(
    session: Session, path: Path, *, mapping: Mapping[str, str] | None = None
) -> ImportSummary:
    """Create or update accounts by code from a customers file (see kam.io.customers); all or nothing.

    Every value is checked as `kam accounts add` checks it, and every problem is reported at once.
    Columns the file has overwrite the stored values (a blank cell clears them, except the name);
    columns it lacks leave stored values alone.
    """
    from kam.io.customers import read_customers  # polars: only when a file is imported

    table = read_customers(path, mapping=mapping)
    columns = set(table.columns)
    codes: list[str] = table.frame["customer_id"].to_list()
    referrers: list[str | None] = (
        table.frame["referred_by"].to_list() if "referred_by" in columns else [None] * len(codes)
    )
    named = [bool(n) for n in table.frame["name"]] if "name" in columns else [False] * len(codes)
    entries, problems = _checked_rows(table, named)
    repo = AccountRepository(session)
    existing = repo.get_by_codes(codes + [r for r in referrers if r])
    problems += _referral_problems(table, referrers, set(codes) | set(existing), problems)
    _raise_problems(table.label, problems)

    new = [entry for entry in entries if entry.code not in existing]
    for entry, has_name in zip(entries, named, strict=True):
        if entry.code in existing:
            _apply_row(existing[entry.code], entry, columns, has_name)
    changed = {c for c in set(codes) & set(existing) if session.is_modified(existing[c])}
    session.flush()
    ids = {code: account.id for code, account in existing.items()}
    try:
        ids |= repo.insert_many([_new_row(entry, columns) for entry in new])
    except sa.exc.IntegrityError:  # another session stored some of the new codes since the check above
        taken = _stored_meanwhile(session, [entry.code for entry in new])
        if not taken:
            raise
        raise AccountsAddedMeanwhile(taken) from None
    if "referred_by" in columns:
        changed |= _move_referrals(repo, ids, existing, codes, referrers)
        _check_no_loops(table, repo, [ids[c] for c in codes])
    return ImportSummary(
        file=str(path), created=len(new), updated=len(changed), unchanged=len(codes) - len(new) - len(changed)
    )


def _new_row(entry: AccountCreate, columns: set[str]) -> dict[str, object]:
    """The column values of a new account: its code, name and the file's columns (referrals come later)."""
    stored = [f for f in ("type", "ownership", "industry", "since") if f in columns]
    return {"code": entry.code, "name": entry.name, **{f: getattr(entry, f) for f in stored}}


def _move_referrals(
    repo: AccountRepository,
    ids: Mapping[str, int],
    existing: Mapping[str, Account],
    codes: list[str],
    referrers: list[str | None],
) -> set[str]:
    """Point each account at its referrer in one batched update; the codes of stored accounts changed."""
    moved: dict[int, int | None] = {}
    changed = set()
    for code, referrer in zip(codes, referrers, strict=True):
        referrer_id = ids[referrer] if referrer else None
        stored = existing.get(code)
        if referrer_id == (None if stored is None else stored.referred_by_id):
            continue
        moved[ids[code]] = referrer_id
        if stored is not None:
            changed.add(code)
            repo.session.expire(stored)
    repo.set_referrers(moved)
    return changed


def _require(repo: AccountRepository, code: str) -> Account:
    account = repo.get_by_code(code)
    if account is None:
        raise AccountNotFound(code)
    return account


def _referrer(repo: AccountRepository, code: str, referred_by: str | None) -> Account | None:
    if referred_by is None:
        return None
    if referred_by == code:
        raise InvalidReferral(Notice("referral_self", code=referred_by))
    referrer = repo.get_by_code(referred_by)
    if referrer is None:
        raise InvalidReferral(Notice("referral_unknown", code=referred_by))
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


def find_loops(graph: Mapping[int, int | None], starts: Iterable[int]) -> list[list[int]]:
    """Every referral loop reachable from `starts`, each as its accounts in referral order (each one is
    referred by the next, the last by the first). Linear: every account is walked over once."""
    walked: dict[int, int] = {}  # account -> the start of the walk that reached it first
    loops: list[list[int]] = []
    for start in starts:
        path: list[int] = []
        current: int | None = start
        while current is not None and current not in walked:
            walked[current] = start
            path.append(current)
            current = graph.get(current)
        if current is not None and walked[current] == start:  # back on this walk's own path
            loops.append(path[path.index(current) :])
    return loops


def _checked_rows(table: CustomersTable, named: list[bool]) -> tuple[list[AccountCreate], list[CellProblem]]:
    """Each row as the `AccountCreate` that `kam accounts add` checks (a blank name is the code), and
    every value it refuses, by row and the file's column."""
    fields = {"code": "customer_id", **{f: f for f in _IMPORTED if f in table.columns}}
    rows = [
        {f: row[c] for f, c in fields.items()} | {"name": row.get("name") or row["customer_id"]}
        for row in table.frame.to_dicts()
    ]
    try:
        return _ROWS.validate_python(rows), []
    except ValidationError as exc:
        errors = exc.errors()
    fields["name"] = "name"
    problems = []
    for error in errors:
        index, field = int(error["loc"][0]), str(error["loc"][1])
        if field == "name" and not named[index]:
            continue  # the code stands in for a blank name: its own problem is reported
        value = str(error["input"])
        expected = error["msg"]
        if error["type"] == "string_too_long":
            expected = Notice("expect_max_chars", limit=error["ctx"]["max_length"], length=len(value))
        column = table.columns[fields[field]]
        problems.append(CellProblem(table.label, table.rows[index], column, value, expected))
    return [], problems


def _referral_problems(
    table: CustomersTable, referrers: list[str | None], known: set[str], found: list[CellProblem]
) -> list[CellProblem]:
    """Referrers that are the account itself or no account of the file or the workspace (a cell
    already `found` bad is not reported twice)."""
    if "referred_by" not in table.columns:
        return []
    column = table.columns["referred_by"]
    flagged = {p.row for p in found if p.column == column}
    problems = []
    for row, code, referrer in zip(table.rows, table.frame["customer_id"], referrers, strict=True):
        if referrer is None or row in flagged:
            continue
        if referrer == code:
            expected = Notice("expect_other_account")
        elif referrer not in known:
            expected = Notice("expect_known_account")
        else:
            continue
        problems.append(CellProblem(table.label, row, column, referrer, expected))
    return problems


def _apply_row(account: Account, entry: AccountCreate, columns: set[str], has_name: bool) -> None:
    if has_name:
        account.name = entry.name
    for name in ("type", "ownership", "industry", "since"):
        if name in columns:
            setattr(account, name, getattr(entry, name))


def _raise_problems(label: str, problems: list[CellProblem]) -> None:
    """Every problem, in the order of the file's rows, as one error; nothing when there is none."""
    if not problems:
        return
    problems = sorted(problems, key=lambda p: p.row)
    cells = [
        Notice("cell", file=p.file, row=p.row, column=p.column, value=p.value, expected=p.expected)
        for p in problems[:_LISTED]
    ]
    more = Notice("more_values", count=len(problems) - _LISTED) if len(problems) > _LISTED else ""
    details = Joined("\n  ", cells)
    raise ImportValidationError(
        Notice("bad_values", file=label, count=len(problems), details=details, more=more), tuple(problems)
    )


def _stored_meanwhile(session: Session, codes: list[str]) -> list[str]:
    """Which of `codes` are stored now, read in a session of its own: this session's transaction has
    failed, and is rolled back where every transaction ends (`session_scope`)."""
    with Session(session.get_bind()) as other:
        return sorted(AccountRepository(other).get_by_codes(codes))


def _check_no_loops(table: CustomersTable, repo: AccountRepository, ids: list[int]) -> None:
    """Refuse referrals that close a loop; each loop is reported at the first of its rows in the file."""
    row_of = dict(zip(ids, table.rows, strict=True))
    column = table.columns.get("referred_by", "referred_by")
    problems = []
    for loop in find_loops(repo.referrer_ids(), row_of):
        first = min((a for a in loop if a in row_of), key=row_of.__getitem__)
        at = loop.index(first)
        chain = [*loop[at:], *loop[:at], first][:_CHAIN_SHOWN]
        codes = repo.codes_of(chain)
        links = [Notice("referred_by_link", code=codes[a]) for a in chain[1:]]
        more = [Notice("loop_more", count=len(loop))] if len(loop) >= _CHAIN_SHOWN else []
        expected = Notice("expect_no_loop", chain=Joined("", [codes[first], *links, *more]))
        problems.append(CellProblem(table.label, row_of[first], column, codes[chain[1]], expected))
    _raise_problems(table.label, problems)
