"""The decision chain edited in place: add, edit (messages beside the field), conflict (both versions),
delete with undo; each answer a table row for htmx, with the org chart's data refreshed."""

from __future__ import annotations

import re

import pytest

from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.stakeholders.schemas import StakeholderChanges
from kam.workspace.stakeholders.service import update_stakeholder
from tests.web.conftest import Browser

FORM = {
    "name": "Li",
    "title": "",
    "function": "technical",
    "stance": "unknown",
    "influence": "3",
    "coach": "on",
}


def _chain(text: str) -> str:
    found = re.search(r"id=\"chain-data\" hidden data-json='([^']+)' hx-swap-oob=\"true\"", text)
    assert found, "the answer refreshes the org chart's data"
    return found.group(1)


def test_editing_a_stakeholder_saves_it_and_redraws_the_chart(signed_in: Browser) -> None:
    li = signed_in.people["Li"]
    form = signed_in.get(f"/accounts/A/stakeholders/{li}/edit")
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    saved = signed_in.post(f"/accounts/A/stakeholders/{li}", {**FORM, "stance": "supporter", "version": "1"})
    assert saved.status_code == 200 and f'<tr id="stakeholder-{li}" data-version="2">' in saved.text
    assert "stance-supporter" in saved.text and '"color": "#2e7d32"' in _chain(saved.text).split('"Li')[1]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Required."),
        ("name", "x" * 201, "At most 200 characters."),
        ("influence", "0", "At least 1."),
        ("influence", "6", "At most 5."),
        ("influence", "lots", "A whole number."),
        ("stance", "hostile", "Not one of the choices."),
        ("name", "Wang", "Wang"),  # the name of another stakeholder of the account
    ],
)
def test_a_bad_field_is_shown_beside_the_field(
    signed_in: Browser, field: str, value: str, message: str
) -> None:
    li = signed_in.people["Li"]
    answer = signed_in.post(f"/accounts/A/stakeholders/{li}", {**FORM, field: value, "version": "1"})
    assert answer.status_code == 422
    beside = re.search(rf'<span class="field-error" id="error-{field}">([^<]*)</span>', answer.text)
    assert beside and message in beside.group(1).replace("&#39;", "'").replace("&#34;", '"')
    assert signed_in.get(f"/accounts/A/stakeholders/{li}").text.count('data-version="1"') == 1


def test_a_change_on_a_stale_version_shows_both_versions(signed_in: Browser, workspace_url: str) -> None:
    li = signed_in.people["Li"]
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:  # someone else, meanwhile
        update_stakeholder(session, li, StakeholderChanges(title="Chief engineer"))
    engine.dispose()
    answer = signed_in.post(f"/accounts/A/stakeholders/{li}", {**FORM, "title": "CTO", "version": "1"})
    assert answer.status_code == 409 and "Someone changed this meanwhile" in answer.text
    assert "<td>CTO</td><td>Chief engineer</td>" in answer.text
    assert 'name="version" value="2"' in answer.text  # "keep mine" posts on the current version
    kept = signed_in.post(f"/accounts/A/stakeholders/{li}", {**FORM, "title": "CTO", "version": "2"})
    assert kept.status_code == 200 and "<td>CTO</td>" in kept.text


def test_delete_then_undo(signed_in: Browser) -> None:
    li = signed_in.people["Li"]
    deleted = signed_in.post(f"/accounts/A/stakeholders/{li}/delete")
    assert deleted.status_code == 200 and "Li was deleted." in deleted.text and "/restore" in deleted.text
    assert '"people": 1' in _chain(deleted.text)
    assert signed_in.get("/accounts/A").text.count('<tr id="stakeholder-') == 1
    restored = signed_in.post(f"/accounts/A/stakeholders/{li}/restore")
    assert restored.status_code == 200 and f'<tr id="stakeholder-{li}"' in restored.text
    assert signed_in.get("/accounts/A").text.count('<tr id="stakeholder-') == 2


def test_adding_a_stakeholder_and_marking_the_coach(signed_in: Browser) -> None:
    assert 'id="stakeholder-new"' in signed_in.get("/accounts/A/stakeholders/new").text
    wang = signed_in.people["Wang"]
    form = {**FORM, "name": "Chen", "function": "finance", "reports_to": str(wang)}
    added = signed_in.post("/accounts/A/stakeholders", form)
    assert added.status_code == 200 and '<span class="coach">' in added.text
    assert "<td>Wang</td>" in added.text and '"name": "Chen \\u2605 coach\\nfinance"' in _chain(added.text)
    refused = signed_in.post("/accounts/A/stakeholders", {**form, "name": ""})
    assert refused.status_code == 422 and 'id="error-name">Required.' in refused.text


def test_a_rep_cannot_change_a_stakeholder_of_another_teams_account(browser: Browser) -> None:
    browser.sign_in("bob")
    li = browser.people["Li"]
    assert browser.post(f"/accounts/A/stakeholders/{li}", {**FORM, "version": "1"}).status_code == 404
    assert browser.post(f"/accounts/A/stakeholders/{li}/delete").status_code == 404
    assert browser.post("/accounts/A/stakeholders", {**FORM, "name": "Mole"}).status_code == 404
