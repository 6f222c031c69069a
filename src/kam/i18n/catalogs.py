"""Keep the message catalogs in step (`make catalogs`) and check them (`make i18n-check`).

The English catalog is the list of messages: `python -m kam.i18n.catalogs` writes the template kam.pot from
it, gives each Chinese catalog the new messages (untranslated) and the current English text as each
entry's comment (an entry whose English changed is marked fuzzy, so a translator looks at it again), and
compiles every catalog to kam.mo. `--check` lists what is missing or wrong and exits 1 if anything is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import string
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from kam import __version__
from kam.domain.languages import Lang
from kam.i18n import DOMAIN
from kam.i18n import LOCALE_DIR as _LOCALE_DIR

LOCALE_DIR = Path(_LOCALE_DIR)
SOURCE = Lang.EN.locale
PLURAL_FORMS = {
    Lang.EN.locale: "nplurals=2; plural=(n != 1);",
    Lang.ZH_HANT.locale: "nplurals=1; plural=0;",
    Lang.ZH_HANS.locale: "nplurals=1; plural=0;",
}
HEADER = (
    "# {what} of kam's messages.\n"
    "# Each message id is a stable key; its #. comment is the English text.\n"
    "# See docs/translating.md.\n#"
)
FORMAT_FLAG = "python-brace-format"


def po_path(locale: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, strict: bool = False) -> Catalog:
    """The catalog at `path`; `strict` raises PoFileError on a line Babel would skip with a warning."""
    with path.open("rb") as source:
        return read_po(source, abort_invalid=strict)


def forms(message: Message) -> tuple[str, ...]:
    """A message's text, one per plural form."""
    strings = message.string
    return (strings,) if isinstance(strings, str) else tuple(strings or ())


def key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def placeholders(said: str) -> list[str]:
    """The {fields} of a text, sorted (ValueError when its braces do not pair up)."""
    fields = string.Formatter().parse(said)
    return sorted(f"{name}!{conv or ''}:{spec or ''}" for _, name, spec, conv in fields if name is not None)


def english_comment(message: Message) -> list[str]:
    english = forms(message)
    if len(english) == 1:
        return english[0].split("\n")
    return [
        f"({form}) {line}" if i == 0 else line
        for form, said in zip(("one", "other"), english, strict=True)
        for i, line in enumerate(said.split("\n"))
    ]


def _catalog(locale: str | None) -> Catalog:
    what = "The template" if locale is None else f"The {locale} catalog"
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        project="kam",
        version=__version__,
        revision_date=dt.datetime.now(dt.UTC),
        header_comment=HEADER.format(what=what),
        last_translator="kam maintainers",
        language_team="kam maintainers",
        fuzzy=False,
    )


def _entry(message: Message, said: str | tuple[str, ...], notes: list[str], fuzzy: bool = False) -> Message:
    """An entry of `message` (English) saying `said`, with the English as comment and a translator's notes."""
    entry = Message(message.id, said, auto_comments=english_comment(message), user_comments=notes)
    # Babel sets the format flag from the msgid, and ours are keys: set it from the English text
    entry.flags = {FORMAT_FLAG} if any(placeholders(s) for s in forms(message)) else set()
    if fuzzy:
        entry.flags.add("fuzzy")
    return entry


def _translation(english: Message, old: Message | None) -> tuple[str | tuple[str, ...], bool]:
    """The kept translation of an English message and whether it needs a look (its English changed)."""
    plural = not isinstance(english.id, str)
    if old is None or plural != (not isinstance(old.id, str)):
        return ("",) if plural else "", False
    # compared word by word: a comment's long lines are wrapped in the file
    changed = " ".join(old.auto_comments).split() != " ".join(english_comment(english)).split()
    return forms(old) if plural else forms(old)[0], "fuzzy" in old.flags or (any(forms(old)) and changed)


