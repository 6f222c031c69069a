"""What the account page's record forms are made of, one `RecordSpec` for each kind a salesperson keeps
(needs, deals, interactions, contracts, next steps): its fields (how each is entered and which message
labels it), the columns of its table row, and the workspace service that checks and stores it. The
routes (kam.web.record_forms) and the templates are the same for every kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from kam.calls.models import Stage
from kam.domain.deals import DealStage
from kam.domain.interactions import InteractionKind
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.workspace.contracts import service as contracts
from kam.workspace.contracts.schemas import ContractCreate, ContractFilters, ContractUpdate
from kam.workspace.deals import service as deals
from kam.workspace.deals.schemas import DealCreate, DealFilters, DealUpdate
from kam.workspace.interactions import service as interactions
from kam.workspace.interactions.schemas import InteractionFilters, InteractionNew, InteractionUpdate
from kam.workspace.listing import MAX_PER_PAGE, PageRequest
from kam.workspace.needs import service as needs
from kam.workspace.needs.schemas import NeedCreate, NeedFilters, NeedUpdate
from kam.workspace.next_steps import service as next_steps
from kam.workspace.next_steps.schemas import NextStepCreate, NextStepFilters, NextStepUpdate
from kam.workspace.vocabulary import RecordKind

ALL = PageRequest(per_page=MAX_PER_PAGE)


class Entry(StrEnum):
    """How a field is entered on the form."""

    TEXT = "text"
    LONG_TEXT = "long_text"  # a text area
    NUMBER = "number"
    DATE = "date"
    MOMENT = "moment"  # a day and a time
    CHOICE = "choice"  # one of an enumeration
    RECORD = "record"  # one of the account's records (`refs` names which)
    RECORDS = "records"  # several of them
    NAMES = "names"  # a comma-separated list
    CHECK = "check"


class Section(StrEnum):
    """The account page's sections with record forms, as their addresses name them."""

    NEEDS = "needs"
    DEALS = "deals"
    INTERACTIONS = "interactions"
    CONTRACTS = "contracts"
    NEXT_STEPS = "next-steps"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str  # a message key
    entry: Entry = Entry.TEXT
    choices: tuple[StrEnum, ...] = ()
    refs: str = ""  # for RECORD(S): "needs", "stakeholders", "deals" or "interactions"
    required: bool = False  # a blank stays "" (said "Required."), else a blank is no value
    omit_blank: bool = False  # a blank is not given at all (the service then decides)


@dataclass(frozen=True)
class RecordSpec:
    """One kind of record on the account page, from its form to its service."""

    section: Section
    kind: RecordKind
    heading: str  # a message key
    add: str  # the add button's message key
    fields: tuple[FormField, ...]
    columns: tuple[str, ...]
    create_schema: type[BaseModel]
    update_schema: type[BaseModel]
    create: Callable[[Session, Any], Any]
    update: Callable[[Session, int, Any, int], Any]
    delete: Callable[[Session, int], Any]
    restore: Callable[[Session, int], Any]
    get: Callable[[Session, int], Any]
    listed: Callable[[Session, str, bool], list[Any]]
    name_of: Callable[[Any], str]
    refs: tuple[str, ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)

    def field(self, name: str) -> FormField:
        return next(f for f in self.fields if f.name == name)


def _listing(
    service: Callable[..., Any], filters: type[BaseModel]
) -> Callable[[Session, str, bool], list[Any]]:
    def listed(session: Session, code: str, deleted: bool) -> list[Any]:
        return list(service(session, filters(account=code, deleted=deleted), ALL).items)

    return listed


def _interactions(session: Session, code: str, deleted: bool) -> list[Any]:
    found = interactions.find_interactions(session, InteractionFilters(account=code, deleted=deleted), ALL)
    return list(found.items)


def _create_interaction(session: Session, data: Any) -> Any:
    return interactions.add_interaction(session, data)


def _choices(kind: type[StrEnum]) -> tuple[StrEnum, ...]:
    return tuple(kind)


NEEDS = RecordSpec(
    section=Section.NEEDS,
    kind=RecordKind.NEED,
    heading="ws.records.needs",
    add="web.add_need",
    fields=(
        FormField("statement", "ws.label.statement", Entry.LONG_TEXT, required=True),
        FormField("parent", "ws.label.parent_need", Entry.RECORD, refs="needs"),
        FormField("depth", "ws.label.depth", Entry.CHOICE, _choices(NeedDepth), required=True),
        FormField("kind", "ws.label.need_kind", Entry.CHOICE, _choices(NeedKind)),
        FormField("status", "ws.label.status", Entry.CHOICE, _choices(NeedStatus), required=True),
        FormField("said_by", "ws.label.said_by", Entry.RECORD, refs="stakeholders"),
        FormField("confirmed_on", "ws.label.confirmed_on", Entry.DATE),
    ),
    columns=("statement", "parent", "depth", "kind", "status", "said_by"),
    create_schema=NeedCreate,
    update_schema=NeedUpdate,
    create=needs.create_need,
    update=needs.update_need,
    delete=needs.delete_need,
    restore=needs.restore_need,
    get=needs.get_need,
    listed=_listing(needs.list_needs, NeedFilters),
    name_of=lambda need: need.statement,
    refs=("needs", "stakeholders"),
    defaults={"depth": NeedDepth.STATED, "status": NeedStatus.OPEN},
)

