"""Accounts in a real browser (headless Chromium through Playwright, against `kam serve`, every request off
the server refused and recorded): an account created from the portfolio, its industry edited in place on
its page and still there after a reload."""

from __future__ import annotations

from typing import Any

import pytest

from tests.render.browser import Visit
from tests.web.test_browser import _sign_in, chromium, server, tab

pytestmark = pytest.mark.slow
__all__ = ["chromium", "server", "tab"]  # the fixtures, shared with test_browser.py
INDUSTRY = "#profile dt:text-is('industry') + dd"


def test_an_account_created_from_the_portfolio_and_edited_in_place(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/portfolio")
    tab.page.click("#new-account")
    tab.page.wait_for_url(f"{base}/portfolio/new-account")
    tab.page.fill("#new-account-form input[name=code]", "TX1")
    tab.page.fill("#new-account-form input[name=name]", "Tainan Textiles")
    tab.page.select_option("#new-account-form select[name=type]", "dealer")
    tab.page.fill("#new-account-form input[name=since]", "2021-06-01")
    tab.page.fill("#new-account-form input[name=wallet]", "800000 TWD")
    tab.page.click("#create-account")
    tab.page.wait_for_url(f"{base}/accounts/TX1")
    assert tab.page.text_content("#account-name") == "Tainan Textiles TX1"
    assert tab.page.text_content(INDUSTRY) == "—"

    tab.page.click("#edit-profile")
    tab.page.wait_for_selector("#profile.editing form")
    tab.page.fill("#profile input[name=industry]", "textiles")
    tab.page.click("#save-profile")
    tab.page.wait_for_selector("#profile[data-version='2']")
    assert tab.page.text_content(INDUSTRY) == "textiles"

    tab.page.reload()
    assert tab.page.text_content(INDUSTRY) == "textiles"
    assert "800,000 TWD" in (tab.page.text_content("#profile") or "")
    assert tab.errors == []
