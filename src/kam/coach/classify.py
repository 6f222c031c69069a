"""Needs versus wants (需求 / 需要, DOMAIN.md §5 and the fifth sales mistake): is a customer's statement a
need (a problem, a risk or a goal; lasting, shared, open about the solution) or a want (it prescribes its
own concrete solution, is one-off, or is one person's)? Rules over the cues of kam.coach.lexicon, in
English and Chinese (either script); no model, no network.

Each kind of cue found adds its weight to its side. The side with more weight wins when it has at least
`classify_min_evidence` and leads by at least `classify_min_margin`; otherwise the statement is
`undecided`, with the reason, rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kam.coach.lexicon import CUES, NOT_A_PROBLEM, CueKind
from kam.coach.script import fold
from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedKind

# Evidence weight added to the denominator of the confidence, so that a verdict on little evidence is
# never near-certain: one strong cue alone (weight 2) gives 2 / 3.
CONFIDENCE_PRIOR = 1.0
CONFIDENCE_DIGITS = 3


@dataclass(frozen=True)
class ClassifyReason:
    """Why: a kind of evidence and the words that showed it (as written in the statement), or, for an
    undecided statement, `thin_evidence` or `mixed_evidence` with the weights weighed."""

    code: str
    values: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "values": dict(self.values)}


_CUE_CODES = frozenset(kind.value for kind in CueKind)
THIN_EVIDENCE = "thin_evidence"  # values: weight (the larger side's), minimum
MIXED_EVIDENCE = "mixed_evidence"  # values: need, want (their weights), margin


@dataclass(frozen=True)
class Classification:
    """The verdict on one statement: its kind, a confidence from 0 to 1 and the reasons."""

    text: str
    kind: NeedKind
    confidence: float
    reasons: tuple[ClassifyReason, ...]
    need_weight: float
    want_weight: float

    @property
    def cues(self) -> tuple[CueKind, ...]:
        """The kinds of evidence found, on either side."""
        return tuple(CueKind(r.code) for r in self.reasons if r.code in _CUE_CODES)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span replaced by as many spaces (positions stay)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def find_cues(text: str) -> list[tuple[CueKind, NeedKind, float, str]]:
    """Each kind of cue in `text` (once, at its first place), with its side, weight and the words."""
    folded = fold(text)
    folded = _blank(folded, [m.span() for m in NOT_A_PROBLEM.finditer(folded)])
    found = []
    for table in CUES:
        match = table.pattern.search(folded)
        if match is not None:
            found.append((table.kind, table.side, table.weight, text[match.start() : match.end()].strip()))
    return found


def classify_statement(text: str, settings: CoachSettings | None = None) -> Classification:
    """Need, want or undecided, with a confidence and the reasons (see the module's docstring)."""
    s = settings or CoachSettings()
    cues = find_cues(text)
    weights = {NeedKind.NEED: 0.0, NeedKind.WANT: 0.0}
    for _kind, side, weight, _words in cues:
        weights[side] += weight
    need, want = weights[NeedKind.NEED], weights[NeedKind.WANT]
    lead, other = (NeedKind.NEED, NeedKind.WANT) if need >= want else (NeedKind.WANT, NeedKind.NEED)
    high, low = weights[lead], weights[other]
    share = high / (high + low + CONFIDENCE_PRIOR)
    evidence = [ClassifyReason(str(kind), {"cue": words}) for kind, side, _w, words in cues if side is lead]
    evidence += [ClassifyReason(str(kind), {"cue": words}) for kind, side, _w, words in cues if side is other]
    if high < s.classify_min_evidence:
        verdict = ClassifyReason(THIN_EVIDENCE, {"weight": high, "minimum": s.classify_min_evidence})
        return Classification(text, NeedKind.UNDECIDED, _rounded(1 - share), (verdict, *evidence), need, want)
    if high - low < s.classify_min_margin:
        verdict = ClassifyReason(
            MIXED_EVIDENCE, {"need": need, "want": want, "margin": s.classify_min_margin}
        )
        return Classification(text, NeedKind.UNDECIDED, _rounded(1 - share), (verdict, *evidence), need, want)
    return Classification(text, lead, _rounded(share), tuple(evidence), need, want)


def _rounded(confidence: float) -> float:
    return round(confidence, CONFIDENCE_DIGITS)
