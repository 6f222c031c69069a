"""Speed of the web pages with 10,000 accounts, on SQLite and PostgreSQL: the server time of the portfolio
and of account pages (p99, target under 300 ms) and the portfolio page's weight with everything it loads
(target under 1 MB).

The workspace is the API benchmark's data with two stored analyses and full account pages
(benchmarks/web_seed.py). Pages are asked in process (Starlette's test client, signed in through the real
form as an admin, who sees every account), so the time is the server's: the portfolio (as it opens, sorted,
filtered, one segment), the full account page asked again and again (its coverage snapshot of the day
already kept), and `--visits` other accounts' pages each asked once (the coach's first look of the day,
which writes the snapshot). The baseline, measured in the same run, is the API's JSON list of 100
accounts: the ratio says what the HTML costs over the data it shows. The SQL statements of one request of
each page are counted.

PostgreSQL: a schema of its own (kam_bench_<random>) in the database of KAM_TEST_POSTGRES_URL or
--postgres-url, dropped at the end; nothing else in that database is touched.

    PYTHONPATH=src .venv/bin/python benchmarks/web_speed.py [--skip-sqlite] [--skip-postgres] [--runs 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from api_speed import postgres_schema, workspace_arguments
from web_seed import PASSWORD, seed

from kam.api.app import create_app
from kam.workspace.settings import WorkspaceSettings

TARGET_P99_S = 0.300
TARGET_WEIGHT = 1_000_000
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def p99(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[98]


def timed(ask: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each of `runs` requests (after one to warm): the server runs in this
    process, so its CPU time is the page's own work, which other programs on the machine do not slow."""
    ask()  # warm
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        ask()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def line(name: str, timings: tuple[list[float], list[float]], baseline: float, statements: int) -> str:
    wall, cpu = timings
    found = p99(wall)
    return (
        f"{name:<44}{statistics.median(wall) * 1000:8.1f}{found * 1000:9.1f}{p99(cpu) * 1000:9.1f}"
        f"{found / baseline:8.2f}{found / TARGET_P99_S:8.2f}{statements:6d}"
    )


def run_database(name: str, url: str, args: argparse.Namespace, folder: Path) -> None:
    start = time.perf_counter()
    seeded = seed(url, folder, args.accounts, args.stakeholders, args.interactions, args.visits)
    print(
        f"\n== {name}: seeded {args.accounts:,} accounts, {args.stakeholders:,} stakeholders, "
        f"{args.interactions:,} interactions, two analyses and the account pages' records in "
        f"{time.perf_counter() - start:.1f} s"
    )
    app = create_app(url, WorkspaceSettings(url=url), settle_heap=True)  # as kam serve makes it
    statements: list[str] = []
    sa.event.listen(app.state.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with TestClient(app) as client:
        csrf = CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
        client.post("/login", data={"login": seeded.admin, "password": PASSWORD, "csrf_token": csrf})
        pages = {
            "portfolio": "/portfolio",
            "portfolio, sorted by name descending": "/portfolio?sort=-name",
            "portfolio, filtered by industry": "/portfolio?industry=steel",
            "portfolio, key accounts": "/portfolio?segment=key",
            f"account {seeded.full} (full page)": f"/accounts/{seeded.full}",
        }
        counted = {}
        for path in pages.values():
            assert client.get(path).status_code == 200, path
            statements.clear()
            client.get(path)
            counted[path] = len(statements)
        base = timed(lambda: client.get("/api/v1/accounts?per_page=100"), args.runs)
        baseline = p99(base[0])
        print(f"{'page':<44}{'p50 ms':>8}{'p99 ms':>9}{'CPU p99':>9}{'x base':>8}{'/300ms':>8}{'SQL':>6}")
        print(line("baseline: API list of 100 accounts (JSON)", base, baseline, 0))
        for label, path in pages.items():
            print(line(label, timed(lambda path=path: client.get(path), args.runs), baseline, counted[path]))
        first_looks: tuple[list[float], list[float]] = ([], [])
        for code in seeded.visited:
            statements.clear()
            began, began_cpu = time.perf_counter(), time.process_time()
            assert client.get(f"/accounts/{code}").status_code == 200, code
            first_looks[0].append(time.perf_counter() - began)
            first_looks[1].append(time.process_time() - began_cpu)
        visits = f"{len(seeded.visited)} other accounts, each a first look"
        print(line(visits, first_looks, baseline, len(statements)))
        page = client.get("/portfolio")
        assets = sorted(set(ASSET.findall(page.text)))
        sent = {asset: client.get(asset).num_bytes_downloaded for asset in assets}  # as sent (gzip)
        weight = page.num_bytes_downloaded + sum(sent.values())
        print(
            f"portfolio page weight: {weight:,} bytes as sent (HTML {page.num_bytes_downloaded:,}, "
            + ", ".join(f"{a.rsplit('/', 1)[-1]} {n:,}" for a, n in sent.items())
            + "); "
            f"{weight / TARGET_WEIGHT:.2f} of the 1 MB target"
        )
    app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    workspace_arguments(parser)
    parser.add_argument("--visits", type=int, default=100, help="accounts whose page is asked once each")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    print(
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f} (1 min)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sqlite:
            (Path(tmp) / "sqlite").mkdir()
            run_database("SQLite", f"sqlite:///{tmp}/workspace.db", args, Path(tmp) / "sqlite")
        if not args.skip_postgres:
            if not args.postgres_url:
                print("PostgreSQL skipped: give --postgres-url or set KAM_TEST_POSTGRES_URL")
            else:
                with postgres_schema(args.postgres_url) as urls:
                    (Path(tmp) / "postgres").mkdir()
                    run_database("PostgreSQL", urls(), args, Path(tmp) / "postgres")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
