"""Coverage of an open deal: the account's rules on the people involved in the deal (named on it, else
who stated the needs it answers), each finding firing or not by who the deal names; a deal nobody is
linked to gets its own finding and no score."""

from __future__ import annotations

import datetime as dt

import pytest

from kam.coach.deal_coverage import InvolvedFrom, deal_coverage, involved, open_deals_coverage
from kam.coach.facts import AccountFacts, DealFacts, NeedFacts, StakeholderFacts
from kam.coach.findings import FindingCode
from kam.coach.settings import CoachSettings
from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, Stance

AS_OF = dt.date(2025, 12, 31)
S = CoachSettings()
F = Function


def person(
    pid: str,
    function: Function,
    *,
    role: DecisionRole | None = None,
    influence: int | None = 3,
    stance: Stance = Stance.SUPPORTER,
    coach: bool = False,
    met: int | None = 10,
) -> StakeholderFacts:
    day = None if met is None else AS_OF - dt.timedelta(days=met)
    return StakeholderFacts(pid, f"P{pid}", function, role, influence, stance, coach, day)


PEOPLE = (
    person("eb", F.FINANCE, role=DecisionRole.ECONOMIC_BUYER),
    person("coach", F.TECHNICAL, coach=True, influence=S.coach_min_influence),
    person("user", F.USER_DEPARTMENT),
    person("om", F.OPERATIONS_MAINTENANCE),
    person("tech", F.TECHNICAL),  # a technical person who is not a coach
    person("weak", F.TECHNICAL, coach=True, influence=S.coach_min_influence - 1),
    person("old_dm", F.EXECUTIVE, role=DecisionRole.DECISION_MAKER, met=S.decision_maker_max_days + 1),
    person("dm", F.EXECUTIVE, role=DecisionRole.DECISION_MAKER, met=S.decision_maker_max_days),
    person("fin", F.FINANCE),
    person("foe", F.OTHER, stance=Stance.OPPONENT, influence=S.high_influence),
    person("mild_foe", F.OTHER, stance=Stance.OPPONENT, influence=S.high_influence - 1),
    person("unsure", F.OTHER, stance=Stance.UNKNOWN),
    person("never", F.OPERATIONS_MAINTENANCE, met=None),
)
ACCOUNT = AccountFacts("K1", stakeholders=PEOPLE)
COVERED = ("eb", "coach", "user", "om")  # a deal these four are on has no finding


def findings_of(named: tuple[str, ...]) -> list[FindingCode]:
    deal = DealFacts("d1", "二期", DealStage.PROPOSAL, stakeholders=named)
    return [f.code for f in deal_coverage(deal, ACCOUNT, AS_OF, S).findings]


def test_the_account_has_every_finding_but_a_deal_on_the_covered_four_has_none() -> None:
    deal = DealFacts("d1", "二期", DealStage.PROPOSAL, stakeholders=COVERED)
    covered = deal_coverage(deal, ACCOUNT, AS_OF, S)
    assert (covered.findings, covered.score, covered.source) == ((), 100, InvolvedFrom.NAMED)
    assert [p.id for p in covered.stakeholders] == list(COVERED)


