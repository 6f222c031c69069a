"""The answer's language from Accept-Language: the client's best-liked of en, zh-Hant and zh-Hans."""

from __future__ import annotations

import pytest

from kam.api.language import accepted_language
from kam.i18n import Lang


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, Lang.EN),
        ("", Lang.EN),
        ("fr, de;q=0.9", Lang.EN),  # none of kam's languages
        ("en-US,en;q=0.9", Lang.EN),
        ("zh-TW", Lang.ZH_HANT),
        ("zh-HK", Lang.ZH_HANT),
        ("zh-MO", Lang.ZH_HANT),
        ("zh-Hant-TW", Lang.ZH_HANT),
        ("zh-hant", Lang.ZH_HANT),
        ("zh-CN", Lang.ZH_HANS),
        ("zh-SG", Lang.ZH_HANS),
        ("zh-Hans-CN", Lang.ZH_HANS),
        ("zh", Lang.ZH_HANS),
        ("en;q=0.5, zh-TW;q=0.8", Lang.ZH_HANT),  # by quality, not by position
        ("zh-TW;q=0.8, zh-CN;q=0.8", Lang.ZH_HANT),  # a tie goes to the first
        ("zh-TW;q=0, en", Lang.EN),  # q=0: not acceptable
        ("zh-TW;q=abc, en;q=0.1", Lang.EN),  # a bad q-value counts as 0
        ("zh-TW;q=1.5, en;q=0.1", Lang.EN),  # so does one out of range
        ("*, zh-CN;q=0.1", Lang.ZH_HANS),
    ],
)
def test_the_language_of_an_answer(header: str | None, lang: Lang) -> None:
    assert accepted_language(header) is lang
