"""The report is one offline page with the three charts and the lists; a real browser renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app


@pytest.fixture
def report(portfolio_files: tuple[Path, Path], tmp_path: Path) -> Path:
    tx, cu = portfolio_files
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--lang", "zh-Hant", "--no-forecast"],
    )
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "<script" not in html
    for chart in ("pareto", "whale", "scatter"):
        assert f'<svg id="{chart}"' in html
    for section in (
        "list-key",
        "list-potential",
        "list-one_off_bulk",
        "list-low_profit_volume",
        "list-profit_squeezer",
        "list-lapsed",
    ):
        assert f'id="{section}"' in html
    assert "扒皮大戶" in html and "折扣深度25.0%" in html
    assert "key_min_margin" in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (see .ci/run)")
        pytest.skip("Chromium is not installed")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'p'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert dom.count("<svg") == 3
    assert dom.count("<polyline") == 2
    assert dom.count("<circle") >= 36
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 20_000
