"""Hints (kam.hints) as the command line says them: the option that fixes it, quoted to paste into a shell."""

from __future__ import annotations

from typing import Any

from kam.domain.languages import Lang
from kam.hints import Hint, HintKey, hint_of
from kam.i18n import Joined, say, text
from kam.shell import map_option, shell_word

# a setting named in a hint (HintKey.OPTION), and the option that gives it on the command line
OPTIONS = {
    "as_of": "--as-of",
    "at": "--at",
    "compare": "--compare",
    "conf": "--conf",
    "date_format": "--date-format",
    "decimal": "--decimal",
    "map": "--map",
    "streaming": "--streaming",
}


def hint_text(hint: Hint, lang: Lang | str) -> str:
    """`hint` in `lang`, in the words of the command line."""
    return text(f"hint.{hint.key}", lang).format(**_values(hint, lang))


def _values(hint: Hint, lang: Lang | str) -> dict[str, Any]:
    values = hint.values
    if hint.key is HintKey.MAP_COLUMNS:
        missing: tuple[str, ...] = values["missing"]
        placeholder = text("hint.your_column", lang)
        options = " ".join(f"--map {name}={placeholder}" for name in missing)
        return {"options": options, "example": map_option(missing[0], values["example"] or "COLUMN")}
    if hint.key is HintKey.MAP_COLUMN:
        return {"option": map_option(values["field"], values["column"])}
    if hint.key is HintKey.OPTION:
        return {"option": OPTIONS[values["option"]]}
    return {name: shell_word(str(value)) for name, value in values.items()}


def with_hint(message: str, hint: Hint | None, lang: Lang | str) -> str:
    """`message` (already said in `lang`) followed by `hint`: on a line of its own after a message of
    several lines, else after the language's separator (before a closing full stop)."""
    if hint is None:
        return message
    words = hint_text(hint, lang)
    if "\n" in message:
        return f"{message}\n{words}"
    stop = next((mark for mark in (".", "。") if message.endswith(mark)), "")
    return f"{message.removesuffix(stop) if stop else message}{text('hint.separator', lang)}{words}{stop}"


def said(message: str, lang: Lang | str) -> str:
    """A message in `lang` with the hints of its parts (the parts of a `Joined` each keep theirs)."""
    if isinstance(message, Joined):
        return message.separator.join(said(part, lang) for part in message.parts)
    return with_hint(say(message, lang), hint_of(message), lang)
