"""The Counted message of a sentence that counts something, said in the plural form of its number, and
the values a reason's sentence is filled with (the numbers themselves are written by kam.render.numbers,
in the language's format)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import narwhals as nw


@dataclass(frozen=True)
class Counted:
    """A message with plural forms, said in the form of each row's `number` (the figure as written)."""

    key: str
    number: nw.Expr
    values: dict[str, Value] = field(default_factory=dict)


Value = nw.Expr | str | Counted
Largest = Callable[[str], float]  # a cited column -> the largest magnitude among the customers said of
