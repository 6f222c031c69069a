"""A form's bad fields said in the reader's language, beside each field: pydantic's errors by kind (a
required field left empty, text too long, a number out of range, not one of the choices)."""

from __future__ import annotations

from pydantic import ValidationError

from kam.domain.languages import Lang
from kam.i18n import text

KINDS = {
    "missing": "web.invalid.required",
    "string_too_short": "web.invalid.required",
    "string_too_long": "web.invalid.too_long",
    "greater_than_equal": "web.invalid.at_least",
    "less_than_equal": "web.invalid.at_most",
    "int_parsing": "web.invalid.number",
    "int_from_float": "web.invalid.number",
    "enum": "web.invalid.choice",
    "literal_error": "web.invalid.choice",
}


def field_errors(exc: ValidationError, lang: Lang) -> dict[str, str]:
    """field name -> what is wrong with it (the first problem of each field; "" for the form itself)."""
    found: dict[str, str] = {}
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        field = location[0] if location else ""
        context = error.get("ctx") or {}
        key = KINDS.get(str(error.get("type")), "web.invalid.value")
        limit = {
            "web.invalid.too_long": "max_length",
            "web.invalid.at_least": "ge",
            "web.invalid.at_most": "le",
        }
        values = {"limit": context.get(limit[key], "")} if key in limit else {}
        found.setdefault(field, text(key, lang, **values))
    return found
