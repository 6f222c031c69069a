"""Accounts created and edited on the pages, as the records under them are: a new account from the
portfolio (a form page; a rep's new account is theirs, as the service decides), the account page's
profile card edited in place (htmx swaps the card; a bad field is said beside it; a change based on a
version someone else has changed since shows both versions, to keep either), and a soft delete whose
page offers the undo. Only the fields the reader changed are changed, so a link the reader may not see
(a referrer or a group out of their reach, shown blank) is never cleared by saving the card."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from kam.domain.customers import CustomerType, Ownership
from kam.domain.languages import Lang
from kam.errors import KamError
from kam.i18n import formats, text
from kam.i18n.labels import label
from kam.web.account import CodePath, tenure_years
from kam.web.auth import Reader, check_csrf, reader
from kam.web.field_errors import field_errors
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.schemas import (
    AccountChanges,
    AccountCreate,
    AccountFilters,
    AccountPublic,
    AccountUpdate,
    Wallet,
    WalletPublic,
)
from kam.workspace.accounts.service import (
    all_accounts,
    create_account,
    delete_account,
    get_account,
    restore_account,
    update_account,
)
from kam.workspace.errors import (
    AccessDenied,
    DuplicateAccount,
    InvalidChoice,
    InvalidParent,
    InvalidReferral,
    StaleVersion,
)

router = APIRouter(include_in_schema=False)
FIELDS = (
    "name", "type", "ownership", "industry", "since", "owner", "parent", "referred_by", "referred_on",
    "wallet", "competitors",
)  # fmt: skip
LABELS = {name: f"ws.label.{name}" for name in FIELDS}
DATES = ("since", "referred_on")
COMPETITOR_SEPARATORS = re.compile(r"[,，、;；]")  # the comma as Chinese writes it too


def _values(form: Any) -> dict[str, Any]:
    """The form's fields as the schemas take them: a blank is no value (a blank name or code stays
    blank, to be said "required" beside it), competitors are separated by commas."""
    values: dict[str, Any] = {name: str(form.get(name, "")).strip() or None for name in FIELDS}
    values["name"] = values["name"] or ""
    said = str(form.get("competitors", ""))
    values["competitors"] = [c.strip() for c in COMPETITOR_SEPARATORS.split(said) if c.strip()]
    return values


def _as_typed(form: Any, names: tuple[str, ...] = ("code", *FIELDS)) -> dict[str, str]:
    """The form as the reader filled it, to show it again."""
    return {name: str(form.get(name, "")) for name in names}


def wallet_text(wallet: WalletPublic | None) -> str:
    """A wallet as the form writes it ("1200000 CNY"): the amount in plain digits, never 1.2e+06."""
    if wallet is None:
        return ""
    digits = format(Decimal(repr(wallet.amount)), "f")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return f"{digits} {wallet.unit}"


def _as_form(account: AccountPublic) -> dict[str, str]:
    """The stored account as the form shows it."""
    return {
        "name": account.name,
        "type": account.type or "",
        "ownership": account.ownership or "",
        "industry": account.industry or "",
        "since": account.since.isoformat() if account.since else "",
        "owner": account.owner or account.owner_name or "",
        "parent": account.parent or "",
        "referred_by": account.referred_by or "",
        "referred_on": account.referred_on.isoformat() if account.referred_on else "",
        "wallet": wallet_text(account.wallet),
        "competitors": ", ".join(account.competitors),
        "version": str(account.version),
    }


def _stored(account: AccountPublic) -> dict[str, Any]:
    """The stored account's fields as the schemas hold them (to see which ones the reader changed)."""
    wallet = account.wallet
    return {
        "name": account.name,
        "type": account.type,
        "ownership": account.ownership,
        "industry": account.industry,
        "since": account.since,
        "owner": account.owner or account.owner_name,
        "parent": account.parent,
        "referred_by": account.referred_by,
        "referred_on": account.referred_on,
        "wallet": None if wallet is None else Wallet(amount=wallet.amount, unit=wallet.unit),
        "competitors": account.competitors,
    }


def changes_of(data: AccountUpdate, before: AccountPublic) -> AccountChanges:
    """Only the fields whose value differs from the stored one: what the reader changed."""
    stored = _stored(before)
    changed = {name: getattr(data, name) for name in FIELDS if getattr(data, name) != stored[name]}
    return AccountChanges.model_validate(changed)


def _field_errors(exc: ValidationError, lang: Lang) -> dict[str, str]:
    """What is wrong beside each field; a date or a wallet that cannot be read says how to write one."""
    errors = field_errors(exc, lang)
    first: dict[str, str] = {}
    for error in exc.errors():
        location = error.get("loc", ())
        first.setdefault(str(location[0]) if location else "", str(error.get("type")))
    for name in DATES:
        if first.get(name, "").startswith("date_"):
            errors[name] = text("web.account_form.date_invalid", lang)
    if first.get("wallet") == "value_error":
        errors["wallet"] = text("web.account_form.wallet_hint", lang)
    return errors


def _refused(exc: KamError, lang: Lang) -> dict[str, str]:
    """A rule's refusal beside the field it is about (a taken code beside the code, an unknown referrer
    beside the referrer, an owner that puts the account out of the reader's reach beside the owner);
    anything but a conflict or bad input is not the form's to show."""
    said = exc.say(lang)
    if isinstance(exc, DuplicateAccount):
        return {"code": said}
    if isinstance(exc, InvalidReferral):
        without_referrer = getattr(exc.args[0], "key", "") == "referral_date_without_referrer"
        return {"referred_on" if without_referrer else "referred_by": said}
    if isinstance(exc, InvalidParent):
        return {"parent": said}
    if isinstance(exc, InvalidChoice):
        return {"owner": said}
    if isinstance(exc, AccessDenied):
        return {"owner": text("web.account_form.owner_out_of_reach", lang)}
    if exc.status_code not in (409, 422):
        raise exc
    return {"": said}


