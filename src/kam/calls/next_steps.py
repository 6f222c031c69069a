"""Next steps: did the call end with someone agreeing to do something by a date?

A next step is a sentence in the closing part of the call that names an action (send, visit, call,
發, 寄, 帶, 安排, 報價 …) and a date or day (下週二, 明天, 月底前, "by Friday", "next week", "on the 12th").
Vague times ("as soon as possible", 回去就, 盡快) are no date; a negated, past or conditional sentence
(來不及, 上週已經寄了, 如果下週能交貨) commits no one. Who does it is the speaker, or the other side when
the speaker asks them ("could you send me the drawings by Monday?", 您下週把圖紙發給我).

It is agreed when stated and not refused by the other side's next sentence (不用了, "no need"), or,
when proposed as a question (您看下週二方便嗎？), when the other side's next sentence agrees (好, 可以,
"sure", "that works"). An action offered without a date (下次我帶顧問來, "when would be a good time to follow
up?") is an agreed next step when the other side's next sentence gives the date (好，下週二可以).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kam.calls.models import Sentence, Side
from kam.calls.questions import classify_question
from kam.calls.text import Lexicon, alternation

_WEEKDAY_ZH = r"(?:週|周|星期|禮拜|礼拜)[一二三四五六日天]"
_ZH_NUM = r"(?:\d{1,2}|[一二兩两三四五六七八九十]{1,3})"
_WHEN_ZH = (
    rf"(?<![上前每])(?:下|這|这|本)(?:個|个)?(?:{_WEEKDAY_ZH}|週|周|星期|禮拜|礼拜)|"
    rf"(?<![上前每下這这本個个]){_WEEKDAY_ZH}|(?<![上前每])(?:週末|周末)|"
    rf"(?<![上前每])(?:下|這|这|本)(?:個|个)?月(?:底|初|中)?|(?:月底|月初|年底|年前|節前|节前)|"
    rf"{alternation('明天 後天 大後天 明早 明晚 今晚 今天下午 今天晚上 今天下班前 今天之內 今天之内 今天就')}|"
    rf"{_ZH_NUM}(?:月){_ZH_NUM}(?:日|號|号)?|(?<![第])\d{{1,2}}(?:號|号|日)(?:之前|前)?|"
    rf"{_ZH_NUM}(?:天|個工作日|个工作日|週|周|個星期|个星期)(?:內|内|之內|之内|以內|以内)|"
    rf"(?:上午|下午|早上|晚上|中午){_ZH_NUM}(?:點|点)"
)
_DAY_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri)"
_MONTH_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_NUMBER_EN = r"(?:a|one|two|three|four|five|six|seven|\d{1,2})"
_WHEN_EN = (
    rf"\b(?:(?<!last )(?<!past ){_DAY_EN}(?:day)?\b|tomorrow|tonight|later today|by today|this (?:afternoon|evening)|"
    r"(?:next|this|coming) (?:week|month|quarter)|end of (?:the |this |next )?(?:day|week|month|quarter)|"
    r"eod|eow|"
    rf"within {_NUMBER_EN} (?:business |working )?(?:days?|weeks?|hours?)|in {_NUMBER_EN} (?:days?|weeks?)|"
    rf"{_MONTH_EN}\.? \d{{1,2}}(?:st|nd|rd|th)?|(?:on|by) the \d{{1,2}}(?:st|nd|rd|th)|\d{{1,2}}/\d{{1,2}}|"
    r"at \d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock))\b"
)
_WHEN = Lexicon(_WHEN_EN, _WHEN_ZH)
# every date above contains one of these: a plain pattern, much cheaper than the dates, rules most out
_WHEN_GATE = Lexicon(
    r"day|tomorrow|tonight|week|month|quarter|eod|eow|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|"
    r"wed|thu|fri|\d|o'clock",
    r"[週周期拜月天明晚號号日內内點点末底初年節节]",
)
# "today" is a date only for what is still to be done ("I will send it today", not "thanks for today")
_TODAY_RE = re.compile(r"\btoday\b")
_FUTURE_EN_RE = re.compile(r"\b(?:will|shall|going to|gonna|let me|let's)\b|'ll\b")
# An action offered without a date ("下次我帶顧問來", "when would be a good time to follow up?") becomes a
# next step when the other side answers with a date ("好，下週二可以", "next Tuesday works").
_OFFER_RE = re.compile(
    r"\b(?:will|shall|can|could|let me|let's|when)\b|'ll\b|"
    + alternation("下次 回頭 回头 回去 改天 之後 之后 再 可以 什麼時候 什么时候 哪天 幾號 几号")
)

_ACTION_EN = (
    r"\b(?:send|email|e-mail|mail|ship|call|ring|phone|visit|come (?:by|over|back|and see)|drop by|stop by|"
    r"bring|arrange|set up|schedule|book|meet|follow up|get back|circle back|confirm|deliver|prepare|draft|"
    r"put together|present|demo|start (?:a|the) (?:trial|pilot)|run (?:a|the) (?:trial|test|pilot)|sign|review|"
    r"check|introduce|connect|talk again|speak again|catch up|work for you|works for you|suit you|suits you|"
    r"are you (?:free|available)|how about|see you)\b"
)
_ACTION_ZH = alternation(
    "發給 发给 發過 发过 寄 送過 送过 送到 給您 给您 給你 给你 帶 带 安排 確認 确认 約 约 拜訪 拜访 過來 过来 過去 过去 "
    "碰個面 碰个面 碰一下 見面 见面 見個面 见个面 開會 开会 打電話 打电话 回覆 回复 答覆 答复 提供 準備 准备 整理 報價 报价 "
    "試用 试用 試單 试单 下單 下单 簽 签 演示 參觀 参观 聯繫 联系 跟進 跟进 交給 交给 提交 討論 讨论 上門 上门 "
    "回您 回你 通知 傳給 传给 匯報 汇报 方便 有空 有時間 有时间"
)
_ACTION = Lexicon(_ACTION_EN, _ACTION_ZH)

_NEGATED_RE = re.compile(
    r"\b(?:can't|cannot|can not|won't|will not|unable|not able|don't|do not|didn't|no need|never)\b|"
    + alternation(
        "沒辦法 没办法 沒法 没法 來不及 来不及 沒空 没空 沒時間 没时间 沒有時間 没有时间 不用 不必 不要 暫時不 暂时不"
    )
    + r"|(?<!能)不能|(?<![會会])不[會会]"  # 能不能 and 會不會 ask; they do not refuse
)
_PAST_RE = re.compile(
    r"\b(?:last|ago|yesterday|already)\b|"
    + alternation("上週 上周 上個 上个 上次 昨天 前天 已經 已经 剛才 刚才 之前已")
)
_COURTESY_RE = re.compile(
    r"\bif (?:that|it)(?:'s| is)? (?:ok|okay|fine|alright|convenient|works|suits)(?: for you)?\b|"
    r"\bif you (?:like|want|prefer|agree)\b|"
    + alternation("如果方便的話 如果方便的话 方便的話 方便的话 可以的話 可以的话 不介意的話 不介意的话 您看")
)
_CONDITIONAL_RE = re.compile(
    r"\b(?:if|unless|in case|would have)\b|" + alternation("如果 要是 假如 萬一 万一 只要 的話 的话")
)
_OTHER_DOES_EN_RE = re.compile(
    r"^(?:\w+[,\s]+){0,3}?(?:(?:can|could|will|would) you|you(?:'ll| will| could| can))\b"
)
_PRONOUN_ZH_RE = re.compile(r"(?<![給给跟向幫帮為为找陪和])(?:您|你們|你们|你)|我們|我们|咱們|咱们|我")

_AGREE_ZH = "沒問題 没问题 一言為定 一言为定 就這麼 就这么 就這樣 就这样 那就 當然 当然 麻煩 麻烦 謝謝 谢谢 期待 等你 等您"
_REFUSE_ZH = (
    "不用 不必 先不 不行 不太方便 不方便 不了 算了 再說 再说 以後再 以后再 暫時不 暂时不 沒必要 没必要 "
    "這個不急 这个不急 別 别"
)
_AGREE_RE = re.compile(
    r"^(?:yes|yeah|yep|sure|ok|okay|fine|great|perfect|sounds good|that works|works for me|deal|absolutely|"
    r"of course|definitely|certainly|please do|looking forward|thanks|thank you|good|alright|all right)\b|"
    rf"^(?:嗯[，,\s]*)?(?:好(?![像久多幾几])|行|可以|對(?!了)|对(?!了)|{alternation(_AGREE_ZH)})"
)
_REFUSE_RE = re.compile(
    r"^(?:no\b(?! problem| worries)|nope|not (?:now|yet|necessary|needed)|no need|don't|do not|let's not|"
    r"i'd rather not|maybe later|hold off|not sure)|"
    rf"^(?:嗯[，,\s]*)?(?:{alternation(_REFUSE_ZH)})"
)


@dataclass(frozen=True, slots=True)
class NextStep:
    """Who does what by when: the sentence, its speaker, the side that does it, the date said, agreed or not."""

    at_s: float
    speaker: str
    owner: Side
    when: str
    text: str
    agreed: bool


def _owner(sentence: str, speaker: Side) -> Side:
    """The speaker's side, or the other side when the speaker asks them to act."""
    other = Side.CUSTOMER if speaker is Side.SALES else Side.SALES
    if sentence.isascii():
        return other if _OTHER_DOES_EN_RE.search(sentence) else speaker
    first = _PRONOUN_ZH_RE.search(sentence)
    return other if first is not None and first.group(0)[0] in "您你" else speaker


