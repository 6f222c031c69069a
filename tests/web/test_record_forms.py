"""The records a salesperson keeps, edited in place on the account page (needs, deals, interactions,
contracts, next steps): create, a bad field said beside it, a conflict shown with both versions, delete
and undo, and another team's account refused; a five-whys chain added level by level, a deal's quote,
a next step marked done."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kam.domain.needs import NeedDepth
from kam.web.record_specs import SPECS, Section
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.deals.service import get_deal
from kam.workspace.needs.schemas import NeedFilters
from kam.workspace.needs.service import list_needs
from tests.web.conftest import Browser

# a valid form of each kind, the field a change edits (with its new value and how the row shows it),
# and a bad value of one field with the message said beside it
CASES: dict[Section, dict[str, Any]] = {
    Section.NEEDS: {
        "form": {"statement": "Users are unhappy with the terminal", "depth": "stated", "status": "open"},
        "change": ("statement", "Users cannot operate the terminal"),
        "bad": ("depth", "deepest", "Not one of the choices."),
    },
    Section.DEALS: {
        "form": {"title": "Cold-rolled 2027", "stage": "discovery", "value": "120000", "currency": "CNY"},
        "change": ("title", "Cold-rolled 2027 (500 t)"),
        "bad": ("title", "", "Required."),
    },
    Section.INTERACTIONS: {
        "form": {
            "kind": "visit",
            "occurred_at": "2026-03-02T10:30",
            "title": "Plant visit",
            "notes": "Met QA",
        },
        "change": ("title", "Plant visit and lunch"),
        "bad": ("title", "x" * 201, "At most 200 characters."),
    },
    Section.CONTRACTS: {
        "form": {"year": "2026", "product": "Galvanised sheet", "volume": "500", "unit": "t"},
        "change": ("product", "Galvanised coil"),
        "bad": ("year", "1800", "At least"),
    },
    Section.NEXT_STEPS: {
        "form": {"what": "Send the Chinese manual", "due_on": "2026-04-01"},
        "change": ("what", "Send the Chinese manual and call back"),
        "bad": ("due_on", "next week", "Not a valid value."),
    },
}
SECTIONS = list(CASES)


def _row_id(section: Section, text: str) -> int:
    found = re.search(rf'<tr id="{section}-(\d+)" data-version="(\d+)"', text)
    assert found, text[:2000]
    return int(found.group(1))


def _create(browser: Browser, section: Section, **extra: str) -> int:
    answer = browser.post(f"/accounts/A/{section}", {**CASES[section]["form"], **extra})
    assert answer.status_code == 200, answer.text[:2000]
    return _row_id(section, answer.text)


@pytest.mark.parametrize("section", SECTIONS)
def test_creating_a_record_shows_its_row_and_the_account_page_lists_it(
    signed_in: Browser, section: Section
) -> None:
    form = signed_in.get(f"/accounts/A/{section}/new")
    assert form.status_code == 200 and f'hx-post="/accounts/A/{section}"' in form.text
    record = _create(signed_in, section)
    page = signed_in.get("/accounts/A")
    assert page.status_code == 200 and f'<tr id="{section}-{record}" data-version="1"' in page.text
    first = next(iter(CASES[section]["form"].values()))
    assert f"<td>{first}</td>" in page.text or first[:10] in page.text


@pytest.mark.parametrize("section", SECTIONS)
def test_a_bad_field_is_shown_beside_it_and_nothing_is_saved(
    signed_in: Browser, section: Section, workspace_url: str
) -> None:
    field, value, message = CASES[section]["bad"]
    answer = signed_in.post(f"/accounts/A/{section}", {**CASES[section]["form"], field: value})
    assert answer.status_code == 422
    beside = re.search(rf'<span class="field-error" id="error-{field}">([^<]*)</span>', answer.text)
    assert beside and message in beside.group(1)
    kept = next(v for k, v in CASES[section]["form"].items() if k != field)  # the rest stays as typed
    assert (
        f'value="{kept}"' in answer.text
        or f">{kept}</textarea>" in answer.text
        or f'"{kept}" selected' in answer.text
    )
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert SPECS[section].listed(session, "A", False) == []
    engine.dispose()


@pytest.mark.parametrize("section", SECTIONS)
def test_a_change_on_a_stale_version_shows_both_versions(signed_in: Browser, section: Section) -> None:
    record = _create(signed_in, section)
    field, value = CASES[section]["change"]
    form = {**CASES[section]["form"], field: value}
    first = signed_in.post(f"/accounts/A/{section}/{record}", {**form, "version": "1"})
    assert first.status_code == 200 and f'<tr id="{section}-{record}" data-version="2"' in first.text
    mine = {**form, field: value + " (mine)"}
    stale = signed_in.post(f"/accounts/A/{section}/{record}", {**mine, "version": "1"})
    assert stale.status_code == 409 and "Someone changed this meanwhile" in stale.text
    assert f'<td class="mine">{value} (mine)</td><td class="theirs">{value}</td>' in stale.text
    assert 'name="version" value="2"' in stale.text  # "keep mine" posts on the current version
    kept = signed_in.post(f"/accounts/A/{section}/{record}", {**mine, "version": "2"})
    assert kept.status_code == 200 and f"{value} (mine)" in kept.text and 'data-version="3"' in kept.text


@pytest.mark.parametrize("section", SECTIONS)
def test_delete_then_undo(signed_in: Browser, section: Section) -> None:
    record = _create(signed_in, section)
    deleted = signed_in.post(f"/accounts/A/{section}/{record}/delete")
    assert deleted.status_code == 200 and f"/accounts/A/{section}/{record}/restore" in deleted.text
    assert f'<tr id="{section}-{record}" data-version' not in signed_in.get("/accounts/A").text
    restored = signed_in.post(f"/accounts/A/{section}/{record}/restore")
    assert restored.status_code == 200 and f'<tr id="{section}-{record}" data-version' in restored.text
    assert f'<tr id="{section}-{record}" data-version' in signed_in.get("/accounts/A").text


@pytest.mark.parametrize("section", SECTIONS)
def test_a_rep_is_refused_another_teams_account(signed_in: Browser, section: Section) -> None:
    assert signed_in.get(f"/accounts/B/{section}/new").status_code == 404
    created = signed_in.post(f"/accounts/B/{section}", CASES[section]["form"])
    assert created.status_code == 404 and "Not found" in created.text


@pytest.mark.parametrize("section", SECTIONS)
def test_a_record_of_another_account_is_not_found_through_this_one(
    browser: Browser, section: Section
) -> None:
    assert browser.sign_in("max").status_code == 303  # the manager of A and N
    record = browser.post(f"/accounts/N/{section}", CASES[section]["form"])
    assert record.status_code == 200
    found = _row_id(section, record.text)
    assert browser.get(f"/accounts/A/{section}/{found}/edit").status_code == 404
    assert browser.post(f"/accounts/A/{section}/{found}/delete").status_code == 404


def test_a_form_without_the_csrf_token_is_refused(signed_in: Browser) -> None:
    answer = signed_in.client.post("/accounts/A/deals", data=CASES[Section.DEALS]["form"])
    assert answer.status_code == 403


def test_a_five_whys_chain_is_added_level_by_level(signed_in: Browser, workspace_url: str) -> None:
    top = _create(signed_in, Section.NEEDS)
    why = signed_in.get(f"/accounts/A/needs/new?parent={top}")
    assert f'<option value="{top}" selected>' in why.text
    assert re.search(r'<option value="underlying" selected>', why.text)
    chain = [top]
    for said in ("Hard to operate", "The new module is hard to use", "The manual is only in English"):
        form = {"statement": said, "parent": str(chain[-1]), "depth": "underlying", "status": "open"}
        answer = signed_in.post("/accounts/A/needs", form)
        assert answer.status_code == 200
        chain.append(_row_id(Section.NEEDS, answer.text))
    deeper = signed_in.get(f"/accounts/A/needs/new?parent={chain[-1]}")
    assert '<option value="root" selected>' in deeper.text
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        needs = {n.id: n for n in list_needs(session, NeedFilters(account="A")).items}
    engine.dispose()
    assert [needs[i].parent for i in chain] == [None, *chain[:-1]]
    assert needs[chain[1]].depth is NeedDepth.UNDERLYING
    page = signed_in.get("/accounts/A").text
    iceberg = page[page.index('id="iceberg"') : page.index("</ul>\n", page.index('id="iceberg"'))]
    assert iceberg.count('<ul class="why">') == 3


def test_a_need_kind_can_be_overridden(signed_in: Browser, workspace_url: str) -> None:
    need = _create(signed_in, Section.NEEDS, kind="want")
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        found = list_needs(session, NeedFilters(account="A")).items
    engine.dispose()
    assert [(n.id, n.kind.value, n.kind_overridden) for n in found] == [(need, "want", True)]


def test_a_deal_quote_keeps_the_stage_it_was_quoted_at(signed_in: Browser, workspace_url: str) -> None:
    deal = _create(signed_in, Section.DEALS)
    form = {**CASES[Section.DEALS]["form"], "quoted_on": "2026-02-10", "stage": "proposal", "version": "1"}
    quoted = signed_in.post(f"/accounts/A/deals/{deal}", form)
    assert quoted.status_code == 200
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        stored = get_deal(session, deal)
    engine.dispose()
    assert (str(stored.quoted_on), stored.quoted_stage, stored.stage) == (
        "2026-02-10",
        "discovery",
        "proposal",
    )


def test_a_next_step_is_marked_done_in_one_click(signed_in: Browser) -> None:
    step = _create(signed_in, Section.NEXT_STEPS)
    done = signed_in.post(f"/accounts/A/next-steps/{step}/done", {"version": "1"})
    assert done.status_code == 200 and "<td>yes</td>" in done.text and "mark-done" not in done.text
    again = signed_in.post(f"/accounts/A/next-steps/{step}/done", {"version": "1"})
    assert again.status_code == 409


def test_an_interaction_records_its_participants(signed_in: Browser) -> None:
    wang = signed_in.people["Wang"]
    form = {
        **CASES[Section.INTERACTIONS]["form"],
        "stakeholders": str(wang),
        "present": "amy",
        "present_names": "Zhao, Qian",
    }
    answer = signed_in.post("/accounts/A/interactions", form)
    assert answer.status_code == 200
    assert "<td>Wang</td><td>amy</td>" in answer.text and "Zhao, Qian" not in answer.text
