"""The gettext catalogs: every message said in en, zh-Hant and zh-Hans, with the same placeholders, complete
plural forms, and compiled catalogs that match their sources; the maintenance step keeps them in step."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kam.analytics.settings import ValueSettings
from kam.domain.languages import Lang
from kam.i18n import keys, text
from kam.i18n.catalogs import LOCALE_DIR, compile_catalog, po_path, problems, update

SRC = Path(__file__).parents[2] / "src" / "kam"


def test_every_message_is_said_in_every_language() -> None:
    assert list(problems()) == []


def test_the_catalogs_are_as_the_maintenance_step_writes_them(tmp_path: Path) -> None:
    """`make catalogs` on the committed catalogs changes nothing: the template, the English comments and
    the format flags are up to date."""
    copy = shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    update(copy)
    for source in sorted(LOCALE_DIR.rglob("*.po*")):
        assert (copy / source.relative_to(LOCALE_DIR)).read_bytes() == source.read_bytes(), source


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    return shutil.copytree(LOCALE_DIR, tmp_path / "locale")


def _edit(locale: Path, lang: str, old: str, new: str) -> None:
    path = po_path(lang, locale)
    said = path.read_text(encoding="utf-8")
    assert old in said
    path.write_text(said.replace(old, new, 1), encoding="utf-8")
    compile_catalog(path)


def _entry(lang: str, key: str) -> str:
    """The lines of `key`'s entry in the committed catalog of `lang`."""
    said = po_path(lang).read_text(encoding="utf-8")
    match = re.search(rf'(?ms)^msgid "{re.escape(key)}"\n.*?(?=\n\n|\Z)', said)
    assert match is not None, key
    return match.group(0)


