"""What to say to whom (DOMAIN.md §4, the second sales mistake): each function weighs its own key purchase
factors (finance the price, technical how advanced and compatible, the user department ease of use,
operations and maintenance stability, failure rate and after-sales service), and each person may weigh
their own instead (the laptop example: light, a big screen, the looks). A one-size-fits-all pitch moves
nobody; the talking points for a stakeholder follow from their factors, their preferences and the
account's recorded needs that concern them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kam.coach.classify import classify_statement
from kam.coach.facts import NeedFacts, StakeholderFacts
from kam.coach.script import fold
from kam.coach.settings import CoachSettings
from kam.domain.decision_chain import PurchaseFactor
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus

F = PurchaseFactor

# Words in a need that concern a factor (English, and Chinese in either script), so that a need about
# downtime reaches the person who weighs stability.
FACTOR_WORDS: dict[PurchaseFactor, str] = {
    F.PRICE: "price prices budget expensive cheap cheaper discount 價格 價錢 報價 預算 貴 便宜 折扣",
    F.TOTAL_COST: "cost costs ownership energy bill running 成本 費用 電費 能耗 油費 人力成本",
    F.ADVANCEMENT: "advanced technology upgrade modern outdated feature features 先進 技術 升級 新功能 落後",
    F.COMPATIBILITY: "compatible compatibility connect integrate interface existing 兼容 相容 對接 介面 接口 現有 整合",
    F.EASE_OF_USE: "easy ease operate operators manual training learn users 操作 方便 好用 易用 手冊 說明書 培訓 學不會",
    F.STABILITY: "stable unstable downtime crash crashes reliable unreliable 穩定 停機 當機 死機 宕機 卡死",
    F.FAILURE_RATE: "failure failures fault faults break breaks breakdown broken 故障 壞 失效 出錯",
    F.AFTER_SALES_SERVICE: "service after-sales repair spare parts support maintenance 售後 維修 服務 響應 備品 配件",
    F.DELIVERY: "delivery deliveries late lead stock stockouts shipment 交期 交貨 延誤 延遲 缺貨 物流 出貨",
    F.QUALITY: "quality defect defects batch varies consistent 質量 品質 批次 不一致 不一樣 投訴",
    F.CONTRACT_TERMS: "payment contract terms warranty invoice 付款 合同 合約 條款 保固 保修 發票",
    F.RETURN_ON_INVESTMENT: "return payback productivity efficiency output yield 回報 效益 利潤 產能 效率 良率",
    F.RISK: "risk risks safety secure security compliance fraud audit 風險 安全 合規 事故 盜打 漏洞 認證",
    F.PORTABILITY: "light portable weight carry 輕 便攜 重量 攜帶",
    F.SCREEN_SIZE: "screen display 螢幕 屏幕 顯示",
    F.APPEARANCE: "look looks colour color design 外觀 顏色 好看 造型",
}
DEPTH_ORDER = {NeedDepth.ROOT: 0, NeedDepth.UNDERLYING: 1, NeedDepth.STATED: 2}


def _pattern(words: str) -> re.Pattern[str]:
    latin = [re.escape(w) for w in words.split() if w.isascii()]
    chinese = [re.escape(fold(w)) for w in words.split() if not w.isascii()]
    return re.compile("|".join([rf"\b(?:{'|'.join(latin)})\b", *chinese]))


_FACTOR_PATTERNS = {factor: _pattern(words) for factor, words in FACTOR_WORDS.items()}


class FactorSource(StrEnum):
    OWN = "own"  # the stakeholder's own, recorded
    FUNCTION = "function"  # their function's, from the settings


class PointKind(StrEnum):
    NEED = "need"  # a recorded need they stated, or one that concerns what they weigh
    PREFERENCE = "preference"  # what they care about, in their words
    FACTOR = "factor"  # a key purchase factor they weigh


@dataclass(frozen=True)
class TalkingPoint:
    """One thing to talk about with a stakeholder: a need (its id and statement, and whether they stated
    it themselves), a preference in their words, or a key purchase factor."""

    kind: PointKind
    text: str = ""
    factor: PurchaseFactor | None = None
    need: str | None = None
    own: bool = False


@dataclass(frozen=True)
class StakeholderBrief:
    """What a stakeholder weighs and what to say to them."""

    stakeholder: StakeholderFacts
    factors: tuple[PurchaseFactor, ...]
    source: FactorSource
    points: tuple[TalkingPoint, ...]


def key_factors(
    person: StakeholderFacts, settings: CoachSettings | None = None
) -> tuple[tuple[PurchaseFactor, ...], FactorSource]:
    """Their own key purchase factors when recorded (they override the function's), else their function's."""
    s = settings or CoachSettings()
    if person.factors:
        return tuple(dict.fromkeys(person.factors)), FactorSource.OWN
    return s.factors_of(person.function), FactorSource.FUNCTION


def need_concerns(need: NeedFacts, factors: Sequence[PurchaseFactor]) -> bool:
    """Whether the need's words concern one of `factors`."""
    folded = fold(need.statement)
    return any(_FACTOR_PATTERNS[f].search(folded) for f in factors)


def _worth_raising(need: NeedFacts, s: CoachSettings) -> bool:
    """Open or confirmed needs, not wants (a want recorded, or classified when not recorded)."""
    if need.status is NeedStatus.ADDRESSED:
        return False
    kind = (
        need.kind
        if need.kind not in (None, NeedKind.UNDECIDED)
        else classify_statement(need.statement, s).kind
    )
    return kind is not NeedKind.WANT


def brief(
    person: StakeholderFacts, needs: Sequence[NeedFacts], settings: CoachSettings | None = None
) -> StakeholderBrief:
    """The stakeholder's factors and talking points, at most `max_talking_points`: the needs they stated,
    their preferences, their factors, then the account's other needs that concern their factors (the
    deepest needs first)."""
    s = settings or CoachSettings()
    factors, source = key_factors(person, s)
    raised = sorted((n for n in needs if _worth_raising(n, s)), key=lambda n: DEPTH_ORDER[n.depth])
    own = [
        TalkingPoint(PointKind.NEED, n.statement, need=n.id, own=True)
        for n in raised
        if n.stakeholder == person.id
    ]
    others = [
        TalkingPoint(PointKind.NEED, n.statement, need=n.id)
        for n in raised
        if n.stakeholder != person.id and need_concerns(n, factors)
    ]
    preferences = [TalkingPoint(PointKind.PREFERENCE, p) for p in person.preferences if p.strip()]
    by_factor = [TalkingPoint(PointKind.FACTOR, factor=f) for f in factors]
    points = (*own, *preferences, *by_factor, *others)[: s.max_talking_points]
    return StakeholderBrief(person, factors, source, points)


def briefs(
    people: Sequence[StakeholderFacts], needs: Sequence[NeedFacts], settings: CoachSettings | None = None
) -> tuple[StakeholderBrief, ...]:
    """A brief for each stakeholder, in the order given."""
    return tuple(brief(p, needs, settings) for p in people)