DEALS = RecordSpec(
    section=Section.DEALS,
    kind=RecordKind.DEAL,
    heading="ws.records.deals",
    add="web.add_deal",
    fields=(
        FormField("title", "ws.label.deal_title", required=True),
        FormField("stage", "ws.label.stage", Entry.CHOICE, _choices(DealStage), required=True),
        FormField("value", "ws.label.value", Entry.NUMBER),
        FormField("currency", "ws.label.currency"),
        FormField("expected_close", "ws.label.expected_close", Entry.DATE),
        FormField("quoted_on", "ws.label.quoted_on", Entry.DATE),
        FormField(
            "quoted_stage", "ws.label.quoted_stage", Entry.CHOICE, _choices(DealStage), omit_blank=True
        ),
        FormField("stakeholders", "web.label.involved", Entry.RECORDS, refs="stakeholders"),
    ),
    columns=("title", "stage", "value", "currency", "expected_close", "quoted_on", "quoted_stage"),
    create_schema=DealCreate,
    update_schema=DealUpdate,
    create=deals.create_deal,
    update=deals.update_deal,
    delete=deals.delete_deal,
    restore=deals.restore_deal,
    get=deals.get_deal,
    listed=_listing(deals.list_deals, DealFilters),
    name_of=lambda deal: deal.title,
    refs=("stakeholders",),
    defaults={"stage": DealStage.PROSPECTING},
)

INTERACTIONS = RecordSpec(
    section=Section.INTERACTIONS,
    kind=RecordKind.INTERACTION,
    heading="web.account.interactions",
    add="web.add_interaction",
    fields=(
        FormField("kind", "ws.label.kind", Entry.CHOICE, _choices(InteractionKind), required=True),
        FormField("occurred_at", "ws.label.when", Entry.MOMENT, required=True),
        FormField("title", "ws.label.title", required=True),
        FormField("stage", "ws.label.stage", Entry.CHOICE, _choices(Stage)),
        FormField("stakeholders", "web.label.met", Entry.RECORDS, refs="stakeholders"),
        FormField("present", "web.label.present", Entry.NAMES),
        FormField("present_names", "web.label.present_names", Entry.NAMES),
        FormField("notes", "web.label.notes", Entry.LONG_TEXT),
    ),
    columns=("occurred_at", "kind", "title", "stakeholders", "present", "notes"),
    create_schema=InteractionNew,
    update_schema=InteractionUpdate,
    create=_create_interaction,
    update=interactions.update_interaction,
    delete=interactions.delete_interaction,
    restore=interactions.restore_interaction,
    get=interactions.get_interaction,
    listed=_interactions,
    name_of=lambda interaction: interaction.title,
    refs=("stakeholders",),
    defaults={"kind": InteractionKind.VISIT},
)

CONTRACTS = RecordSpec(
    section=Section.CONTRACTS,
    kind=RecordKind.CONTRACT,
    heading="ws.records.contracts",
    add="web.add_contract",
    fields=(
        FormField("year", "ws.label.year", Entry.NUMBER, required=True),
        FormField("product", "ws.label.product", required=True),
        FormField("volume", "ws.label.volume", Entry.NUMBER),
        FormField("unit", "ws.label.unit"),
        FormField("value", "ws.label.value", Entry.NUMBER),
        FormField("currency", "ws.label.currency"),
    ),
    columns=("year", "product", "volume", "unit", "value", "currency"),
    create_schema=ContractCreate,
    update_schema=ContractUpdate,
    create=contracts.create_contract,
    update=contracts.update_contract,
    delete=contracts.delete_contract,
    restore=contracts.restore_contract,
    get=contracts.get_contract,
    listed=_listing(contracts.list_contracts, ContractFilters),
    name_of=lambda contract: f"{contract.year} {contract.product}",
    defaults={"year": str(dt.date.today().year)},
)

NEXT_STEPS = RecordSpec(
    section=Section.NEXT_STEPS,
    kind=RecordKind.NEXT_STEP,
    heading="ws.records.next_steps",
    add="web.add_next_step",
    fields=(
        FormField("what", "ws.label.step", Entry.LONG_TEXT, required=True),
        FormField("assignee", "ws.label.assignee"),
        FormField("due_on", "ws.label.due_on", Entry.DATE),
        FormField("deal", "ws.label.deal_id", Entry.RECORD, refs="deals"),
        FormField("interaction", "web.label.interaction", Entry.RECORD, refs="interactions"),
        FormField("done", "ws.label.done", Entry.CHECK),
    ),
    columns=("what", "assignee", "due_on", "deal", "done"),
    create_schema=NextStepCreate,
    update_schema=NextStepUpdate,
    create=next_steps.create_next_step,
    update=next_steps.update_next_step,
    delete=next_steps.delete_next_step,
    restore=next_steps.restore_next_step,
    get=next_steps.get_next_step,
    listed=_listing(next_steps.list_next_steps, NextStepFilters),
    name_of=lambda step: step.what,
    refs=("deals", "interactions"),
)

SPECS = {spec.section: spec for spec in (NEEDS, DEALS, INTERACTIONS, CONTRACTS, NEXT_STEPS)}
