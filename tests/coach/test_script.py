"""Folding: Traditional and Simplified Chinese, upper and lower case, full-width and ASCII read alike,
each character kept in its place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.coach.script import TRADITIONAL_TO_SIMPLIFIED, fold


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        (
            "這個型號的通訊終端安全防護能力不足，容易出現盜打。",
            "这个型号的通讯终端安全防护能力不足,容易出现盗打。",
        ),
        ("使用手冊只有英文，技術人員閱讀起來很費力", "使用手册只有英文,技术人员阅读起来很费力"),
        ("售後服務響應太慢", "售后服务响应太慢"),
        ("ＵＳＢ　Port", "usb port"),
    ],
)
def test_both_scripts_fold_to_the_same_text(traditional: str, simplified: str) -> None:
    assert fold(traditional) == fold(simplified) == simplified


def test_the_table_maps_each_traditional_character_to_a_simplified_one_that_is_not_itself_mapped() -> None:
    assert len(TRADITIONAL_TO_SIMPLIFIED) > 700
    assert not set(TRADITIONAL_TO_SIMPLIFIED.values()) & set(TRADITIONAL_TO_SIMPLIFIED)
    for simplified in TRADITIONAL_TO_SIMPLIFIED.values():
        simplified.encode("gb2312")  # a character of the Simplified character set


@given(st.text())
def test_folding_keeps_every_character_in_its_place(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert fold(fold(text)) == fold(text)
