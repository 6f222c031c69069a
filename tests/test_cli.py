"""The `kam` entry point as a user runs it: a real process, its exit codes and its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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
