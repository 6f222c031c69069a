"""Tokens, sentences, script tables and language detection."""

from __future__ import annotations

import pytest

from kam.calls.text import (
    HANS_ONLY,
    HANT_ONLY,
    both_scripts,
    count_tokens,
    detect_language,
    split_sentences,
    to_simplified,
)
from kam.domain.calls import Language


def test_tokens_count_each_chinese_character_and_each_latin_word() -> None:
    assert count_tokens("我們用 ERP 系統 3.5 years") == 3 + 1 + 2 + 1 + 1


def test_script_table_maps_traditional_to_simplified() -> None:
    assert to_simplified("為什麼這個價格這麼貴") == "为什么这个价格这么贵"
    assert HANT_ONLY.isdisjoint(HANS_ONLY)
    assert both_scripts(["報價"]) == ["報價", "报价"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("你好。我們用 ERP，大概3.5萬元！OK?", ["你好。", "我們用 ERP，大概3.5萬元！", "OK?"]),
        ("Hi Mr. Lin, thanks. Costs are 3.5 percent.", ["Hi Mr. Lin, thanks.", "Costs are 3.5 percent."]),
        ("现在是哪家在供货 交期怎么样", ["现在是哪家在供货", "交期怎么样"]),
        (
            "okay thanks so tell me about your plant how many tons do you use",
            ["okay thanks", "so tell me about your plant", "how many tons do you use"],
        ),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("How many tons do you use?", Language.EN),
        ("你們現在用的是哪一家的鋼材？這個價格怎麼樣？", Language.ZH_HANT),
        ("你们现在用的是哪一家的钢材？这个价格怎么样？", Language.ZH_HANS),
        ("我們有十二個 branch, and our video meetings keep freezing every day", Language.MIXED),
        ("請問貴公司目前用的是哪一款？我们现在用的是一家深圳厂商的。", Language.MIXED),
        ("我們今天談一下 ERP 的導入時程。", Language.ZH_HANT),
    ],
)
def test_detect_language(text: str, language: Language) -> None:
    assert detect_language(text, 0.2) is language
