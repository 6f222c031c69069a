"""The `kam` entry point as a user runs it: a real process, its exit codes and its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _kam(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kam", *args], capture_output=True, text=True, timeout=120)


def test_help_exits_zero() -> None:
    done = _kam("--help")
    assert done.returncode == 0
    assert "analyze" in done.stdout


def test_usage_error_exits_two() -> None:
    done = _kam("analyze", "--no-such-option")
    assert done.returncode == 2
    assert "No such option" in done.stderr


def test_bad_input_exits_two_with_the_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("customer_id,date,amount\n", encoding="utf-8")
    done = _kam("analyze", str(empty), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "no data rows" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_run_writes_every_output_before_the_process_ends(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    lines, customers = portfolio_files
    out = tmp_path / "out"
    done = _kam("analyze", str(lines), "--customers", str(customers), "--out", str(out), "--no-forecast")
    assert done.returncode == 0, done.stderr
    assert {p.name for p in out.iterdir()} >= {
        "accounts.csv",
        "accounts.parquet",
        "summary.json",
        "report.html",
    }
    assert (out / "summary.json").read_text(encoding="utf-8").rstrip().endswith("}")
    assert "key" in done.stdout


def test_the_allocator_settings_apply_on_glibc_and_are_harmless_elsewhere() -> None:
    """kam's entry point keeps mid-sized numeric arrays on the heap (see kam.allocator); on Linux with
    glibc the settings take, and a second call (another entry point in the same process) is fine."""
    import platform

    from kam.allocator import tune_allocator

    applied = tune_allocator()
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert applied is True
    else:
        assert applied is False
    assert tune_allocator() is applied


@pytest.mark.parametrize(
    "workspace_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_a_command_closes_its_database_connections_before_the_process_ends(workspace_url: str) -> None:
    """The entry point leaves with os._exit, which skips atexit: the workspace's pooled connections are
    closed first, so the database server sees kam log off rather than vanish."""
    from kam.workspace.migrate import upgrade

    upgrade(workspace_url)
    script = (
        "import sys\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy.pool import Pool\n"
        "sa.event.listen(Pool, 'close', lambda *_: print('closed', flush=True))\n"
        f"sys.argv = ['kam', 'accounts', 'list', '--db', {workspace_url!r}]\n"
        "from kam.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "closed"
