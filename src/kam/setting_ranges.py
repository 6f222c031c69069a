"""What each setting may be: its range said in words (for docs/settings.md and for errors), and the
thresholds that must stay in order. The settings models import this module; it imports none of them."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kam.i18n import Notice


class OutOfOrder(ValueError):
    """Two settings of a model out of order: `low` must not be above `high`."""

    def __init__(self, low: str, low_value: Any, high: str, high_value: Any) -> None:
        super().__init__(f"{low} = {low_value!r} must not be above {high} = {high_value!r}")
        self.low, self.low_value, self.high, self.high_value = low, low_value, high, high_value


def check_order(model: BaseModel) -> None:
    """Raise OutOfOrder for the first of the model's `ORDERED` (low, high) settings whose low is above
    its high."""
    for low, high in getattr(model, "ORDERED", ()):
        if getattr(model, low) > getattr(model, high):
            raise OutOfOrder(low, getattr(model, low), high, getattr(model, high))


def order_note(model: type[BaseModel], name: str) -> str:
    """How setting `name` must compare with another of its model ("≤ b_tier_profit_share"), or ""."""
    notes = [f"≤ {high}" for low, high in getattr(model, "ORDERED", ()) if low == name]
    notes += [f"≥ {low}" for low, high in getattr(model, "ORDERED", ()) if high == name]
    return ", ".join(notes)


def _show(bound: Any) -> str:
    if isinstance(bound, dt.date):
        return bound.isoformat()
    return str(bound) if isinstance(bound, int) else f"{bound:g}"


def bounds(info: FieldInfo) -> str:
    """The bounds of a number setting as one inequality, "0 < x ≤ 1" or "x ≥ 0" ("" if it has none)."""
    low: tuple[str, Any] | None = None
    high: tuple[str, Any] | None = None
    for item in info.metadata:
        if isinstance(item, at.Gt):
            low = ("<", item.gt)
        elif isinstance(item, at.Ge):
            low = ("≤", item.ge)
        elif isinstance(item, at.Lt):
            high = ("<", item.lt)
        elif isinstance(item, at.Le):
            high = ("≤", item.le)
    if low and high:
        return f"{_show(low[1])} {low[0]} x {high[0]} {_show(high[1])}"
    if low:
        return f"x {'>' if low[0] == '<' else '≥'} {_show(low[1])}"
    return f"x {high[0]} {_show(high[1])}" if high else ""


def allowed(info: FieldInfo) -> str:
    """What a setting accepts, as a notice (said in the reader's language): a finite number in its
    bounds, a whole number, a date, one of a fixed list, a list of choices from one, or text."""
    annotation = info.annotation
    limits = bounds(info)
    if annotation is int:
        return Notice("allowed_integer", bounds=limits) if limits else Notice("allowed_integer_any")
    if annotation is float:
        return Notice("allowed_number", bounds=limits) if limits else Notice("allowed_number_any")
    if annotation is dt.date:
        return Notice("allowed_date")
    if annotation is bool:
        return Notice("allowed_choice", values="true, false")
    choices: list[str] = []
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        choices = [str(member.value) for member in annotation]
    elif typing.get_origin(annotation) is typing.Literal:
        choices = [str(choice) for choice in typing.get_args(annotation)]
    if choices:
        return Notice("allowed_choice", values=", ".join(choices))
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return Notice("allowed_choices", values=", ".join(str(member.value) for member in item))
    return Notice("allowed_text")
