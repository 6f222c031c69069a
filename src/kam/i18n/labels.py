"""The label of each value of the shared vocabulary (kam.domain) in a language: `function.finance` is
"finance", 財務, 财务. One catalog message per value, under the prefix of its kind."""

from __future__ import annotations

from enum import StrEnum

from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.i18n import Lang, text

PREFIXES: dict[type[StrEnum], str] = {
    Function: "function",
    DecisionRole: "decision_role",
    Stance: "stance",
    PurchaseFactor: "factor",
    NeedDepth: "need_depth",
    NeedKind: "need_kind",
    NeedStatus: "need_status",
    DealStage: "deal_stage",
}


def label(value: StrEnum, lang: Lang | str = Lang.EN) -> str:
    """The label of a vocabulary value in `lang`."""
    return text(f"{PREFIXES[type(value)]}.{value.value}", lang)