def _date(s: str) -> re.Match[str] | None:
    when = None if _WHEN_GATE.search(s) is None else _WHEN.search(s)
    if when is None and _FUTURE_EN_RE.search(s):
        when = _TODAY_RE.search(s)
    return when


def _commits(s: str) -> bool:
    """Neither negated, past nor conditional (a courtesy 'if that works for you' is no condition)."""
    if _NEGATED_RE.search(s) or _PAST_RE.search(s):
        return False
    return _CONDITIONAL_RE.search(_COURTESY_RE.sub(" ", s)) is None


def _said(sentence: str, s: str, when: re.Match[str]) -> str:
    return sentence[when.start() : when.end()] if len(s) == len(sentence) else str(when.group(0))


def _read(sentence: str) -> tuple[str | None, bool]:
    """(the date a sentence commits someone by, or None; whether it offers an action without a date)."""
    s = sentence.lower()
    if _ACTION.search(s) is None:  # the cheap test first: most sentences name no action
        return None, False
    when = _date(s)
    if not _commits(s):
        return None, False
    if when is None:
        return None, _OFFER_RE.search(s) is not None
    return _said(sentence, s, when), False


def commitment_date(sentence: str) -> str | None:
    """The date said in a sentence that commits someone to an action by then, or None."""
    return _read(sentence)[0]


