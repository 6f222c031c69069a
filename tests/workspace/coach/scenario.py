"""An account the coach has much to say about (河北鋼鐵's decision chain, a want never asked why about,
a deal quoted in discovery) and a stored call that proposes needs and speakers, on a real workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from kam.calls.settings import CallSettings
from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, Stance
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.deals.service import create_deal
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import create_need
from kam.workspace.next_steps.schemas import NextStepCreate
from kam.workspace.next_steps.service import create_next_step
from kam.workspace.run import run_calls_analyze_and_store
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder

CALL_AT = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 11, 30)  # ten days after the call
CALL = """小李: 王經理您好，請問現在的設備用得怎麼樣？
王經理: 我們的設備經常停機，維修很慢，每個月都要停兩三次。
小李: 停機對你們影響多大？
王經理: 我們的目標是降低停機時間，今年要確保產線穩定。
林工: 另外說明書只有英文，操作員看不懂。
小李: 我們的報價是每台五十萬元。
"""
# the customer's sentences that state a problem or a goal: (speaker, sentence number in the call)
PROPOSED_NEEDS = [
    ("王經理", "我們的設備經常停機，維修很慢，每個月都要停兩三次。", 2),
    ("王經理", "我們的目標是降低停機時間，今年要確保產線穩定。", 4),
    ("林工", "另外說明書只有英文，操作員看不懂。", 5),
]
WANT = "裝置的側邊開一個小槽就好了。"


def build_account(session: Session, code: str) -> dict[str, int]:
    """Three stakeholders (an opposing economic buyer in finance, a low-influence coach in technical
    reporting to him, an O&M head of unknown stance), a want, a deal quoted in discovery and a next
    step on the account `code`; the stakeholders' ids by name."""
    wang = create_stakeholder(
        session,
        StakeholderCreate(
            account=code, name="王大明", title="經理", function=Function.FINANCE,
            decision_role=DecisionRole.ECONOMIC_BUYER, influence=4, stance=Stance.OPPONENT,
        ),
    )  # fmt: skip
    lin = create_stakeholder(
        session,
        StakeholderCreate(
            account=code, name="林工", title="工程師", function=Function.TECHNICAL,
            decision_role=DecisionRole.TECHNICAL_BUYER, influence=2, stance=Stance.SUPPORTER, coach=True,
            reports_to=wang.id, preferences="喜歡看數據",
        ),
    )  # fmt: skip
    chen = create_stakeholder(
        session,
        StakeholderCreate(account=code, name="陳主任", function=Function.OPERATIONS_MAINTENANCE, influence=3),
    )
    want = create_need(session, NeedCreate(account=code, statement=WANT, said_by=lin.id))
    deal = DealCreate(
        account=code, title="二期", value=500000, currency="TWD", stage=DealStage.DISCOVERY,
        needs=[want.id], quoted_on=dt.date(2026, 11, 1), quoted_stage=DealStage.DISCOVERY,
    )  # fmt: skip
    create_next_step(
        session, NextStepCreate(account=code, what="約陳主任看現場", due_on=dt.date(2026, 12, 5))
    )
    create_deal(session, deal)
    return {"王大明": wang.id, "林工": lin.id, "陳主任": chen.id}


def store_call(url: str, code: str, folder: Path, as_login: str | None = None) -> int:
    """Store the call on the account; the number of proposals it made."""
    path = folder / f"call-{code}.txt"
    path.write_text(CALL, encoding="utf-8")
    _run, stored = run_calls_analyze_and_store(
        url, code, [path], sales=["小李"], at=CALL_AT, settings=CallSettings(), as_login=as_login
    )
    assert stored is not None
    return stored.proposed
