"""A salesperson's trend: the coaching measures of their stored calls, by call date, and where each heads.

Pure: a list of stored analyses (the JSON of `CallAnalysis.to_dict()`, as the workspace keeps it, and when
each call happened) in, a `CallTrend` out. A call belongs to a salesperson when its analysis names them
among the sales speakers (the whole name or its first word, ignoring case, as `--sales` matches);
analyses stored before kam recorded the speakers cannot be attributed and are counted apart.

Each measure's direction comes from a straight line fitted through its values in date order (least
squares over the calls' positions): its rise from the first call to the last is the change; a change
smaller than the measure's band (`trend_min_share_change` for shares, `trend_min_count_change` for
counts) is steady, and fewer than `trend_min_calls` values give no direction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kam.calls.settings import CallSettings
from kam.calls.timeline import speaker_matches
from kam.domain.calls import Flag


class Measure(StrEnum):
    """What is followed over a salesperson's calls."""

    SALES_TALK_SHARE = "sales_talk_share"
    QUESTIONS = "questions"
    OPEN_QUESTION_SHARE = "open_question_share"
    FLAGS_PER_CALL = "flags_per_call"
    NEXT_STEP_RATE = "next_step_rate"


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    STEADY = "steady"
    TOO_FEW_CALLS = "too_few_calls"


@dataclass(frozen=True, slots=True)
class StoredCall:
    """A stored call analysis (`CallAnalysis.to_dict()`), when the call happened, and where it is stored."""

    occurred_at: dt.datetime
    result: Mapping[str, Any]
    account: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Point:
    occurred_at: dt.datetime
    value: float
    account: str
    title: str


@dataclass(frozen=True, slots=True)
class MeasureTrend:
    """A measure's values by call date, their mean, the fitted change from first to last call, the direction."""

    measure: Measure
    points: tuple[Point, ...]
    mean: float | None
    change: float | None
    direction: Direction


@dataclass(frozen=True, slots=True)
class CallTrend:
    """The trend of one salesperson; `unattributed` counts stored analyses that name no speakers, and
    `salespeople` lists every sales speaker the stored analyses name (to say who there is when none match)."""

    sales: str
    calls: int
    unattributed: int
    measures: tuple[MeasureTrend, ...]
    salespeople: tuple[str, ...]
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `kam calls trend --json`: times in ISO 8601, values as measured."""
        return {
            "sales": self.sales,
            "calls": self.calls,
            "unattributed": self.unattributed,
            "salespeople": list(self.salespeople),
            "measures": [
                {
                    "measure": str(m.measure),
                    "mean": m.mean,
                    "change": m.change,
                    "direction": str(m.direction),
                    "series": [
                        {
                            "occurred_at": p.occurred_at.isoformat(),
                            "value": p.value,
                            "account": p.account,
                            "title": p.title,
                        }
                        for p in m.points
                    ],
                }
                for m in self.measures
            ],
        }


def _sales_share(result: Mapping[str, Any]) -> float | None:
    share = result.get("talk", {}).get("sales_share")
    return None if share is None else float(share)


def _questions(result: Mapping[str, Any]) -> float | None:
    total = result.get("questions", {}).get("total")
    return None if total is None else float(total)


def _open_share(result: Mapping[str, Any]) -> float | None:
    questions = result.get("questions", {})
    total, opened = questions.get("total"), questions.get("open")
    return None if not total or opened is None else opened / total


def _flags(result: Mapping[str, Any]) -> float | None:
    """The flags about the conversation; no_next_step is followed by the next-step rate, so calls stored
    before kam looked for next steps count alike."""
    flags = result.get("flags")
    return None if flags is None else float(sum(f != Flag.NO_NEXT_STEP for f in flags))


def _next_step(result: Mapping[str, Any]) -> float | None:
    steps = result.get("next_steps")
    return None if steps is None else float(any(step.get("agreed") for step in steps))


# each measure: how to read it from a stored analysis, whether higher is better, whether it is a share
_MEASURES: dict[Measure, tuple[Callable[[Mapping[str, Any]], float | None], bool, bool]] = {
    Measure.SALES_TALK_SHARE: (_sales_share, False, True),
    Measure.QUESTIONS: (_questions, True, False),
    Measure.OPEN_QUESTION_SHARE: (_open_share, True, True),
    Measure.FLAGS_PER_CALL: (_flags, False, False),
    Measure.NEXT_STEP_RATE: (_next_step, True, True),
}


def is_share(measure: Measure) -> bool:
    return _MEASURES[measure][2]


def sales_speakers(result: Mapping[str, Any]) -> list[str] | None:
    """The sales speakers a stored analysis names, or None when it was stored without them."""
    speakers = result.get("speakers")
    return None if speakers is None else list(speakers.get("sales", []))


def fitted_change(values: Sequence[float]) -> float:
    """The rise of the least-squares line through the values (at positions 0, 1, …) from first to last."""
    n = len(values)
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    spread = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread
    return slope * (n - 1)


def _trend(measure: Measure, calls: Sequence[StoredCall], settings: CallSettings) -> MeasureTrend:
    read, higher_is_better, share = _MEASURES[measure]
    points = []
    for call in calls:
        value = read(call.result)
        if value is not None:
            points.append(Point(call.occurred_at, value, call.account, call.title))
    values = [p.value for p in points]
    mean = sum(values) / len(values) if values else None
    if len(values) < settings.trend_min_calls:
        return MeasureTrend(measure, tuple(points), mean, None, Direction.TOO_FEW_CALLS)
    change = fitted_change(values)
    band = settings.trend_min_share_change if share else settings.trend_min_count_change
    if abs(change) < band:
        direction = Direction.STEADY
    else:
        direction = Direction.IMPROVING if (change > 0) == higher_is_better else Direction.WORSENING
    return MeasureTrend(measure, tuple(points), mean, change, direction)


def call_trend(calls: Sequence[StoredCall], sales: str, settings: CallSettings | None = None) -> CallTrend:
    """The trend of every measure over the calls `sales` took part in on the sales side, by call date."""
    settings = settings or CallSettings()
    name = {sales.casefold().strip()}
    mine: list[StoredCall] = []
    unattributed = 0
    everyone: dict[str, None] = {}
    for call in calls:
        speakers = sales_speakers(call.result)
        if speakers is None:
            unattributed += 1
            continue
        everyone.update(dict.fromkeys(speakers))
        if any(speaker_matches(speaker, name) for speaker in speakers):
            mine.append(call)
    mine.sort(key=lambda call: call.occurred_at)
    measures = tuple(_trend(measure, mine, settings) for measure in Measure)
    first_at, last_at = (mine[0].occurred_at, mine[-1].occurred_at) if mine else (None, None)
    return CallTrend(sales, len(mine), unattributed, measures, tuple(everyone), first_at, last_at)
