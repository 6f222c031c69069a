"""What every import of records under an account (stakeholders, needs, deals, contracts) does the same
way: the whole file is checked before anything is stored, every problem is named by row and column, and
then either every row is stored or none (`raise_problems` before the first change; the session rolls
back on any later error). Rows are matched to stored records by a natural key (an account and a name,
a year and a product), so importing the same file again changes nothing.

A row names its account by code (the `customer_id` column, as in the customers file); it must be an
account the importing user may change: any other code, one they may not see included, gets the same
words as a code nobody has.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from kam.errors import CellProblem, ImportValidationError
from kam.i18n import Joined, Notice
from kam.io.records import RecordsTable
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.vocabulary import RecordKind

LISTED = 5  # problems listed in the message; the error carries them all
ACCOUNT = "customer_id"  # the column naming each row's account
B = TypeVar("B", bound=BaseModel)


class RecordsImported(BaseModel):
    """What an import did: records created, changed, and left as they were."""

    file: str
    created: int
    updated: int
    unchanged: int


@dataclass
class Problems:
    """The bad cells of one table, collected while it is checked; `fields` maps a schema's field to
    the table's canonical column where the two are named apart (`account` is `customer_id`)."""

    table: RecordsTable
    fields: Mapping[str, str] = field(default_factory=dict)
    found: list[CellProblem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)

    unread: set[tuple[int, str]] = field(default_factory=set)  # (row index, canonical column) not read

    def __post_init__(self) -> None:
        self.found.extend(self.table.problems)
        lines = {line: index for index, line in enumerate(self.table.lines)}
        canonical = {column: name for name, column in self.table.columns.items()}
        self.unread.update((lines[p.row], canonical[p.column]) for p in self.table.problems)
        self.bad_rows.update(index for index, _ in self.unread)

    def add(self, index: int, name: str, value: Any, expected: str) -> None:
        """Row `index`'s cell of canonical column (or schema field) `name` holds a bad `value`."""
        canonical = self.fields.get(name, name)
        column = self.table.columns.get(canonical, canonical)
        self.found.append(
            CellProblem(self.table.label, self.table.lines[index], column, written(value), expected)
        )
        self.bad_rows.add(index)

    def raise_any(self) -> None:
        raise_problems(self.table.label, self.found)


def raise_problems(label: str, problems: list[CellProblem]) -> None:
    """Every problem, in the order of the table's rows, as one error; nothing when there is none."""
    if not problems:
        return
    problems = sorted(problems, key=lambda p: p.row)
    cells = [
        Notice("cell", file=p.file, row=p.row, column=p.column, value=p.value, expected=p.expected)
        for p in problems[:LISTED]
    ]
    more = Notice("more_values", count=len(problems) - LISTED) if len(problems) > LISTED else ""
    raise ImportValidationError(
        Notice("bad_values", file=label, count=len(problems), details=Joined("\n  ", cells), more=more),
        tuple(problems),
    )


def written(value: Any) -> str:
    """A cell's value as a message shows it: a number without a trailing .0, nothing for a blank."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def row_accounts(session: Session, problems: Problems) -> list[Account | None]:
    """Each row's account, among those the importing user may change (None for a bad or blank code,
    reported at the `customer_id` column)."""
    rows = problems.table.rows
    codes = [row.get(ACCOUNT) for row in rows]
    accounts = AccountRepository(session).by_codes([c for c in codes if c], write=True)
    found: list[Account | None] = []
    for index, code in enumerate(codes):
        account = accounts.get(code) if code else None
        if account is None:
            expected = Notice("expect_account_you_may_change" if code else "expect_customer_id")
            problems.add(index, ACCOUNT, code, expected)
        found.append(account)
    return found


def validated(
    problems: Problems,
    index: int,
    model: type[B],
    fields: dict[str, Any],
    reported: Iterable[str] = ("account",),
) -> B | None:
    """Row `index` as `model` checks it; each value it refuses is a problem at its column, but for the
    `reported` fields, checked on their own (the account)."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        errors = exc.errors()
    for error in errors:
        name = str(error["loc"][0]) if error["loc"] else ""
        if name in reported or (index, problems.fields.get(name, name)) in problems.unread:
            continue  # said already: the account on its own, a cell that could not be read
        value = fields.get(name)
        if len(error["loc"]) > 1 and isinstance(value, list):  # one item of a list cell
            value = value[int(error["loc"][1])]
        problems.add(index, name, value, expectation(error, value))
    return None


