"""Values of call analysis: turns in, frozen results out; `CallAnalysis.to_dict()` is the JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from kam.domain.calls import Flag, Language, SpinType, Strength
from kam.domain.stages import Stage as Stage  # where kam.workspace imports it from

if TYPE_CHECKING:
    from kam.calls.next_steps import NextStep
    from kam.calls.objections import Objection


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
class AskedQuestion:
    """A question sales asked, with how it was counted: open or closed, SPIN type, about the decision chain,
    asking why."""

    at_s: float
    speaker: str
    text: str
    open: bool
    spin: SpinType | None
    decision_chain: bool
    why: bool


@dataclass(frozen=True, slots=True)
class QuestionStats:
    total: int
    open: int
    closed: int
    spin: dict[SpinType, int] = field(default_factory=dict)
    decision_chain: int = 0
    asked: tuple[AskedQuestion, ...] = ()


@dataclass(frozen=True, slots=True)
class PitchStats:
    first_at_s: float | None
    total_s: float


@dataclass(frozen=True, slots=True)
class PriceStats:
    first_mention_at_s: float | None
    first_mention_by: Side | None
    first_sales_quote_at_s: float | None


@dataclass(frozen=True, slots=True)
class SpokenTurn:
    """Who spoke when: a turn's speaker, side and times (its words stay in the transcript)."""

    speaker: str
    side: Side
    start_s: float
    end_s: float


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
    sales_speakers: tuple[str, ...] = ()
    customer_speakers: tuple[str, ...] = ()
    objections: tuple[Objection, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    strengths: tuple[Strength, ...] = ()
    turns: tuple[SpokenTurn, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object: times rounded to 0.1 s, shares and ratios to 0.001."""
        t, q, p, pr = self.talk, self.questions, self.pitch, self.price
        return {
            "file": self.file,
            "language": str(self.language),
            "duration_s": _r(self.duration_s),
            "timestamps": self.timestamps,
            "speakers": {"sales": list(self.sales_speakers), "customer": list(self.customer_speakers)},
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
                "decision_chain": q.decision_chain,
                "asked": [
                    {
                        "at_s": _r(a.at_s),
                        "speaker": a.speaker,
                        "text": a.text,
                        "open": a.open,
                        "spin": None if a.spin is None else str(a.spin),
                        "decision_chain": a.decision_chain,
                        "why": a.why,
                    }
                    for a in q.asked
                ],
            },
            "why_chain_depth": self.why_chain_depth,
            "pitch": {"first_at_s": _r(p.first_at_s), "total_s": _r(p.total_s)},
            "price": {
                "first_mention_at_s": _r(pr.first_mention_at_s),
                "first_mention_by": None if pr.first_mention_by is None else str(pr.first_mention_by),
                "first_sales_quote_at_s": _r(pr.first_sales_quote_at_s),
            },
            "objections": [
                {"kind": str(o.kind), "at_s": _r(o.at_s), "speaker": o.speaker, "text": o.text}
                for o in self.objections
            ],
            "next_steps": [
                {
                    "at_s": _r(n.at_s),
                    "speaker": n.speaker,
                    "owner": str(n.owner),
                    "when": n.when,
                    "text": n.text,
                    "agreed": n.agreed,
                }
                for n in self.next_steps
            ],
            "strengths": [str(s) for s in self.strengths],
            "flags": [str(f) for f in self.flags],
            "evidence": [
                {"flag": str(e.flag), "at_s": _r(e.at_s), "speaker": e.speaker, "text": e.text}
                for e in self.evidence
            ],
            "turns": [
                {"speaker": t.speaker, "side": str(t.side), "start_s": _r(t.start_s), "end_s": _r(t.end_s)}
                for t in self.turns
            ],
        }
