"""The database layer: one commit point, foreign keys enforced on both databases, UTC times, clear URL errors,
and one engine per database in the process."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.domain.interactions import InteractionKind
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.schemas import AccountCreate
from kam.workspace.db import (
    display_url,
    dispose_engines,
    make_engine,
    parse_url,
    session_scope,
    shared_engine,
)
from kam.workspace.errors import WorkspaceUnavailable
from kam.workspace.interactions.models import Interaction
from kam.workspace.migrate import open_workspace, upgrade
from kam.workspace.run import run_accounts_add, run_accounts_list, run_workspace_init

TAIPEI = dt.timezone(dt.timedelta(hours=8))


def _codes(engine: Engine) -> list[str]:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        return list(session.scalars(sa.select(Account.code).order_by(Account.code)))


def test_session_scope_commits_when_the_block_succeeds(engine: Engine) -> None:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        session.add(Account(code="C001", name="Acme"))
    assert _codes(engine) == ["C001"]


def test_session_scope_rolls_back_when_the_block_raises(engine: Engine) -> None:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        session.add(Account(code="KEEP", name="Kept"))
    with pytest.raises(RuntimeError, match="boom"), session_scope(engine, LOCAL_OPERATOR) as session:
        session.add(Account(code="C001", name="Acme"))
        session.flush()
        session.get_one(Account, 1).name = "Changed"
        raise RuntimeError("boom")
    assert _codes(engine) == ["KEEP"]
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert session.scalars(sa.select(Account.name)).one() == "Kept"


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    when = dt.datetime(2025, 3, 14, tzinfo=dt.UTC)
    with pytest.raises(sa.exc.IntegrityError), session_scope(engine, LOCAL_OPERATOR) as session:
        session.add(Interaction(account_id=999, kind=InteractionKind.CALL, occurred_at=when, title="x"))
        session.flush()


def test_deleting_an_account_deletes_its_interactions(engine: Engine) -> None:
    when = dt.datetime(2025, 3, 14, tzinfo=dt.UTC)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        account = Account(code="C001", name="Acme")
        session.add(account)
        session.flush()
        session.add(
            Interaction(account_id=account.id, kind=InteractionKind.VISIT, occurred_at=when, title="x")
        )
    with session_scope(engine, LOCAL_OPERATOR) as session:
        session.execute(sa.delete(Account))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_times_are_stored_in_utc_and_read_back_with_their_zone(engine: Engine) -> None:
    local = dt.datetime(2025, 3, 14, 10, 30, tzinfo=TAIPEI)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        account = Account(code="C001", name="Acme")
        session.add(account)
        session.flush()
        session.add(
            Interaction(account_id=account.id, kind=InteractionKind.CALL, occurred_at=local, title="x")
        )
    with session_scope(engine, LOCAL_OPERATOR) as session:
        stored = session.scalars(sa.select(Interaction.occurred_at)).one()
    assert stored == local
    assert stored.utcoffset() == dt.timedelta(0) and stored.hour == 2


def test_a_time_without_zone_is_refused(engine: Engine) -> None:
    with (
        pytest.raises(sa.exc.StatementError, match="needs a timezone"),
        session_scope(engine, LOCAL_OPERATOR) as session,
    ):
        session.add(Account(code="C001", name="Acme", deleted_at=dt.datetime(2025, 3, 14)))
        session.flush()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "team" / "kam" / "workspace.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert path.exists()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://kam@db/kam", "postgresql+psycopg"),
        ("postgres://kam@db/kam", "postgresql+psycopg"),
        ("postgresql+psycopg://kam@db/kam", "postgresql+psycopg"),
        ("sqlite:///kam-workspace.db", "sqlite"),
    ],
)
def test_urls_use_the_drivers_kam_ships(url: str, driver: str) -> None:
    assert parse_url(url).drivername == driver


def test_a_bad_url_is_named() -> None:
    with pytest.raises(WorkspaceUnavailable, match=r"'workspace\.db' is not a database URL"):
        parse_url("workspace.db")


def test_display_url_hides_the_password_and_shows_where_a_sqlite_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_url("sqlite:///kam-workspace.db") == f"sqlite:///{tmp_path / 'kam-workspace.db'}"
    assert display_url("postgresql://kam:secret@db/kam") == "postgresql+psycopg://kam:***@db/kam"


def test_one_url_has_one_engine_in_the_process(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert shared_engine(first) is shared_engine(first)
    assert shared_engine(first) is not shared_engine(second)
    assert shared_engine("postgres://kam@db/kam") is shared_engine("postgresql+psycopg://kam@db/kam")
    assert shared_engine("postgresql://kam@db/kam") is not shared_engine("postgresql://kam@db/other")


def test_threads_asking_at_once_get_the_same_engine(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    start = threading.Barrier(16)

    def ask(_: int) -> int:
        start.wait()
        return id(shared_engine(url))

    with ThreadPoolExecutor(16) as pool:
        assert len(set(pool.map(ask, range(16)))) == 1


def test_every_use_of_a_workspace_goes_through_its_shared_engine(workspace_url: str) -> None:
    upgrade(workspace_url)
    with open_workspace(workspace_url) as first:
        pass
    with open_workspace(workspace_url) as second:
        pass
    assert first is second is shared_engine(workspace_url)


def test_disposed_engines_are_forgotten(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    before = shared_engine(url)
    dispose_engines()
    assert shared_engine(url) is not before


@pytest.mark.skipif(not hasattr(psutil.Process(), "num_fds"), reason="counts POSIX file descriptors")
def test_many_sqlite_workspaces_in_one_process_hold_no_open_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    run_workspace_init(f"sqlite:///{empty}")
    urls = []
    for i in range(60):
        shutil.copyfile(empty, tmp_path / f"workspace{i}.db")
        urls.append(f"sqlite:///{tmp_path / f'workspace{i}.db'}")
    process = psutil.Process()
    before = process.num_fds()
    for i, url in enumerate(urls):
        run_accounts_add(url, AccountCreate(code=f"C{i:03d}", name="Acme"))
        assert [a.code for a in run_accounts_list(url)] == [f"C{i:03d}"]
    assert process.num_fds() - before < 10


@pytest.mark.parametrize(
    "workspace_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_a_postgresql_workspace_reuses_its_connection(workspace_url: str) -> None:
    """The connection `kam workspace init` opened serves the later uses: they go through the same pool."""
    upgrade(workspace_url)
    events: list[str] = []
    for event in ("connect", "checkout"):
        sa.event.listen(shared_engine(workspace_url).pool, event, lambda *_, e=event: events.append(e))
    run_accounts_add(workspace_url, AccountCreate(code="C001", name="Acme"))
    assert [a.code for a in run_accounts_list(workspace_url)] == ["C001"]
    assert "connect" not in events and events.count("checkout") >= 2


@pytest.mark.postgres
def test_the_pooled_connections_are_closed_when_the_process_ends(postgres_url: str) -> None:
    script = (
        "import sqlalchemy as sa\n"
        "from kam.workspace.db import shared_engine\n"
        f"engine = shared_engine({postgres_url!r})\n"
        "sa.event.listen(engine.pool, 'close', lambda *_: print('closed', flush=True))\n"
        "with engine.connect() as connection:\n"
        "    connection.execute(sa.text('SELECT 1'))\n"
        "print('done', flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["done", "closed"]


def test_a_server_keeps_its_sqlite_connections_and_commands_do_not(tmp_path: Path) -> None:
    """A command opens the SQLite file per use; a server (`serving`) reuses its connections: the second
    use of its engine opens no new one."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    upgrade(url)
    served, command = shared_engine(url, serving=True), shared_engine(url)
    assert served is not command and served is shared_engine(url, serving=True)
    opened = {"served": 0, "command": 0}
    for name, engine in (("served", served), ("command", command)):
        sa.event.listen(engine, "connect", lambda *_, n=name: opened.__setitem__(n, opened[n] + 1))
        for _ in range(3):
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
    assert opened == {"served": 1, "command": 3}
