"""A large workspace for benchmarks/web_speed.py: the API benchmark's data (benchmarks/api_seed.py: 10,000
accounts, 100,000 stakeholders, 200,000 interactions with participants, by bulk inserts into the real
tables), then what the pages show beyond it, written through the real services and commands:

- one account with a full page: an org chart (a boss and 15 people reporting to them), a 10-level
  why-chain, 10 deals, 12 years of contracts, 10 next steps and 10 accounts it referred;
- `visits` more accounts with a why-chain, deals and a next step (each asked once: the coach's first look
  of the day, which writes the day's coverage snapshot);
- two stored analyses (half a year apart) of synthetic transactions of every account (benchmarks/
  make_lines.py), made by `kam analyze` with its forecast and stored by the real sync service, so the
  portfolio's segments, curves, lists and moves and the account page's value and trend are all there.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from api_seed import ADMIN
from api_seed import seed as seed_api
from make_lines import write_lines

from kam.domain.decision_chain import Function, Stance
from kam.report.analysis_folder import read_analysis_folder
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.analysis.service import sync_analysis
from kam.workspace.contracts.schemas import ContractCreate
from kam.workspace.contracts.service import create_contract
from kam.workspace.db import make_engine, session_scope
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.deals.service import create_deal
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need
from kam.workspace.next_steps.schemas import NextStepCreate
from kam.workspace.next_steps.service import create_next_step
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder
from kam.workspace.users.models import User
from kam.workspace.users.passwords import hash_password

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "benchmark password"
FULL = "C000042"  # the account with a full page
ANALYSES = (dt.date(2024, 6, 30), dt.date(2024, 12, 31))
LINES_PER_ACCOUNT = 40


@dataclass(frozen=True)
class WebSeeded:
    admin: str
    full: str
    visited: list[str]


def seed(
    url: str, folder: Path, accounts: int, stakeholders: int, interactions: int, visits: int
) -> WebSeeded:
    """Migrate the empty database at `url` and fill it (see the module's docstring); the admin's login
    (password PASSWORD), the full account's code and the codes of the accounts visited once each."""
    seed_api(url, accounts, stakeholders, interactions)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.update(User).values(password_hash=hash_password(PASSWORD)))
        visited = [f"C{n:06d}" for n in range(100, 100 + visits)]
        with session_scope(engine, LOCAL_OPERATOR) as session:
            _full_page(session)
            for code in visited:
                _some_records(session, code)
        with engine.begin() as connection:
            full_id = connection.scalar(sa.select(Account.id).where(Account.code == FULL))
            referred = [f"C{n:06d}" for n in range(200, 210)]
            connection.execute(
                sa.update(Account)
                .where(Account.code.in_(referred))
                .values(referred_by_id=full_id, referred_on=dt.date(2022, 5, 1))
            )
        for analysis in _analyses(folder, accounts):
            with session_scope(engine, LOCAL_OPERATOR) as session:
                sync_analysis(session, read_analysis_folder(analysis))
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(sa.text("ANALYZE"))
        return WebSeeded(ADMIN, FULL, visited)
    finally:
        engine.dispose()


def _full_page(session: sa.orm.Session) -> None:
    boss = create_stakeholder(
        session, StakeholderCreate(account=FULL, name="Boss", function=Function.EXECUTIVE)
    )
    functions, stances = list(Function), list(Stance)
    for person in range(15):
        create_stakeholder(
            session,
            StakeholderCreate(
                account=FULL,
                name=f"Staff {person}",
                function=functions[person % len(functions)],
                stance=stances[person % len(stances)],
                influence=1 + person % 5,
                reports_to=boss.id,
            ),
        )
    parent = None
    for level in range(10):
        parent = create_need(session, NeedCreate(account=FULL, statement=f"Need {level}", parent=parent)).id
    for deal in range(10):
        create_deal(
            session, DealCreate(account=FULL, title=f"Deal {deal}", value=1000.0 * deal, currency="CNY")
        )
    for year in range(2015, 2027):
        create_contract(
            session, ContractCreate(account=FULL, year=year, product="Sheet", volume=100.0, unit="t")
        )
    for step in range(10):
        create_next_step(session, NextStepCreate(account=FULL, what=f"Step {step}"))


def _some_records(session: sa.orm.Session, code: str) -> None:
    parent = None
    for level in range(3):
        parent = create_need(session, NeedCreate(account=code, statement=f"Need {level}", parent=parent)).id
    for deal in range(2):
        create_deal(session, DealCreate(account=code, title=f"Deal {deal}", value=5000.0, currency="CNY"))
    create_next_step(session, NextStepCreate(account=code, what="Call back"))


def _analyses(folder: Path, accounts: int) -> list[Path]:
    """`kam analyze` (with its forecast) of synthetic transactions of the accounts at each of ANALYSES."""
    raw = write_lines(folder / "raw.parquet", accounts * LINES_PER_ACCOUNT, accounts)
    lines = folder / "lines.parquet"
    number = pl.col("customer_id").str.slice(1).cast(pl.Int64) + 1
    pl.read_parquet(raw).with_columns(
        pl.format("C{}", number.cast(pl.String).str.zfill(6)).alias("customer_id")
    ).write_parquet(lines)
    outs = []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    for as_of in ANALYSES:
        out = folder / f"analysis-{as_of}"
        command = [str(ROOT / ".venv" / "bin" / "kam"), "analyze", str(lines), "--as-of", str(as_of)]
        done = subprocess.run(
            [*command, "--out", str(out)], capture_output=True, text=True, env=env, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"kam analyze failed: {done.stderr.strip()}")
        outs.append(out)
    return outs
