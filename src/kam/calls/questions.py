"""Questions by sales: asked or not, open or closed, SPIN type, and why-questions for the five whys."""

from __future__ import annotations

import re
from typing import NamedTuple

from kam.calls.text import alternation
from kam.domain.calls import SpinType

_EN_WH = r"what|what's|whats|how|why|when|where|who|which|whose"
_EN_AUX = (
    r"do|does|did|are|is|was|were|can|could|would|will|should|have|has|had|may|might|shall|isn't|aren't|"
    r"don't|doesn't|didn't|won't|wouldn't|can't|couldn't|haven't|hasn't"
)
_EN_INVITE = r"tell me|walk me through|describe|explain|help me understand|talk me through|share with me"
_LEAD = r"^(?:(?:so|and|but|okay|ok|well|right|alright|now|then|great|also|just|um|uh|and so)[,\s]+)*"
_EN_OPEN_START_RE = re.compile(
    rf"{_LEAD}(?:{_EN_WH}|{_EN_INVITE}|in what way|(?:could|can|would) you (?:please )?(?:{_EN_INVITE}))\b",
)
_EN_CLOSED_START_RE = re.compile(
    rf"{_LEAD}(?:{_EN_AUX})\s+(?:you|your|we|they|it|there|that|this|i|he|she|the|any|anyone)\b",
)
_EN_TAG_RE = re.compile(
    r"\b(?:right|correct|isn't it|don't you|aren't you|is that right|yes or no|"
    r"(?:would|will|could|does|do|is) (?:that|it|this) "
    r"(?:help|work|make sense|be (?:useful|helpful|ok|okay)))"
    r"\s*[?？]?$",
)

_ZH_CLOSED = "是不是 有沒有 會不會 能不能 可不可以 要不要 對不對 好不好 是否 有無 行不行"
_ZH_OPEN = (
    "什麼 為什麼 為何 怎麼 怎樣 如何 哪些 哪家 哪個 哪裡 哪種 哪一 多少 幾個 幾家 幾年 幾台 幾噸 多久 "
    "請談談 談談 說說 聊聊  "
    "介紹一下你們 介紹一下貴公司"
)
_ZH_CLOSED_RE = re.compile(
    rf"(?:{alternation(_ZH_CLOSED)})|(?P<ab>[\u4e00-\u9fff])不(?P=ab)|[嗎吗][?？!！。]*$"
)
_ZH_OPEN_RE = re.compile(rf"{alternation(_ZH_OPEN)}|(?<![很許许好差])多(?:大|長|长|遠|远|高)")
_ZH_TAIL_RE = re.compile(r"[呢嗎吗][?？]*$")
_QMARK_RE = re.compile(r"[?？]")
_WHY_RE = re.compile(
    r"\bwhy\b|\bhow come\b|what(?:'s| is) the reason|what (?:makes|made|causes|caused)|"
    + alternation("為什麼 為何 怎麼會 什麼原因 原因是"),
)

_SPIN_WORDS: dict[SpinType, tuple[str, str]] = {
    SpinType.NEED_PAYOFF: (
        r"would it help|would that help|how would (?:that|it) help|"
        r"how (?:would|could) .{0,30}\b(?:help|benefit|save)|what would it mean|"
        r"what would (?:that|it) (?:be worth|mean|do for)|if (?:you|we) could|would it be useful|"
        r"how useful|how valuable|worth|benefit|payoff|what if we|solve|"
        r"would (?:an?|the|that|it|this) [\w\s-]{0,30}\bhelp",
        "如果能 要是能 假如能 如果可以 有什麼幫助 有幫助 好處 價值 值得 能省 省下 效益 解決",
    ),
    SpinType.IMPLICATION: (
        r"impact|affect|effect on|cost you|costing|consequence|lead to|leads to|result in|mean for|"
        r"what happens (?:when|if)|how often does that|knock-on|lose|losing|lost|downtime|penalt",
        "影響 導致 後果 損失 造成 代價 耽誤 結果會 停工 停機 客訴 退貨 罰款",
    ),
    SpinType.PROBLEM: (
        r"problem|issue|challenge|difficult|hard to|unhappy|satisfied|concern|pain|complain|frustrat|worr|"
        r"struggl|delay|late|slow|fail|go wrong|goes wrong|bottleneck|not working|dissatisf",
        "問題 困難 麻煩 不滿 滿意 擔心 痛點 抱怨 挑戰 難用 很難 難操作 不好用 難上手 頭痛 "
        "困擾 延遲 不夠 出錯 故障 不穩定",
    ),
    SpinType.SITUATION: (
        r"currently|today|right now|at the moment|how many|how much do you|which|"
        r"who (?:is|are|makes|decides)|"
        r"what (?:system|systems|software|supplier|suppliers|volume|process|tools?)|do you use|are you using|"
        r"volume|process|how long have|how do you|what do you|what (?:are|is) (?:you|your)|tell me about|"
        r"walk me through|describe",
        (
            "目前 現在 現有 現行 多少 哪家 哪個 哪些 用什麼 規模 流程 多久 幾個 幾家 幾年 用量 供應商 "
            "怎麼做 怎麼處理 介紹一下你們 介紹一下貴公司"
        ),
    ),
}
# One pass finds every SPIN cue; the highest-priority type present wins (need-payoff first).
_SPIN_RE = re.compile(
    "|".join(rf"(?P<{spin.name}>\b(?:{en})|{alternation(zh)})" for spin, (en, zh) in _SPIN_WORDS.items())
)
_SPIN_EN_RE = re.compile("|".join(rf"(?P<{spin.name}>\b(?:{en}))" for spin, (en, _) in _SPIN_WORDS.items()))
_SPIN_PRIORITY = {spin.name: (rank, spin) for rank, spin in enumerate(_SPIN_WORDS)}


