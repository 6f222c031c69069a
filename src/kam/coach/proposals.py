"""From a call to its account (DOMAIN.md §5): what the customer said about their problems and goals is a
candidate need, and a speaker whose name is a stakeholder's is that stakeholder. Nothing is recorded
here: the salesperson accepts or rejects each proposal.

Data in, data out: the transcript's bytes (as the call coach read them) and the stakeholders' names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kam.calls.models import Side
from kam.calls.parse import parse_transcript
from kam.calls.settings import CallSettings
from kam.calls.timeline import assign_sides, place_turns, sentences_of
from kam.coach.classify import Classification, classify_statement
from kam.coach.lexicon import CueKind
from kam.coach.script import fold
from kam.coach.settings import CoachSettings

# evidence that a customer's sentence states a problem or a goal: a need worth recording
NEED_CUES = frozenset({CueKind.STATES_PROBLEM.value, CueKind.STATES_GOAL.value})
MAX_STATEMENT = 500  # a need's statement is at most this long (the needs table's column)


@dataclass(frozen=True)
class Said:
    """A customer's sentence: who said it, the words, its number among the call's sentences (from 1) and
    when, in seconds from the start (estimated from the words when the transcript has no times)."""

    speaker: str
    text: str
    sentence: int
    at_s: float


@dataclass(frozen=True)
class NeedCandidate:
    """A sentence that states a problem or a goal, and the classifier's verdict on it."""

    said: Said
    verdict: Classification


@dataclass(frozen=True)
class Person:
    """A stakeholder as matching needs them: id, name and title (either may be empty)."""

    id: str
    name: str
    title: str = ""


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker of the call who is one of the account's stakeholders."""

    speaker: str
    person: Person


def customer_sentences(
    data: bytes, file: str, sales: Sequence[str], settings: CallSettings | None = None
) -> tuple[Said, ...]:
    """The customer's sentences of a transcript whose sales speakers are `sales` (the call coach's
    finding), each with its place; raises TranscriptError as the call coach does."""
    s = settings or CallSettings()
    transcript = parse_transcript(data, file)
    sides = assign_sides(transcript, sales, file)
    sentences = sentences_of(place_turns(transcript, sides, s))
    return tuple(
        Said(x.speaker, x.text.strip()[:MAX_STATEMENT], number, round(x.start_s, 1))
        for number, x in enumerate(sentences, start=1)
        if x.side is Side.CUSTOMER and x.text.strip()
    )


def candidate_needs(said: Sequence[Said], settings: CoachSettings | None = None) -> list[NeedCandidate]:
    """The sentences that state a problem or a goal, once each (the first time said), classified."""
    found: dict[str, NeedCandidate] = {}
    for sentence in said:
        verdict = classify_statement(sentence.text, settings)
        if sentence.text not in found and any(r.code in NEED_CUES for r in verdict.reasons):
            found[sentence.text] = NeedCandidate(sentence, verdict)
    return list(found.values())


def _key(name: str) -> str:
    return "".join(fold(name).casefold().split())


def names_match(speaker: str, person: Person) -> bool:
    """Whether a transcript's speaker label names the person: the same name (any case, spacing or
    Chinese script), a Latin first name ("Amy" for "Amy Chen", or the other way round), or a Chinese
    surname and title ("王經理" for 王大明, 經理)."""
    said, name = _key(speaker), _key(person.name)
    if not said or not name:
        return False
    if said == name:
        return True
    first_said, first_name = speaker.split()[0].casefold(), person.name.split()[0].casefold()
    if speaker.isascii() and person.name.isascii() and first_said == first_name:
        return len(speaker.split()) == 1 or len(person.name.split()) == 1
    title = _key(person.title)
    return bool(title) and not person.name.isascii() and said == name[0] + title


def match_speakers(speakers: Sequence[str], people: Sequence[Person]) -> list[SpeakerMatch]:
    """Each speaker matched to the one stakeholder their label names; a label that names several, or
    none, is left for the salesperson."""
    matches = []
    for speaker in dict.fromkeys(speakers):
        named = [p for p in people if names_match(speaker, p)]
        if len(named) == 1:
            matches.append(SpeakerMatch(speaker, named[0]))
    return matches
