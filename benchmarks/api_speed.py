"""Speed of the workspace's API under load, and of `kam accounts import`, on SQLite and PostgreSQL.

For each database: a workspace made by the real migrations and seeded by bulk inserts (benchmarks/api_seed.py:
10,000 accounts of six reps in two teams, 100,000 stakeholders, 200,000 interactions); a real `kam serve`
(uvicorn, a subprocess, with each of --workers: `kam serve --workers 1`, then 2) and `--clients` concurrent
clients (threads, httpx) signed in with tokens made by `kam tokens create` for a rep, a manager and an admin
in turn. Each request kind runs alone: a list page of 50 (accounts; stakeholders of one function;
interactions; interactions with their total counted) and a get (an account by code, a stakeholder and an
interaction by id). Printed: p50, p99 and throughput per kind, against the target (p99 under 50 ms), and
against the floor measured in the same run (an unauthenticated request, answered 401 without touching the
database: what the server and the clients cost by themselves); the failed requests by status and error
code; the SQL statements one request of each kind runs. Then `kam accounts import` of a 10,000-row
customers file into an empty workspace, and again (nothing changes), each the whole command's wall time
(target under 5 s).

PostgreSQL: a schema of its own (kam_bench_<random>) in the database of KAM_TEST_POSTGRES_URL or
--postgres-url, dropped at the end; nothing else in that database is touched.

    PYTHONPATH=src .venv/bin/python benchmarks/api_speed.py [--skip-sqlite] [--skip-postgres] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from api_seed import ADMIN, MANAGER, Seeded, seed

ROOT = Path(__file__).resolve().parents[1]
KAM = str(ROOT / ".venv" / "bin" / "kam")
TARGET_P99_MS = 50.0
TARGET_IMPORT_S = 5.0
ROLES = {"rep": "r1", "manager": MANAGER, "admin": ADMIN}
PAGES = 20  # list requests ask for one of the first 20 pages


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}


def _kam(*args: str) -> str:
    done = subprocess.run([KAM, *args], capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"kam {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return done.stdout


@contextlib.contextmanager
def postgres_schema(base: str) -> Iterator[Callable[[], str]]:
    """URLs of fresh schemas in the database of `base` (each call one more), all dropped on leaving."""
    made: list[str] = []
    admin = sa.create_engine(sa.make_url(base), isolation_level="AUTOCOMMIT")

    def new() -> str:
        schema = f"kam_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        made.append(schema)
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    try:
        yield new
    finally:
        with admin.connect() as connection:
            for schema in made:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(url: str, workers: int) -> Iterator[str]:
    """`kam serve --workers N` on `url` in a subprocess; its base URL while the block runs, then it is
    stopped."""
    port = _free_port()
    server = subprocess.Popen(
        [KAM, "serve", "--db", url, "--port", str(port), "--workers", str(workers)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("kam serve did not start")
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _paths(kind: str, login: str, seeded: Seeded, rng: random.Random) -> str:
    page = f"page={rng.randint(1, PAGES)}&per_page=50"
    return {
        "accounts list": f"/api/v1/accounts?{page}",
        "stakeholders list (function)": f"/api/v1/stakeholders?function=finance&{page}",
        "interactions list": f"/api/v1/interactions?{page}",
        "interactions list, total": f"/api/v1/interactions?{page}&total=true",
        "account get (code)": f"/api/v1/accounts/{rng.choice(seeded.codes[login])}",
        "stakeholder get (id)": f"/api/v1/stakeholders/{rng.choice(seeded.stakeholder_ids[login])}",
        "interaction get (id)": f"/api/v1/interactions/{rng.choice(seeded.interaction_ids[login])}",
        "floor (401, no database)": "/api/v1/accounts",
    }[kind]


KINDS = [
    "floor (401, no database)",
    "accounts list",
    "stakeholders list (function)",
    "interactions list",
    "interactions list, total",
    "account get (code)",
    "stakeholder get (id)",
    "interaction get (id)",
]


def load(
    base: str, kind: str, tokens: dict[str, str], seeded: Seeded, clients: int, each: int
) -> dict[str, Any]:
    """`clients` threads, each sending `each` requests of `kind` one after another (after one warm-up);
    latencies in ms, throughput in requests per second of the whole run."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        role = list(ROLES)[number % len(ROLES)]
        login = ROLES[role]
        rng = random.Random(number)
        headers = {} if kind.startswith("floor") else {"Authorization": f"Bearer {tokens[role]}"}
        expected = 401 if kind.startswith("floor") else 200
        mine: list[float] = []
        with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
            http.get(_paths(kind, login, seeded, rng))
            start_line.wait()
            for _ in range(each):
                path = _paths(kind, login, seeded, rng)
                began = time.perf_counter()
                answer = http.get(path)
                mine.append((time.perf_counter() - began) * 1000)
                if answer.status_code != expected:
                    code = answer.json().get("error", {}).get("code", "") if answer.content else ""
                    with lock:
                        failures.append(f"{answer.status_code} {code}".strip())
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "p50": statistics.median(latencies),
        "p99": cuts[98],
        "rps": len(latencies) / seconds,
        "requests": len(latencies),
        "failures": len(failures),
        "failed": ", ".join(f"{n} {what}" for what, n in Counter(failures).most_common()),
    }


