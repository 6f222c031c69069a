"""What a stored call proposes to its account, decided on the account page: accept (a need is recorded,
or a speaker is taken as the stakeholder matched) or reject (nothing is recorded, and the call does not
propose it again). Each answer is the proposal's row, now decided."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from kam.web.account import CodePath
from kam.web.auth import Reader, check_csrf, reader
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.errors import RecordNotFound
from kam.workspace.proposals.schemas import ProposalPublic
from kam.workspace.proposals.service import accept_proposal, list_proposals, reject_proposal
from kam.workspace.vocabulary import RecordKind

router = APIRouter(prefix="/accounts/{code}/proposals", include_in_schema=False)
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _decide(request: Request, code: str, proposal_id: int, who: Reader, accept: bool) -> Response:
    await check_csrf(request, who.session)
    lang = who.viewer.lang
    with unit_of_work(request, who.actor) as session:
        if not any(p.id == proposal_id for p in list_proposals(session, code, lang=lang)):
            raise RecordNotFound(RecordKind.PROPOSAL, proposal_id)
        decided: ProposalPublic = (
            accept_proposal(session, proposal_id, lang=lang)
            if accept
            else reject_proposal(session, proposal_id, lang=lang)
        )
    return render(request, "proposal_row.html", who.viewer, p=decided, code=code)


@router.post("/{proposal_id}/accept")
async def accept(
    request: Request, code: CodePath, proposal_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    return await _decide(request, code, proposal_id, who, accept=True)


@router.post("/{proposal_id}/reject")
async def reject(
    request: Request, code: CodePath, proposal_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    return await _decide(request, code, proposal_id, who, accept=False)
