"""The records a salesperson keeps, edited in place on the account page as the stakeholders are (htmx swaps
one table row): needs (a "why?" on a need adds the next level of its five-whys chain), deals, interactions,
contracts and next steps (marked done in one click). Each kind is a `RecordSpec`; the routes are the same:
a bad field is said beside it, a delete is soft with an undo, and a change based on a version someone
else has changed since shows "someone changed this meanwhile" with both versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from kam.domain.languages import Lang
from kam.domain.needs import NeedDepth
from kam.errors import KamError
from kam.web.account import CodePath
from kam.web.auth import Reader, check_csrf, reader
from kam.web.field_errors import field_errors
from kam.web.record_specs import NEEDS, NEXT_STEPS, SPECS, Entry, RecordSpec, Section
from kam.web.record_values import Refs, account_refs, cells, schema_input, stored, typed, typed_shown
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.service import get_account
from kam.workspace.errors import DuplicateRecord, RecordNotFound, StaleVersion

router = APIRouter(prefix="/accounts/{code}/{section}", include_in_schema=False)
IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]
SectionPath = Annotated[Section, Path()]


def _mine(session: Session, spec: RecordSpec, code: str, record_id: int, *, deleted: bool = False) -> Any:
    """The record of this account (RecordNotFound for one of another account, as for a missing one)."""
    if deleted:
        match = [r for r in spec.listed(session, code, True) if r.id == record_id]
        if match:
            return match[0]
        raise RecordNotFound(spec.kind, record_id)
    record = spec.get(session, record_id)
    if getattr(record, "account", None) != code and getattr(record, "account_code", None) != code:
        raise RecordNotFound(spec.kind, record_id)
    return record


def _answer(
    request: Request,
    who: Reader,
    template: str,
    spec: RecordSpec,
    code: str,
    refs: Refs,
    status: int = 200,
    **context: Any,
) -> Response:
    record = context.get("r")
    row = (
        cells(spec, record, refs, who.viewer.lang)
        if record is not None and template == "record_row.html"
        else []
    )
    return render(
        request,
        template,
        who.viewer,
        status,
        spec=spec,
        code=code,
        refs=refs,
        cells=row,
        Entry=Entry,
        **context,
    )


def _refs(request: Request, who: Reader, spec: RecordSpec, code: str) -> Refs:
    with unit_of_work(request, who.actor) as session:
        return account_refs(session, code, spec.refs)


def _refused(exc: KamError, spec: RecordSpec, lang: Lang) -> dict[str, str]:
    """A rule's refusal as the form shows it: a duplicate beside the field that must be unique, else
    above the form; anything but a conflict or bad input is not the form's to show."""
    if isinstance(exc, DuplicateRecord):
        return {spec.fields[0].name: exc.say(lang)}
    if exc.status_code not in (409, 422):
        raise exc
    return {"": exc.say(lang)}


