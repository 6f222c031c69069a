"""Price notation: Chinese numerals, English number words, currencies, discounts, and what is not a quote."""

from __future__ import annotations

import pytest

from kam.calls.price import parse_amount, parse_chinese_number, parse_english_number, price_talk


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("五千八百元", 5800),
        ("十二萬", 120_000),
        ("十二万", 120_000),
        ("一萬二", 12_000),
        ("三點五萬", 35_000),
        ("兩千", 2000),
        ("九折", 0.9),
        ("八五折", 0.85),
        ("8.5折", 0.85),
        ("$48,000", 48_000),
        ("NT$1,200", 1200),
        ("3.5萬", 35_000),
        ("48k", 48_000),
        ("forty-eight thousand dollars", 48_000),
        ("two point five million", 2_500_000),
        ("a hundred and twenty", 120),
    ],
)
def test_parse_amount(text: str, amount: float) -> None:
    assert parse_amount(text) == pytest.approx(amount)


def test_number_parsers_reject_other_words() -> None:
    assert parse_chinese_number("五千塊") is None
    assert parse_english_number("forty bananas") is None


@pytest.mark.parametrize(
    ("sentence", "mention", "quote"),
    [
        ("我們的報價是每噸五千八百元。", True, True),
        ("總價十二萬，這個月簽約。", True, True),
        ("可以給您打九折。", True, True),
        ("Our list price is $48,000 per year.", True, True),
        ("We can do forty-eight thousand dollars.", True, True),
        ("That would be 5,800 per ton delivered.", True, True),
        ("I can give you a 10% discount.", True, True),
        ("单价一千二百元。", True, True),
        ("It depends on the grade and the volume, so let me understand your needs first.", False, False),
        ("價格要看您需要的功能和台數。", True, False),
        ("How much does it cost?", True, False),
        ("你們的機器一台多少錢？", True, False),
        ("We use 500 tons a month.", False, False),
        ("我們每個月用兩百噸。", False, False),
        ("The price went up 10% last year.", True, False),
        ("What does downtime cost you?", False, False),
        ("我們一塊去工廠看看。", False, False),
    ],
)
def test_price_talk(sentence: str, mention: bool, quote: bool) -> None:
    talk = price_talk(sentence)
    assert (talk.mention, talk.quote) == (mention, quote)
