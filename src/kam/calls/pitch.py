"""Pitch detection: sales statements that name a product or use presenting language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kam.calls.text import alternation

_PRESENT_EN = (
    r"\bour (?:new |latest |own )?(?:products?|solutions?|platform|system|software|services?|offering|"
    r"terminals?|range|product line|modules?|package|features?|technology|app)\b|"
    r"\blet me (?:show|introduce|walk you through our|present|demo|tell you about (?:our|the)|"
    r"(?:briefly )?(?:tell you|explain) (?:briefly )?(?:how|what) we)\b|"
    r"\bwe (?:offer|provide|can provide|can offer|supply|deliver)\b|"
    r"\bit (?:comes with|includes|supports|features)\b|\bkey (?:benefits|features)\b|\bbest[- ]in[- ]class\b|"
    r"\bindustry[- ]leading\b|\bunlike (?:our )?competitors\b|\bwe are the (?:only|leading|largest)\b"
)
_PRESENT_ZH = alternation(
    "我們的產品 我們的方案 我們的系統 我們的平台 我們的解決方案 我們的服務 我們家的 我們公司的產品 "
    "給您介紹 跟您介紹 為您介紹 幫您介紹 介紹一下我們  "
    "我們可以提供 我們提供 我們的優勢 優勢在於 演示一下 示範一下 我們這款 這款產品 我們的新款 "
    "我們的終端 我們的鋼材 我們的軟體"
)
# "I'm Tom from CloudLedger" or "我是遠東鋼鐵的張志明" names the company, it does not present the product.
_SELF_INTRO_RE = re.compile(
    r"^(?:hi|hello|good (?:morning|afternoon)|[^,.]{0,20}[,，])?[\s,]*(?:i'm|i am|this is|my name is)\b"
    r".{0,40}\b(?:from|with)\b|^(?:[^，。]{0,10}[，,])?(?:我是(?![說说])|我叫|敝姓)[^，。]{0,20}的",
)
_PRESENT_RE = re.compile(rf"{_PRESENT_EN}|{_PRESENT_ZH}")
_PRESENT_EN_RE = re.compile(_PRESENT_EN)


@lru_cache(maxsize=64)
def _product_re(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [t.strip().lower() for t in terms if t.strip()]
    if not words:
        return None
    parts = []
    for w in words:
        alt = alternation([w])
        parts.append(rf"\b(?:{alt})\b" if w.isascii() else f"(?:{alt})")
    return re.compile("|".join(parts))


class PitchDetector:
    """Decides whether a sales statement presents the product; products are names from the catalog."""

    def __init__(self, products: Iterable[str] = ()) -> None:
        self._products = _product_re(tuple(sorted(set(products))))

    def is_pitch(self, sentence: str) -> bool:
        sentence = sentence.lower()
        named = self._products is not None and self._products.search(sentence) is not None
        present = _PRESENT_EN_RE if sentence.isascii() else _PRESENT_RE
        if not named and present.search(sentence) is None:
            return False
        return _SELF_INTRO_RE.search(sentence) is None