@router.get("/new")
def new_form(
    request: Request,
    code: CodePath,
    section: SectionPath,
    who: Annotated[Reader, Depends(reader)],
    parent: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    spec = SPECS[section]
    with unit_of_work(request, who.actor) as session:
        get_account(session, code)
        refs = account_refs(session, code, spec.refs)
        form = dict(spec.defaults)
        if spec is NEEDS and parent is not None:
            above = _mine(session, spec, code, parent)
            deeper = NeedDepth.ROOT if above.depth is not NeedDepth.STATED else NeedDepth.UNDERLYING
            form.update(parent=str(parent), depth=deeper)
    return _answer(request, who, "record_form.html", spec, code, refs, r=None, form=form, errors={})


@router.get("/{record_id}")
def row(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    spec = SPECS[section]
    with unit_of_work(request, who.actor) as session:
        record = _mine(session, spec, code, record_id)
        refs = account_refs(session, code, spec.refs)
    return _answer(request, who, "record_row.html", spec, code, refs, r=record)


@router.get("/{record_id}/edit")
def edit_form(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    spec = SPECS[section]
    with unit_of_work(request, who.actor) as session:
        record = _mine(session, spec, code, record_id)
        refs = account_refs(session, code, spec.refs)
    form = {**stored(spec, record), "version": record.version}
    return _answer(request, who, "record_form.html", spec, code, refs, r=record, form=form, errors={})


@router.post("")
async def create(
    request: Request, code: CodePath, section: SectionPath, who: Annotated[Reader, Depends(reader)]
) -> Response:
    await check_csrf(request, who.session)
    spec = SPECS[section]
    values = typed(spec, await request.form())
    lang = who.viewer.lang
    try:
        data = spec.create_schema.model_validate({"account": code, **schema_input(spec, values)})
        with unit_of_work(request, who.actor) as session:
            record = spec.create(session, data)
        refs = _refs(request, who, spec, code)
        return _answer(request, who, "record_row.html", spec, code, refs, r=record)
    except ValidationError as exc:
        errors = field_errors(exc, lang)
    except KamError as exc:
        errors = _refused(exc, spec, lang)
    refs = _refs(request, who, spec, code)
    return _answer(
        request, who, "record_form.html", spec, code, refs, 422, r=None, form=values, errors=errors
    )


async def _change(
    request: Request,
    spec: RecordSpec,
    code: str,
    record_id: int,
    who: Reader,
    values: dict[str, Any],
    version: Any,
) -> Response:
    """Apply the change `values` on `version`: the row, the form again with what is wrong, or both
    versions when someone changed the record meanwhile."""
    lang = who.viewer.lang
    with unit_of_work(request, who.actor) as session:
        before = _mine(session, spec, code, record_id)
    try:
        data = spec.update_schema.model_validate({**schema_input(spec, values), "version": version})
        with unit_of_work(request, who.actor) as session:
            record = spec.update(session, record_id, data, data.version)  # type: ignore[attr-defined]
        refs = _refs(request, who, spec, code)
        return _answer(request, who, "record_row.html", spec, code, refs, r=record)
    except ValidationError as exc:
        errors = field_errors(exc, lang)
    except StaleVersion as exc:
        current = exc.current
        refs = _refs(request, who, spec, code)
        theirs = stored(spec, current)
        versions = [
            (
                f,
                typed_shown(f, values.get(f.name), refs, lang),
                typed_shown(f, theirs.get(f.name), refs, lang),
            )
            for f in spec.fields
        ]
        return _answer(
            request,
            who,
            "record_conflict.html",
            spec,
            code,
            refs,
            409,
            current=current,
            mine=values,
            versions=versions,
        )
    except KamError as exc:
        errors = _refused(exc, spec, lang)
    refs = _refs(request, who, spec, code)
    form = {**values, "version": version}
    return _answer(
        request, who, "record_form.html", spec, code, refs, 422, r=before, form=form, errors=errors
    )


@router.post("/{record_id}")
async def update(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    await check_csrf(request, who.session)
    spec = SPECS[section]
    form = await request.form()
    return await _change(request, spec, code, record_id, who, typed(spec, form), form.get("version"))


@router.post("/{record_id}/done")
async def mark_done(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    """A next step marked done, on the version the row showed."""
    await check_csrf(request, who.session)
    spec = SPECS[section]
    if spec is not NEXT_STEPS:
        raise RecordNotFound(spec.kind, record_id)
    form = await request.form()
    with unit_of_work(request, who.actor) as session:
        values = {**stored(spec, _mine(session, spec, code, record_id)), "done": True}
    return await _change(request, spec, code, record_id, who, values, form.get("version"))


@router.post("/{record_id}/delete")
async def delete(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    await check_csrf(request, who.session)
    spec = SPECS[section]
    with unit_of_work(request, who.actor) as session:
        _mine(session, spec, code, record_id)
        record = spec.delete(session, record_id)
    return _answer(request, who, "record_deleted.html", spec, code, {}, r=record)


@router.post("/{record_id}/restore")
async def undo_delete(
    request: Request,
    code: CodePath,
    section: SectionPath,
    record_id: IdPath,
    who: Annotated[Reader, Depends(reader)],
) -> Response:
    await check_csrf(request, who.session)
    spec = SPECS[section]
    with unit_of_work(request, who.actor) as session:
        _mine(session, spec, code, record_id, deleted=True)
        record = spec.restore(session, record_id)
        refs = account_refs(session, code, spec.refs)
    return _answer(request, who, "record_row.html", spec, code, refs, r=record)


@dataclass(frozen=True)
class SectionView:
    """A section of records as the account page first shows it: each record with its row's cells."""

    spec: RecordSpec
    rows: list[tuple[Any, list[str]]]


def record_sections(session: Session, code: str, lang: Lang) -> dict[str, SectionView]:
    """Every section of records of the account, by its address ("needs", "next-steps", ...)."""
    names = tuple(dict.fromkeys(name for spec in SPECS.values() for name in spec.refs))
    refs = account_refs(session, code, names)
    return {
        str(section): SectionView(
            spec, [(r, cells(spec, r, refs, lang)) for r in spec.listed(session, code, False)]
        )
        for section, spec in SPECS.items()
    }
