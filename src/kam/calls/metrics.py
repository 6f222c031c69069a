"""Metrics and coaching flags for one call (DOMAIN.md §6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kam.calls.models import (
    AskedQuestion,
    CallAnalysis,
    Evidence,
    PitchStats,
    PriceStats,
    QuestionStats,
    Sentence,
    Side,
    SpokenTurn,
    TalkStats,
)
from kam.calls.next_steps import NextStep, NextStepFinder
from kam.calls.objections import Objection, objection_kind
from kam.calls.pitch import PitchDetector
from kam.calls.price import price_talk
from kam.calls.questions import QuestionKind, classify_question
from kam.calls.settings import CallSettings
from kam.calls.strengths import strengths_of
from kam.calls.text import topic_terms
from kam.calls.timeline import PlacedTurn
from kam.domain.calls import Flag, Language, SpinType
from kam.domain.stages import Stage


def talk_stats(turns: list[PlacedTurn], timestamps: bool, duration_s: float) -> TalkStats:
    """Shares by speaking time when stamped, else by tokens; monologues are runs of one speaker."""
    amount = {Side.SALES: 0.0, Side.CUSTOMER: 0.0}
    longest = {Side.SALES: 0.0, Side.CUSTOMER: 0.0}
    switches = 0
    pauses: list[float] = []
    run_start = 0
    for i, t in enumerate(turns):
        amount[t.side] += (t.end_s - t.start_s) if timestamps else t.tokens
        if i and t.speaker != turns[i - 1].speaker:
            switches += 1
            run_start = i
            prev = turns[i - 1]
            if t.side is Side.SALES and prev.side is Side.CUSTOMER:
                pauses.append(max(0.0, t.start_s - prev.end_s))
        run = t.end_s - turns[run_start].start_s
        longest[t.side] = max(longest[t.side], run)
    total = amount[Side.SALES] + amount[Side.CUSTOMER]
    sales, customer = amount[Side.SALES], amount[Side.CUSTOMER]
    return TalkStats(
        customer_share=customer / total if total else None,
        sales_share=sales / total if total else None,
        customer_to_sales=customer / sales if sales else None,
        longest_sales_monologue_s=longest[Side.SALES],
        longest_customer_monologue_s=longest[Side.CUSTOMER],
        switches_per_hour=switches * 3600 / duration_s if duration_s > 0 else None,
        patience_s=(sum(pauses) / len(pauses) if pauses else None) if timestamps else None,
    )


class _WhyChain:
    """Longest run of consecutive why-questions by sales that stay on one topic."""

    def __init__(self, settings: CallSettings) -> None:
        self.settings = settings
        self.depth = 0
        self.best = 0
        self.last_at = 0.0
        self.context: set[str] = set()
        self.answers: list[str] = []

    def customer_said(self, text: str) -> None:
        if self.depth:
            self.answers.append(text)

    def sales_asked(self, sentence: Sentence, kind: QuestionKind) -> None:
        if not kind.why:
            self.depth = 0
            self.answers.clear()
            return
        terms = topic_terms(sentence.text)
        if self.answers:
            self.context |= topic_terms(" ".join(self.answers))
            self.answers.clear()
        on_topic = not terms or len(terms & self.context) >= self.settings.why_chain_min_shared_terms
        in_time = sentence.start_s - self.last_at <= self.settings.why_chain_max_gap_s
        self.depth = self.depth + 1 if self.depth and on_topic and in_time else 1
        self.best = max(self.best, self.depth)
        self.last_at = sentence.start_s
        self.context = terms


def _cut(text: str, settings: CallSettings) -> str:
    return text if len(text) <= settings.evidence_max_chars else text[: settings.evidence_max_chars] + "…"


def _quote(s: Sentence, flag: Flag, settings: CallSettings) -> Evidence:
    return Evidence(flag, s.start_s, s.speaker, _cut(s.text, settings))


def analyze_sentences(
    *,
    file: str,
    language: Language,
    turns: list[PlacedTurn],
    sentences: Sequence[Sentence],
    timestamps: bool,
    products: Sequence[str],
    stage: Stage,
    settings: CallSettings,
) -> CallAnalysis:
    """All metrics and flags in one pass over the sentences (linear in transcript length).

    A pitch runs from a sales statement naming a product or presenting to the next question or turn end.
    """
    duration = max((t.end_s for t in turns), default=0.0)
    next_steps = NextStepFinder(duration * (1 - settings.next_step_last_share))
    objections: list[Objection] = []
    asked: list[AskedQuestion] = []
    talk = talk_stats(turns, timestamps, duration)
    detector = PitchDetector(products)
    why = _WhyChain(settings)
    spin = dict.fromkeys(SpinType, 0)
    questions: list[Sentence] = []
    n_open = 0
    questions_before_pitch: int | None = None
    pitch_first: Sentence | None = None
    pitch_total = 0.0
    mention: Sentence | None = None
    quote: Sentence | None = None
    presenting, last_pitch_turn = False, -1
    for s in sentences:
        next_steps.said(s)
        if s.side is Side.CUSTOMER:
            why.customer_said(s.text)
            objection = objection_kind(s.text)
            if objection is not None:
                objections.append(Objection(objection, s.start_s, s.speaker, _cut(s.text, settings)))
            if mention is None and price_talk(s.text).mention:
                mention = s
            continue
        kind = classify_question(s.text)
        presenting = presenting and s.turn == last_pitch_turn
        if kind is not None:
            questions.append(s)
            asked.append(
                AskedQuestion(
                    s.start_s,
                    s.speaker,
                    _cut(s.text, settings),
                    kind.open,
                    kind.spin,
                    kind.decision_chain,
                    kind.why,
                )
            )
            n_open += kind.open
            if kind.spin is not None:
                spin[kind.spin] += 1
            why.sales_asked(s, kind)
            presenting = False
        elif presenting or detector.is_pitch(s.text):
            presenting, last_pitch_turn = True, s.turn
            if pitch_first is None:
                pitch_first, questions_before_pitch = s, len(questions)
            pitch_total += s.duration_s
        if mention is None or quote is None:
            talk_about_price = price_talk(s.text)
            if mention is None and talk_about_price.mention:
                mention = s
            if quote is None and talk_about_price.quote:
                quote = s
    flags: list[Flag] = []
    evidence: list[Evidence] = []
    ratio = talk.customer_to_sales
    if ratio is not None and ratio < settings.min_customer_to_sales:
        flags.append(Flag.NOT_LISTENING)
        evidence.append(_longest_sales_monologue(turns, sentences, settings))
    too_long = pitch_total > settings.max_pitch_s or (
        duration > 0 and pitch_total > duration * settings.max_pitch_share
    )
    early = (
        questions_before_pitch is not None and questions_before_pitch < settings.min_questions_before_pitch
    )
    if pitch_first is not None and (early or too_long):
        flags.append(Flag.EARLY_PITCH)
        evidence.append(_quote(pitch_first, Flag.EARLY_PITCH, settings))
    if quote is not None and stage.order < settings.price_allowed_from.order:
        flags.append(Flag.PRICE_TOO_EARLY)
        evidence.append(_quote(quote, Flag.PRICE_TOO_EARLY, settings))
    if len(questions) < settings.min_discovery_questions:
        flags.append(Flag.NO_DISCOVERY)
        shown = questions or [next(s for s in sentences if s.side is Side.SALES)]
        evidence.extend(_quote(s, Flag.NO_DISCOVERY, settings) for s in shown)
    steps = tuple(replace(step, text=_cut(step.text, settings)) for step in next_steps.finish())
    if not any(step.agreed for step in steps):
        flags.append(Flag.NO_NEXT_STEP)
        evidence.extend(_no_next_step(steps, sentences, settings))
    question_stats = QuestionStats(
        len(questions),
        n_open,
        len(questions) - n_open,
        spin,
        decision_chain=sum(a.decision_chain for a in asked),
        asked=tuple(asked),
    )
    price_stats = PriceStats(
        None if mention is None else mention.start_s,
        None if mention is None else mention.side,
        None if quote is None else quote.start_s,
    )
    return CallAnalysis(
        file=file,
        language=language,
        duration_s=duration,
        timestamps=timestamps,
        talk=talk,
        questions=question_stats,
        why_chain_depth=why.best,
        pitch=PitchStats(None if pitch_first is None else pitch_first.start_s, pitch_total),
        price=price_stats,
        flags=tuple(flags),
        evidence=tuple(evidence),
        sales_speakers=tuple(dict.fromkeys(t.speaker for t in turns if t.side is Side.SALES)),
        customer_speakers=tuple(dict.fromkeys(t.speaker for t in turns if t.side is Side.CUSTOMER)),
        objections=tuple(objections),
        next_steps=steps,
        strengths=strengths_of(
            talk, question_stats, why.best, price_stats, steps, stage=stage, settings=settings
        ),
        turns=tuple(SpokenTurn(t.speaker, t.side, t.start_s, t.end_s) for t in turns),
    )


def _no_next_step(
    steps: tuple[NextStep, ...], sentences: Sequence[Sentence], settings: CallSettings
) -> list[Evidence]:
    """The next steps proposed but not agreed, else how sales ended the call (its last sentence)."""
    if steps:
        return [Evidence(Flag.NO_NEXT_STEP, n.at_s, n.speaker, n.text) for n in steps]
    last = next(s for s in reversed(sentences) if s.side is Side.SALES)
    return [_quote(last, Flag.NO_NEXT_STEP, settings)]


def _longest_sales_monologue(
    turns: list[PlacedTurn], sentences: Sequence[Sentence], settings: CallSettings
) -> Evidence:
    best, best_len, run_start = 0, -1.0, 0
    for i, t in enumerate(turns):
        if i and t.speaker != turns[i - 1].speaker:
            run_start = i
        if t.side is Side.SALES and t.end_s - turns[run_start].start_s > best_len:
            best, best_len = run_start, t.end_s - turns[run_start].start_s
    first = next(s for s in sentences if s.turn == best)
    return _quote(first, Flag.NOT_LISTENING, settings)
