"""What the coach looks at: plain frozen facts about an account, its people, needs, deals and calls.

The workspace fills them from what it stores; tests and notebooks build them by hand. Identifiers are
strings (a database id, an import code) and only link the facts to one another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus

INFLUENCE_SCALE = (1, 5)  # influence is rated from 1 (little) to 5 (decisive)


@dataclass(frozen=True)
class StakeholderFacts:
    """A person in the account's decision chain. `influence` from 1 to 5 (None: not rated); `last_met`
    is the day of the latest interaction they took part in (None: never met); `factors` and
    `preferences` are their own key purchase factors and, in their words, what they care about."""

    id: str
    name: str
    function: Function = Function.OTHER
    role: DecisionRole | None = None
    influence: int | None = None
    stance: Stance = Stance.UNKNOWN
    coach: bool = False
    last_met: dt.date | None = None
    factors: tuple[PurchaseFactor, ...] = ()
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedFacts:
    """A recorded need: the statement, who said it, its place in the iceberg (`parent` is the need it
    was asked 'why' about), its kind as recorded or overridden by a user (None: not yet classified),
    its status and the day it was confirmed."""

    id: str
    statement: str
    account: str = ""
    stakeholder: str | None = None
    depth: NeedDepth = NeedDepth.STATED
    parent: str | None = None
    kind: NeedKind | None = None
    status: NeedStatus = NeedStatus.OPEN
    confirmed_on: dt.date | None = None


@dataclass(frozen=True)
class DealFacts:
    """A deal: its stage, the needs it answers, when a price was first quoted and at which stage (None:
    not quoted), and the stakeholders named as involved in it (ids; none named: unknown)."""

    id: str
    title: str
    stage: DealStage = DealStage.PROSPECTING
    needs: tuple[str, ...] = ()
    quoted_on: dt.date | None = None
    quoted_stage: DealStage | None = None
    stakeholders: tuple[str, ...] = ()


@dataclass(frozen=True)
class InteractionFacts:
    """A stored interaction and what the call coach found in it: its coaching flags (kam.calls' Flag
    values), the deal stage it was analysed at, when our side first quoted a concrete price (seconds
    into the call, None: no quote) and how many questions our side asked."""

    id: str
    title: str
    occurred_on: dt.date
    stage: str | None = None
    flags: tuple[str, ...] = ()
    first_sales_quote_at_s: float | None = None
    questions: int = 0


@dataclass(frozen=True)
class AccountFacts:
    """An account and everything recorded about it."""

    code: str
    name: str = ""
    stakeholders: tuple[StakeholderFacts, ...] = ()
    needs: tuple[NeedFacts, ...] = ()
    deals: tuple[DealFacts, ...] = ()
    interactions: tuple[InteractionFacts, ...] = ()
