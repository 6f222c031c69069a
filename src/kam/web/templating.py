"""The pages' templates: one Jinja2 environment with autoescaping (data is never markup), and in each
page the reader's language: `_("web.key", name=...)` says a catalog message, `label(value)` a value of the
vocabulary, `num`/`day` a number or a date as the language writes them, `as_json` the data of a chart."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kam.domain.languages import Lang
from kam.i18n import formats, text, word
from kam.i18n.labels import PREFIXES, label

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_NAMES = {Lang.ZH_HANT: "繁體中文", Lang.ZH_HANS: "简体中文", Lang.EN: "English"}


@dataclass(frozen=True)
class Viewer:
    """Who reads the page (None before signing in), in which language, with the session's CSRF token."""

    lang: Lang
    csrf: str
    login: str | None = None
    display_name: str | None = None


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _helpers(lang: Lang) -> dict[str, Any]:
    def say(key: str, **values: Any) -> str:
        return text(key, lang, **values)

    def labelled(value: StrEnum | None) -> str:
        if value is None:
            return ""
        return label(value, lang) if type(value) in PREFIXES else word(value.value, lang)

    def num(value: float | None, digits: int | None = None) -> str:
        return "" if value is None else formats.number(value, lang, digits)

    def day(value: dt.date | None) -> str:
        return "" if value is None else formats.date(value, lang)

    def as_json(value: Any) -> Markup:
        """JSON for a <script type="application/json"> element: every "<" as \\u003c, so nothing in it
        can close the element (as report.html's data, kam.render.report_data.script_json)."""
        said = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
        return Markup(said.replace("<", "\\u003c"))

    return {"_": say, "label": labelled, "num": num, "day": day, "as_json": as_json}


def render(
    request: Request, template: str, viewer: Viewer, status: int = 200, **context: Any
) -> HTMLResponse:
    """`template` in the viewer's language; data in `context` is escaped wherever the page shows it."""
    page = environment().get_template(template)
    html = page.render(
        request=request,
        viewer=viewer,
        languages=LANGUAGE_NAMES,
        csrf_field="csrf_token",
        **_helpers(viewer.lang),
        **context,
    )
    return HTMLResponse(html, status_code=status)
