"""The account page's records and the calls pages in a real browser (headless Chromium through Playwright,
against `kam serve`, every request off the server refused and recorded): a five-whys chain added level by
level, a deal's quote recorded (after a message beside the field), a transcript uploaded and its timeline
drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.render.browser import Visit
from tests.web.test_browser import _sign_in, _status_line, chromium, server, tab

pytestmark = pytest.mark.slow
__all__ = ["chromium", "server", "tab"]  # the fixtures, shared with test_browser.py
PUSHY = Path(__file__).parents[1] / "data" / "calls" / "zh_hant_pushy_big5.txt"
WHYS = [
    "Users are unhappy",
    "It is hard to operate",
    "The new module is hard to use",
    "Users do not know how to use it",
    "The manual is only in English",
]


def test_a_five_whys_chain_added_level_by_level(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/accounts/A")
    tab.page.click("#add-needs")
    tab.page.wait_for_selector("#needs-new form")
    tab.page.fill("#needs-new textarea[name=statement]", WHYS[0])
    tab.page.click("#needs-new button.save")
    row = tab.page.wait_for_selector(f"#needs-rows tr[data-version]:has(td:text-is('{WHYS[0]}'))")
    for said in WHYS[1:]:
        assert row is not None
        row.query_selector("button.why").click()  # type: ignore[union-attr]
        form = tab.page.wait_for_selector("#needs-new form")
        assert form is not None
        tab.page.fill("#needs-new textarea[name=statement]", said)
        tab.page.click("#needs-new button.save")
        row = tab.page.wait_for_selector(f"#needs-rows tr[data-version]:has(td:text-is('{said}'))")
    tab.page.reload()
    deepest = tab.page.locator("#iceberg ul.why ul.why ul.why ul.why > li")
    assert WHYS[-1] in (deepest.first.text_content() or "")
    assert tab.errors == []


def test_recording_a_deal_quote(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/accounts/A")
    tab.page.click("#add-deals")
    tab.page.wait_for_selector("#deals-new form")
    tab.page.fill("#deals-new input[name=title]", "Galvanised coil 2027")
    tab.page.select_option("#deals-new select[name=stage]", "proposal")
    tab.page.fill("#deals-new input[name=value]", "580000")
    tab.page.click("#deals-new button.save")  # a value without its currency: said beside the currency
    tab.page.wait_for_selector("#error-currency")
    tab.page.fill("#deals-new input[name=currency]", "CNY")
    tab.page.fill("#deals-new input[name=quoted_on]", "2026-02-10")
    tab.page.click("#deals-new button.save")
    row = tab.page.wait_for_selector("#deals-rows tr[data-version]:has(td:text-is('Galvanised coil 2027'))")
    assert row is not None
    cells = [cell.text_content() for cell in row.query_selector_all("td")]
    assert cells[:7] == ["Galvanised coil 2027", "Proposal", "580,000", "CNY", "", "Feb 10, 2026", "Proposal"]
    assert tab.errors == [_status_line(422, "Unprocessable Entity")]


def test_uploading_a_transcript_shows_its_timeline(tab: Visit, server: Any) -> None:
    base = server[0]
    _sign_in(tab, base, "amy")
    tab.page.goto(f"{base}/accounts/A")
    tab.page.set_input_files("#call-upload input[name=transcript]", str(PUSHY))
    tab.page.fill("#call-upload input[name=sales]", "張志明")
    tab.page.fill("#call-upload input[name=at]", "2026-03-02T09:15")
    tab.page.click("#upload-call")
    tab.page.wait_for_url(f"{base}/accounts/A/calls/*")
    tab.page.wait_for_selector("#timeline-chart svg")
    svg = tab.page.inner_html("#timeline-chart svg")
    assert "張志明" in svg and "林小姐" in svg and svg.count("<path") > 10
    assert "Price too early" in (tab.page.text_content("#flag-price_too_early") or "")
    assert tab.page.locator("#moments li.moment-price").count() == 1
    tab.page.click("a >> text=A Ltd")
    tab.page.wait_for_selector("#interactions-rows a.call-link")
    assert tab.errors == []
