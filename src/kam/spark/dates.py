"""strftime formats (what --date-format takes, as Polars reads it) as Spark datetime patterns."""

from __future__ import annotations

from kam.errors import ConfigError
from kam.hints import Hint, HintKey
from kam.i18n import Notice

_DIRECTIVES = {
    "Y": "yyyy",
    "y": "yy",
    "m": "MM",
    "d": "dd",
    "H": "HH",
    "I": "hh",
    "M": "mm",
    "S": "ss",
    "f": "SSSSSS",
    "p": "a",
    "b": "MMM",
    "B": "MMMM",
    "a": "EEE",
    "A": "EEEE",
    "j": "DDD",
    "%": "%",
}


def spark_date_pattern(strftime: str) -> str:
    """`%d/%m/%Y` as `dd/MM/yyyy`; other text is quoted, so that its letters are not read as fields."""
    pattern: list[str] = []
    literal = ""
    chars = iter(strftime)
    for char in chars:
        if char != "%":
            literal += char
            continue
        directive = next(chars, "")
        if directive not in _DIRECTIVES:
            raise ConfigError(
                Notice("spark_date_format", fmt=strftime, directive=f"%{directive}"),
                hint=Hint(HintKey.OPTION, option="date_format"),
            )
        if literal:
            pattern.append(_quoted(literal))
            literal = ""
        pattern.append(_DIRECTIVES[directive])
    if literal:
        pattern.append(_quoted(literal))
    return "".join(pattern)


def _quoted(text: str) -> str:
    """Letters are quoted ('T'); digits, spaces and punctuation stand for themselves."""
    if not any(c.isalpha() or c == "'" for c in text):
        return text
    return "'" + text.replace("'", "''") + "'"
