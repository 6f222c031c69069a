"""Price talk: price words, and concrete figures with currency, Chinese numerals or English number words."""

from __future__ import annotations

import re
from typing import NamedTuple

from kam.calls.costs import about_own_costs
from kam.calls.text import alternation, words

_ZH_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "兩": 2, "两": 2}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_EN_UNITS = {
    w: i
    for i, w in enumerate(
        words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen"
        )
    )
}
_EN_TENS = {
    w: 10 * (i + 2) for i, w in enumerate(words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_EN_SCALES = {"hundred": 100, "thousand": 1_000, "grand": 1_000, "million": 1_000_000, "billion": 10**9}
_SUFFIX_SCALE = {"k": 1_000, "m": 1_000_000, "千": 1_000, "百": 100, **_ZH_BIG, **_EN_SCALES}

_EN_NUMWORD = "|".join([*_EN_UNITS, *_EN_TENS, *_EN_SCALES])
_NUM_EN = rf"(?:(?:{_EN_NUMWORD}|a)[\s-]+(?:(?:and|point|{_EN_NUMWORD})[\s-]+)*)?(?:{_EN_NUMWORD})"
_NUM_AR = r"\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|million|thousand|billion|grand)\b|\s*[千百萬万億亿])?"
_ZH_NUMERAL = "零〇一二兩两三四五六七八九十百千萬万億亿點点"
_NUM_ZH = rf"[一二兩两三四五六七八九十][{_ZH_NUMERAL}]*"
_AMOUNT = rf"(?:{_NUM_AR}|{_NUM_ZH}|\b{_NUM_EN}\b)"
_CUR_BEFORE = (
    r"(?:us\$|nt\$|hk\$|s\$|\$|¥|￥|€|£|\b(?:rmb|usd|ntd|twd|eur|cny|hkd)\s*|"
    r"人民幣|人民币|新台幣|台幣|台币|美金|美元)"
)
_CUR_AFTER = (
    r"(?:\s*(?:dollars?|bucks|euros?|yuan|usd|rmb|ntd|twd|eur|cny)\b|"
    r"\s*(?:元|(?:塊|块)(?![兒儿去走來来做吃玩])|美元|美金|台幣|台币|人民幣|人民币))"
)
_NOT_MONEY = (
    rf"(?![\d{_ZH_NUMERAL}])(?!\s*(?:%|percent|tons?\b|噸|吨|台|個|个|units?\b|days?\b|天|年|months?\b|"
    r"個月|个月|years?\b|people|人|times|次|pcs|件|hours?|小時|小时|分鐘|分钟|minutes?))"
)
_PRICE_WORDS_EN = (
    r"\b(?:price|prices|pricing|priced|quote|quoted|quotation|discount|discounts|list price|"
    r"how much (?:is|does|will|would|are) (?:it|this|that|they|these|those|the \w+|your \w+)|"
    r"how much (?:would|will|do) (?:we|i) (?:pay|need to pay)|how much for|how much\s*[?？]|"
    r"costs?\b(?! you| us| them| the company)|cheaper|expensive|per seat|rate card)"
)
_PRICE_WORDS_ZH = alternation(
    "價格 價錢 報價 多少錢 單價 總價 折扣 優惠 費用 收費 售價 定價 價位 打折 便宜 報個價 開價 殺價 降價 "
    "漲價 什麼價"
)
_PER_UNIT = alternation("每噸 一噸 每台 一台 每套 一套 每月 每年 每個帳號 一個帳號")

_MENTION_RE = re.compile(rf"{_PRICE_WORDS_EN}|{_PRICE_WORDS_ZH}")
# Every quote or mention contains one of these literals (no leading \\b, so the scan is fast).
_ANCHOR_RE = re.compile(
    r"[$¥￥€£元塊块折%/]|rmb|usd|ntd|twd|eur|cny|hkd|dollar|buck|yuan|percent|per |a ton|price|pricing|quot|"
    r"discount|how much|cost|cheap|expensive|seat|rate card|"
    + alternation(
        "價格 價錢 報價 多少錢 單價 總價 折扣 優惠 費用 收費 售價 定價 價位 打折 便宜 報個價 開價 殺價 降價 漲價 "
        "什麼價 每 一噸 一台 一套 人民幣 台幣 美金 美元"
    )
)
_QUOTE_RES = [
    re.compile(rf"{_CUR_BEFORE}\s*(?P<a>{_AMOUNT})"),
    re.compile(rf"(?P<a>{_AMOUNT}){_CUR_AFTER}"),
    re.compile(
        rf"(?P<a>{_AMOUNT})\s*(?:/|per|a)\s*(?:ton|tonne|unit|seat|user|license|licence|month|year)\b",
    ),
    re.compile(
        rf"(?:{_PRICE_WORDS_EN}|{_PRICE_WORDS_ZH}|{_PER_UNIT})[^\d.?!。？！]{{0,12}}?(?P<a>{_AMOUNT}){_NOT_MONEY}",
    ),
]
_DISCOUNT_RES = [
    re.compile(r"(?P<d>[一二三四五六七八九]{1,2}|\d(?:\.\d)?)\s*折(?!扣)"),
    re.compile(
        r"(?P<p>\d+(?:\.\d+)?)\s*(?:%|percent)\s*(?:off|discount)|(?:discount|折扣|優惠|优惠)\D{0,10}?"
        r"(?P<q>\d+(?:\.\d+)?)\s*(?:%|percent)",
    ),
]
_AR_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(\S*)")


class PriceTalk(NamedTuple):
    """What a sentence says about price: a mention, and a concrete figure (a quote) if it states one."""

    mention: bool
    quote: bool
    amount: float | None


def parse_chinese_number(text: str) -> float | None:
    """五千八百 → 5800, 十二萬 → 120000, 一萬二 → 12000 (colloquial), 三點五萬 → 35000."""
    if not text:
        return None
    for mark in ("點", "点"):
        if mark in text:
            head, _, tail = text.partition(mark)
            scale = _ZH_BIG.get(tail[-1:], 1)
            digits = tail.rstrip("萬万億亿")
            if not digits or any(c not in _ZH_DIGITS for c in digits):
                return None
            whole = parse_chinese_number(head) or 0.0
            frac = float("0." + "".join(str(_ZH_DIGITS[c]) for c in digits))
            return (whole + frac) * scale
    total, section, number, last_unit = 0.0, 0.0, 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            number = _ZH_DIGITS[ch]
            continue
        if ch in _ZH_SMALL:
            unit = _ZH_SMALL[ch]
            section += (number or 1) * unit
            last_unit = unit
        elif ch in _ZH_BIG:
            unit = _ZH_BIG[ch]
            total += (section + number) * unit
            section, last_unit = 0.0, unit
        else:
            return None
        number = 0
    if number and last_unit >= 100 and text[-2] in _ZH_SMALL | _ZH_BIG:
        number = number * last_unit // 10
    return total + section + number


def parse_english_number(text: str) -> float | None:
    """'forty-eight thousand' → 48000, 'two point five million' → 2500000."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    total, current, decimals, in_frac = 0.0, 0.0, "", False
    for w in words:
        if w == "point":
            in_frac = True
        elif in_frac and w in _EN_UNITS and _EN_UNITS[w] < 10:
            decimals += str(_EN_UNITS[w])
        elif w in _EN_UNITS or w in _EN_TENS:
            current += _EN_UNITS.get(w, 0) + _EN_TENS.get(w, 0)
        elif w == "a":
            current += 1
        elif w in _EN_SCALES:
            value = (current or 1) + (float("0." + decimals) if decimals else 0)
            decimals, in_frac = "", False
            if _EN_SCALES[w] == 100:
                current = value * 100
            else:
                total += value * _EN_SCALES[w]
                current = 0
        else:
            return None
    return total + current + (float("0." + decimals) if decimals else 0)


def parse_amount(text: str) -> float | None:
    """A money amount in any of our notations; a discount like 九折 gives the price factor (0.9)."""
    s = text.strip().lower()
    for rx in _DISCOUNT_RES[:1]:
        m = rx.fullmatch(s)
        if m:
            return _discount_factor(m.group("d"))
    for rx in _QUOTE_RES[:2]:
        m = rx.search(s)
        if m:
            return _amount_value(m.group("a"))
    return _amount_value(s)


def _discount_factor(d: str) -> float:
    value = float(d) if d[0].isdigit() else float("".join(str(_ZH_DIGITS[c]) for c in d))
    return value / 10 if value < 10 else value / 100


def _amount_value(a: str) -> float | None:
    a = a.strip()
    m = _AR_RE.fullmatch(a)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _SUFFIX_SCALE.get(m.group(2).lower(), 1)
    if a[:1] in _ZH_DIGITS or a[:1] == "十":
        return parse_chinese_number(a.replace("两", "兩"))
    return parse_english_number(a)


_NO_PRICE = PriceTalk(mention=False, quote=False, amount=None)


def price_talk(sentence: str) -> PriceTalk:
    """Price mention and concrete quote in one sentence; 'it depends' mentions price without a figure.

    Talk about the customer's own costs or budget (電費, "our budget") is not price talk, figures and all.
    """
    sentence = sentence.lower()
    if _ANCHOR_RE.search(sentence) is None:
        return _NO_PRICE
    talk = _price_talk(sentence)
    return _NO_PRICE if talk.mention and about_own_costs(sentence) else talk


def _price_talk(sentence: str) -> PriceTalk:
    for rx in _QUOTE_RES:
        m = rx.search(sentence)
        if m:
            return PriceTalk(mention=True, quote=True, amount=_amount_value(m.group("a")))
    m = _DISCOUNT_RES[0].search(sentence)
    if m:
        return PriceTalk(mention=True, quote=True, amount=_discount_factor(m.group("d")))
    m = _DISCOUNT_RES[1].search(sentence)
    if m:
        pct = float(m.group("p") or m.group("q"))
        return PriceTalk(mention=True, quote=True, amount=1 - pct / 100)
    return PriceTalk(mention=_MENTION_RE.search(sentence) is not None, quote=False, amount=None)
