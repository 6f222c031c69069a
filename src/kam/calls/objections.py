"""Objections: what a customer says against buying, so the coach can report how each was met.

A customer sentence is an objection of one kind: happy with the supplier they have or no plan to change
(暫時沒有換的打算, "we are happy with our supplier"), no need, no budget ("not in the budget this year"),
too expensive, or not now. Keyword rules in both Chinese scripts and English; a negated phrase ("we are
not happy with our supplier", 合作得不好) is a problem to dig into, not an objection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kam.calls.text import Lexicon, alternation


class ObjectionKind(StrEnum):
    """The kinds of objection the coach tells apart, each met differently."""

    STATUS_QUO = "status_quo"
    NO_NEED = "no_need"
    BUDGET = "budget"
    PRICE = "price"
    TIMING = "timing"


@dataclass(frozen=True, slots=True)
class Objection:
    """A customer sentence that objects, its kind and when it was said."""

    kind: ObjectionKind
    at_s: float
    speaker: str
    text: str


_HAPPY = r"(?:happy|satisfied|fine|ok|okay|content|comfortable|good)"
_SUPPLIER = (
    r"(?:supplier|suppliers|vendor|vendors|provider|providers|partner|solution|system|setup|mill|mills)"
)
_NOT_BEFORE = r"(?<!不)(?<!沒)(?<!没)(?<!不是)(?<!並不)(?<!并不)(?<!不算)"
_RULES: dict[ObjectionKind, tuple[str, str]] = {
    ObjectionKind.STATUS_QUO: (
        rf"\b(?:we're|we are|i'm|i am)\s+(?:very |quite |pretty |really |perfectly )?{_HAPPY} with "
        rf"(?:our|the|my) (?:current |existing |present )?{_SUPPLIER}\b|"
        rf"\b(?:not|no plans?) (?:looking |planning )?to (?:change|switch|replace)\b|"
        rf"\bwe (?:already )?have an? (?:supplier|vendor|provider)\b|\bwe already (?:have|use|work with)\b|"
        rf"\blocked into\b|"
        rf"\bno reason to (?:change|switch)\b|\b(?:it|this|that) works (?:fine|well) for us\b",
        "暫時沒有換的打算 沒有換的打算 没有换的打算 暂时没有换的打算 沒打算換 没打算换 不打算換 不打算换 不考慮換 不考虑换 "
        "不想換 不想换 沒必要換 没必要换 已經有供應商 已经有供应商 有固定的供應商 有固定的供应商 已經有了 已经有了 "
        "合作得很好 合作得挺好 合作得不錯 合作得不错 合作得很愉快 合作很愉快 用得很好 用得挺好 用得很習慣 用得很习惯",
    ),
    ObjectionKind.NO_NEED: (
        r"\b(?:we|i) (?:don't|do not|really don't) (?:need|see the need|have a need)\b|\bno need for\b|"
        r"\bnot (?:something|a thing) we need\b|\bwe have no use for\b",
        "不需要 用不到 用不上 沒必要 没必要 沒這個需求 没这个需求 沒有這個需求 没有这个需求",
    ),
    ObjectionKind.BUDGET: (
        r"\bnot in (?:the|our|this year's) budget\b|\bno budget\b|\b(?:don't|do not) have (?:the |a |any )?budget\b|"
        r"\bbudget (?:is|was|has been) (?:already )?(?:spent|allocated|used up|frozen|cut|tight|gone)\b|"
        r"\bout of budget\b|\bover (?:our|the) budget\b|\bcan't afford\b|\bcannot afford\b",
        "沒有預算 没有预算 沒預算 没预算 預算不夠 预算不够 預算用完 预算用完 預算很緊 预算很紧 預算緊張 预算紧张 "
        "不在預算 不在预算 沒編預算 没编预算 超出預算 超出预算 超預算 超预算 預算已經 预算已经",
    ),
    ObjectionKind.PRICE: (
        r"\b(?:too|very|quite|rather|really) (?:expensive|pricey|costly)\b|\bcheaper (?:elsewhere|offers?)\b|"
        r"\b(?:price|prices|pricing|quote) (?:is|are|seems?) (?:too |a bit |rather )?high\b|"
        r"\b(?:others|competitors?) (?:are|is) cheaper\b",
        f"{_NOT_BEFORE}太貴 {_NOT_BEFORE}太贵 價格太高 价格太高 偏貴 偏贵 有點貴 有点贵 比較貴 比较贵 "
        "別家更便宜 别家更便宜 別家便宜 别家便宜 報價太高 报价太高",
    ),
    ObjectionKind.TIMING: (
        r"\bnot (?:right )?now\b|\bnot a priority\b|\bmaybe next (?:year|quarter)\b|\bcome back (?:later|next)\b|"
        r"\b(?:bad|wrong) time\b|\bnot (?:this|the right) (?:year|quarter|time)\b|\btoo (?:early|soon)\b|"
        r"\bhold off\b|\bput (?:it|this) on hold\b",
        "明年再說 明年再说 以後再說 以后再说 再說吧 再说吧 現在不是時候 现在不是时候 暫時不考慮 暂时不考虑 "
        "過段時間再 过段时间再 先放一放 不急 還早 还早",
    ),
}


def _zh(words: str) -> str:
    """Chinese keywords in both scripts; a word may start with a lookbehind guard (kept as it is)."""
    parts = []
    for word in words.split():
        guard, _, plain = word.rpartition(")")
        parts.append(f"{guard})(?:{alternation([plain])})" if guard else alternation([plain]))
    return "|".join(parts)


_OBJECTIONS = Lexicon(
    "|".join(rf"(?P<{kind.name}>{en})" for kind, (en, _) in _RULES.items()),
    "|".join(rf"(?P<{kind.name}>{_zh(zh)})" for kind, (_, zh) in _RULES.items()),
)
# Every objection contains one of these words. Plain alternations of words are several times faster than
# the rules' grouped patterns and rule out most sentences; a new rule must keep to them (the tests check).
_GATE = Lexicon(
    r"happy|satisf|content with|comfortable with|fine with|ok with|okay with|good with|to change|to switch|"
    r"to replace|already|locked|no reason|works fine|works well|n't need|not need|the need|no need|we need|"
    r"no use|budget|afford|expensive|pricey|costly|cheaper| high|not now|right now|priorit|next year|"
    r"next quarter|come back|bad time|wrong time|right time|this year|this quarter|too early|too soon|hold off|"
    r"on hold",
    alternation(" ".join(zh.replace(_NOT_BEFORE, "") for _, zh in _RULES.values())),
)
_NEGATED_EN_RE = re.compile(r"\b(?:not|never|no longer|isn't|aren't|wasn't|weren't)\s+(?:\w+\s+){0,2}$")


def objection_kind(sentence: str) -> ObjectionKind | None:
    """The kind of objection a customer's sentence raises, or None; the first kind found wins."""
    s = sentence.lower()
    if _GATE.search(s) is None:
        return None
    for m in _OBJECTIONS.finditer(s):
        if m.lastgroup is None or (m.group(0).isascii() and _NEGATED_EN_RE.search(s, 0, m.start())):
            continue
        return ObjectionKind[m.lastgroup]
    return None
