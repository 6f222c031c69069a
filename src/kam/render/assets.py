"""Scripts inlined into kam's pages (vendored Apache ECharts, the report's own script), read once per
process, so that each page is one self-contained offline file."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from markupsafe import Markup

_CLOSING = re.compile(r"</(script)", re.IGNORECASE)


def inline(script: str) -> Markup:
    """`script` to put inside a <script> element as it is: a "</script", which would end the element, is
    written "<\\/script" (the same to JavaScript, in a string or a regular expression)."""
    return Markup(_CLOSING.sub(r"<\\/\1", script))


@cache
def asset(name: str) -> Markup:
    """The script `name` (relative to kam.render), ready to inline (see `inline`)."""
    return inline(resources.files("kam.render").joinpath(name).read_text(encoding="utf-8"))