def _write(catalog: Catalog, path: Path) -> None:
    """Write `catalog` to `path` unless only its dates or the Babel release that wrote it would change."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True)
    if not path.exists() or _undated(path.read_bytes()) != _undated(buffer.getvalue()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())


def _undated(po: bytes) -> list[bytes]:
    return [
        line
        for line in po.splitlines()
        if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:'))
    ]


def compile_catalog(path: Path) -> None:
    """Write kam.mo beside the kam.po at `path` (a fuzzy translation is still used until it is checked)."""
    buffer = io.BytesIO()
    write_mo(buffer, read(path), use_fuzzy=True)
    path.with_suffix(".mo").write_bytes(buffer.getvalue())


def update(locale_dir: Path = LOCALE_DIR) -> None:
    """Rewrite the template and the translations from the English catalog, and compile all of them."""
    english = [m for m in read(po_path(SOURCE, locale_dir)) if m.id]
    source, template = _catalog(SOURCE), _catalog(None)
    for message in english:
        said = forms(message) if not isinstance(message.id, str) else forms(message)[0]
        source[key(message)] = _entry(message, said, message.user_comments)
        template[key(message)] = _entry(message, ("", "") if not isinstance(message.id, str) else "", [])
    _write(source, po_path(SOURCE, locale_dir))
    _write(template, locale_dir / f"{DOMAIN}.pot")
    for locale in PLURAL_FORMS.keys() - {SOURCE}:
        path = po_path(locale, locale_dir)
        old = read(path) if path.exists() else _catalog(locale)
        translated = _catalog(locale)
        for message in english:
            kept = old.get(key(message))
            said, fuzzy = _translation(message, kept)
            translated[key(message)] = _entry(message, said, kept.user_comments if kept else [], fuzzy)
        for gone in (m for m in old if m.id and key(m) not in translated):
            translated.obsolete[key(gone)] = gone
        _write(translated, path)
    for locale in PLURAL_FORMS:
        compile_catalog(po_path(locale, locale_dir))


def problems(locale_dir: Path = LOCALE_DIR) -> Iterator[str]:
    """What stops a catalog from saying every message in its language, one line each."""
    english = {key(m): m for m in read(po_path(SOURCE, locale_dir)) if m.id}
    template = {key(m) for m in read(locale_dir / f"{DOMAIN}.pot") if m.id}
    if template != set(english):
        yield f"{DOMAIN}.pot differs from the English catalog: run make catalogs"
    for locale, plural_forms in PLURAL_FORMS.items():
        path = po_path(locale, locale_dir)
        try:
            catalog = read(path, strict=True)
        except PoFileError as error:
            yield f"{path}: {error}"
            continue
        if catalog.plural_forms != plural_forms:
            yield f"{path}: Plural-Forms is {catalog.plural_forms!r}, expected {plural_forms!r}"
        messages = {key(m): m for m in catalog if m.id}
        for name in sorted(english.keys() - messages.keys()):
            yield f"{path}: {name} is missing"
        for name in sorted(messages.keys() - english.keys()):
            yield f"{path}: {name} is not in the English catalog"
        for name, count in Counter(_MSGID.findall(path.read_text(encoding="utf-8"))).items():
            if count > 1:
                yield f"{path}: {name} appears {count} times"
        for name in english.keys() & messages.keys():
            yield from _entry_problems(path, name, english[name], messages[name])
        yield from _compiled_problems(path, catalog)


_MSGID = re.compile(r'^msgid "(.+)"$', re.MULTILINE)


def _entry_problems(path: Path, name: str, english: Message, message: Message) -> Iterator[str]:
    said, plural = forms(message), not isinstance(english.id, str)
    if plural != (not isinstance(message.id, str)):
        yield f"{path}: {name} should {'' if plural else 'not '}have plural forms, as in English"
    if not all(said):
        yield f"{path}: {name} is not translated"
        return
    if "fuzzy" in message.flags:
        yield f"{path}: {name} is marked fuzzy (its English changed): check it and remove the mark"
    try:
        expected = placeholders(next((s for s in reversed(forms(english)) if s), ""))
        found = [placeholders(s) for s in said]
    except ValueError as error:
        yield f"{path}: {name} has unpaired braces ({error}); write a literal brace as {{{{ or }}}}"
        return
    for fields in found:
        if fields != expected:
            yield f"{path}: {name} has the placeholders {fields}, the English has {expected}"


def _compiled_problems(path: Path, catalog: Catalog) -> Iterator[str]:
    compiled = path.with_suffix(".mo")
    if not compiled.exists():
        yield f"{compiled} is missing: run make catalogs"
        return
    with compiled.open("rb") as source:
        built = {key(m): forms(m) for m in read_mo(source) if m.id}
    # every translated entry, fuzzy or not (see compile_catalog); an untranslated one is named above
    if any(built.get(key(m)) != forms(m) for m in catalog if m.id and all(forms(m))):
        yield f"{compiled} is older than {path.name}: run make catalogs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kam.i18n.catalogs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check the catalogs; exit 1 on a problem")
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.check:
        update(args.locale_dir)
    found = list(problems(args.locale_dir))
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
