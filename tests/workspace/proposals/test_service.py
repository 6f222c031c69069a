"""What a stored call proposes to its account, on both databases: the candidate needs with their place
in the call and the speakers matched by name; accepting a need records it through the needs service
(its speaker, its call, its history), rejecting keeps it from coming back, and each is decided once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.domain.needs import NeedKind
from kam.domain.proposals import ProposalKind, ProposalStatus
from kam.workspace.errors import RecordNotFound
from kam.workspace.interactions.service import get_interaction
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need, get_need, need_history
from kam.workspace.proposals.schemas import ProposalFilters, ProposalPublic
from kam.workspace.proposals.service import ProposalDecided, accept_proposal, list_proposals, reject_proposal
from tests.workspace.coach.scenario import PROPOSED_NEEDS, build_account, store_call
from tests.workspace.team import acting, build_team


@pytest.fixture
def team(engine: Engine) -> Engine:
    build_team(engine)
    with acting(engine, "amy") as session:
        build_account(session, "A")
    return engine


def _proposals(engine: Engine, login: str = "amy") -> list[ProposalPublic]:
    with acting(engine, login) as session:
        return list_proposals(session, "A")


def _one(found: list[ProposalPublic], kind: ProposalKind, text: str) -> ProposalPublic:
    return next(p for p in found if p.kind is kind and p.text == text)


def test_a_stored_call_proposes_its_needs_and_speakers_once(
    team: Engine, workspace_url: str, tmp_path: Path
) -> None:
    assert store_call(workspace_url, "A", tmp_path, as_login="amy") == 5
    found = _proposals(team)
    speakers = [(p.text, p.stakeholder_name) for p in found if p.kind is ProposalKind.SPEAKER]
    assert speakers == [("王經理", "王大明"), ("林工", "林工")]  # surname and title; the name itself
    needs = [
        (p.speaker, p.text, p.sentence, p.stakeholder_name) for p in found if p.kind is ProposalKind.NEED
    ]
    assert needs == [
        (who, said, number, {"王經理": "王大明"}.get(who, who)) for who, said, number in PROPOSED_NEEDS
    ]
    assert [p.need_kind for p in found] == [None, None, NeedKind.NEED, NeedKind.NEED, NeedKind.NEED]
    assert {p.status for p in found} == {ProposalStatus.PENDING}
    assert [p.at_s is not None and p.at_s > 0 for p in found if p.kind is ProposalKind.NEED] == [True] * 3
    assert store_call(workspace_url, "A", tmp_path, as_login="amy") == 0  # the same call again


def test_accepting_a_need_records_it_with_its_speaker_call_and_history(
    team: Engine, workspace_url: str, tmp_path: Path
) -> None:
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    proposal = _one(_proposals(team), ProposalKind.NEED, PROPOSED_NEEDS[0][1])
    with acting(team, "amy") as session:
        accepted = accept_proposal(session, proposal.id)
        need = get_need(session, accepted.need)  # type: ignore[arg-type]
        history = need_history(session, need.id).items
    assert (accepted.status, need.statement, need.said_by, need.interaction) == (
        ProposalStatus.ACCEPTED, PROPOSED_NEEDS[0][1], proposal.stakeholder, proposal.interaction,
    )  # fmt: skip
    assert need.kind is NeedKind.NEED
    assert {e.actor for e in history} == {"amy"} and {e.action for e in history} == {"create"}
    with pytest.raises(ProposalDecided) as twice, acting(team, "amy") as session:
        accept_proposal(session, proposal.id)
    assert twice.value.status_code == 409
    assert (
        twice.value.say("en") == f"proposal {proposal.id} was accepted already: each proposal is decided once"
    )


def test_an_accepted_speaker_took_part_in_the_call(team: Engine, workspace_url: str, tmp_path: Path) -> None:
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    speaker = _one(_proposals(team), ProposalKind.SPEAKER, "王經理")
    with acting(team, "amy") as session:
        accept_proposal(session, speaker.id)
        call = get_interaction(session, speaker.interaction)
    assert call.stakeholders == [speaker.stakeholder]


def test_a_rejected_speaker_is_not_the_speaker_of_the_need_accepted_later(
    team: Engine, workspace_url: str, tmp_path: Path
) -> None:
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    found = _proposals(team)
    with acting(team, "amy") as session:
        assert (
            reject_proposal(session, _one(found, ProposalKind.SPEAKER, "林工").id).status
            is ProposalStatus.REJECTED
        )
        accepted = accept_proposal(session, _one(found, ProposalKind.NEED, PROPOSED_NEEDS[2][1]).id)
        assert get_need(session, accepted.need).said_by is None  # type: ignore[arg-type]
        pending = list_proposals(session, "A", ProposalFilters(status=ProposalStatus.PENDING))
    assert len(pending) == len(found) - 2


def test_a_need_already_recorded_is_not_proposed(team: Engine, workspace_url: str, tmp_path: Path) -> None:
    with acting(team, "amy") as session:
        create_need(session, NeedCreate(account="A", statement=PROPOSED_NEEDS[1][1]))
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    texts = [p.text for p in _proposals(team) if p.kind is ProposalKind.NEED]
    assert texts == [PROPOSED_NEEDS[0][1], PROPOSED_NEEDS[2][1]]


@pytest.mark.parametrize("decide", [accept_proposal, reject_proposal])
def test_a_proposal_out_of_reach_is_not_found_and_not_decided(
    team: Engine, workspace_url: str, tmp_path: Path, decide: object
) -> None:
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    proposal = _proposals(team)[0]
    with pytest.raises(RecordNotFound) as hidden, acting(team, "bob") as session:
        decide(session, proposal.id)  # type: ignore[operator]
    with pytest.raises(RecordNotFound) as missing, acting(team, "bob") as session:
        decide(session, 999_999)  # type: ignore[operator]
    assert hidden.value.say("en") == missing.value.say("en").replace("999999", str(proposal.id))
    assert _proposals(team)[0].status is ProposalStatus.PENDING
