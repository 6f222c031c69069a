"""What kam says, in English, Traditional and Simplified Chinese: gettext catalogs looked up by key.

The catalogs are `locale/<lang>/LC_MESSAGES/kam.po` (edited with any PO editor, see docs/translating.md),
compiled to `kam.mo` by `make catalogs`; a process reads the compiled catalog of a language the first time
it says something in that language, with the standard library's gettext (Babel only builds and checks).
"""

from __future__ import annotations

import functools
import gettext
import os.path
from collections.abc import Callable, Sequence
from typing import Any

from kam.domain.languages import Lang

LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")  # os.path, not pathlib: a cheaper import
DOMAIN = "kam"


@functools.cache
def _catalog(lang: Lang) -> gettext.GNUTranslations:
    with open(os.path.join(LOCALE_DIR, lang.locale, "LC_MESSAGES", f"{DOMAIN}.mo"), "rb") as compiled:
        return gettext.GNUTranslations(compiled)


_NOT_PLURAL = "\0"


def _has_plural(catalog: gettext.GNUTranslations, key: str) -> bool:
    # ngettext answers with its second id only when `key` has no plural forms (gettext, by contrast, also
    # answers a plural message, with its first form)
    return catalog.ngettext(key, _NOT_PLURAL, 2) != _NOT_PLURAL


def text(key: str, lang: Lang | str = Lang.EN, **values: Any) -> str:
    """The text of `key` in `lang` (en, zh-Hant or zh-Hans), with `values` filled in when given.

    A message with plural forms is said with `ntext`."""
    catalog = _catalog(Lang(lang))
    said = catalog.gettext(key)
    if said == key:
        raise KeyError(key)
    if _has_plural(catalog, key):
        raise KeyError(f"{key} has plural forms: say it with ntext")
    return said.format(**values) if values else said


def ntext(key: str, n: int, lang: Lang | str = Lang.EN, **values: Any) -> str:
    """The form of `key` for a count of `n` in `lang` ("1 order", "2 orders"), with `values` filled in."""
    catalog = _catalog(Lang(lang))
    if not _has_plural(catalog, key):
        raise KeyError(f"{key} has no plural forms: say it with text" if catalog.gettext(key) != key else key)
    said = catalog.ngettext(key, key, int(n))
    return said.format(**values) if values else said


def plural(key: str, lang: Lang | str = Lang.EN) -> bool:
    """Whether message `key` has plural forms (said with `ntext`)."""
    return _has_plural(_catalog(Lang(lang)), key)


def plural_rule(lang: Lang | str = Lang.EN) -> Callable[[int], int]:
    """The plural rule of `lang`: which form (0 for the first) a count takes, the one `ntext` picks. For
    saying many counts at once (the reasons of every customer) without a lookup for each."""
    return _catalog(Lang(lang)).plural  # type: ignore[attr-defined]


def plural_forms(lang: Lang | str = Lang.EN) -> int:
    """How many plural forms `lang` has (nplurals of its catalog: 2 in English, 1 in Chinese)."""
    header = _catalog(Lang(lang)).info().get("plural-forms", "nplurals=2;")
    return int(header.split("nplurals=")[1].split(";")[0])


@functools.cache
def _keys() -> tuple[str, ...]:
    from babel.messages.pofile import read_po  # only the tests and tools list the messages

    with open(os.path.join(LOCALE_DIR, Lang.EN.locale, "LC_MESSAGES", f"{DOMAIN}.po"), "rb") as source:
        messages = read_po(source)
    return tuple(
        message.id if isinstance(message.id, str) else message.id[0] for message in messages if message.id
    )


def keys() -> list[str]:
    """Every message key, in the order of the English catalog."""
    return list(_keys())


def word(value: str, lang: Lang | str = Lang.EN) -> str:
    """A coaching flag's short name, an interaction kind, a deal stage, an account type or an ownership in
    `lang`; anything else (free text such as an industry) as it is."""
    try:
        return text(f"word.{value}", lang)
    except KeyError:
        return value


def setting_help(name: str, english: str, lang: Lang | str) -> str:
    """What setting `name` (e.g. "value.key_min_margin") means, in `lang`; `english` is its description,
    said as it is when the setting has no translation."""
    try:
        return text(f"setting.{name}", lang)
    except KeyError:
        return english


def translated_settings() -> list[str]:
    return [key.removeprefix("setting.") for key in keys() if key.startswith("setting.")]


class Notice(str):
    """A message to the user: its text is the English one (so it prints, compares and serialises as a
    string), and it keeps its catalog key (`notice.<key>`) and values so that it can be said in another
    language. Values that are notices themselves are said in the same language. A message with plural
    forms is said in the form for its `count` value."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Notice:
        notice = super().__new__(cls, _said(key, params, Lang.EN))
        notice.key, notice.params = key, params
        return notice

    def say(self, lang: Lang | str) -> str:
        values = {k: say(v, lang) if isinstance(v, Notice | Joined) else v for k, v in self.params.items()}
        return _said(self.key, values, lang)


def _said(key: str, values: dict[str, Any], lang: Lang | str) -> str:
    if plural(f"notice.{key}", lang):
        if "count" not in values:
            raise KeyError(f"notice.{key} has plural forms: give the notice its count")
        return ntext(f"notice.{key}", values["count"], lang).format(**values)
    return text(f"notice.{key}", lang).format(**values)


class Joined(str):
    """Several messages joined by `separator`; said part by part."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, separator: str, parts: Sequence[str]) -> Joined:
        joined = super().__new__(cls, separator.join(parts))
        joined.parts, joined.separator = tuple(parts), separator
        return joined

    def say(self, lang: Lang | str) -> str:
        return self.separator.join(say(p, lang) for p in self.parts)


def say(message: str, lang: Lang | str) -> str:
    """A message in `lang`: notices are translated, other text (a file's own words) is kept."""
    return message.say(lang) if isinstance(message, Notice | Joined) else message
