"""A large workspace for benchmarks/api_speed.py, made by the real migrations and filled by bulk inserts
through SQLAlchemy Core into the real tables (no service, no audit rows: the speed of the reads is what
is measured, and writing 300,000 records one by one through the services would take an hour).

Two teams: north (manager `mona`, reps r1-r3) and south (reps r4-r6), and an admin `root`; each account
is owned by one of the six reps in turn, one in twenty by nobody. Every account has the same number of
stakeholders (functions and stances in turn) and of interactions (kinds in turn, spread over three
years), each interaction with one of the account's stakeholders as participant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from kam.domain.decision_chain import Function, Stance
from kam.domain.interactions import InteractionKind
from kam.domain.users import Role
from kam.workspace import models
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.migrate import upgrade
from kam.workspace.users.schemas import UserCreate
from kam.workspace.users.service import add_user

REPS = {"r1": "north", "r2": "north", "r3": "north", "r4": "south", "r5": "south", "r6": "south"}
MANAGER, ADMIN = "mona", "root"
UNOWNED_EVERY = 20  # one account in twenty has no owner
CHUNK = 5_000  # rows per INSERT batch
START = dt.datetime(2023, 1, 1, 8, tzinfo=dt.UTC)
SPREAD_MINUTES = 3 * 365 * 24 * 60  # interactions spread over three years


@dataclass
class Seeded:
    """What the seed put where: the accounts each login may see (codes), and the ids of stakeholders
    and interactions under them (for gets that find a record)."""

    accounts: int
    stakeholders: int
    interactions: int
    codes: dict[str, list[str]] = field(default_factory=dict)
    stakeholder_ids: dict[str, list[int]] = field(default_factory=dict)
    interaction_ids: dict[str, list[int]] = field(default_factory=dict)


def _owner(index: int) -> str | None:
    return None if index % UNOWNED_EVERY == UNOWNED_EVERY - 1 else list(REPS)[index % len(REPS)]


def _visible(login: str, owner: str | None) -> bool:
    if login == ADMIN:
        return True
    if login == MANAGER:
        return owner is None or REPS.get(owner) == "north"
    return owner == login


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def seed(url: str, accounts: int, stakeholders: int, interactions: int) -> Seeded:
    """Migrate the empty database at `url` and fill it; return what each login may see."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with session_scope(engine, LOCAL_OPERATOR) as session:
            for login, team in REPS.items():
                add_user(session, UserCreate(login=login, role=Role.REP, teams=[team]))
            add_user(session, UserCreate(login=MANAGER, role=Role.MANAGER, teams=["north"]))
            add_user(session, UserCreate(login=ADMIN, role=Role.ADMIN))
        with engine.connect() as connection:
            rows = connection.execute(sa.select(models.User.login, models.User.id))
            user_ids = {login: user_id for login, user_id in rows}
        seeded = Seeded(accounts, stakeholders, interactions)
        logins = [*REPS, MANAGER, ADMIN]
        for login in logins:
            seeded.codes[login], seeded.stakeholder_ids[login], seeded.interaction_ids[login] = [], [], []
        now = dt.datetime.now(dt.UTC)
        per_account_s, per_account_i = stakeholders // accounts, interactions // accounts
        with engine.begin() as connection:
            _insert(connection, models.Account.__table__, _accounts(accounts, user_ids, now))
            _insert(connection, models.Stakeholder.__table__, _stakeholders(accounts, per_account_s, now))
            _insert(connection, models.Interaction.__table__, _interactions(accounts, per_account_i, now))
            _insert(
                connection,
                models.interaction_stakeholders,
                _participants(accounts, per_account_s, per_account_i),
            )
        for index in range(accounts):
            owner = _owner(index)
            for login in logins:
                if _visible(login, owner):
                    seeded.codes[login].append(_code(index))
                    seeded.stakeholder_ids[login].append(index * per_account_s + 1)
                    seeded.interaction_ids[login].append(index * per_account_i + 1)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:  # ids were given: move the sequences past them
                for table in ("accounts", "stakeholders", "interactions"):
                    connection.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
                        )
                    )
                connection.execute(sa.text("ANALYZE"))
        return seeded
    finally:
        engine.dispose()


def _insert(connection: sa.Connection, table: sa.Table, rows: Iterator[dict[str, Any]]) -> None:
    for batch in _batches(rows):
        connection.execute(table.insert(), batch)


def _code(index: int) -> str:
    return f"C{index + 1:06d}"


def _book(record_id: int, now: dt.datetime) -> dict[str, Any]:
    return {"id": record_id, "version": 1, "created_at": now, "updated_at": now}


def _accounts(count: int, user_ids: dict[str, int], now: dt.datetime) -> Iterator[dict[str, Any]]:
    for index in range(count):
        owner = _owner(index)
        yield {
            **_book(index + 1, now),
            "code": _code(index),
            "name": f"Account {index + 1} Ltd",
            "industry": ("steel", "chemicals", "food", "paper")[index % 4],
            "owner_id": None if owner is None else user_ids[owner],
        }


def _stakeholders(accounts: int, per_account: int, now: dt.datetime) -> Iterator[dict[str, Any]]:
    functions, stances = list(Function), list(Stance)
    for index in range(accounts):
        for n in range(per_account):
            record_id = index * per_account + n + 1
            yield {
                **_book(record_id, now),
                "account_id": index + 1,
                "name": f"Person {n + 1}",
                "title": "Manager",
                "function": functions[record_id % len(functions)].value,
                "stance": stances[record_id % len(stances)].value,
                "coach": n == 0,
                "influence": 1 + record_id % 5,
            }


def _interactions(accounts: int, per_account: int, now: dt.datetime) -> Iterator[dict[str, Any]]:
    kinds = list(InteractionKind)
    for index in range(accounts):
        for n in range(per_account):
            record_id = index * per_account + n + 1
            minutes = (record_id * 7919) % SPREAD_MINUTES
            yield {
                **_book(record_id, now),
                "account_id": index + 1,
                "kind": kinds[record_id % len(kinds)].value,
                "occurred_at": START + dt.timedelta(minutes=minutes),
                "title": f"Contact {n + 1}",
                "notes": "Talked about next year's volumes.",
            }


def _participants(accounts: int, per_stakeholders: int, per_interactions: int) -> Iterator[dict[str, Any]]:
    for index in range(accounts):
        for n in range(per_interactions):
            yield {
                "interaction_id": index * per_interactions + n + 1,
                "stakeholder_id": index * per_stakeholders + n % per_stakeholders + 1,
            }
