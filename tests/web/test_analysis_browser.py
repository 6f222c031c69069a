"""The analysis and the coach in a real browser (headless Chromium through Playwright) against `kam serve`
on the demo workspace, made as `make demo-files` makes it (the Makefile's kam lines, as
tests/demo/test_workspace.py runs them): the portfolio draws its charts and lists, an account opens from
a list and shows its coach; nothing is fetched from another host.

Screenshots of the portfolio and of account K002 in each language are saved (to `KAM_SCREENSHOTS`, when
set: `make screenshots` writes docs/screenshots/ this way; else to the test's temporary folder)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kam.domain.languages import Lang
from tests.demo.test_workspace import _kam, _recipe
from tests.render.browser import Visit
from tests.web.test_browser import _free_port, _sign_in, chromium, tab  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _demo(folder: Path) -> str:
    url = f"sqlite:///{folder}/kam-workspace.db"
    for line in _recipe("demo-files"):
        stdin = None
        piped = re.match(r"echo (\S+) \| (.*)", line)
        if piped:
            stdin, line = piped.group(1) + "\n", piped.group(2)
        if line.startswith("$(BIN)/kam "):
            line = line.replace("$(DEMO_DB)", url).replace("$(DEMO)", str(folder))
            _kam(*shlex.split(line)[1:], stdin=stdin)
    return url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, int]]]:
    """`kam serve` on the demo workspace: (base URL, workspace URL, no stakeholder ids)."""
    url = _demo(tmp_path_factory.mktemp("demo"))
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kam", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("kam serve did not start") from None
                time.sleep(0.2)
        yield base, url, {}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_open_an_account_from_the_analysis_and_see_its_coach(tab: Visit, server: Any) -> None:  # noqa: F811
    base = server[0]
    _sign_in(tab, base, "lin", "kam-demo-lin")
    tab.page.wait_for_selector("#pareto-chart svg")
    tab.page.wait_for_selector("#scatter-chart svg")
    assert tab.page.locator("#segment-counts a").count() == 7
    first = tab.page.locator("#key-accounts .analysed > li > a").first
    code = first.get_attribute("href")
    first.click()
    tab.page.wait_for_selector("#coach #coverage-score")
    assert tab.page.url == f"{base}{code}"
    assert int(tab.page.text_content("#coverage-score") or "-1") in range(101)
    assert tab.page.locator("#coverage-parts tbody tr").count() >= 3
    tab.page.wait_for_selector("#trend-chart svg")
    assert tab.errors == []


@pytest.mark.parametrize("lang", list(Lang))
def test_screenshot(tab: Visit, server: Any, lang: Lang, tmp_path: Path) -> None:  # noqa: F811
    base = server[0]
    folder = Path(os.environ.get("KAM_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    _sign_in(tab, base, "admin", "kam-demo-admin")
    tab.page.click(f"button[value={lang.value}]")
    tab.page.wait_for_load_state("load")
    tab.page.set_viewport_size({"width": 1280, "height": 2000})
    tab.page.wait_for_selector("#scatter-chart svg")
    shot = folder / f"web-portfolio-{lang.value}.png"
    tab.page.screenshot(path=str(shot))
    tab.page.goto(f"{base}/accounts/K002")
    tab.page.wait_for_selector("#chain-chart svg")
    account = folder / f"web-account-K002-{lang.value}.png"
    tab.page.screenshot(path=str(account), full_page=True)
    assert shot.stat().st_size > 100_000 and account.stat().st_size > 100_000
    assert tab.errors == []