BROKEN: dict[str, tuple[Callable[[Path], None], *tuple[str, ...]]] = {
    "untranslated": (
        lambda d: _edit(d, "zh_Hans", _entry("zh_Hans", "segment.key"), 'msgid "segment.key"\nmsgstr ""'),
        "zh_Hans/LC_MESSAGES/kam.po: segment.key is not translated",
    ),
    "missing": (
        lambda d: _edit(d, "zh_Hant", _entry("zh_Hant", "segment.lapsed"), ""),
        "zh_Hant/LC_MESSAGES/kam.po: segment.lapsed is missing",
    ),
    "extra": (
        lambda d: _edit(d, "zh_Hant", 'msgid "segment.key"', 'msgid "segment.keys"'),
        "zh_Hant/LC_MESSAGES/kam.po: segment.key is missing",
        "zh_Hant/LC_MESSAGES/kam.po: segment.keys is not in the English catalog",
    ),
    "renamed placeholder": (
        lambda d: _edit(d, "zh_Hant", "{recency}天前", "{days}天前"),
        "zh_Hant/LC_MESSAGES/kam.po: r.recent has the placeholders ['days!:'], the English has ['recency!:']",
    ),
    "unpaired brace": (
        lambda d: _edit(d, "zh_Hans", "{recency}天前", "{recency天前"),
        "zh_Hans/LC_MESSAGES/kam.po: r.recent has unpaired braces",
    ),
    "English plural form missing": (
        lambda d: _edit(d, "en", 'msgstr[1] "{orders} orders in all"', 'msgstr[1] ""'),
        "en/LC_MESSAGES/kam.po: r.orders is not translated",
    ),
    "plural forms of another language": (
        lambda d: _edit(
            d, "zh_Hant", 'msgstr[0] "共{orders}張訂單"', 'msgstr[0] "共{orders}張訂單"\nmsgstr[1] "x"'
        ),
        "zh_Hant/LC_MESSAGES/kam.po: msg has more translations than num_plurals of catalog",
    ),
    "plural rule": (
        lambda d: _edit(d, "en", "plural=(n != 1);", "plural=(n > 1);"),
        "en/LC_MESSAGES/kam.po: Plural-Forms is 'nplurals=2; plural=(n > 1);', expected 'nplurals=2; plural=(n != 1);'",
    ),
    "fuzzy": (
        lambda d: _edit(d, "zh_Hant", 'msgid "segment.key"', '#, fuzzy\nmsgid "segment.key"'),
        "zh_Hant/LC_MESSAGES/kam.po: segment.key is marked fuzzy",
    ),
    "twice": (
        lambda d: _edit(
            d,
            "zh_Hans",
            _entry("zh_Hans", "segment.key"),
            "\n\n".join([_entry("zh_Hans", "segment.key")] * 2),
        ),
        "zh_Hans/LC_MESSAGES/kam.po: segment.key appears 2 times",
    ),
    "not compiled": (
        lambda d: po_path("zh_Hant", d).write_text(
            po_path("zh_Hant", d).read_text(encoding="utf-8").replace('"大客戶"', '"重要客戶"'),
            encoding="utf-8",
        ),
        "zh_Hant/LC_MESSAGES/kam.mo is older than kam.po",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_catalog_is_named_with_its_message(locale: Path, case: str) -> None:
    breaks, *expected = BROKEN[case]
    breaks(locale)
    found = list(problems(locale))
    assert len(found) == len(expected), found
    assert all(said.startswith(f"{locale}/{start}") for said, start in zip(found, expected, strict=True)), (
        found
    )


def test_a_new_english_message_waits_untranslated_in_the_other_catalogs(locale: Path) -> None:
    english = po_path("en", locale)
    added = '\nmsgid "ui.new_thing"\nmsgstr "{count} new thing"\n'
    english.write_text(english.read_text(encoding="utf-8") + added, encoding="utf-8")
    update(locale)
    assert sorted(problems(locale)) == [
        f"{po_path(lang, locale)}: ui.new_thing is not translated" for lang in ("zh_Hans", "zh_Hant")
    ]
    template = (locale / "kam.pot").read_text(encoding="utf-8")
    assert '#. {count} new thing\n#, python-brace-format\nmsgid "ui.new_thing"\nmsgstr ""' in template
    for lang in ("zh_Hant", "zh_Hans"):
        _edit(
            locale, lang, 'msgid "ui.new_thing"\nmsgstr ""', 'msgid "ui.new_thing"\nmsgstr "{count} 個新東西"'
        )
    assert list(problems(locale)) == []


def test_a_changed_english_text_marks_its_translations_for_a_look(locale: Path) -> None:
    _edit(locale, "en", 'msgstr "key account"', 'msgstr "strategic account"')
    update(locale)
    assert sorted(problems(locale)) == [
        f"{po_path(lang, locale)}: segment.key is marked fuzzy (its English changed): check it and remove the mark"
        for lang in ("zh_Hans", "zh_Hant")
    ]
    assert "#. strategic account\n#, fuzzy" in po_path("zh_Hant", locale).read_text(encoding="utf-8")


def test_a_message_gone_from_english_is_kept_as_obsolete_in_the_translations(locale: Path) -> None:
    _edit(locale, "en", _entry("en", "segment.lapsed"), "")
    update(locale)
    assert list(problems(locale)) == []
    assert '#~ msgid "segment.lapsed"\n#~ msgstr "已流失"' in po_path("zh_Hant", locale).read_text(
        encoding="utf-8"
    )


def test_every_value_setting_is_explained_in_the_catalog_as_in_its_description() -> None:
    for name, field in ValueSettings.model_fields.items():
        assert text(f"setting.value.{name}", Lang.EN) == field.description, name


_NAMED = {
    r'Notice\(\s*"(\w+)"': "notice.{}",
    r'\b(?:text|ntext|sentence|counted)\(\s*"([\w.]*\w)"': "{}",
    r'\bt\("([\w.]*\w)"': "{}",
}


def test_every_message_the_code_names_is_in_the_catalog() -> None:
    """A misspelt key in a Notice(...), text(...), sentence(...) or a template's t(...) fails here, not in
    front of a user."""
    named = {
        form.format(found)
        for path in [*SRC.rglob("*.py"), *SRC.rglob("*.j2")]
        for pattern, form in _NAMED.items()
        for found in re.findall(pattern, path.read_text(encoding="utf-8"))
    }
    assert len(named) > 100
    assert sorted(named - set(keys())) == []


def test_a_catalog_differing_only_in_dates_or_babel_version_is_not_rewritten(locale: Path) -> None:
    """`make catalogs` with another Babel release (or on another day) leaves unchanged catalogs alone."""
    path = po_path("zh_Hant", locale)
    said = re.sub(
        r"Generated-By: Babel [\d.]+", "Generated-By: Babel 2.14.0", path.read_text(encoding="utf-8")
    )
    said = re.sub(r"PO-Revision-Date: [^\\]+", "PO-Revision-Date: 2024-01-01 00:00+0000", said)
    path.write_text(said, encoding="utf-8")
    update(locale)
    assert path.read_text(encoding="utf-8") == said