def offered(sentence: str) -> bool:
    """An action offered or asked for without a date: 下次我帶顧問來, "when can I follow up?"."""
    return _read(sentence)[1]


class NextStepFinder:
    """Reads the sentences of a call in order from `from_s` on and keeps each commitment with whether the
    other side agreed: resolved by the other side's next sentence, or at the end of the call."""

    def __init__(self, from_s: float) -> None:
        self.from_s = from_s
        self.found: list[NextStep] = []
        self._pending: list[tuple[Sentence, str, bool]] = []
        self._offer: Sentence | None = None

    def said(self, sentence: Sentence) -> None:
        date, offer = (None, False) if sentence.start_s < self.from_s else _read(sentence.text)
        if self._pending and sentence.side is not self._pending[0][0].side:
            reply = sentence.text.strip().lower()
            refused = _REFUSE_RE.search(reply) is not None
            agreed = not refused and _AGREE_RE.search(reply) is not None
            for step, when, asked in self._pending:
                self._keep(step, when, agreed=agreed if asked else not refused)
            self._pending.clear()
        if self._offer is not None and sentence.side is not self._offer.side:
            self._answer_offer(sentence, dated=date is not None)
        if sentence.start_s < self.from_s:
            return
        if date is not None:
            self._pending.append((sentence, date, classify_question(sentence.text) is not None))
        elif offer:
            self._offer = sentence

    def _answer_offer(self, reply: Sentence, *, dated: bool) -> None:
        """The other side's answer to an undated offer: a date, unless it refuses, makes it a next step
        (a reply that commits by itself is its own next step)."""
        offer, self._offer = self._offer, None
        said = reply.text.lower()
        when = _date(said)
        if offer is None or dated or when is None or _REFUSE_RE.search(said.strip()) or not _commits(said):
            return
        owner = _owner(offer.text.lower(), offer.side)
        self.found.append(
            NextStep(offer.start_s, offer.speaker, owner, _said(reply.text, said, when), offer.text, True)
        )

    def finish(self) -> tuple[NextStep, ...]:
        for step, when, asked in self._pending:
            self._keep(step, when, agreed=not asked)
        self._pending.clear()
        return tuple(self.found)

    def _keep(self, sentence: Sentence, when: str, *, agreed: bool) -> None:
        owner = _owner(sentence.text.lower(), sentence.side)
        self.found.append(NextStep(sentence.start_s, sentence.speaker, owner, when, sentence.text, agreed))
