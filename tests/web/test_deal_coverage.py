"""The deal form names the stakeholders involved, and the account page's coach panel shows each open
deal's coverage score and findings (a deal nobody is linked to: no score, its own finding)."""

from __future__ import annotations

import re

from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.deals.service import get_deal
from tests.web.conftest import Browser


def _deal(browser: Browser, title: str, stakeholders: list[int]) -> int:
    form = {"title": title, "stage": "discovery", "stakeholders": [str(i) for i in stakeholders]}
    answer = browser.post("/accounts/A/deals", form)
    assert answer.status_code == 200, answer.text[:2000]
    found = re.search(r'<tr id="deals-(\d+)"', answer.text)
    assert found
    return int(found.group(1))


def test_the_deal_form_names_the_people_and_the_coach_panel_scores_the_deal(
    signed_in: Browser, workspace_url: str
) -> None:
    wang, li = signed_in.people["Wang"], signed_in.people["Li"]
    form = signed_in.get("/accounts/A/deals/new").text
    options = f'<option value="{li}">Li</option><option value="{wang}">Wang</option>'
    assert f'<select name="stakeholders" multiple>{options}</select>' in form
    named = _deal(signed_in, "Coil 2027", [li, wang])
    nobody = _deal(signed_in, "Sheet 2027", [])
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        assert get_deal(session, named).stakeholders == sorted([wang, li])
    engine.dispose()
    edit = signed_in.get(f"/accounts/A/deals/{named}/edit").text
    assert (
        f'<option value="{li}" selected>Li</option>' in edit and f'<option value="{wang}" selected>' in edit
    )

    page = signed_in.get("/accounts/A").text
    table = page[page.index('<table id="deal-coverage">') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr data-deal="(\d+)" data-source="(\w+)">(.*?)</tr>', table, re.S)
    assert [(int(d), s) for d, s, _ in rows] == [(named, "named"), (nobody, "none")]
    scores = [re.findall(r'<td class="score">([^<]*)</td>', cells) for _, _, cells in rows]
    # Li, a coach heard enough (20), the stances half known (5), no opponent (10): 35
    assert scores == [["35 / 100"], ["–"]]
    codes = [re.findall(r'data-code="(\w+)"', cells) for _, _, cells in rows]
    assert codes == [
        ["no_decision_maker", "single_threaded", *["function_never_met"] * 4, "stance_unknown"],
        ["deal_no_stakeholder"],
    ]