def expectation(error: Any, value: Any) -> str:
    """What a good value is, from a schema's complaint about a cell: kam's words where it has them,
    else pydantic's own (in English) as the value of a notice."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "string_too_long":
        return Notice("expect_max_chars", limit=ctx["max_length"], length=len(str(value)))
    if kind == "enum":
        return Notice("expect_choice", values=ctx["expected"].replace("'", "").replace(" or ", ", "))
    if kind in ("bool_parsing", "bool_type"):
        return Notice("expect_yes_no")
    if kind in ("less_than_equal", "greater_than_equal") and "le" in ctx:
        return Notice("expect_at_most", limit=ctx["le"])
    if kind == "greater_than_equal":
        return Notice("expect_at_least", limit=ctx["ge"])
    return Notice("expect_valid", problem=error["msg"])


K = TypeVar("K", bound=Hashable)


def once_per_file(problems: Problems, keys: list[K | None], column: str) -> None:
    """A key given on an earlier row of the file is a problem of the later row (one record each)."""
    first: dict[K, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            line = problems.table.lines[first[key]]
            problems.add(
                index, column, problems.table.rows[index].get(column), Notice("expect_once", row=line)
            )
        else:
            first[key] = index


Key = tuple[int, str]  # a record's natural key: its account's id and a text (a name, a statement)


def row_keys(problems: Problems, accounts: list[Account | None], column: str) -> list[Key | None]:
    """Each row's key as written (account and the `column` cell), None where either is missing: a row's
    links are checked even when another of its cells is bad."""
    rows = problems.table.rows
    return [
        (a.id, row[column]) if a is not None and row.get(column) else None
        for a, row in zip(accounts, rows, strict=True)
    ]


def refuse_deleted(
    problems: Problems, keys: list[Key | None], deleted: set[Key], column: str, what: RecordKind
) -> None:
    """A row whose key is a deleted record's: restore that one instead (a problem at `column`)."""
    for index, key in enumerate(keys):
        if key is not None and key in deleted:
            expected = Notice("expect_not_deleted", what=Notice(f"record_{what.value}"))
            problems.add(index, column, key[1], expected)


def linked_keys(
    problems: Problems,
    keys: list[Key | None],
    column: str,
    known: set[Key],
    unknown: Notice,
    itself: Notice | None = None,
) -> list[Key | None]:
    """The record each row's `column` names in the row's own account, by key: one of `known` (in the
    file or stored), and, when `itself` says why, not the row's own record; anything else is a
    problem at `column` (and no link)."""
    targets: list[Key | None] = []
    for index, key in enumerate(keys):
        text = problems.table.rows[index].get(column)
        target = None if key is None or text is None else (key[0], text)
        if target is not None and itself is not None and target == key:
            problems.add(index, column, text, itself)
            target = None
        elif target is not None and target not in known:
            problems.add(index, column, text, unknown)
            target = None
        targets.append(target)
    return targets


def link_loops(
    problems: Problems,
    keys: list[Key | None],
    targets: list[Key | None],
    stored: Mapping[Key, Key | None],
    column: str,
) -> None:
    """Loops of a link between records of one table (reports to, parent need) once the file's links
    replace the stored ones: each is a problem at the first of its rows in the file."""
    from kam.workspace.account_records import chain_words, find_loops

    rows_of = {key: i for i, key in reversed(list(enumerate(keys))) if key is not None}
    graph = {**stored, **{key: targets[i] for key, i in rows_of.items()}}
    for loop in find_loops(graph, sorted(rows_of, key=rows_of.__getitem__)):
        first = min((k for k in loop if k in rows_of), key=rows_of.__getitem__)
        at = loop.index(first)
        chain = [*loop[at:], *loop[:at], first]
        index = rows_of[first]
        value = problems.table.rows[index].get(column)
        words = chain_words(chain, lambda k: k[1])
        problems.add(index, column, value, Notice("expect_no_link_loop", chain=words))


def summary(table: RecordsTable, created: int, changed: Iterable[bool]) -> RecordsImported:
    """The counts of an import: `changed` says, for each stored record the file matched, whether the
    import changed it."""
    flags = list(changed)
    updated = sum(flags)
    return RecordsImported(file=table.label, created=created, updated=updated, unchanged=len(flags) - updated)
