"""Questions by sales: asked or not, open or closed, SPIN type, and why-questions for the five whys."""

from __future__ import annotations

import re
from typing import NamedTuple

from kam.calls.text import Lexicon, alternation
from kam.domain.calls import SpinType

_EN_WH = r"what|what's|whats|how|why|when|where|who|which|whose"
_EN_AUX = (
    r"do|does|did|are|is|was|were|can|could|would|will|should|have|has|had|may|might|shall|isn't|aren't|"
    r"don't|doesn't|didn't|won't|wouldn't|can't|couldn't|haven't|hasn't"
)
_EN_INVITE = (
    r"tell (?:me|us)|walk (?:me|us) through|describe|explain|help (?:me|us) understand|talk (?:me|us) through|"
    r"share with (?:me|us)|talk (?:a bit |a little )?about|say (?:a bit |a little )?more|elaborate|expand on|"
    r"give (?:me|us) an? (?:overview|idea|sense|picture)"
)
# Polite requests to talk ("would you mind walking me through", "do you know who") ask openly.
_EN_REQUEST = (
    rf"(?:could|can|would) you (?:please )?(?:{_EN_INVITE})|"
    r"would you mind (?:telling|walking|talking|explaining|describing|sharing)|"
    r"(?:do|would) you (?:happen to )?know (?:who|what|how|why|when|where|which)"
)
_LEAD = r"^(?:(?:so|and|but|okay|ok|well|right|alright|now|then|great|also|just|um|uh|and so)[,\s]+)*"
_EN_OPEN_START_RE = re.compile(
    rf"{_LEAD}(?:{_EN_WH}|{_EN_INVITE}|in what way|{_EN_REQUEST})\b",
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
    "什麼 為什麼 為何 怎麼 怎樣 如何 哪些 哪家 哪個 哪裡 哪種 哪一 哪位 誰 谁 多少 幾個 幾家 幾年 幾台 幾噸 "
    "多久 請談談 談談 說說 聊聊 講講 讲讲 "
    "介紹一下你們 介紹一下貴公司"
)
# A polite request to talk (能不能介紹一下…, 可以說說…, 麻煩您講講…) asks openly, though 能不能 or a final 嗎
# would make it a yes/no question; "我們可以介紹一下" (we can present) is no request: its subject is us.
_ZH_TELL = "介紹 說說 講講 讲讲 談談 聊聊 分享 描述 解釋 解释 說明 講一下 讲一下 說一下 展開 展开"
_ZH_TELL_RE = re.compile(alternation(_ZH_TELL))  # a cheap gate: every request to talk has one
_ZH_REQUEST_RE = re.compile(
    rf"(?<![我們们咱])(?:{alternation('能不能 可不可以 可以 能否 能 麻煩 請 方便 想請 想请')})\s*"
    rf"(?:{alternation('您 你')})?(?:{alternation('再 先 稍微 簡單 简单 詳細 详细 具體 具体')})?(?:地)?"
    rf"(?:(?:{alternation('給 跟 幫 和 為 向')})(?:{alternation('我們 我')}))?"
    rf"(?:{alternation('再 先 稍微 簡單 简单 詳細 详细 具體 具体')})?(?:地)?"
    rf"(?:{alternation(_ZH_TELL)})"
    rf"(?!一下我們|一下我们|我們|我们)"
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


# Who takes part in the decision, who decides or signs off: a question about the decision chain. Approval
# words stay out: "審批" and "approval" are as often a step of the customer's own workflow.
_DECISION_CHAIN = Lexicon(
    r"\b(?:who|whom|whose|decision|decisions|decide|decides|decided|deciding|decision-maker|sign(?:s|ed)? off|"
    r"sign-off|final say|final call|buying process|purchasing process|procurement process|budget holder|"
    r"stakeholders?)\b",
    alternation(
        "誰 谁 哪位 哪些人 決定 决定 決策 决策 拍板 說了算 说了算 負責 负责 參與 参与 採購流程 采购流程 決策鏈 决策链"
    ),
)
_POLITE_RE = re.compile(alternation("麻煩您 麻煩你 麻烦您 麻烦你"))  # "please", not a problem (麻煩)
_EN_TELL_IF_RE = re.compile(r"\btell (?:me|us) (?:if|whether)\b")


class QuestionKind(NamedTuple):
    """How a sentence asks: open or closed, its SPIN type if any, whether it asks why, and whether it asks
    about the decision chain (who is involved, who decides, signs or approves)."""

    open: bool
    spin: SpinType | None
    why: bool
    decision_chain: bool = False


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
            _ZH_TELL_RE,
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
    request_zh = not ascii_only and _ZH_TELL_RE.search(s) is not None and _ZH_REQUEST_RE.search(s) is not None
    tagged = _EN_TAG_RE.search(s, max(0, len(s) - 80)) is not None
    asks = (
        marked
        or tagged
        or open_en
        or closed_en
        or closed_zh
        or open_zh
        or request_zh
        or s.rstrip("?？")[-1:] in "呢嗎吗"
    )
    if not asks or (not marked and not tagged and _is_statement_use(s, open_en)):
        return None
    is_open = (open_en and _EN_TELL_IF_RE.search(s) is None) or open_zh or request_zh
    if marked and not (open_en or closed_en or closed_zh or open_zh or request_zh):
        is_open = _EN_WH_RE.search(s) is not None and not closed_zh
    why = _WHY_RE.search(s) is not None
    spin = spin_type(_POLITE_RE.sub("", s) if request_zh else s)
    if why and spin in (None, SpinType.SITUATION):
        spin = SpinType.PROBLEM  # asking why digs into a problem (the five whys)
    return QuestionKind(
        open=is_open, spin=spin, why=why, decision_chain=_DECISION_CHAIN.search(s) is not None
    )


_STATEMENT_RE = re.compile(
    r"^(?:what|how|why|when|where|who)\b.{0,12}\b(?:we|i)\s+(?:do|did|have|can)\b", re.IGNORECASE
)
_ZH_STATEMENT_RE = re.compile(
    alternation(
        "沒什麼 不怎麼 沒多少 什麼都 多少有 不知道為什麼 不知道怎麼 怎麼說呢 誰都 谁都 誰也 谁也 不管誰 不管谁"
    )
)


def _is_statement_use(sentence: str, open_en: bool) -> bool:
    """'What we do is ...' or '沒什麼問題' uses a question word but states."""
    if open_en:
        return _STATEMENT_RE.match(sentence) is not None
    return _ZH_STATEMENT_RE.search(sentence) is not None