def _answer(request: Request, who: Reader, template: str, status: int = 200, **context: Any) -> Response:
    return render(
        request,
        template,
        who.viewer,
        status,
        types=list(CustomerType),
        ownerships=list(Ownership),
        **context,
    )


def _card(request: Request, who: Reader, account: AccountPublic, *, renamed: bool = False) -> Response:
    tenure = tenure_years(account.since)
    return _answer(request, who, "account_profile.html", a=account, tenure=tenure, oob_name=renamed)


def _account_page(code: str) -> str:
    return "/accounts/" + quote(code, safe="")


@router.get("/portfolio/new-account")
def new_account_form(request: Request, who: Annotated[Reader, Depends(reader)]) -> Response:
    return _answer(request, who, "account_new.html", form={}, errors={})


@router.post("/portfolio/new-account")
async def create(request: Request, who: Annotated[Reader, Depends(reader)]) -> Response:
    await check_csrf(request, who.session)
    form = await request.form()
    lang = who.viewer.lang
    try:
        data = AccountCreate.model_validate({**_values(form), "code": str(form.get("code", "")).strip()})
        with unit_of_work(request, who.actor) as session:
            account = create_account(session, data)
        return RedirectResponse(_account_page(account.code), status_code=303)
    except ValidationError as exc:
        errors = _field_errors(exc, lang)
    except KamError as exc:
        errors = _refused(exc, lang)
    return _answer(request, who, "account_new.html", 422, form=_as_typed(form), errors=errors)


@router.get("/accounts/{code}/profile")
def profile(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    with unit_of_work(request, who.actor) as session:
        account = get_account(session, code)
    return _card(request, who, account)


@router.get("/accounts/{code}/profile/edit")
def edit_form(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    with unit_of_work(request, who.actor) as session:
        account = get_account(session, code)
    return _answer(request, who, "account_profile_form.html", a=account, form=_as_form(account), errors={})


def _conflict(request: Request, who: Reader, mine: dict[str, str], current: AccountPublic) -> Response:
    """Both versions side by side: the reader's change and the account as saved meanwhile."""
    lang = who.viewer.lang
    theirs = _as_form(current)
    versions = [
        (LABELS[name], _shown(name, mine.get(name, ""), lang), _shown(name, theirs[name], lang))
        for name in FIELDS
    ]
    return _answer(
        request,
        who,
        "account_profile_conflict.html",
        409,
        a=current,
        mine=mine,
        versions=versions,
        fields=FIELDS,
    )


def _shown(name: str, value: str, lang: Lang) -> str:
    """A field's value as the versions table says it: a type or an ownership in words, a date as the
    language writes it; anything that is not one of those, as typed."""
    try:
        if name == "type" and value:
            return label(CustomerType(value), lang)
        if name == "ownership" and value:
            return label(Ownership(value), lang)
        if name in DATES and value:
            return formats.date(dt.date.fromisoformat(value), lang)
    except ValueError:
        pass
    return value


@router.post("/accounts/{code}/profile")
async def update(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    await check_csrf(request, who.session)
    form = await request.form()
    lang = who.viewer.lang
    typed = _as_typed(form, FIELDS)
    with unit_of_work(request, who.actor) as session:
        before = get_account(session, code)
    try:
        data = AccountUpdate.model_validate({**_values(form), "version": form.get("version")})
        with unit_of_work(request, who.actor) as session:
            account = update_account(session, code, changes_of(data, before), data.version)
        return _card(request, who, account, renamed=account.name != before.name)
    except ValidationError as exc:
        errors = _field_errors(exc, lang)
    except StaleVersion as exc:
        current = exc.current if isinstance(exc.current, AccountPublic) else before
        return _conflict(request, who, typed, current)
    except KamError as exc:
        errors = _refused(exc, lang)
    form_again = {**typed, "version": str(form.get("version", ""))}
    return _answer(request, who, "account_profile_form.html", 422, a=before, form=form_again, errors=errors)


@router.post("/accounts/{code}/profile/delete")
async def delete(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    await check_csrf(request, who.session)
    with unit_of_work(request, who.actor) as session:
        account = delete_account(session, code)
    return RedirectResponse(_account_page(account.code) + "/deleted", status_code=303)


def deleted_account(session: Session, code: str) -> AccountPublic | None:
    """The deleted account with this code that the reader may see; None if there is none."""
    found = all_accounts(session, AccountFilters(q=code, deleted=True))
    return next((account for account in found if account.code == code), None)


@router.get("/accounts/{code}/deleted")
def deleted_page(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    """A deleted account, with the undo; a live one's page is its own (a missing one: 404)."""
    with unit_of_work(request, who.actor) as session:
        account = deleted_account(session, code)
        if account is None:
            get_account(session, code)
    if account is None:
        return RedirectResponse(_account_page(code), status_code=303)
    return _answer(request, who, "account_deleted.html", a=account)


@router.post("/accounts/{code}/profile/restore")
async def undo_delete(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    await check_csrf(request, who.session)
    with unit_of_work(request, who.actor) as session:
        account = restore_account(session, code)
    return RedirectResponse(_account_page(account.code), status_code=303)
