"""A record form's values in their three shapes: as the reader typed them (shown again with what is wrong),
as the workspace's schemas take them (blanks are no value, lists split, a time without a zone is the
server's local time), and as the table row shows a stored record in the reader's language."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from kam.domain.languages import Lang
from kam.i18n import formats, text, word
from kam.i18n.labels import PREFIXES, label
from kam.web.record_specs import ALL, INTERACTIONS, NEEDS, Entry, FormField, RecordSpec
from kam.workspace.deals.schemas import DealFilters
from kam.workspace.deals.service import list_deals
from kam.workspace.interactions.schemas import InteractionFilters
from kam.workspace.interactions.service import find_interactions
from kam.workspace.needs.schemas import NeedFilters
from kam.workspace.needs.service import list_needs
from kam.workspace.stakeholders.schemas import StakeholderFilters
from kam.workspace.stakeholders.service import list_stakeholders

Refs = dict[str, dict[int, str]]  # "needs" -> need id -> its statement, and so on


def account_refs(session: Session, code: str, names: tuple[str, ...]) -> Refs:
    """The account's records a form may point at (a need's parent, a step's deal), id -> name."""
    found: Refs = {}
    if "needs" in names:
        found["needs"] = {
            n.id: n.statement for n in list_needs(session, NeedFilters(account=code), ALL).items
        }
    if "stakeholders" in names:
        people = list_stakeholders(session, StakeholderFilters(account=code), ALL).items
        found["stakeholders"] = {s.id: s.name for s in people}
    if "deals" in names:
        found["deals"] = {d.id: d.title for d in list_deals(session, DealFilters(account=code), ALL).items}
    if "interactions" in names:
        calls = find_interactions(session, InteractionFilters(account=code), ALL).items
        found["interactions"] = {i.id: i.title for i in calls}
    return found


def typed(spec: RecordSpec, form: FormData) -> dict[str, Any]:
    """The form as the reader filled it: text as typed, the ids chosen, the box ticked or not."""
    values: dict[str, Any] = {}
    for f in spec.fields:
        if f.entry is Entry.RECORDS:
            values[f.name] = [str(v) for v in form.getlist(f.name)]
        elif f.entry is Entry.CHECK:
            values[f.name] = form.get(f.name) in {"on", "true", "1"}
        else:
            values[f.name] = str(form.get(f.name, "")).strip()
    return values


def _moment(said: str) -> Any:
    """A day and time as typed; one without a zone is the server's local time (a bad one is left as
    typed, for the schema to refuse beside the field)."""
    try:
        moment = dt.datetime.fromisoformat(said)
    except ValueError:
        return said
    return moment if moment.tzinfo is not None else moment.astimezone()


def _value(f: FormField, value: Any) -> Any:
    if f.entry is Entry.CHECK or f.entry is Entry.RECORDS:
        return value
    if f.entry is Entry.NAMES:
        return [part.strip() for part in str(value).replace("，", ",").split(",") if part.strip()]
    if value == "" and not f.required:
        return None
    return _moment(value) if f.entry is Entry.MOMENT and value else value


def schema_input(spec: RecordSpec, values: dict[str, Any]) -> dict[str, Any]:
    """What the workspace's schema takes from the form's values."""
    given: dict[str, Any] = {}
    for f in spec.fields:
        if f.omit_blank and values.get(f.name) in ("", None):
            continue
        given[f.name] = _value(f, values.get(f.name, ""))
    return given


def stored(spec: RecordSpec, record: Any) -> dict[str, Any]:
    """A stored record as its edit form shows it."""
    dumped = record.model_dump(mode="json")
    values: dict[str, Any] = {}
    for f in spec.fields:
        value = dumped.get(f.name)
        if f.entry is Entry.NAMES:
            values[f.name] = ", ".join(value or [])
        elif f.entry is Entry.RECORDS:
            values[f.name] = [str(v) for v in value or []]
        elif f.entry is Entry.MOMENT and value:
            values[f.name] = getattr(record, f.name).astimezone().strftime("%Y-%m-%dT%H:%M")
        elif f.entry is Entry.CHOICE and spec is NEEDS and f.name == "kind":
            values[f.name] = value if record.kind_overridden else ""
        else:
            values[f.name] = "" if value is None else value
    return values


def shown(value: Any, lang: Lang) -> str:
    """One stored value as the page writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return text("web.yes" if value else "web.no", lang)
    if isinstance(value, StrEnum):
        return label(value, lang) if type(value) in PREFIXES else word(value.value, lang)
    if isinstance(value, dt.datetime):
        local = value.astimezone()
        return f"{formats.date(local.date(), lang)} {local:%H:%M}"
    if isinstance(value, dt.date):
        return formats.date(value, lang)
    if isinstance(value, float | int):
        return formats.number(value, lang)
    if isinstance(value, list):
        return ", ".join(shown(v, lang) for v in value)
    return str(value)


def cells(spec: RecordSpec, record: Any, refs: Refs, lang: Lang) -> list[str]:
    """The row's cells: each column's value, a pointer at another record by that record's name."""
    row: list[str] = []
    for name in spec.columns:
        value = getattr(record, name)
        f = next((f for f in spec.fields if f.name == name), None)
        if f is not None and f.refs:
            names = refs.get(f.refs, {})
            ids = value if isinstance(value, list) else [] if value is None else [value]
            row.append(", ".join(names.get(i, f"#{i}") for i in ids))
        elif f is not None and f.entry is Entry.NAMES:
            row.append(", ".join(value or []))
        elif spec is INTERACTIONS and name == "notes" and value:
            row.append(value if len(value) <= 120 else value[:119] + "…")
        else:
            row.append(shown(value, lang))
    return row


def typed_shown(f: FormField, said: Any, refs: Refs, lang: Lang) -> str:
    """A typed value as the page writes it (the conflict's "yours" column)."""
    if f.entry is Entry.CHECK:
        return shown(bool(said), lang)
    if f.refs:
        names = refs.get(f.refs, {})
        ids = said if isinstance(said, list) else [said] if said else []
        return ", ".join(names.get(int(i), str(i)) if str(i).isdigit() else str(i) for i in ids)
    for choice in f.choices:
        if choice.value == said:
            return shown(choice, lang)
    return str(said or "")
