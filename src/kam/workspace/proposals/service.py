"""Rules for what a stored call proposes: when a call is stored on an account, the customer's
statements of problems and goals become candidate needs (classified, with their place in the call) and
the speakers whose labels name a stakeholder become speaker matches; storing the same call again
proposes nothing twice, nor a need the account has already. The salesperson accepts or rejects each
once: accepting a need creates it through the needs service (the same checks, access and audit as
any need), its speaker as the stakeholder matched unless that match was rejected; accepting a speaker
counts the call as a meeting with the stakeholder. Services flush but never commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kam.calls.models import CallAnalysis
from kam.calls.settings import CallSettings
from kam.coach.classify import ClassifyReason
from kam.coach.proposals import Person, candidate_needs, customer_sentences, match_speakers
from kam.coach.settings import CoachSettings
from kam.domain.proposals import ProposalKind, ProposalStatus
from kam.i18n import Lang, Notice
from kam.render.coach import say_reason
from kam.workspace.account_records import require_account, require_record
from kam.workspace.errors import RecordNotFound, WorkspaceError
from kam.workspace.interactions.models import Interaction
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need
from kam.workspace.proposals.models import CallProposal
from kam.workspace.proposals.repository import ProposalRepository
from kam.workspace.proposals.schemas import ProposalFilters, ProposalPublic, ProposalReason
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.PROPOSAL


class ProposalDecided(WorkspaceError):
    """A proposal accepted or rejected already: each is decided once."""

    status_code = 409

    def __init__(self, proposal_id: int, status: ProposalStatus) -> None:
        super().__init__(Notice("proposal_decided", ident=proposal_id, status=Notice(f"proposal_{status}")))


def propose_from_call(
    session: Session,
    interaction: Interaction,
    analysis: CallAnalysis,
    transcript: bytes,
    call_settings: CallSettings | None = None,
    settings: CoachSettings | None = None,
) -> int:
    """Add what the stored call `interaction` proposes to its account; the number of proposals added."""
    repo = ProposalRepository(session)
    people = StakeholderRepository(session).in_account(interaction.account_id)
    persons = [Person(str(p.id), p.name, p.title or "") for p in people]
    matched = {m.speaker: int(m.person.id) for m in match_speakers(analysis.customer_speakers, persons)}
    said = customer_sentences(transcript, analysis.file, analysis.sales_speakers, call_settings)
    done = repo.proposed(interaction.id)
    needs = NeedRepository(session)
    added = 0
    for speaker, stakeholder in matched.items():
        if (ProposalKind.SPEAKER, speaker[:500]) not in done:
            repo.add(_proposal(interaction, ProposalKind.SPEAKER, speaker, speaker, stakeholder))
            added += 1
    for candidate in candidate_needs(said, settings):
        words = candidate.said.text
        if (ProposalKind.NEED, words) in done or needs.key_taken(interaction.account_id, "statement", words):
            continue
        proposal = _proposal(
            interaction, ProposalKind.NEED, words, candidate.said.speaker, matched.get(candidate.said.speaker)
        )
        proposal.sentence, proposal.at_s = candidate.said.sentence, candidate.said.at_s
        proposal.need_kind = candidate.verdict.kind
        proposal.need_reasons = [r.to_dict() for r in candidate.verdict.reasons]
        repo.add(proposal)
        added += 1
    return added


def _proposal(
    interaction: Interaction, kind: ProposalKind, words: str, speaker: str, stakeholder: int | None
) -> CallProposal:
    return CallProposal(
        account_id=interaction.account_id,
        interaction_id=interaction.id,
        kind=kind,
        text=words[:500],
        speaker=speaker[:200],
        stakeholder_id=stakeholder,
        status=ProposalStatus.PENDING,
    )


def list_proposals(
    session: Session, code: str, filters: ProposalFilters | None = None, lang: Lang | str = Lang.EN
) -> list[ProposalPublic]:
    """The proposals of the account's stored calls (an account the actor may see), latest call first."""
    account = require_account(session, code, write=False)
    status = (filters or ProposalFilters()).status
    found = ProposalRepository(session).of_account(account.id)
    return [public_proposal(p, lang) for p in found if status is None or p.status is status]


def accept_proposal(
    session: Session, proposal_id: int, settings: CoachSettings | None = None, lang: Lang | str = Lang.EN
) -> ProposalPublic:
    """Accept a pending proposal: a need is created (through the needs service), a speaker is taken as
    the stakeholder matched, who then took part in the call (one of its participants)."""
    repo = ProposalRepository(session)
    proposal = _pending(repo, proposal_id)
    person = proposal.stakeholder if proposal.stakeholder and not proposal.stakeholder.deleted else None
    if proposal.kind is ProposalKind.SPEAKER:
        if person is None:
            raise RecordNotFound(RecordKind.STAKEHOLDER, proposal.speaker)
        call = InteractionRepository(session).get(proposal.interaction_id, write=True)
        if call is not None and person not in call.stakeholders:
            call.stakeholders = [*call.stakeholders, person]
    else:
        decision = repo.speaker_decision(proposal.interaction_id, proposal.speaker)
        if decision is not None and decision.status is ProposalStatus.REJECTED:
            person = None
        data = NeedCreate(
            account=proposal.account.code,
            statement=proposal.text,
            said_by=None if person is None else person.id,
            interaction=proposal.interaction_id,
        )
        proposal.need_id = create_need(session, data, settings).id
    proposal.status = ProposalStatus.ACCEPTED
    repo.flush()
    return public_proposal(proposal, lang)


def reject_proposal(session: Session, proposal_id: int, lang: Lang | str = Lang.EN) -> ProposalPublic:
    """Reject a pending proposal: nothing is recorded, and the call does not propose it again."""
    repo = ProposalRepository(session)
    proposal = _pending(repo, proposal_id)
    proposal.status = ProposalStatus.REJECTED
    repo.flush()
    return public_proposal(proposal, lang)


def _pending(repo: ProposalRepository, proposal_id: int) -> CallProposal:
    proposal = require_record(repo, proposal_id, WHAT, write=True)
    if proposal.interaction.deleted:
        raise RecordNotFound(WHAT, proposal_id)
    if proposal.status is not ProposalStatus.PENDING:
        raise ProposalDecided(proposal_id, proposal.status)
    return proposal


def public_proposal(p: CallProposal, lang: Lang | str = Lang.EN) -> ProposalPublic:
    person = p.stakeholder if p.stakeholder is not None and not p.stakeholder.deleted else None
    reasons: list[dict[str, Any]] = list(p.need_reasons or ())
    return ProposalPublic(
        id=p.id,
        account=p.account.code,
        interaction=p.interaction_id,
        call=p.interaction.title,
        occurred_at=p.interaction.occurred_at,
        kind=p.kind,
        text=p.text,
        speaker=p.speaker,
        sentence=p.sentence,
        at_s=p.at_s,
        need_kind=p.need_kind,
        reasons=[
            ProposalReason(text=say_reason(ClassifyReason(r["code"], r["values"]), lang), **r)
            for r in reasons
        ],
        stakeholder=None if person is None else person.id,
        stakeholder_name=None if person is None else person.name,
        status=p.status,
        need=p.need_id,
        version=p.version,
    )
