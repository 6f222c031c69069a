"""Looking messages up: text, ntext (real plural forms), notices counted by their `count`, words, and what
a process pays to say something."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kam.domain.languages import Lang
from kam.i18n import Notice, keys, ntext, plural, text, word


@pytest.mark.parametrize(
    ("n", "lang", "said"),
    [
        (0, Lang.EN, "0 orders in all"),
        (1, Lang.EN, "1 order in all"),
        (2, Lang.EN, "2 orders in all"),
        (21, Lang.EN, "21 orders in all"),
        (1, Lang.ZH_HANT, "共1張訂單"),
        (2, Lang.ZH_HANT, "共2張訂單"),
        (1, Lang.ZH_HANS, "共1张订单"),
        (5, Lang.ZH_HANS, "共5张订单"),
    ],
)
def test_a_count_picks_the_plural_form_of_the_language(n: int, lang: Lang, said: str) -> None:
    assert ntext("r.orders", n, lang, orders=n) == said


@pytest.mark.parametrize(
    ("count", "english", "chinese"),
    [
        (1, "1 row rejected (rejected.csv)", "1 列被剔除（見 rejected.csv）"),
        (2, "2 rows rejected (rejected.csv)", "2 列被剔除（見 rejected.csv）"),
        (1_000, "1,000 rows rejected (rejected.csv)", "1,000 列被剔除（見 rejected.csv）"),
    ],
)
def test_a_notice_with_plural_forms_is_said_in_the_form_of_its_count(
    count: int, english: str, chinese: str
) -> None:
    notice = Notice("rejected", count=count)
    assert (str(notice), notice.say(Lang.EN), notice.say(Lang.ZH_HANT)) == (english, english, chinese)


def test_every_message_with_plural_forms_says_one_and_many_apart_in_english() -> None:
    counted = [key for key in keys() if plural(key)]
    assert "r.orders" in counted and "calls.stored" in counted and "ws.accounts_imported" in counted
    for key in counted:
        assert ntext(key, 1, Lang.EN) != ntext(key, 2, Lang.EN), key
        assert ntext(key, 1, Lang.ZH_HANT) == ntext(key, 2, Lang.ZH_HANT), key


def test_a_message_is_looked_up_the_way_it_is_written() -> None:
    with pytest.raises(KeyError, match="plural forms: say it with ntext"):
        text("r.orders", Lang.EN)
    with pytest.raises(KeyError, match="no plural forms: say it with text"):
        ntext("segment.key", 2, Lang.EN)
    with pytest.raises(KeyError, match=r"segment\.kee"):
        text("segment.kee", Lang.ZH_HANS)
    with pytest.raises(ValueError):
        text("segment.key", "fr")
    with pytest.raises(KeyError, match="give the notice its count"):
        Notice("rejected")


def test_values_are_filled_in_only_when_given() -> None:
    assert text("calls.title", Lang.ZH_HANT) == "通話分析：{file}"
    assert text("calls.title", Lang.ZH_HANT, file="a.vtt") == "通話分析：a.vtt"


@pytest.mark.parametrize(
    ("value", "lang", "said"),
    [("visit", Lang.ZH_HANT, "拜訪"), ("state", Lang.ZH_HANS, "国有"), ("steel", Lang.ZH_HANT, "steel")],
)
def test_a_word_is_said_in_the_language_and_free_text_stays(value: str, lang: Lang, said: str) -> None:
    assert word(value, lang) == said


def test_saying_a_message_reads_only_that_languages_compiled_catalog() -> None:
    """Babel (the catalog tools) stays out of a process that only says things; each language's compiled
    catalog is read once, when it is first needed."""
    probe = (
        "import sys, kam.i18n as i; i.text('segment.key', 'zh-Hant'); i.text('segment.lapsed', 'zh-Hant');"
        "print(sorted(m for m in sys.modules if m.startswith('babel')), i._catalog.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "1"]