def statements_per_request(url: str, tokens: dict[str, str], seeded: Seeded) -> dict[str, dict[str, int]]:
    """The SQL statements one request of each kind runs, per role (in this process, the same app)."""
    from fastapi.testclient import TestClient

    from kam.api.app import create_app
    from kam.workspace.db import dispose_engines

    app = create_app(url)
    counted: list[str] = []
    sa.event.listen(app.state.engine, "before_cursor_execute", lambda *a: counted.append(a[2]))
    found: dict[str, dict[str, int]] = {}
    with TestClient(app) as http:
        for kind in KINDS[1:]:
            found[kind] = {}
            for role, login in ROLES.items():
                path = _paths(kind, login, seeded, random.Random(1))
                counted.clear()
                response = http.get(path, headers={"Authorization": f"Bearer {tokens[role]}"})
                assert response.status_code == 200, (path, response.status_code)
                found[kind][role] = len(counted)
    dispose_engines()  # the app's connections to the workspace, before the server opens its own
    return found


def customers_file(folder: Path, rows: int) -> Path:
    path = folder / "customers.csv"
    lines = ["customer_id,name,type,industry,since,owner,referred_by"]
    for n in range(rows):
        referrer = f"K{n // 2:06d}" if n % 10 == 9 else ""
        lines.append(f"K{n:06d},Customer {n} Ltd,end_user,steel,2015-03-0{1 + n % 9},r{1 + n % 6},{referrer}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def time_import(url: str, path: Path) -> tuple[float, float]:
    """Wall time of `kam accounts import` into the empty workspace at `url`, and of the same again."""
    _kam("workspace", "init", "--db", url)
    for login in ("r1", "r2", "r3", "r4", "r5", "r6"):  # the owners the file names
        _kam("users", "add", login, "--role", "rep", "--db", url)
    times = []
    for _ in range(2):
        began = time.perf_counter()
        _kam("accounts", "import", str(path), "--db", url)
        times.append(time.perf_counter() - began)
    return times[0], times[1]


def run_database(name: str, urls: Callable[[], str], args: argparse.Namespace, folder: Path) -> None:
    url = urls()
    began = time.perf_counter()
    seeded = seed(url, args.accounts, args.stakeholders, args.interactions)
    print(
        f"\n== {name}: seeded {seeded.accounts:,} accounts, {seeded.stakeholders:,} stakeholders, "
        f"{seeded.interactions:,} interactions (+1 participant each) in {time.perf_counter() - began:.1f} s "
        "(migrations, then bulk INSERTs through SQLAlchemy Core, no audit rows)"
    )
    tokens = {role: _kam("tokens", "create", login, "--db", url).strip() for role, login in ROLES.items()}
    counts = statements_per_request(url, tokens, seeded)
    for workers in args.workers:
        print(
            f"load: {args.clients} clients (rep, manager, admin in turn), {args.requests} requests each per "
            f"kind; kam serve --workers {workers}; load average {os.getloadavg()[0]:.2f} (1 min)"
        )
        print(
            f"{'request':<30}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>8}{'p99/50ms':>10}{'p99/floor':>10}"
            "  SQL rep/mgr/admin"
        )
        with served(url, workers) as base:
            floor = None
            for kind in KINDS:
                got = load(base, kind, tokens, seeded, args.clients, args.requests)
                floor = floor or got["p99"]
                sql = "/".join(str(counts[kind][r]) for r in ROLES) if kind in counts else "-"
                bad = f"  failed: {got['failed']}" if got["failures"] else ""
                print(
                    f"{kind:<30}{got['p50']:9.1f}{got['p99']:9.1f}{got['rps']:8.0f}"
                    f"{got['p99'] / TARGET_P99_MS:10.2f}{got['p99'] / floor:10.2f}  {sql}{bad}"
                )
    first, again = time_import(urls(), customers_file(folder, args.import_rows))
    print(
        f"kam accounts import, {args.import_rows:,} rows (whole command): {first:.2f} s "
        f"({first / TARGET_IMPORT_S:.2f} of the 5 s target); again, nothing changed: {again:.2f} s"
    )


def workspace_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the benchmarks on a seeded workspace: the databases and the data's size."""
    parser.add_argument("--postgres-url", default=os.environ.get("KAM_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--stakeholders", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=200_000)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    workspace_arguments(parser)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="requests per client and kind")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument(
        "--workers",
        type=lambda given: [int(n) for n in given.split(",")],
        default=[1, 2],
        help="kam serve --workers counts to measure, comma-separated (default 1,2)",
    )
    args = parser.parse_args()
    print(
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}: "
        f"{platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f} (1 min)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_sqlite:
            files = iter(range(100))
            run_database("SQLite", lambda: f"sqlite:///{folder}/bench{next(files)}.db", args, folder)
        if not args.skip_postgres:
            if not args.postgres_url:
                print("PostgreSQL skipped: give --postgres-url or set KAM_TEST_POSTGRES_URL")
            else:
                with postgres_schema(args.postgres_url) as urls:
                    run_database("PostgreSQL", urls, args, folder)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
