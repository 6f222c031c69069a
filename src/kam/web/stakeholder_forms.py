"""The decision chain edited in place on the account page (htmx swaps one table row): add a stakeholder,
edit one (messages beside each bad field), delete one (soft, with an undo) and restore it. A change based
on a version someone else has changed since is not applied: the row shows "someone changed this
meanwhile" with both versions, to keep either. Each answer also refreshes the org chart's data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from kam.domain.decision_chain import Function, Stance
from kam.domain.languages import Lang
from kam.errors import KamError
from kam.web.account import ALL, CodePath
from kam.web.auth import Reader, check_csrf, reader
from kam.web.chain import chain_chart
from kam.web.field_errors import field_errors
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.service import get_account
from kam.workspace.errors import DuplicateRecord, RecordNotFound, StaleVersion
from kam.workspace.stakeholders.schemas import (
    StakeholderCreate,
    StakeholderFilters,
    StakeholderPublic,
    StakeholderUpdate,
)
from kam.workspace.stakeholders.service import (
    create_stakeholder,
    delete_stakeholder,
    get_stakeholder,
    list_stakeholders,
    restore_stakeholder,
    update_stakeholder,
)
from kam.workspace.vocabulary import RecordKind

router = APIRouter(prefix="/accounts/{code}/stakeholders", include_in_schema=False)
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]
FIELDS = ("name", "title", "function", "stance", "influence", "coach", "reports_to")


def _mine(session: Session, code: str, stakeholder_id: int, *, deleted: bool = False) -> StakeholderPublic:
    """The stakeholder of this account (RecordNotFound for one of another account, as for a missing one)."""
    if deleted:
        found = list_stakeholders(session, StakeholderFilters(account=code, deleted=True), ALL).items
        match = [s for s in found if s.id == stakeholder_id]
        if match:
            return match[0]
        raise RecordNotFound(RecordKind.STAKEHOLDER, stakeholder_id)
    person = get_stakeholder(session, stakeholder_id)
    if person.account != code:
        raise RecordNotFound(RecordKind.STAKEHOLDER, stakeholder_id)
    return person


def _values(form: dict[str, Any]) -> dict[str, Any]:
    """The form's fields as the schema takes them: blanks are no value, the box is ticked or not."""
    values: dict[str, Any] = {name: str(form.get(name, "")).strip() for name in FIELDS if name != "coach"}
    values["coach"] = form.get("coach") in {"on", "true", "1"}
    for name in ("title", "influence", "reports_to"):
        values[name] = values[name] or None
    return values


def _choice(kind: type[Function] | type[Stance], form: dict[str, Any]) -> Function | Stance | None:
    """The function or stance the form chose (None: not one of the choices)."""
    name = "function" if kind is Function else "stance"
    try:
        return kind(str(form.get(name, "")))
    except ValueError:
        return None


def _context(session: Session, code: str, who: Reader) -> dict[str, Any]:
    """What every answer needs: the account's people (the reports-to choices) and the chart's data."""
    people = list_stakeholders(session, StakeholderFilters(account=code), ALL).items
    chain = chain_chart(get_account(session, code).name, people, who.viewer.lang)
    return {"code": code, "people": people, "chain_data": chain}


def _answer(
    request: Request, who: Reader, template: str, context: dict[str, Any], status: int = 200
) -> Response:
    return render(
        request, template, who.viewer, status, functions=list(Function), stances=list(Stance), **context
    )


