"""A real browser for the page tests: headless Chromium through Playwright, kept off the network.

Every request for anything but a file: URL is aborted and recorded, so a test can assert that a page
loads nothing; script errors and dialogs (an `alert` that hostile data would open) are recorded too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Visit:
    """A page open in the browser, with what it tried to do besides showing itself."""

    page: Any  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, its own included
    blocked: list[str] = field(default_factory=list)  # the URLs off the machine (aborted)
    errors: list[str] = field(default_factory=list)  # script errors and console errors
    dialogs: list[str] = field(default_factory=list)


def chromium() -> str:
    """The Chromium to drive: skipped where there is none, except in CI, which must have it."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (see .ci/run)")
        pytest.skip("Chromium is not installed")
    return found


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """One headless Chromium (playwright.sync_api.Browser) for the tests of a module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@contextlib.contextmanager
def visit(launched: Any, page_file: Path, width: int = 1280, height: int = 900) -> Iterator[Visit]:
    """`page_file` open in a fresh context of `launched`, its scripts run, the charts drawn."""
    context = launched.new_context(viewport={"width": width, "height": height}, service_workers="block")
    seen = Visit(context.new_page())

    def refuse(route: Any) -> None:
        seen.blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file:"), refuse)
    seen.page.on("request", lambda request: seen.requests.append(request.url))
    seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
    seen.page.on(
        "console", lambda message: seen.errors.append(message.text) if message.type == "error" else None
    )

    def dismiss(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    seen.page.on("dialog", dismiss)
    try:
        seen.page.goto(page_file.as_uri())
        seen.page.wait_for_load_state("load")
        yield seen
    finally:
        context.close()
