"""The pages' rules without a server: the sign-in limiter's window and limits, where a form may send the
reader next, tenure, the iceberg's chains, the volume chart's data, the org chart's tree, the vendored
htmx."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from kam.domain.decision_chain import Function, Stance
from kam.domain.languages import Lang
from kam.web.account import iceberg, tenure_years, volume_by_year
from kam.web.chain import chain_chart
from kam.web.limits import SignInLimiter
from kam.web.work import safe_next
from kam.workspace.contracts.schemas import ContractPublic
from kam.workspace.needs.schemas import NeedPublic
from kam.workspace.settings import WorkspaceSettings
from kam.workspace.stakeholders.schemas import StakeholderPublic

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
VENDOR = Path(__file__).parents[2] / "src" / "kam" / "web" / "vendor"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _limiter(per_login: int = 3, per_address: int = 5, window: int = 60) -> tuple[SignInLimiter, Clock]:
    clock = Clock()
    settings = WorkspaceSettings(
        web_login_failures_per_login=per_login,
        web_login_failures_per_address=per_address,
        web_login_window_seconds=window,
    )
    return SignInLimiter(settings, clock), clock


@pytest.mark.parametrize(
    ("failures", "later", "wait"),
    [(2, 0, 0), (3, 0, 60), (3, 30, 30), (3, 59.5, 1), (3, 60, 0), (4, 10, 50)],
)
def test_a_login_is_held_back_for_the_rest_of_the_window(failures: int, later: float, wait: int) -> None:
    limiter, clock = _limiter()
    for _ in range(failures):
        limiter.failed("Amy", "10.0.0.1")
    clock.now += later
    assert limiter.wait("amy", "10.0.0.2") == wait  # the login, whatever its case, from another address


@pytest.mark.parametrize(("failures", "wait"), [(4, 0), (5, 60)])
def test_an_address_is_held_back_after_its_own_limit(failures: int, wait: int) -> None:
    limiter, _ = _limiter()
    for n in range(failures):
        limiter.failed(f"user{n}", "10.0.0.1")
    assert limiter.wait("someone", "10.0.0.1") == wait
    assert limiter.wait("someone", "10.0.0.2") == 0


def test_a_right_password_clears_the_logins_count_not_the_addresses() -> None:
    limiter, _ = _limiter(per_login=2, per_address=3)
    limiter.failed("amy", "a")
    limiter.failed("amy", "a")
    limiter.succeeded("amy")
    assert limiter.wait("amy", "b") == 0
    limiter.failed("bob", "a")
    assert limiter.wait("carl", "a") == 60


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/accounts/A?x=1", "/accounts/A?x=1"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_a_form_sends_the_reader_only_to_a_page_of_this_site(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


@pytest.mark.parametrize(
    ("since", "today", "years"),
    [
        (None, dt.date(2026, 1, 1), None),
        (dt.date(2002, 3, 4), dt.date(2026, 3, 3), 23),
        (dt.date(2002, 3, 4), dt.date(2026, 3, 4), 24),
        (dt.date(2026, 5, 1), dt.date(2026, 1, 1), 0),
    ],
)
def test_tenure_counts_whole_years(since: dt.date | None, today: dt.date, years: int | None) -> None:
    assert tenure_years(since, today) == years


def _need(need_id: int, parent: int | None) -> NeedPublic:
    return NeedPublic(
        id=need_id, account="A", statement=f"n{need_id}", said_by=None, depth="stated", parent=parent,
        kind="need", kind_overridden=False, kind_confidence=0.5, kind_reasons=[], status="open",
        confirmed_on=None, interaction=None, version=1, created_at=NOW, updated_at=NOW, deleted_at=None,
    )  # fmt: skip


def test_the_iceberg_hangs_each_why_under_its_need_and_shows_orphans_on_top() -> None:
    tops = iceberg([_need(1, None), _need(2, 1), _need(3, 2), _need(4, 99)])
    assert [(b.need.id, [c.need.id for c in b.below]) for b in tops] == [(1, [2]), (4, [])]
    assert tops[0].below[0].below[0].need.id == 3


def _contract(year: int, volume: float | None, unit: str) -> ContractPublic:
    return ContractPublic(
        id=year, account="A", year=year, product="p", volume=volume, unit=unit, value=None, currency=None,
        version=1, created_at=NOW, updated_at=NOW, deleted_at=None,
    )  # fmt: skip


def test_the_volume_chart_sums_each_year_per_unit() -> None:
    chart = volume_by_year([_contract(2024, 5, "t"), _contract(2024, 7, "t"), _contract(2025, 2, "kg"),
                            _contract(2023, None, "t")])  # fmt: skip
    assert chart == {
        "years": [2024, 2025],
        "series": [{"unit": "kg", "values": [None, 2.0]}, {"unit": "t", "values": [12.0, None]}],
    }


def _person(person_id: int, reports_to: int | None, **fields: object) -> StakeholderPublic:
    values: dict[str, object] = {
        "id": person_id, "account": "A", "name": f"p{person_id}", "title": None, "function": Function.FINANCE,
        "decision_role": None, "influence": None, "stance": Stance.UNKNOWN, "coach": False,
        "reports_to": reports_to, "preferences": None, "purchase_factors": [], "last_contact": None,
        "version": 1, "created_at": NOW, "updated_at": NOW, "deleted_at": None,
    }  # fmt: skip
    return StakeholderPublic.model_validate({**values, **fields})


@pytest.mark.parametrize(("influence", "size"), [(None, 10), (1, 14), (5, 38)])
def test_influence_sizes_the_node(influence: int | None, size: int) -> None:
    chart = chain_chart("Acme", [_person(1, None, influence=influence)], Lang.EN)
    assert chart["tree"]["symbolSize"] == size


def test_the_chain_is_one_tree_by_reports_to_with_the_coach_marked_and_stance_coloured() -> None:
    people = [
        _person(1, None, stance=Stance.OPPONENT),
        _person(2, 1, coach=True),
        _person(3, None),
        _person(4, 5),  # reports to someone not listed: at the top
    ]
    tree = chain_chart("Acme", people, Lang.ZH_HANT)["tree"]
    assert tree["name"] == "Acme" and [c["id"] for c in tree["children"]] == [1, 3, 4]
    first = tree["children"][0]
    assert first["itemStyle"]["color"] == "#c62828" and first["name"] == "p1\n財務"
    assert first["children"][0]["symbol"] == "diamond" and "★ 教練" in first["children"][0]["name"]


def test_the_vendored_htmx_is_the_version_its_readme_names() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "htmx.min.js").read_bytes()).hexdigest()
    assert "**2.0.11**" in readme and digest in readme
    assert (VENDOR / "htmx.min.js").read_text(encoding="utf-8").count('version:"2.0.11"') == 1
    assert "Zero-Clause BSD" in (VENDOR / "LICENSE-htmx").read_text(encoding="utf-8")
