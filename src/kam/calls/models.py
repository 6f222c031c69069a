"""Values of call analysis: turns in, frozen results out; `CallAnalysis.to_dict()` is the JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from kam.domain.calls import Flag, Language, SpinType
from kam.domain.stages import Stage as Stage  # where kam.workspace imports it from


class Side(StrEnum):
    """Which side of the table a speaker sits on."""

    SALES = "sales"
    CUSTOMER = "customer"


class Format(StrEnum):
    """Transcript file formats understood by the parser."""

    VTT = "vtt"
    SRT = "srt"
    JSON = "json"
    TEXT = "text"


class Turn(NamedTuple):
    """One stretch of speech by one speaker as the file gives it; times in seconds or None.

    Turns and sentences are named tuples: immutable like the frozen results, and several times cheaper
    to build, which counts with hundreds of them per call (the coach's speed target is per call).
    """

    speaker: str
    start_s: float | None
    end_s: float | None
    text: str
    role: Side | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A parsed file: its turns, its format and whether it carried timestamps."""

    turns: tuple[Turn, ...]
    format: Format
    timestamps: bool


class Sentence(NamedTuple):
    """A sentence placed on the call timeline, with its side and token count."""

    speaker: str
    side: Side
    text: str
    start_s: float
    end_s: float
    tokens: int
    turn: int

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote with its time that supports a flag."""

    flag: Flag
    at_s: float | None
    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class TalkStats:
    customer_share: float | None
    sales_share: float | None
    customer_to_sales: float | None
    longest_sales_monologue_s: float
    longest_customer_monologue_s: float
    switches_per_hour: float | None
    patience_s: float | None


@dataclass(frozen=True, slots=True)
class QuestionStats:
    total: int
    open: int
    closed: int
    spin: dict[SpinType, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PitchStats:
    first_at_s: float | None
    total_s: float


@dataclass(frozen=True, slots=True)
class PriceStats:
    first_mention_at_s: float | None
    first_mention_by: Side | None
    first_sales_quote_at_s: float | None


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True, slots=True)
class CallAnalysis:
    """Everything `kam calls analyze` reports for one transcript."""

    file: str
    language: Language
    duration_s: float
    timestamps: bool
    talk: TalkStats
    questions: QuestionStats
    why_chain_depth: int
    pitch: PitchStats
    price: PriceStats
    flags: tuple[Flag, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object: times rounded to 0.1 s, shares and ratios to 0.001."""
        t, q, p, pr = self.talk, self.questions, self.pitch, self.price
        return {
            "file": self.file,
            "language": str(self.language),
            "duration_s": _r(self.duration_s),
            "timestamps": self.timestamps,
            "talk": {
                "customer_share": _r(t.customer_share, 3),
                "sales_share": _r(t.sales_share, 3),
                "customer_to_sales": _r(t.customer_to_sales, 3),
                "longest_sales_monologue_s": _r(t.longest_sales_monologue_s),
                "longest_customer_monologue_s": _r(t.longest_customer_monologue_s),
                "switches_per_hour": _r(t.switches_per_hour),
                "patience_s": _r(t.patience_s, 2),
            },
            "questions": {
                "total": q.total,
                "open": q.open,
                "closed": q.closed,
                "spin": {str(s): q.spin.get(s, 0) for s in SpinType},
            },
            "why_chain_depth": self.why_chain_depth,
            "pitch": {"first_at_s": _r(p.first_at_s), "total_s": _r(p.total_s)},
            "price": {
                "first_mention_at_s": _r(pr.first_mention_at_s),
                "first_mention_by": None if pr.first_mention_by is None else str(pr.first_mention_by),
                "first_sales_quote_at_s": _r(pr.first_sales_quote_at_s),
            },
            "flags": [str(f) for f in self.flags],
            "evidence": [
                {"flag": str(e.flag), "at_s": _r(e.at_s), "speaker": e.speaker, "text": e.text}
                for e in self.evidence
            ],
        }
