"""Calls on the pages: upload a transcript onto an account (any format `kam calls analyze` reads, up to
`web_transcript_max_bytes`), coached and stored as `kam calls analyze --store` does (kam.workspace.run's
`store_calls`: the call took place when the form says, else when its transcript's header says, never when
a file was saved); the stored call's page (its timeline and flags); and a salesperson's trend over the
calls they took part in."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from kam.calls.batch import TranscriptSource, analyze_calls
from kam.calls.settings import CallSettings
from kam.calls.trend import StoredCall, call_trend, is_share
from kam.domain.dates import EARLIEST_DATE
from kam.errors import KamError
from kam.i18n import text
from kam.render.calls_trend import render_trend
from kam.web.account import CodePath
from kam.web.auth import Reader, reader
from kam.web.call_view import call_page
from kam.web.errors import CsrfRefused
from kam.web.sessions import CSRF_FIELD, CSRF_HEADER
from kam.web.templating import render
from kam.web.uploads import UploadedFile, read_upload
from kam.web.work import unit_of_work
from kam.workspace.accounts.service import get_account
from kam.workspace.errors import RecordNotFound
from kam.workspace.interactions.service import get_interaction, list_interactions
from kam.workspace.run import store_calls
from kam.workspace.vocabulary import RecordKind

router = APIRouter(include_in_schema=False)
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_SALES = 500  # characters of the sales speakers' names


def _settings(request: Request) -> CallSettings:
    settings: CallSettings = request.app.state.call_settings
    return settings


def _moment(said: str) -> dt.datetime | None:
    """The call's time as the form gives it (a time without a zone is the server's local time); None when
    blank; ValueError when it is not a time or not a plausible one."""
    if not said:
        return None
    moment = dt.datetime.fromisoformat(said)
    moment = moment if moment.tzinfo is not None else moment.astimezone()
    if not EARLIEST_DATE <= moment.date() <= dt.date.today() + dt.timedelta(days=1):
        raise ValueError(said)
    return moment


def _transcript(upload: UploadedFile | None) -> TranscriptSource | None:
    """The uploaded file's name and first bytes; None when the form holds no file or an empty name."""
    if upload is None or not upload.filename:
        return None
    name = PurePath(upload.filename.replace("\\", "/")).name[:200] or "transcript"
    return TranscriptSource(name, bytes(upload.head))


@router.post("/accounts/{code}/calls")
async def upload(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    limit: int = request.app.state.transcript_max_bytes
    form = await read_upload(request, limit)  # to its end, holding no more of the file than the limit
    token = request.headers.get(CSRF_HEADER) or form.fields.get(CSRF_FIELD)
    if not who.session.csrf_matches(token):
        raise CsrfRefused()
    lang = who.viewer.lang
    sales_said = form.fields.get("sales", "").strip()[:MAX_SALES]
    at_said = form.fields.get("at", "").strip()
    with unit_of_work(request, who.actor) as session:
        account = get_account(session, code)
    errors: dict[str, str] = {}
    sent = form.files.get("transcript")
    transcript = _transcript(sent)
    if transcript is None:
        errors["transcript"] = text("web.calls.no_file", lang)
    elif sent is not None and sent.size > limit:
        errors["transcript"] = text("web.calls.too_big", lang, name=transcript.name, limit=limit)
    try:
        at = _moment(at_said)
    except ValueError:
        errors["at"] = text("web.calls.bad_time", lang, earliest=EARLIEST_DATE)
    if not errors and transcript is not None:
        sales = [name.strip() for name in sales_said.replace("，", ",").split(",") if name.strip()]
        run = analyze_calls([transcript], sales=sales, settings=_settings(request))
        if run.errors:
            errors["transcript"] = run.errors[0].say(lang)
        else:
            try:
                with unit_of_work(request, who.actor) as session:
                    stored = store_calls(session, code, run, at=at, settings=_settings(request), sales=sales)
                target = f"/accounts/{account.code}/calls/{stored.interactions[0]}"
                return RedirectResponse(target, status_code=303)
            except KamError as exc:
                if exc.status_code not in (400, 409, 422):
                    raise
                errors["at"] = exc.say(lang)
    form_values = {"sales": sales_said, "at": at_said}
    return render(
        request, "call_upload.html", who.viewer, 422, account=account, form=form_values, errors=errors
    )


@router.get("/accounts/{code}/calls/{interaction_id}")
def call(
    request: Request, code: CodePath, interaction_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    with unit_of_work(request, who.actor) as session:
        account = get_account(session, code)
        interaction = get_interaction(session, interaction_id)
    if interaction.account_code != account.code or interaction.analysis is None:
        raise RecordNotFound(RecordKind.INTERACTION, interaction_id)
    page = call_page(interaction.analysis.result, who.viewer.lang)
    return render(
        request,
        "call.html",
        who.viewer,
        account=account,
        call=interaction,
        page=page,
        settings=_settings(request),
    )


@router.get("/calls/trend")
def trend(
    request: Request,
    who: Annotated[Reader, Depends(reader)],
    sales: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """A salesperson's trend over the stored calls the reader may see (by default, the reader's own)."""
    name = (sales or who.viewer.display_name or who.viewer.login or "").strip()
    with unit_of_work(request, who.actor) as session:
        found = list_interactions(session)
    stored = [
        StoredCall(i.occurred_at, i.analysis.result, i.account_code, i.title) for i in found if i.analysis
    ]
    result = call_trend(stored, name, _settings(request))
    chart = {
        "measures": [
            {
                "name": text(f"calls.trend.{m.measure}", who.viewer.lang),
                "share": is_share(m.measure),
                "points": [[p.occurred_at.isoformat(), p.value, p.title] for p in m.points],
            }
            for m in result.measures
        ]
    }
    lines = render_trend(result, who.viewer.lang).splitlines()
    return render(request, "calls_trend.html", who.viewer, trend=result, chart=chart, sales=name, lines=lines)
