"""The demo's workspace, made as `make demo-files` makes it: the Makefile's own `kam` lines are run, in
order, through the command line, on a workspace in tmp_path. Then what the demo promises is there: the
four logins with their roles and teams, owners, decision chains (a coach, a single-threaded account, a
high-influence opponent in finance), five-whys chains, a deal quoted before discovery ended, 24 years of
contracts and the referrals with their days."""

from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kam.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _recipe(target: str) -> list[str]:
    """The lines of a Makefile target's recipe, continuation lines joined."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"{target}:")))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def _kam(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo made by the Makefile's kam lines in a folder of its own; its workspace's URL."""
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder}/kam-workspace.db"
    ran = 0
    for line in _recipe("demo-files"):
        stdin = None
        piped = re.match(r"echo (\S+) \| (.*)", line)
        if piped:
            stdin, line = piped.group(1) + "\n", piped.group(2)
        if not line.startswith("$(BIN)/kam "):
            continue
        line = line.replace("$(DEMO_DB)", url).replace("$(DEMO)", str(folder))
        _kam(*shlex.split(line)[1:], stdin=stdin)
        ran += 1
    assert ran >= 15  # demo data, init, four users, five imports, two calls, the analysis, its sync
    return url


def _listed(demo: str, *command: str) -> list[dict[str, Any]]:
    listed = json.loads(_kam(*command, "--json", "--db", demo))
    return listed if isinstance(listed, list) else listed["items"]


def test_the_analysis_is_on_the_accounts(demo: str) -> None:
    analysis = json.loads(_kam("accounts", "analysis", "K002", "--json", "--db", demo))
    assert analysis["latest"]["segment"] == "key" and analysis["latest"]["as_of"] == "2026-09-30"


def test_the_logins_have_their_roles_and_teams(demo: str) -> None:
    users = {u["login"]: (u["role"], u["teams"]) for u in _listed(demo, "users", "list")}
    assert users == {
        "admin": ("admin", []),
        "lin": ("manager", ["華東"]),
        "chen": ("rep", ["華東"]),
        "wang": ("rep", ["華南"]),
    }


def test_each_salesperson_sees_their_own_accounts_and_the_manager_their_team(demo: str) -> None:
    def seen(login: str) -> set[str]:
        return {a["code"] for a in _listed(demo, "accounts", "list", "--as", login)}

    chen, wang, lin = seen("chen"), seen("wang"), seen("lin")
    assert {"K002", "K004"} <= chen and "K001" not in chen
    assert {"K001", "K003", "T0001"} <= wang and "K002" not in wang
    # the manager of 華東 sees 陳偉's accounts and the unowned tail (to assign it), not 華南's
    assert chen < lin and not lin & wang and "T0350" in lin


def test_the_decision_chains_show_a_coach_a_single_thread_and_an_opponent(demo: str) -> None:
    people = _listed(demo, "stakeholders", "list")
    by_account = Counter(p["account"] for p in people)
    assert by_account["K003"] == 1  # single-threaded
    k001 = [p for p in people if p["account"] == "K001"]
    assert [p["name"] for p in k001 if p["coach"]] == ["吳磊"]
    functions = {p["function"] for p in k001}
    assert {"finance", "technical", "user_department", "operations_maintenance"} <= functions
    opponents = [(p["name"], p["function"], p["influence"]) for p in people if p["stance"] == "opponent"]
    assert opponents == [("王偉", "finance", 5)]


def test_the_needs_have_five_whys_a_shallow_chain_and_a_want(demo: str) -> None:
    needs = {n["statement"]: n for n in _listed(demo, "needs", "list")}
    by_id = {n["id"]: n for n in needs.values()}
    root = needs["需要按周滚动的准时交付，降低库存占用的资金"]
    chain = [root["statement"]]
    while by_id[next(n["id"] for n in needs.values() if n["statement"] == chain[-1])]["parent"]:
        parent = by_id[next(n["id"] for n in needs.values() if n["statement"] == chain[-1])]["parent"]
        chain.append(by_id[parent]["statement"])
    assert len(chain) == 4 and chain[-1] == "交货总是拖期" and root["depth"] == "root"
    assert needs["板材宽度改成1250毫米就行"]["kind"] == "want"


def test_a_price_was_quoted_before_discovery_ended(demo: str) -> None:
    deals = {d["account"]: d for d in _listed(demo, "deals", "list")}
    assert (deals["K002"]["stage"], deals["K002"]["quoted_stage"]) == ("discovery", "discovery")
    assert deals["K001"]["quoted_stage"] == "negotiation"


def test_the_coach_judges_each_open_deal_on_its_people(demo: str) -> None:
    people = {p["id"]: p["name"] for p in _listed(demo, "stakeholders", "list")}
    found = {}
    for code in ("K001", "K002", "K003", "K005"):
        (deal,) = json.loads(_kam("coach", code, "--json", "--db", demo))["deals"]
        found[code] = (deal["source"], [people[i] for i in deal["stakeholders"]], deal["score"] is None)
    assert found == {
        "K001": ("named", ["周建國", "孫麗", "吳磊", "鄭芳", "馮強"], False),
        "K002": ("named", ["王偉", "李娜"], False),
        "K003": ("none", [], True),  # no stakeholder linked: a finding, no score
        "K005": ("needs", ["Daniel Wu"], False),
    }


def test_contracts_go_back_24_years_and_referrals_have_their_days(demo: str) -> None:
    contracts = _listed(demo, "contracts", "list", "--account", "K001")
    years = sorted({c["year"] for c in contracts})
    assert len(years) == 24 and years[-1] == 2026
    assert all(c["unit"] == "t" and c["currency"] == "CNY" and c["volume"] > 0 for c in contracts)
    referrals = _listed(demo, "referrals", "list")
    assert sum(r["accounts"] for r in referrals) >= 20
    assert all(a["referred_on"] for r in referrals for a in r["referred"])