@router.get("/new")
def new_form(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    with unit_of_work(request, who.actor) as session:
        context = _context(session, code, who)
    return _answer(
        request, who, "stakeholder_form.html", {**context, "person": None, "form": {}, "errors": {}}
    )


@router.get("/{stakeholder_id}")
def row(
    request: Request, code: CodePath, stakeholder_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    with unit_of_work(request, who.actor) as session:
        person = _mine(session, code, stakeholder_id)
        context = _context(session, code, who)
    return _answer(request, who, "stakeholder_row.html", {**context, "s": person})


@router.get("/{stakeholder_id}/edit")
def edit_form(
    request: Request, code: CodePath, stakeholder_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    with unit_of_work(request, who.actor) as session:
        person = _mine(session, code, stakeholder_id)
        context = _context(session, code, who)
    form = person.model_dump(mode="json")
    return _answer(
        request, who, "stakeholder_form.html", {**context, "person": person, "form": form, "errors": {}}
    )


def _form_again(
    person: StakeholderPublic | None, form: dict[str, Any], errors: dict[str, str]
) -> tuple[str, dict[str, Any], int]:
    """The form again, as the reader filled it, with what is wrong beside each field."""
    return "stakeholder_form.html", {"person": person, "form": form, "errors": errors}, 422


def _refused(exc: KamError, lang: Lang) -> dict[str, str]:
    """A rule's refusal as the form shows it: a duplicate name beside the name, else above the form;
    anything but a conflict or bad input is not the form's to show."""
    if isinstance(exc, DuplicateRecord):
        return {"name": exc.say(lang)}
    if exc.status_code not in (409, 422):
        raise exc
    return {"": exc.say(lang)}


@router.post("")
async def create(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    await check_csrf(request, who.session)
    form: dict[str, Any] = dict(await request.form())
    lang = who.viewer.lang
    extra: dict[str, Any]
    try:
        data = StakeholderCreate.model_validate({"account": code, **_values(form)})
        with unit_of_work(request, who.actor) as session:
            person = create_stakeholder(session, data)
        template, extra, status = "stakeholder_row.html", {"s": person}, 200
    except ValidationError as exc:
        template, extra, status = _form_again(None, form, field_errors(exc, lang))
    except KamError as exc:
        template, extra, status = _form_again(None, form, _refused(exc, lang))
    with unit_of_work(request, who.actor) as session:
        context = _context(session, code, who)
    return _answer(request, who, template, {**context, **extra}, status)


@router.post("/{stakeholder_id}")
async def update(
    request: Request, code: CodePath, stakeholder_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    await check_csrf(request, who.session)
    form: dict[str, Any] = dict(await request.form())
    lang = who.viewer.lang
    extra: dict[str, Any]
    with unit_of_work(request, who.actor) as session:
        before = _mine(session, code, stakeholder_id)
    try:
        data = StakeholderUpdate.model_validate({**_values(form), "version": form.get("version")})
        with unit_of_work(request, who.actor) as session:
            person = update_stakeholder(session, stakeholder_id, data, data.version)
        template, extra, status = "stakeholder_row.html", {"s": person}, 200
    except ValidationError as exc:
        template, extra, status = _form_again(before, form, field_errors(exc, lang))
    except StaleVersion as exc:
        mine = {"mine": form, "mine_function": _choice(Function, form), "mine_stance": _choice(Stance, form)}
        template, extra, status = "stakeholder_conflict.html", {**mine, "current": exc.current}, 409
    except KamError as exc:
        template, extra, status = _form_again(before, form, _refused(exc, lang))
    with unit_of_work(request, who.actor) as session:
        context = _context(session, code, who)
    return _answer(request, who, template, {**context, **extra}, status)


@router.post("/{stakeholder_id}/delete")
async def delete(
    request: Request, code: CodePath, stakeholder_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    await check_csrf(request, who.session)
    with unit_of_work(request, who.actor) as session:
        _mine(session, code, stakeholder_id)
        person = delete_stakeholder(session, stakeholder_id)
        context = _context(session, code, who)
    return _answer(request, who, "stakeholder_deleted.html", {**context, "s": person})


@router.post("/{stakeholder_id}/restore")
async def undo_delete(
    request: Request, code: CodePath, stakeholder_id: IdPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    await check_csrf(request, who.session)
    with unit_of_work(request, who.actor) as session:
        _mine(session, code, stakeholder_id, deleted=True)
        person = restore_stakeholder(session, stakeholder_id)
        context = _context(session, code, who)
    return _answer(request, who, "stakeholder_row.html", {**context, "s": person})
