"""The words of sales-call coaching (DOMAIN.md §6) that the analysis, the workspace and the reports share."""

from __future__ import annotations

from enum import StrEnum


class SpinType(StrEnum):
    """SPIN selling question types (Rackham, *SPIN Selling*, 1988)."""

    SITUATION = "situation"
    PROBLEM = "problem"
    IMPLICATION = "implication"
    NEED_PAYOFF = "need_payoff"


class Flag(StrEnum):
    """The coaching flags: DOMAIN.md §6 mistakes 1, 2 and 4, discovery missing altogether, and a call that
    ends without an agreed next step."""

    NOT_LISTENING = "not_listening"
    EARLY_PITCH = "early_pitch"
    PRICE_TOO_EARLY = "price_too_early"
    NO_DISCOVERY = "no_discovery"
    NO_NEXT_STEP = "no_next_step"


class Strength(StrEnum):
    """What went well in a call, named as plainly as the flags name the mistakes."""

    LISTENED = "listened"
    OPEN_QUESTIONS = "open_questions"
    DUG_DEEPER = "dug_deeper"
    DECISION_CHAIN = "decision_chain"
    PRICE_DEFERRED = "price_deferred"
    NEXT_STEP = "next_step"


class Language(StrEnum):
    """Language of a call; `mixed` when two scripts or languages each carry a real share."""

    EN = "en"
    ZH_HANT = "zh-Hant"
    ZH_HANS = "zh-Hans"
    MIXED = "mixed"
