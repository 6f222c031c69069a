"""Strict JSON: every JSON kam writes parses with any JSON parser, so NaN and Infinity never appear."""

from __future__ import annotations

import json
import math
from typing import Any

from kam.errors import KamError
from kam.i18n import Notice


class NotFiniteError(KamError):
    """A value to be written as JSON is NaN or infinite, which JSON cannot hold."""

    status_code = 422

    def __init__(self, key: str, value: float) -> None:
        super().__init__(Notice("json_not_finite", field=key, value=str(value)))
        self.key = key


def dumps_strict(value: Any, **options: Any) -> str:
    """`json.dumps(value, **options)` that refuses NaN and ±Infinity (Python writes them, JSON has no
    such tokens) with a NotFiniteError naming the first such value's key, as `portfolio.total`."""
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:
        found = _first_non_finite(value, "")
        if found is None:
            raise
        raise NotFiniteError(found[0] or "(the value)", found[1]) from None


def _first_non_finite(value: Any, key: str) -> tuple[str, float] | None:
    """The key path and value of the first NaN or infinite float in `value` (dicts and lists walked)."""
    if isinstance(value, float) and not math.isfinite(value):
        return key, value
    if isinstance(value, dict):
        children = ((f"{key}.{k}" if key else str(k), v) for k, v in value.items())
    elif isinstance(value, list | tuple):
        children = ((f"{key}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for child_key, child in children:
        if (found := _first_non_finite(child, child_key)) is not None:
            return found
    return None