@pytest.mark.parametrize(
    ("named", "code", "fires"),
    [
        (("eb", "tech", "user", "om"), FindingCode.NO_COACH, True),
        (COVERED, FindingCode.NO_COACH, False),
        (("eb", "weak", "user", "om"), FindingCode.COACH_LOW_INFLUENCE, True),
        (("eb", "weak", "coach", "user", "om"), FindingCode.COACH_LOW_INFLUENCE, False),
        (("fin", "coach", "user", "om"), FindingCode.NO_DECISION_MAKER, True),
        (("fin", "coach", "user", "om", "dm"), FindingCode.NO_DECISION_MAKER, False),
        (("fin", "coach", "user", "om", "old_dm"), FindingCode.DECISION_MAKER_NOT_MET, True),
        (("fin", "coach", "user", "om", "dm"), FindingCode.DECISION_MAKER_NOT_MET, False),
        (("eb",), FindingCode.SINGLE_THREADED, True),
        (("eb", "never"), FindingCode.SINGLE_THREADED, True),  # never met: not engaged
        (("eb", "coach"), FindingCode.SINGLE_THREADED, False),
        ((*COVERED, "foe"), FindingCode.HIGH_INFLUENCE_OPPONENT, True),
        ((*COVERED, "mild_foe"), FindingCode.HIGH_INFLUENCE_OPPONENT, False),
        (("eb", "coach", "user"), FindingCode.FUNCTION_NEVER_MET, True),
        (("eb", "coach", "user", "never"), FindingCode.FUNCTION_NEVER_MET, True),
        (COVERED, FindingCode.FUNCTION_NEVER_MET, False),
        ((*COVERED, "unsure"), FindingCode.STANCE_UNKNOWN, True),
        (COVERED, FindingCode.STANCE_UNKNOWN, False),
    ],
)
def test_each_finding_fires_by_the_people_the_deal_names(
    named: tuple[str, ...], code: FindingCode, fires: bool
) -> None:
    assert (code in findings_of(named)) is fires


def test_without_named_people_the_needs_speakers_are_involved() -> None:
    needs = (
        NeedFacts("n1", "穩定", stakeholder="om"),
        NeedFacts("n2", "好用", stakeholder="user"),
        NeedFacts("n3", "再問", stakeholder="om"),
        NeedFacts("n4", "無人說", stakeholder=None),
    )
    account = AccountFacts("K1", stakeholders=PEOPLE, needs=needs)
    deal = DealFacts("d1", "二期", DealStage.DISCOVERY, needs=("n3", "n2", "n1", "n4"))
    source, people = involved(deal, account)
    assert (source, [p.id for p in people]) == (InvolvedFrom.NEEDS, ["om", "user"])
    named = DealFacts("d2", "三期", DealStage.DISCOVERY, needs=("n1",), stakeholders=("eb",))
    assert [p.id for p in involved(named, account)[1]] == ["eb"]  # named people come first
    gone = DealFacts("d3", "四期", DealStage.DISCOVERY, needs=("n2",), stakeholders=("deleted",))
    assert involved(gone, account) == (InvolvedFrom.NEEDS, (PEOPLE[2],))  # only live people count


@pytest.mark.parametrize(
    ("needs", "named"),
    [((), ()), (("n4",), ()), (("n9",), ("deleted",))],  # no needs; a need nobody stated; unknown ids
)
def test_a_deal_nobody_is_linked_to_gets_a_finding_not_a_score(
    needs: tuple[str, ...], named: tuple[str, ...]
) -> None:
    account = AccountFacts("K1", stakeholders=PEOPLE, needs=(NeedFacts("n4", "無人說"),))
    deal = DealFacts("d1", "二期", DealStage.PROPOSAL, needs=needs, stakeholders=named)
    found = deal_coverage(deal, account, AS_OF, S)
    assert (found.source, found.coverage, found.score, found.stakeholders) == (
        InvolvedFrom.NONE,
        None,
        None,
        (),
    )
    assert [f.to_dict() for f in found.findings] == [
        {"code": "deal_no_stakeholder", "subject": "d1", "values": {"deal": "二期"}}
    ]


def test_only_open_deals_are_assessed_in_the_accounts_order() -> None:
    deals = tuple(
        DealFacts(f"d{i}", stage.value, stage, stakeholders=COVERED) for i, stage in enumerate(DealStage)
    )
    found = open_deals_coverage(AccountFacts("K1", stakeholders=PEOPLE, deals=deals), AS_OF, S)
    assert [d.deal.stage for d in found] == [s for s in DealStage if s not in (DealStage.WON, DealStage.LOST)]
    assert {d.score for d in found} == {100}
