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


@pytest.mark.parametrize(
    ("sentence", "mention", "quote"),
    [
        pytest.param("我們每個月電費要三十萬元。", False, False, id="zh-Hant the customer's power bill"),
        pytest.param("你們一年電費大概多少錢？", False, False, id="zh-Hant sales asks about the power bill"),
        pytest.param("今年的預算只有五十萬。", False, False, id="zh-Hant the customer's budget"),
        pytest.param("我们每个月电费要三十万元。", False, False, id="zh-Hans the customer's power bill"),
        pytest.param("你们今年的预算大概多少？", False, False, id="zh-Hans sales asks about the budget"),
        pytest.param("Our power bill is $40,000 a month.", False, False, id="en our power bill"),
        pytest.param("How much is your budget for this?", False, False, id="en sales asks about the budget"),
        pytest.param("Downtime costs run to fifty thousand dollars.", False, False, id="en downtime costs"),
        pytest.param(
            "你們的報價超出我們的預算了。", True, False, id="zh-Hant our quote against their budget"
        ),
        pytest.param(
            "你们的报价是每吨五千八百元，在预算内。", True, True, id="zh-Hans our quote names a figure"
        ),
        pytest.param("Your quote is over our budget.", True, False, id="en our quote against their budget"),
        pytest.param(
            "With the discount it is $5,000 a month, under your budget.", True, True, id="en our price"
        ),
    ],
)
def test_the_customers_own_costs_are_not_our_price(sentence: str, mention: bool, quote: bool) -> None:
    talk = price_talk(sentence)
    assert (talk.mention, talk.quote) == (mention, quote)
