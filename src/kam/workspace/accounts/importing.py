"""Importing accounts from a customers table (read by kam.io.customers): every row checked as
`kam accounts add` checks it, every problem reported at once by row and column, and either every row
stored or none. Accounts are matched by code: new codes are created, known ones updated.

Columns the table has overwrite the stored values (a blank cell clears them, except the name); columns
it lacks leave stored values alone. Run for a user, an import creates and changes only what that user
may (a rep's new accounts are theirs), and names the codes it may not change as bad cells.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from kam.domain.users import Role
from kam.errors import CellProblem, ImportValidationError
from kam.i18n import Joined, Notice
from kam.workspace.accounts.links import GROUP, REFERRAL, Link, chain_words, find_loops
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.accounts.schemas import AccountCreate, ImportSummary
from kam.workspace.audit.trail import update_rows
from kam.workspace.errors import AccountsAddedMeanwhile
from kam.workspace.repository import scope_clause
from kam.workspace.users.models import User
from kam.workspace.users.repository import UserRepository

if TYPE_CHECKING:
    from kam.io.customers import CustomersTable

_STORED = (
    "type",
    "ownership",
    "industry",
    "since",
    "referred_on",
)  # customers-file columns stored as they are
_ROWS = TypeAdapter(list[AccountCreate])
_LISTED = 5  # problems listed in the message; the error carries them all
_SEPARATORS = re.compile(r"\s*[;；,，、]\s*")  # between competitors in one cell


def import_accounts(session: Session, table: CustomersTable) -> ImportSummary:
    """Create or update the accounts of `table`, all or nothing (see the module's docstring)."""
    columns = set(table.columns)
    rows = table.frame.to_dicts()
    codes: list[str] = [row["customer_id"] for row in rows]
    entries, problems = _checked_rows(table, rows)
    repo = AccountRepository(session)
    taken = repo.taken_codes(codes)
    existing = repo.by_codes(taken, write=True)
    problems += _not_yours(table, codes, taken - set(existing))
    targets = {code for row in rows for code in (row.get("referred_by"), row.get("parent")) if code}
    linked = repo.by_codes(targets - set(codes))
    known = set(codes) | set(linked)
    for link in (REFERRAL, GROUP):
        problems += _link_problems(table, link, rows, known, problems)
    problems += _dates_without_referrer(table, rows)
    owners, unmatched = _owners(session, table, rows, problems)
    _raise_problems(table.label, problems)

    accounts = dict(existing)
    mine = owners.get(repo.actor.login) if repo.actor.role is Role.REP else None  # a rep's new accounts
    for entry, row in zip(entries, rows, strict=True):
        account = accounts.get(entry.code)
        if account is None:
            account = accounts[entry.code] = Account(code=entry.code, name=entry.name, owner=mine)
            account.referred_by_id = account.parent_id = None  # known, so the trail need not read them
            session.add(account)
        _apply(account, entry, row, columns, owners, keep_owner=account.owner is mine and mine is not None)
    later = _link(rows, columns, accounts, {code: a.id for code, a in (existing | linked).items()})
    changed = {code for code, account in existing.items() if session.is_modified(account)}
    changed |= {account.code for account, _, _ in later if account.code in existing}
    try:
        repo.flush()
    except sa.exc.IntegrityError:  # another session stored some of the new codes since the check above
        meanwhile = _stored_meanwhile(session, [c for c in codes if c not in existing])
        if not meanwhile:
            raise
        raise AccountsAddedMeanwhile(meanwhile) from None
    for column in ("referred_by_id", "parent_id"):
        update_rows(session, [(a, {column: accounts[t].id}) for a, c, t in later if c == column])
    if scope_clause(Account, repo.actor, write=True) is not None:
        _check_reach(table, repo, rows)
    for link in (REFERRAL, GROUP):
        if link.field in columns:
            _check_no_loops(table, repo, link, [accounts[c].id for c in codes])
    new = len(codes) - len(existing)
    return ImportSummary(
        file=table.label,
        created=new,
        updated=len(changed),
        unchanged=len(existing) - len(changed),
        unmatched_owners=sorted(unmatched),
    )


def _link(
    rows: list[dict[str, Any]], columns: set[str], accounts: dict[str, Account], stored: dict[str, int]
) -> list[tuple[Account, str, str]]:
    """Set each account's referrer and group by id where it is stored already; the links to accounts new
    in this table, which have no id before they are inserted, are returned to be set after, in one
    batched update (linking new rows to each other in one flush would make SQLAlchemy order the rows
    one by one, in quadratic time)."""
    later = []
    for link in (REFERRAL, GROUP):
        if link.field not in columns:
            continue
        for row in rows:
            account, target = accounts[row["customer_id"]], row.get(link.field)
            if target is None or target in stored:
                setattr(account, link.column, None if target is None else stored[target])
            else:
                later.append((account, link.column, target))
    return later


def _dates_without_referrer(table: CustomersTable, rows: list[dict[str, Any]]) -> list[CellProblem]:
    """A referral date in a row whose referrer cell is blank (when the file has the column)."""
    if "referred_on" not in table.columns or "referred_by" not in table.columns:
        return []
    column = table.columns["referred_on"]
    return [
        CellProblem(
            table.label, line, column, _written(row["referred_on"]), Notice("expect_date_with_referrer")
        )
        for line, row in zip(table.rows, rows, strict=True)
        if row.get("referred_on") is not None and row.get("referred_by") is None
    ]


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the table as the fields of `AccountCreate` (a blank name is the code)."""
    fields = {f: row[f] for f in (*_STORED, "referred_by", "parent", "owner") if f in row}
    fields |= {"code": row["customer_id"], "name": row.get("name") or row["customer_id"]}
    # the estimated annual demand: in money (`wallet`) or, when only that is given, in volume (`wallet_volume`)
    amount = row.get("wallet") if row.get("wallet") is not None else row.get("wallet_volume")
    if amount is not None or row.get("wallet_unit") is not None:
        fields["wallet"] = {"amount": amount, "unit": row.get("wallet_unit")}
    if row.get("competitors"):
        fields["competitors"] = _SEPARATORS.split(row["competitors"].strip(" ;；,，、"))
    return fields


def _checked_rows(
    table: CustomersTable, rows: list[dict[str, Any]]
) -> tuple[list[AccountCreate], list[CellProblem]]:
    """Each row as the `AccountCreate` that `kam accounts add` checks, and every value it refuses, by
    row and the file's column."""
    try:
        return _ROWS.validate_python([_fields(row) for row in rows]), []
    except ValidationError as exc:
        errors = exc.errors()
    problems = []
    for error in errors:
        index, field = int(error["loc"][0]), str(error["loc"][1])
        if field == "name" and not rows[index].get("name"):
            continue  # the code stands in for a blank name: its own problem is reported
        expected = error["msg"]
        if field == "wallet" and error["loc"][2:3] == ("unit",):
            expected = Notice("expect_wallet_unit")
            if "wallet_unit" in table.columns and rows[index].get("wallet_unit") is not None:
                field = "wallet_unit"
        value = rows[index].get("customer_id" if field == "code" else field)
        if error["type"] == "string_too_long":
            expected = Notice("expect_max_chars", limit=error["ctx"]["max_length"], length=len(str(value)))
        column = table.columns["customer_id" if field == "code" else field]
        problems.append(CellProblem(table.label, table.rows[index], column, _written(value), expected))
    return [], problems


def _written(value: Any) -> str:
    """A cell's value as a message shows it: a number without a trailing .0, nothing for a blank."""
    if value is None:
        return ""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def _not_yours(table: CustomersTable, codes: list[str], taken: set[str]) -> list[CellProblem]:
    """Codes of accounts the importing user may not change (or deleted ones): nothing else is said."""
    column = table.columns["customer_id"]
    return [
        CellProblem(table.label, row, column, code, Notice("expect_own_account"))
        for row, code in zip(table.rows, codes, strict=True)
        if code in taken
    ]


def _link_problems(
    table: CustomersTable, link: Link, rows: list[dict[str, Any]], known: set[str], found: list[CellProblem]
) -> list[CellProblem]:
    """Links that name the account itself or no account of the file or the workspace (a cell already
    `found` bad is not reported twice)."""
    if link.field not in table.columns:
        return []
    column = table.columns[link.field]
    flagged = {p.row for p in found if p.column == column}
    problems = []
    for line, row in zip(table.rows, rows, strict=True):
        target = row.get(link.field)
        if target is None or line in flagged:
            continue
        if target == row["customer_id"]:
            expected = Notice(link.expect_other)
        elif target not in known:
            expected = Notice("expect_known_account")
        else:
            continue
        problems.append(CellProblem(table.label, line, column, target, expected))
    return problems


def _owners(
    session: Session, table: CustomersTable, rows: list[dict[str, Any]], found: list[CellProblem]
) -> tuple[dict[str, User], set[str]]:
    """The users the owner cells name (a login, or else a display name), and the names that name nobody
    (kept as text); a name that several users answer to is a bad cell."""
    users = UserRepository(session)
    names = {row["owner"] for row in rows if row.get("owner")}
    actor = users.actor
    if actor.role is Role.REP:
        names.add(actor.login)
    owners: dict[str, User] = {}
    unmatched: set[str] = set()
    ambiguous: set[str] = set()
    for name in names:
        matches = users.named(name)
        if len(matches) == 1:
            owners[name] = matches[0]
        elif matches:
            ambiguous.add(name)
        else:
            unmatched.add(name)
    if ambiguous:
        column = table.columns["owner"]
        for line, row in zip(table.rows, rows, strict=True):
            if row.get("owner") in ambiguous:
                expected = Notice("expect_one_user")
                found.append(CellProblem(table.label, line, column, row["owner"], expected))
    return owners, unmatched


def _apply(
    account: Account,
    entry: AccountCreate,
    row: dict[str, Any],
    columns: set[str],
    owners: dict[str, User],
    *,
    keep_owner: bool,
) -> None:
    """Store the row's values on `account`; a blank owner cell keeps a rep's new account theirs."""
    if row.get("name"):
        account.name = entry.name
    for name in _STORED:
        if name in columns:
            setattr(account, name, getattr(entry, name))
    if columns & {"wallet", "wallet_volume", "wallet_unit"}:
        account.wallet_amount = None if entry.wallet is None else entry.wallet.amount
        account.wallet_unit = None if entry.wallet is None else entry.wallet.unit
    if "competitors" in columns:
        account.competitors = entry.competitors or None
    owner = entry.owner
    if "owner" in columns and not (owner is None and keep_owner):
        account.owner = None if owner is None else owners.get(owner)
        account.owner_name = owner if owner is not None and owner not in owners else None


def _stored_meanwhile(session: Session, codes: list[str]) -> list[str]:
    """Which of `codes` are stored now, read on a connection of its own: this session's transaction has
    failed, and is rolled back where every transaction ends (`session_scope`)."""
    with session.get_bind().engine.connect() as connection:
        query = sa.select(Account.code).where(Account.code.in_(codes))
        return sorted(connection.scalars(query))


def _check_reach(table: CustomersTable, repo: AccountRepository, rows: list[dict[str, Any]]) -> None:
    """Refuse rows that would put an account out of the importing user's reach (a rep naming another
    owner); reported at the owner column."""
    codes = [row["customer_id"] for row in rows]
    writable = set(repo.by_codes(codes, write=True))
    column = table.columns.get("owner", table.columns["customer_id"])
    problems = [
        CellProblem(table.label, line, column, row.get("owner") or "", Notice("expect_own_owner"))
        for line, row in zip(table.rows, rows, strict=True)
        if row["customer_id"] not in writable
    ]
    _raise_problems(table.label, problems)


def _check_no_loops(table: CustomersTable, repo: AccountRepository, link: Link, ids: list[int]) -> None:
    """Refuse links that close a loop; each loop is reported at the first of its rows in the table."""
    row_of = dict(zip(ids, table.rows, strict=True))
    column = table.columns[link.field]
    problems = []
    for loop in find_loops(repo.links(link.column), row_of):
        first = min((a for a in loop if a in row_of), key=row_of.__getitem__)
        at = loop.index(first)
        chain = [*loop[at:], *loop[:at], first]
        words = chain_words(repo, link, chain, total=len(loop))
        codes = repo.codes_of(chain[1:2])
        expected = Notice(link.expect_no_loop, chain=words)
        problems.append(CellProblem(table.label, row_of[first], column, codes.get(chain[1], ""), expected))
    _raise_problems(table.label, problems)


def _raise_problems(label: str, problems: list[CellProblem]) -> None:
    """Every problem, in the order of the table's rows, as one error; nothing when there is none."""
    if not problems:
        return
    problems = sorted(problems, key=lambda p: p.row)
    cells = [
        Notice("cell", file=p.file, row=p.row, column=p.column, value=p.value, expected=p.expected)
        for p in problems[:_LISTED]
    ]
    more = Notice("more_values", count=len(problems) - _LISTED) if len(problems) > _LISTED else ""
    raise ImportValidationError(
        Notice("bad_values", file=label, count=len(problems), details=Joined("\n  ", cells), more=more),
        tuple(problems),
    )
