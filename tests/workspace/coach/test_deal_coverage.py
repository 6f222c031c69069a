"""The coach on each open deal, on both databases: the people named on a deal, else who stated the
needs it answers, else a finding that nobody is linked; in the service's answer, `kam coach` (text and
JSON) and the account plan. Won and lost deals are not assessed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from kam.cli import app
from kam.domain.deals import DealStage
from kam.workspace.coach.service import account_coach
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.deals.service import create_deal
from tests.workspace.coach.scenario import AS_OF, build_account
from tests.workspace.team import acting, build_team

# 二期 (the scenario's) answers a want 林工 stated: judged on 林工, a low-influence coach never met.
FROM_NEEDS = {
    "title": "二期",
    "source": "needs",
    "score": 30,  # half the coach's 20, the stances' 10 and the opponents' 10
    "codes": [
        "coach_low_influence", "no_decision_maker", "single_threaded",
        "function_never_met", "function_never_met", "function_never_met", "function_never_met",
    ],
}  # fmt: skip
# 三期 names 王大明 (an opposing economic buyer, influence 4, never met) and 陳主任 (stance unknown).
NAMED = {
    "title": "三期",
    "source": "named",
    "score": 18,  # half the decision maker's 25, half the stances' 10: 17.5, rounded half up
    "codes": [
        "no_coach", "decision_maker_not_met", "single_threaded", "high_influence_opponent",
        "function_never_met", "function_never_met", "function_never_met", "function_never_met",
        "stance_unknown",
    ],
}  # fmt: skip
NOBODY = {"title": "四期", "source": "none", "score": None, "codes": ["deal_no_stakeholder"]}


@pytest.fixture
def db(engine: Engine, workspace_url: str) -> str:
    """amy's A with the scenario, a deal naming two people, one linked to nobody and a won one."""
    build_team(engine)
    with acting(engine, "amy") as session:
        people = build_account(session, "A")
        named = [people["王大明"], people["陳主任"]]
        for title, stage, involved in (
            ("三期", DealStage.PROPOSAL, named),
            ("四期", DealStage.PROSPECTING, []),
            ("一期", DealStage.WON, named),
        ):
            create_deal(session, DealCreate(account="A", title=title, stage=stage, stakeholders=involved))
    return workspace_url


def _summary(deal: dict[str, object]) -> dict[str, object]:
    findings = deal["findings"]
    assert isinstance(findings, list)
    return {k: deal[k] for k in ("title", "source", "score")} | {"codes": [f["code"] for f in findings]}


def test_each_open_deal_is_judged_on_its_own_people(engine: Engine, db: str) -> None:
    with acting(engine, "amy") as session:
        coach = account_coach(session, "A", as_of=AS_OF, lang="zh-Hant")
    deals = [d.model_dump(mode="json") for d in coach.deals]
    assert [_summary(d) for d in deals] == [FROM_NEEDS, NAMED, NOBODY]  # by id; 一期 is won
    assert [d["stage"] for d in deals] == ["discovery", "proposal", "prospecting"]
    assert sum(p["points"] for p in deals[1]["parts"]) == pytest.approx(17.5)
    assert deals[2]["parts"] == [] and deals[2]["stakeholders"] == []
    assert deals[2]["findings"][0] == {
        "code": "deal_no_stakeholder",
        "subject": str(deals[2]["deal"]),
        "values": {"deal": "四期"},
        "text": "商機「四期」沒有連結任何關係人：既沒有記下參與的人，"
        "也沒有記下提出其所回應需求的人，因此無法判斷它的決策鏈。",
    }
    opponent = next(f for f in deals[1]["findings"] if f["code"] == "high_influence_opponent")
    assert opponent["values"]["name"] == "王大明" and opponent["subject"] == str(deals[1]["stakeholders"][0])
    assert coach.score == 29  # the account's own coverage is unchanged by its deals


def kam(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def test_kam_coach_lists_each_open_deal_in_text_and_json(db: str) -> None:
    code, out = kam("coach", "A", "--json", "--as", "amy", "--db", db)
    assert code == 0, out
    assert [_summary(d) for d in json.loads(out)["deals"]] == [FROM_NEEDS, NAMED, NOBODY]
    code, out = kam("coach", "A", "--as", "amy", "--db", db)
    assert code == 0
    section = out[out.index("Open deals: decision-chain coverage") :].splitlines()
    assert section[1] == "  二期 (Discovery): 30/100, from the people who stated the needs it answers"
    assert section[
        section.index("  三期 (Proposal): 18/100, from the people named on the deal") + 1
    ].startswith("    - No coach in the decision chain")
    assert section[-2:] == [
        "  四期 (Prospecting): no score, nobody is linked to it",
        "    - No stakeholder is linked to the deal “四期”: neither people involved in it nor who stated "
        "the needs it answers are on record, so its decision chain cannot be judged.",
    ]
    assert "一期" not in out


def test_the_plan_gives_each_open_deal_its_score_and_warnings(db: str) -> None:
    code, out = kam("plan", "A", "--as", "amy", "--db", db, "--lang", "zh-Hans")
    assert code == 0, out
    deals = out[out.index("## 商机与报价时机") : out.index("## 下一步")]
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in deals.splitlines() if "期 |" in line]
    assert [(row[0], row[-1]) for row in cells] == [
        ("一期", ""),
        ("三期", "18"),
        ("二期", "30"),
        ("四期", ""),
    ]
    coverage = deals[deals.index("### 进行中商机的决策链覆盖") :]
    assert "二期（探询需求）：30/100，依据提出其所回应需求的人" in coverage
    assert "三期（提案）：18/100，依据商机上列出的人" in coverage
    assert "- 商机“四期”没有关联任何关系人" in coverage
    assert "一期" not in coverage


@pytest.mark.parametrize("workspace_url", ["sqlite"], indirect=True)
def test_the_coach_on_deals_of_a_day(engine: Engine, db: str) -> None:
    later = AS_OF + dt.timedelta(days=1)
    with acting(engine, "amy") as session:
        assert [d.score for d in account_coach(session, "A", as_of=later).deals] == [30, 18, None]
