"""HTML and SVG from Jinja2 templates with autoescaping, shared by the offline reports and the coming pages.

Every value a template prints is escaped (data is never markup); the Python side only computes what to
show. jinja2 is imported when the first page is rendered, so commands that write no report do not load it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from kam.domain.languages import Lang
from kam.i18n import text

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment


def _format(value: Any, spec: str) -> str:
    """`{{ value|fmt(",.0f") }}`: Python's format mini-language, as the f-strings of the CLI use it."""
    return format(value, spec)


@cache
def environment() -> Environment:
    """The one template environment: kam/render/templates, autoescaped, unknown names an error."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("kam.render"),
        autoescape=True,  # every template is HTML or SVG
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = _format
    return env


def translator(lang: Lang) -> Callable[..., str]:
    """`t("ui.more", n=3)` in a template: the text of a key in `lang`, with its values filled in."""

    def t(key: str, **values: Any) -> str:
        message = text(key, lang)
        return message.format(**values) if values else message

    return t


def render(template: str, lang: Lang, **context: Any) -> str:
    """Render `template` in `lang`; the template sees `lang`, `t` (see translator) and `context`."""
    return environment().get_template(template).render(lang=lang, t=translator(lang), **context)
