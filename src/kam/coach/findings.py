"""What the coach finds: each finding a code with its values, said in a language only at the edge
(kam.render.coach), like the verdict reasons of kam.analytics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FindingCode(StrEnum):
    """A coaching finding; the values each one carries are listed beside it."""

    NO_COACH = "no_coach"  # (none)
    COACH_LOW_INFLUENCE = "coach_low_influence"  # names, influence (the best), threshold
    NO_DECISION_MAKER = "no_decision_maker"  # (none)
    DECISION_MAKER_NOT_MET = "decision_maker_not_met"  # name, role, days (None: never), max_days
    SINGLE_THREADED = "single_threaded"  # count, names, minimum, within_days
    HIGH_INFLUENCE_OPPONENT = "high_influence_opponent"  # name, function, influence, threshold
    FUNCTION_NEVER_MET = "function_never_met"  # function, recorded (stakeholders of it on record)
    STANCE_UNKNOWN = "stance_unknown"  # count, names
    SHALLOW_WHYS = "shallow_whys"  # first, last (statements), levels, min_levels
    QUOTE_BEFORE_STAGE = "quote_before_stage"  # deal, stage, allowed_from
    QUOTE_BEFORE_CONFIRMED_NEED = "quote_before_confirmed_need"  # deal, stage
    CALL_QUOTE_BEFORE_DISCOVERY = "call_quote_before_discovery"  # call, on, stage, at_s, flag
    DEAL_NO_STAKEHOLDER = "deal_no_stakeholder"  # deal (its title)


@dataclass(frozen=True)
class Finding:
    """A finding, the record it is about (`subject`: a stakeholder's, need's, deal's or call's id; None
    for the account as a whole) and the values its sentence cites: names and statements as recorded,
    numbers, dates, and vocabulary (StrEnum values, said as their label)."""

    code: FindingCode
    values: Mapping[str, Any] = field(default_factory=dict)
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: code, subject and values (vocabulary as its value, dates as ISO text, name
        lists as lists)."""
        return {"code": str(self.code), "subject": self.subject, "values": plain_values(self.values)}


def plain_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values as JSON holds them: StrEnums as their value, dates as ISO text, tuples as lists."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, StrEnum):
            value = value.value
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out
