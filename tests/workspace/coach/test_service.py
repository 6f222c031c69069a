"""The coach over the workspace, on both databases: the findings and the score of an account read from
its records, the day's score kept with its change, the portfolio sorted, and nothing out of reach."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.workspace.accounts.models import Account
from kam.workspace.coach.models import CoverageSnapshot
from kam.workspace.coach.schemas import PortfolioSort
from kam.workspace.coach.service import account_coach, coach_portfolio
from kam.workspace.errors import AccountNotFound
from kam.workspace.proposals.schemas import ProposalFilters
from kam.workspace.proposals.service import accept_proposal, list_proposals
from tests.workspace.coach.scenario import AS_OF, build_account, store_call
from tests.workspace.team import VISIBLE, acting, build_team

BEFORE_THE_CALL = [
    ("coach_low_influence", None),
    ("decision_maker_not_met", "王大明"),
    ("single_threaded", None),
    ("high_influence_opponent", "王大明"),
    ("function_never_met", None),  # finance
    ("function_never_met", None),  # technical
    ("function_never_met", None),  # user department
    ("function_never_met", None),  # operations and maintenance
    ("stance_unknown", None),
    ("shallow_whys", "want"),
    ("quote_before_stage", "deal"),
    ("quote_before_confirmed_need", "deal"),
]


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    with acting(engine, "amy") as session:
        build_account(session, "A")
    return engine


def _codes(coach: object) -> list[str]:
    return [f.code for f in coach.findings]  # type: ignore[attr-defined]


def test_each_warning_has_its_reason_and_the_score_its_parts(team: Engine) -> None:
    with acting(team, "amy") as session:
        coach = account_coach(session, "A", as_of=AS_OF, lang="zh-Hant")
    assert _codes(coach) == [code for code, _ in BEFORE_THE_CALL]
    by_code = {f.code: f for f in coach.findings}
    assert by_code["decision_maker_not_met"].values == {
        "name": "王大明", "role": "economic_buyer", "days": None, "max_days": 90,
    }  # fmt: skip
    assert by_code["coach_low_influence"].values == {"names": ["林工"], "influence": 2, "threshold": 3}
    assert by_code["stance_unknown"].values == {"count": 1, "names": ["陳主任"]}
    assert by_code["quote_before_stage"].values["stage"] == "discovery"
    assert "陳主任" in by_code["stance_unknown"].text
    # coach half of 20, buyer known but not met half of 25, stances 2 of 3 of 10: 29.17 -> 29
    assert coach.score == 29
    assert [(p.name, round(p.points, 2)) for p in coach.parts] == [
        ("coach", 10.0), ("decision_maker", 12.5), ("functions", 0.0), ("breadth", 0.0),
        ("stances", 6.67), ("opponents", 0.0),
    ]  # fmt: skip
    wang = next(b for b in coach.talking_points if b.name == "王大明")
    assert [p.factor for p in wang.points if p.kind == "factor"] == ["price", "total_cost"]
    lin = next(b for b in coach.talking_points if b.name == "林工")
    assert [p.kind for p in lin.points][:1] == ["preference"]  # the want he said is not a talking point
    assert (coach.change, coach.previous) == (None, None)


def test_a_call_accepted_as_a_meeting_raises_the_score_and_the_change_is_kept(
    team: Engine, workspace_url: str, tmp_path: Path
) -> None:
    next_day = AS_OF + dt.timedelta(days=1)
    with acting(team, "amy") as session:
        assert account_coach(session, "A", as_of=AS_OF).score == 29
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    with acting(team, "amy") as session:
        wang = next(p for p in list_proposals(session, "A") if p.kind == "speaker" and p.speaker == "王經理")
        accept_proposal(session, wang.id)
    with acting(team, "amy") as session:
        coach = account_coach(session, "A", as_of=next_day)
        again = account_coach(session, "A", as_of=next_day)
    # the buyer met 11 days ago (25), finance met (5 of 20), one of three engaged (5 of 15): 51.67 -> 52
    assert coach.score == 52
    assert "decision_maker_not_met" not in _codes(coach)
    assert "call_quote_before_discovery" in _codes(coach)
    assert (coach.change, coach.previous.day, coach.previous.score) == (23, AS_OF, 29)  # type: ignore[union-attr]
    assert [(d.day, d.score) for d in again.history] == [(AS_OF, 29), (next_day, 52)]
    with team.connect() as connection:
        days = connection.execute(sa.select(CoverageSnapshot.day).order_by(CoverageSnapshot.day)).scalars()
        assert list(days) == [AS_OF, next_day]  # one snapshot a day, however often it is looked at


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (PortfolioSort.COVERAGE, ["B", "D", "M", "N", "U", "A"]),  # the empty chains (0) first, by code
        (PortfolioSort.COVERAGE_DESC, ["A", "B", "D", "M", "N", "U"]),
        (PortfolioSort.ACCOUNT, ["A", "B", "D", "M", "N", "U"]),
    ],
)
def test_the_portfolio_is_sorted_by_coverage(team: Engine, sort: PortfolioSort, expected: list[str]) -> None:
    with acting(team, "ada") as session:
        portfolio = coach_portfolio(session, sort, as_of=AS_OF)
    assert [r.account for r in portfolio.items] == expected
    assert {r.account: r.score for r in portfolio.items}["A"] == 29


def test_the_portfolio_by_change_puts_the_largest_fall_first(team: Engine) -> None:
    with acting(team, None) as session:
        coach_portfolio(session, as_of=AS_OF)
        session.execute(sa.update(CoverageSnapshot).where(CoverageSnapshot.day == AS_OF).values(score=10))
    a_id = sa.select(Account.id).where(Account.code == "A").scalar_subquery()
    with acting(team, None) as session:
        session.execute(
            sa.update(CoverageSnapshot).where(CoverageSnapshot.account_id == a_id).values(score=60)
        )
        rows = coach_portfolio(session, PortfolioSort.CHANGE, as_of=AS_OF + dt.timedelta(days=1)).items
    assert [(r.account, r.change) for r in rows] == [
        ("A", 29 - 60), ("B", -10), ("D", -10), ("M", -10), ("N", -10), ("U", -10),
    ]  # fmt: skip


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_the_portfolio_holds_exactly_the_accounts_one_may_see(team: Engine, role: str) -> None:
    login = {"rep": "amy", "manager": "max", "admin": "ada"}[role]
    with acting(team, login) as session:
        assert {r.account for r in coach_portfolio(session, as_of=AS_OF).items} == VISIBLE[role]


def test_an_account_out_of_reach_is_not_found_like_a_missing_one(team: Engine) -> None:
    with acting(team, "bob") as session:
        with pytest.raises(AccountNotFound) as hidden:
            account_coach(session, "A", as_of=AS_OF)
        with pytest.raises(AccountNotFound) as missing:
            account_coach(session, "ZZ", as_of=AS_OF)
        with pytest.raises(AccountNotFound):
            list_proposals(session, "A", ProposalFilters())
    assert hidden.value.say("en") == AccountNotFound("A").say("en")
    assert type(hidden.value) is type(missing.value)
    with team.connect() as connection:  # nothing was kept for bob's look at amy's account
        assert connection.execute(sa.select(sa.func.count()).select_from(CoverageSnapshot)).scalar() == 0
