"""Speed of the web pages with 10,000 accounts: the server time of the portfolio and an account page (p99,
target under 300 ms) and the portfolio page's weight with everything it loads (target under 1 MB).

Run: .venv/bin/python benchmarks/web_speed.py [--accounts 10000] [--runs 100] [--db URL]
The workspace (a new SQLite file unless --db names an empty PostgreSQL database) is seeded quickly: the
accounts by one bulk insert through SQLAlchemy Core into the real table, the account page's records
(stakeholders, needs, deals, contracts, next steps, interactions) through the services. Pages are asked
in process (Starlette's test client, signed in through the real form as an admin, who sees every
account), so the time is the server's. The baseline, measured in the same run, is the API's JSON list of
the same 100 accounts: the ratio says what the HTML costs over the data it shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

from kam.api.app import create_app
from kam.domain.customers import CustomerType, Ownership
from kam.domain.decision_chain import Function, Stance
from kam.domain.users import Role
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.contracts.schemas import ContractCreate
from kam.workspace.contracts.service import create_contract
from kam.workspace.db import make_engine, session_scope
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.deals.service import create_deal
from kam.workspace.migrate import upgrade
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need
from kam.workspace.next_steps.schemas import NextStepCreate
from kam.workspace.next_steps.service import create_next_step
from kam.workspace.settings import WorkspaceSettings
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder
from kam.workspace.users.models import User
from kam.workspace.users.passwords import hash_password
from kam.workspace.users.schemas import UserCreate
from kam.workspace.users.service import add_user

TARGET_P99_S = 0.300
TARGET_WEIGHT = 1_000_000
PASSWORD = "benchmark password"
INDUSTRIES = ["steel", "construction", "telecom", "chemicals", "automotive", "food", "energy", "retail"]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def seed(url: str, accounts: int, rng: random.Random) -> str:
    """The workspace: an admin, a team of reps, `accounts` accounts, and one account with its records."""
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        add_user(session, UserCreate(login="ada", role=Role.ADMIN))
        for rep in range(20):
            add_user(session, UserCreate(login=f"rep{rep}", role=Role.REP, teams=[f"team{rep % 4}"]))
        session.execute(sa.update(User).values(password_hash=hash_password(PASSWORD)))
    with engine.begin() as connection:
        owners = list(connection.execute(sa.select(User.id).where(User.login.like("rep%"))).scalars())
        now = dt.datetime.now(dt.UTC)
        rows = [
            {
                "code": f"C{number:06d}",
                "name": f"Customer {number} Co.",
                "type": rng.choice(list(CustomerType)),
                "ownership": rng.choice(list(Ownership)),
                "industry": rng.choice(INDUSTRIES),
                "since": dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)),
                "owner_id": rng.choice(owners),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for number in range(accounts)
        ]
        connection.execute(sa.insert(Account.__table__), rows)
    code = "C000042"
    with session_scope(engine, LOCAL_OPERATOR) as session:
        boss = create_stakeholder(
            session, StakeholderCreate(account=code, name="Boss", function=Function.EXECUTIVE)
        )
        for person in range(15):
            create_stakeholder(
                session,
                StakeholderCreate(
                    account=code,
                    name=f"Person {person}",
                    function=rng.choice(list(Function)),
                    stance=rng.choice(list(Stance)),
                    influence=rng.randint(1, 5),
                    reports_to=boss.id,
                ),
            )
        parent = None
        for level in range(10):
            parent = create_need(
                session, NeedCreate(account=code, statement=f"Need {level}", parent=parent)
            ).id
        for deal in range(10):
            create_deal(
                session, DealCreate(account=code, title=f"Deal {deal}", value=1000.0 * deal, currency="CNY")
            )
        for year in range(2015, 2027):
            create_contract(
                session, ContractCreate(account=code, year=year, product="Sheet", volume=100.0, unit="t")
            )
        for step in range(10):
            create_next_step(session, NextStepCreate(account=code, what=f"Step {step}"))
    engine.dispose()
    return code


def p99(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[98]


def timed(ask: Callable[[], object], runs: int) -> list[float]:
    ask()  # warm
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        ask()
        found.append(time.perf_counter() - start)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", default=None, help="an empty workspace database (default: a new SQLite file)")
    args = parser.parse_args()
    print(f"seed {args.seed}")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'workspace.db'}"
        start = time.perf_counter()
        code = seed(url, args.accounts, rng)
        print(
            f"seeded {args.accounts:,} accounts in {time.perf_counter() - start:.1f} s ({url.split(':')[0]})"
        )
        app = create_app(url, WorkspaceSettings(url=url))
        with TestClient(app) as client:
            csrf = CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
            client.post("/login", data={"login": "ada", "password": PASSWORD, "csrf_token": csrf})
            pages = {
                "portfolio": "/portfolio",
                "portfolio, sorted by name descending": "/portfolio?sort=-name",
                "portfolio, filtered by industry": "/portfolio?industry=steel",
                f"account {code}": f"/accounts/{code}",
            }
            for path in pages.values():
                assert client.get(path).status_code == 200, path
            baseline = p99(timed(lambda: client.get("/api/v1/accounts?per_page=100"), args.runs))
            print(f"baseline: API list of 100 accounts (JSON), p99 {baseline * 1000:.1f} ms")
            for name, path in pages.items():
                found = p99(timed(lambda path=path: client.get(path), args.runs))
                print(
                    f"{name}: p99 {found * 1000:.1f} ms over {args.runs} requests; "
                    f"{found / baseline:.2f}x the baseline; {found / TARGET_P99_S:.2f} of the 300 ms target"
                )
            page = client.get("/portfolio")
            assets = sorted(set(ASSET.findall(page.text)))
            weight = len(page.content) + sum(len(client.get(asset).content) for asset in assets)
            print(
                f"portfolio page weight: {weight:,} bytes (HTML {len(page.content):,} + {', '.join(assets)}); "
                f"{weight / TARGET_WEIGHT:.2f} of the 1 MB target"
            )


if __name__ == "__main__":
    main()
