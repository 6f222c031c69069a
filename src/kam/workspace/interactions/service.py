"""Rules for interactions: each belongs to an existing account; a transcript is stored once per account.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kam.calls.models import CallAnalysis
from kam.calls.settings import CallSettings
from kam.i18n import Notice
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.db import utcnow
from kam.workspace.errors import AccountNotFound, InteractionNotFound, InvalidInput
from kam.workspace.interactions.models import CallAnalysisRecord, Interaction
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.interactions.schemas import (
    InteractionCreate,
    InteractionPublic,
    InteractionUpdate,
    RecordedCall,
)


def create_interaction(session: Session, account_code: str, data: InteractionCreate) -> InteractionPublic:
    """Add an interaction without a call analysis (a visit, an email, a meeting without transcript)."""
    interaction = Interaction(account=_account(session, account_code), **data.model_dump())
    interaction.analysis = None
    InteractionRepository(session).add(interaction)
    return InteractionPublic.of(interaction)


def update_interaction(session: Session, interaction_id: int, data: InteractionUpdate) -> InteractionPublic:
    """Change the fields given in `data`."""
    interaction = InteractionRepository(session).get(interaction_id, write=True)
    if interaction is None:
        raise InteractionNotFound(interaction_id)
    for name in data.model_fields_set:
        value = getattr(data, name)
        if value is None and name != "stage":
            raise InvalidInput(Notice("ws_cannot_clear", field=name))
        setattr(interaction, name, value)
    session.flush()
    return InteractionPublic.of(interaction)


def record_call_analysis(
    session: Session,
    account_code: str,
    data: InteractionCreate,
    analysis: CallAnalysis,
    settings: CallSettings,
) -> RecordedCall:
    """Store a call analysis on the account's interaction for this transcript, creating it the first
    time; analysing the same transcript again updates that interaction and its analysis."""
    if data.transcript_sha256 is None:
        raise InvalidInput(Notice("ws_needs_sha256"))
    account = _account(session, account_code)
    repo = InteractionRepository(session)
    interaction = repo.by_transcript(account.id, data.transcript_sha256)
    fields = _analysis_fields(analysis, settings)
    created = interaction is None
    if interaction is None:
        interaction = Interaction(account=account, **data.model_dump())
        interaction.analysis = CallAnalysisRecord(**fields)
        repo.add(interaction)
    else:
        for name, value in data.model_dump().items():
            setattr(interaction, name, value)
        if interaction.analysis is None:
            interaction.analysis = CallAnalysisRecord(**fields)
        else:
            for name, value in fields.items():
                setattr(interaction.analysis, name, value)
        session.flush()
    return RecordedCall(interaction=InteractionPublic.of(interaction), created=created)


def list_interactions(session: Session, account_code: str | None = None) -> list[InteractionPublic]:
    """Interactions newest first (of one account if a code is given), each with its analysis."""
    account_id = None if account_code is None else _account(session, account_code, write=False).id
    return [InteractionPublic.of(i) for i in InteractionRepository(session).list_recent(account_id)]


def _account(session: Session, code: str, *, write: bool = True) -> Account:
    """The account `code` names, among those the actor may change (or, with `write` False, see)."""
    account = AccountRepository(session).by_code(code, write=write)
    if account is None:
        raise AccountNotFound(code)
    return account


def _analysis_fields(analysis: CallAnalysis, settings: CallSettings) -> dict[str, Any]:
    """Columns of `call_analyses`; headline numbers are taken from `to_dict()` so they match `result`."""
    result = analysis.to_dict()
    talk, questions = result["talk"], result["questions"]
    return {
        "language": analysis.language,
        "duration_s": result["duration_s"],
        "customer_share": talk["customer_share"],
        "customer_to_sales": talk["customer_to_sales"],
        "questions_total": questions["total"],
        "questions_open": questions["open"],
        "questions_closed": questions["closed"],
        "why_chain_depth": result["why_chain_depth"],
        "pitch_first_at_s": result["pitch"]["first_at_s"],
        "price_first_mention_at_s": result["price"]["first_mention_at_s"],
        "flags": result["flags"],
        "result": result,
        "settings": settings.model_dump(mode="json"),
        "analysed_at": utcnow(),
    }