def spin_type(sentence: str) -> SpinType | None:
    """The SPIN type of a lower-cased question, or None when it has no SPIN cue."""
    rx = _SPIN_EN_RE if sentence.isascii() else _SPIN_RE
    found = [_SPIN_PRIORITY[m.lastgroup] for m in rx.finditer(sentence) if m.lastgroup]
    return min(found)[1] if found else None


class QuestionKind(NamedTuple):
    """How a sentence asks: open or closed, its SPIN type if any, and whether it asks why."""

    open: bool
    spin: SpinType | None
    why: bool


_ANY_CUE_RE = re.compile(
    "|".join(
        f"(?:{rx.pattern})"
        for rx in (
            _QMARK_RE,
            _EN_OPEN_START_RE,
            _EN_CLOSED_START_RE,
            _ZH_CLOSED_RE,
            _ZH_OPEN_RE,
            _ZH_TAIL_RE,
            _EN_TAG_RE,
        )
    ),
)
_ANY_EN_CUE_RE = re.compile(
    "|".join(f"(?:{rx.pattern})" for rx in (_QMARK_RE, _EN_OPEN_START_RE, _EN_CLOSED_START_RE, _EN_TAG_RE))
)
_EN_WH_RE = re.compile(rf"\b(?:{_EN_WH})\b")


def classify_question(sentence: str) -> QuestionKind | None:
    """None if the sentence does not ask; question marks are optional (ASR text has none)."""
    s = sentence.strip().lower()
    ascii_only = s.isascii()
    if not s or (_ANY_EN_CUE_RE if ascii_only else _ANY_CUE_RE).search(s) is None:
        return None
    marked = _QMARK_RE.search(s) is not None
    open_en = _EN_OPEN_START_RE.match(s) is not None
    closed_en = not open_en and _EN_CLOSED_START_RE.match(s) is not None
    closed_zh = not ascii_only and _ZH_CLOSED_RE.search(s) is not None
    open_zh = not ascii_only and not closed_zh and _ZH_OPEN_RE.search(s) is not None
    tagged = _EN_TAG_RE.search(s, max(0, len(s) - 80)) is not None
    asks = (
        marked or tagged or open_en or closed_en or closed_zh or open_zh or s.rstrip("?？")[-1:] in "呢嗎吗"
    )
    if not asks or (not marked and not tagged and _is_statement_use(s, open_en)):
        return None
    is_open = open_en or open_zh
    if marked and not (open_en or closed_en or closed_zh or open_zh):
        is_open = _EN_WH_RE.search(s) is not None and not closed_zh
    return QuestionKind(open=is_open, spin=spin_type(s), why=_WHY_RE.search(s) is not None)


_STATEMENT_RE = re.compile(
    r"^(?:what|how|why|when|where|who)\b.{0,12}\b(?:we|i)\s+(?:do|did|have|can)\b", re.IGNORECASE
)
_ZH_STATEMENT_RE = re.compile(
    alternation("沒什麼 不怎麼 沒多少 什麼都 多少有 不知道為什麼 不知道怎麼 怎麼說呢")
)


def _is_statement_use(sentence: str, open_en: bool) -> bool:
    """'What we do is ...' or '沒什麼問題' uses a question word but states."""
    if open_en:
        return _STATEMENT_RE.match(sentence) is not None
    return _ZH_STATEMENT_RE.search(sentence) is not None
