"""The coaching flags as tables: each rule at, just below and just above each of its thresholds.

Calls are WebVTT files built cue by cue, one sentence a cue, so that every time is known; Amy sells, Lin
buys. The expected outcome is the whole tuple of flags, the evidence quoted for them, and the figures
the flags are judged on (talk shares, pitch time, questions before the pitch).
"""

from __future__ import annotations

import json

import pytest

from kam.calls import CallAnalysis, CallSettings, analyze_transcript
from kam.calls.models import Evidence
from kam.domain.calls import Flag
from kam.domain.stages import Stage

Cue = tuple[str, float, float, str]

QUESTIONS = (
    "What do you buy today?",
    "Which mills supply you?",
    "How do you store the coils?",
    "Who decides on a new supplier?",
)
ANSWER = "We buy hot rolled coils from two mills."
PITCH = "Our rebar ships by truck."
CLOSING = "Thank you, we will call you on Monday."  # the customer's next step: who, what, by when


def _clock(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def _vtt(cues: list[Cue]) -> bytes:
    body = "".join(f"\n{_clock(a)} --> {_clock(b)}\n<v {who}>{said}\n" for who, a, b, said in cues)
    return ("WEBVTT\n" + body).encode()


def _analyze(
    cues: list[Cue], *, stage: Stage = Stage.DISCOVERY, settings: CallSettings | None = None
) -> CallAnalysis:
    return analyze_transcript(
        _vtt(cues), "call.vtt", sales=["Amy"], products=["rebar"], stage=stage, settings=settings
    )


def _visit(before: int, pitch_s: float, call_s: float) -> list[Cue]:
    """`before` questions (5 s each, answered in 20 s), a pitch of `pitch_s`, enough questions after it
    to make three in all, and Lin talking to the end of the call at `call_s`."""
    cues: list[Cue] = []
    t = 0.0
    for question in QUESTIONS[:before]:
        cues += [("Amy", t, t + 5, question), ("Lin", t + 5, t + 25, ANSWER)]
        t += 25
    cues.append(("Amy", t, t + pitch_s, PITCH))
    t += pitch_s
    for question in QUESTIONS[before:3]:
        cues += [("Amy", t, t + 5, question), ("Lin", t + 5, t + 25, ANSWER)]
        t += 25
    cues += [("Lin", t, call_s - 5, ANSWER), ("Lin", call_s - 5, call_s, CLOSING)]
    return cues


@pytest.mark.parametrize(
    ("before", "pitch_s", "call_s", "flags"),
    [
        pytest.param(3, 300, 1800, (), id="5 minutes of a 30-minute first visit"),
        pytest.param(3, 299, 1800, (), id="just under 5 minutes of 30"),
        pytest.param(3, 301, 1800, (Flag.EARLY_PITCH,), id="just over 5 minutes of 30"),
        pytest.param(3, 300, 3600, (), id="5 minutes of an hour"),
        pytest.param(3, 301, 3600, (Flag.EARLY_PITCH,), id="just over 5 minutes of an hour"),
        pytest.param(3, 200, 1200, (), id="a sixth of a 20-minute call"),
        pytest.param(3, 199, 1200, (), id="just under a sixth of 20 minutes"),
        pytest.param(3, 201, 1200, (Flag.EARLY_PITCH,), id="just over a sixth of 20 minutes"),
        pytest.param(3, 10, 1200, (), id="three questions, then a short pitch"),
        pytest.param(4, 10, 1200, (), id="four questions before the pitch"),
        pytest.param(2, 10, 1200, (Flag.EARLY_PITCH,), id="two questions before the pitch"),
        pytest.param(0, 10, 1200, (Flag.EARLY_PITCH,), id="pitch before any question"),
    ],
)
def test_early_pitch(before: int, pitch_s: float, call_s: float, flags: tuple[Flag, ...]) -> None:
    result = _analyze(_visit(before, pitch_s, call_s))
    pitch_at = 25.0 * before
    assert (result.file, result.flags) == ("call.vtt", flags)
    assert (result.duration_s, result.pitch.first_at_s, result.pitch.total_s) == (call_s, pitch_at, pitch_s)
    assert result.questions.total == max(before, 3)
    if flags:
        assert result.evidence == (Evidence(Flag.EARLY_PITCH, pitch_at, "Amy", PITCH),)


def test_pitch_limits_are_settings() -> None:
    calm = CallSettings(max_pitch_s=400.0, max_pitch_share=0.25, min_questions_before_pitch=0)
    assert _analyze(_visit(0, 400, 1600), settings=calm).flags == ()
    assert _analyze(_visit(0, 401, 1800), settings=calm).flags == (Flag.EARLY_PITCH,)
    assert _analyze(_visit(0, 301, 1200), settings=calm).flags == (Flag.EARLY_PITCH,)


def test_pitch_share_holds_in_a_call_of_a_second() -> None:
    cues = [("Lin", 0, 0.5, "Hello."), ("Amy", 0.5, 1.0, PITCH)]
    result = _analyze(cues, settings=CallSettings(min_questions_before_pitch=0, min_discovery_questions=0))
    assert (result.duration_s, result.pitch.total_s) == (1.0, 0.5)
    assert result.flags == (Flag.NOT_LISTENING, Flag.EARLY_PITCH, Flag.NO_NEXT_STEP)


def test_no_pitch_no_early_pitch() -> None:
    cues = [("Amy", 0, 5, QUESTIONS[0]), ("Lin", 5, 60, ANSWER), ("Amy", 60, 65, "I see, thank you.")]
    result = _analyze(cues)
    assert result.pitch.first_at_s is None and result.pitch.total_s == 0
    assert result.flags == (Flag.NO_DISCOVERY, Flag.NO_NEXT_STEP)


@pytest.mark.parametrize(
    ("turn", "pitch_s"),
    [
        pytest.param(
            "Our rebar is strong. It ships by truck.", 8.0, id="a pitch runs to the end of its turn"
        ),
        pytest.param("Our rebar is strong. Does that help? It ships by truck.", 4.0, id="a question ends it"),
    ],
)
def test_pitch_time(turn: str, pitch_s: float) -> None:
    """Sentence times are shared out by words: 4 words take 4 of the turn's seconds."""
    length = len(turn.split())
    cues = [("Lin", 0, 100, ANSWER), ("Amy", 100, 100 + length, turn), ("Lin", 200, 300, ANSWER)]
    result = _analyze(cues)
    assert (result.pitch.first_at_s, result.pitch.total_s) == (100.0, pitch_s)


def _listening(customer_s: float) -> list[Cue]:
    """Three 10-second questions; Lin answers in 15 s, 15 s and the rest of `customer_s`."""
    return [
        ("Amy", 0, 10, QUESTIONS[0]),
        ("Lin", 10, 25, ANSWER),
        ("Amy", 25, 35, QUESTIONS[1]),
        ("Lin", 35, 50, ANSWER),
        ("Amy", 50, 60, QUESTIONS[2]),
        ("Lin", 60, 60 + customer_s - 30, CLOSING),
    ]


@pytest.mark.parametrize(
    ("customer_s", "flags"),
    [
        pytest.param(45.0, (), id="customer talks 1.5 times as long"),
        pytest.param(44.9, (Flag.NOT_LISTENING,), id="just under 1.5 times"),
        pytest.param(45.1, (), id="just over 1.5 times"),
        pytest.param(90.0, (), id="three times as long"),
    ],
)
def test_not_listening(customer_s: float, flags: tuple[Flag, ...]) -> None:
    result = _analyze(_listening(customer_s))
    assert result.talk.customer_to_sales == pytest.approx(customer_s / 30)
    assert result.flags == flags
    if flags:
        assert result.evidence == (Evidence(Flag.NOT_LISTENING, 0.0, "Amy", QUESTIONS[0]),)


@pytest.mark.parametrize(
    ("cues", "at_s", "said"),
    [
        pytest.param(
            [
                ("Amy", 0, 60, "Good morning and thanks for having me."),
                ("Lin", 60, 70, "Welcome."),
                ("Amy", 70, 100, "The weather was fine."),
                ("Lin", 100, 110, "Indeed."),
            ],
            0.0,
            "Good morning and thanks for having me.",
            id="the opening is the longest",
        ),
        pytest.param(
            [
                ("Amy", 0, 10, "Good morning."),
                ("Lin", 10, 15, "Welcome."),
                ("Amy", 15, 40, "The weather was fine."),
                ("Amy", 40, 65, "The roads were empty."),
                ("Lin", 65, 70, "Indeed."),
                ("Amy", 70, 110, "The plant looks busy."),
            ],
            15.0,
            "The weather was fine.",
            id="two cues in a row are one monologue",
        ),
        pytest.param(
            [
                ("Amy", 0, 30, "Good morning."),
                ("Lin", 30, 65, "Welcome, the roads were busy today."),
                ("Amy", 65, 95, "The weather was fine."),
            ],
            0.0,
            "Good morning.",
            id="of two as long, the first; the customer's turn is not a monologue of sales",
        ),
        pytest.param(
            [
                ("Lin", 0, 20, "Welcome, the roads were busy today."),
                ("Amy", 20, 30, "Good morning."),
                ("Lin", 30, 35, "Indeed."),
                ("Amy", 35, 75, "The weather was fine."),
            ],
            35.0,
            "The weather was fine.",
            id="a later, longer monologue",
        ),
        pytest.param(
            [("Lin", 0, 0.2, "Hello."), ("Amy", 0.2, 0.9, "Good morning."), ("Lin", 0.9, 1.0, "Hi.")],
            0.2,
            "Good morning.",
            id="a monologue under a second",
        ),
    ],
)
def test_not_listening_quotes_the_longest_sales_monologue(cues: list[Cue], at_s: float, said: str) -> None:
    result = _analyze(cues)
    assert result.flags == (Flag.NOT_LISTENING, Flag.NO_DISCOVERY, Flag.NO_NEXT_STEP)
    assert result.evidence[0] == Evidence(Flag.NOT_LISTENING, at_s, "Amy", said)


def test_without_measurable_sales_speech_listening_is_not_judged() -> None:
    cues = [("Amy", 10, 10, QUESTIONS[0]), ("Lin", 10, 40, ANSWER), ("Amy", 40, 40, QUESTIONS[1])]
    result = _analyze(cues)
    assert (result.talk.customer_share, result.talk.sales_share, result.talk.customer_to_sales) == (
        1.0,
        0.0,
        None,
    )
    assert result.flags == (Flag.NO_DISCOVERY, Flag.NO_NEXT_STEP)


def _discovery(questions: int) -> list[Cue]:
    cues: list[Cue] = [("Amy", 0, 5, "Thank you for your time.")]
    for i, question in enumerate(QUESTIONS[:questions]):
        cues += [("Amy", 10 + 100 * i, 15 + 100 * i, question)]
        cues += [("Lin", 15 + 100 * i, 100 + 100 * i, ANSWER)]
    return [*cues, ("Lin", 500, 600, CLOSING)]


@pytest.mark.parametrize(
    ("questions", "flags"),
    [
        pytest.param(3, (), id="three questions"),
        pytest.param(4, (), id="four questions"),
        pytest.param(2, (Flag.NO_DISCOVERY,), id="two questions"),
        pytest.param(0, (Flag.NO_DISCOVERY,), id="no question"),
    ],
)
def test_no_discovery(questions: int, flags: tuple[Flag, ...]) -> None:
    result = _analyze(_discovery(questions))
    assert result.questions.total == questions
    assert result.flags == flags
    if questions == 2:
        asked = tuple(Evidence(Flag.NO_DISCOVERY, 10.0 + 100 * i, "Amy", QUESTIONS[i]) for i in range(2))
        assert result.evidence == asked
    if questions == 0:
        assert result.evidence == (Evidence(Flag.NO_DISCOVERY, 0.0, "Amy", "Thank you for your time."),)


def test_no_discovery_threshold_is_a_setting() -> None:
    assert _analyze(_discovery(2), settings=CallSettings(min_discovery_questions=2)).flags == ()
    assert _analyze(_discovery(3), settings=CallSettings(min_discovery_questions=4)).flags == (
        Flag.NO_DISCOVERY,
    )


QUOTE = "The price is $5,800 per ton."


def _quoted(by: str) -> list[Cue]:
    cues: list[Cue] = []
    for i, question in enumerate(QUESTIONS[:3]):
        cues += [("Amy", 100 * i, 100 * i + 5, question), ("Lin", 100 * i + 5, 100 * i + 100, ANSWER)]
    return [*cues, (by, 300, 310, QUOTE), ("Lin", 310, 400, CLOSING)]


@pytest.mark.parametrize(
    ("stage", "flags"),
    [
        pytest.param(Stage.DISCOVERY, (Flag.PRICE_TOO_EARLY,), id="discovery"),
        pytest.param(Stage.QUALIFICATION, (Flag.PRICE_TOO_EARLY,), id="qualification"),
        pytest.param(Stage.PROPOSAL, (Flag.PRICE_TOO_EARLY,), id="proposal"),
        pytest.param(Stage.NEGOTIATION, (), id="negotiation"),
        pytest.param(Stage.CLOSING, (), id="closing"),
    ],
)
def test_price_too_early(stage: Stage, flags: tuple[Flag, ...]) -> None:
    result = _analyze(_quoted("Amy"), stage=stage)
    assert result.flags == flags
    assert (result.price.first_mention_at_s, result.price.first_sales_quote_at_s) == (300.0, 300.0)
    if flags:
        assert result.evidence == (Evidence(Flag.PRICE_TOO_EARLY, 300.0, "Amy", QUOTE),)


def test_a_price_the_customer_names_is_not_a_sales_quote() -> None:
    result = _analyze(_quoted("Lin"))
    assert result.flags == ()
    assert (result.price.first_mention_at_s, result.price.first_sales_quote_at_s) == (300.0, None)


def test_price_stage_is_a_setting() -> None:
    lenient = CallSettings(price_allowed_from=Stage.PROPOSAL)
    assert _analyze(_quoted("Amy"), stage=Stage.PROPOSAL, settings=lenient).flags == ()
    assert _analyze(_quoted("Amy"), stage=Stage.QUALIFICATION, settings=lenient).flags == (
        Flag.PRICE_TOO_EARLY,
    )


@pytest.mark.parametrize(
    ("limit", "quoted"),
    [
        pytest.param(len(QUOTE), QUOTE, id="as long as the limit"),
        pytest.param(len(QUOTE) + 1, QUOTE, id="under the limit"),
        pytest.param(len(QUOTE) - 1, QUOTE[:-1] + "…", id="one character over"),
    ],
)
def test_evidence_is_cut_to_the_limit(limit: int, quoted: str) -> None:
    result = _analyze(_quoted("Amy"), settings=CallSettings(evidence_max_chars=limit))
    assert result.evidence == (Evidence(Flag.PRICE_TOO_EARLY, 300.0, "Amy", quoted),)


def test_every_flag_in_one_call_in_order() -> None:
    cues: list[Cue] = [("Amy", 0, 5, QUESTIONS[0]), ("Lin", 5, 10, ANSWER), ("Amy", 10, 30, QUOTE)]
    result = _analyze([*cues, ("Amy", 30, 60, PITCH), ("Lin", 60, 61, ANSWER)])
    assert result.flags == (
        Flag.NOT_LISTENING,
        Flag.EARLY_PITCH,
        Flag.PRICE_TOO_EARLY,
        Flag.NO_DISCOVERY,
        Flag.NO_NEXT_STEP,
    )
    assert [e.flag for e in result.evidence] == [
        Flag.NOT_LISTENING,
        Flag.EARLY_PITCH,
        Flag.PRICE_TOO_EARLY,
        Flag.NO_DISCOVERY,
        Flag.NO_NEXT_STEP,
    ]


TALK: list[Cue] = [
    ("Amy", 0, 10, QUESTIONS[0]),
    ("Lin", 12, 42, ANSWER),
    ("Amy", 42.5, 47.5, "Why?"),
    ("Lin", 47.5, 60, ANSWER),
    ("Lin", 60, 70, CLOSING),
    ("Amy", 69, 80, QUESTIONS[1]),
    ("Amy", 80, 90, QUESTIONS[2]),
]


def test_talk_figures_of_a_timed_call() -> None:
    """Sales speaks 10 + 5 + 11 + 10 = 36 s, Lin 30 + 12.5 + 10 = 52.5 s; four changes of speaker in 90 s;
    Amy answers after 0.5 s and, cutting in, after no pause at all."""
    talk = _analyze(TALK).talk
    assert talk.sales_share == pytest.approx(36 / 88.5)
    assert talk.customer_share == pytest.approx(52.5 / 88.5)
    assert talk.customer_to_sales == pytest.approx(52.5 / 36)
    assert (talk.longest_sales_monologue_s, talk.longest_customer_monologue_s) == (21.0, 30.0)
    assert talk.switches_per_hour == pytest.approx(4 * 3600 / 90)
    assert talk.patience_s == pytest.approx(0.25)


def test_patience_is_how_long_sales_waits_after_a_customer() -> None:
    """Two buyers: Bob takes over from Lin after 2 s, which is not sales waiting; Amy answers Bob after 0.5 s."""
    cues = [("Lin", 0, 10, ANSWER), ("Bob", 12, 20, ANSWER), ("Amy", 20.5, 30, QUESTIONS[0])]
    assert _analyze(cues).talk.patience_s == pytest.approx(0.5)


def test_talk_figures_of_a_call_under_a_second() -> None:
    talk = _analyze(
        [("Lin", 0, 0.2, "Hello."), ("Amy", 0.2, 0.9, "Good morning."), ("Lin", 0.9, 1.0, "Hi.")]
    ).talk
    assert talk.longest_sales_monologue_s == pytest.approx(0.7)
    assert talk.longest_customer_monologue_s == pytest.approx(0.2)
    assert talk.switches_per_hour == pytest.approx(2 * 3600)
    assert talk.patience_s == 0.0


def test_talk_figures_of_a_call_with_no_length() -> None:
    talk = _analyze([("Amy", 0, 0, QUESTIONS[0]), ("Lin", 0, 0, ANSWER)]).talk
    assert (talk.customer_share, talk.sales_share, talk.customer_to_sales) == (None, None, None)
    assert (talk.switches_per_hour, talk.patience_s) == (None, None)


def test_without_timestamps_shares_count_words_and_characters() -> None:
    """Amy says 5 words (2 s estimated), Lin 11 Chinese characters (2.75 s): shares by count, 5 to 11."""
    data = json.dumps(
        [
            {"speaker": "Amy", "text": "What do you buy today?"},
            {"speaker": "Lin", "text": "我們買兩家鋼廠的熱軋卷"},
        ],
        ensure_ascii=False,
    ).encode()
    result = analyze_transcript(data, "call.json", sales=["Amy"])
    assert not result.timestamps
    assert result.talk.customer_share == pytest.approx(11 / 16)
    assert result.talk.customer_to_sales == pytest.approx(11 / 5)
    assert result.talk.patience_s is None


def _whys(*cues: Cue, settings: CallSettings | None = None) -> int:
    return _analyze(list(cues), settings=settings).why_chain_depth


def test_one_why_is_a_chain_of_one() -> None:
    assert _whys(("Amy", 5, 6, "Why?"), ("Lin", 6, 20, ANSWER)) == 1


@pytest.mark.parametrize(
    ("second_at", "depth"),
    [
        pytest.param(180.0, 2, id="next why 180 s later"),
        pytest.param(180.5, 1, id="next why just over 180 s later"),
        pytest.param(100.0, 2, id="next why 100 s later"),
    ],
)
def test_why_chain_gap(second_at: float, depth: int) -> None:
    first = ("Amy", 0, 5, "Why is delivery late?")
    answer = ("Lin", 5, 20, "The rail slots are short.")
    second = ("Amy", second_at, second_at + 5, "Why are the rail slots short?")
    assert _whys(first, answer, second, ("Lin", second_at + 5, second_at + 30, ANSWER)) == depth


@pytest.mark.parametrize(
    ("second", "depth"),
    [
        pytest.param("Why are the rail slots short?", 2, id="two terms shared"),
        pytest.param("Why is the rail company slow?", 1, id="one term shared"),
    ],
)
def test_why_chain_stays_on_topic(second: str, depth: int) -> None:
    cues = [
        ("Amy", 0, 5, "Why is delivery late?"),
        ("Lin", 5, 20, "The rail slots are scarce."),
        ("Amy", 20, 25, second),
        ("Lin", 25, 40, ANSWER),
    ]
    assert _whys(*cues, settings=CallSettings(why_chain_min_shared_terms=2)) == depth


def test_why_chain_topic_holds_the_last_why_and_every_answer_since() -> None:
    """The second why shares 'rail' and 'slots' only with the answer Lin gave in two cues; the third
    shares 'short' only with the second why: each stays on topic."""
    cues = [
        ("Amy", 0, 5, "Why is delivery late?"),
        ("Lin", 5, 15, "Because of rail"),
        ("Lin", 15, 20, "slots"),
        ("Amy", 20, 25, "Why are rail slots short?"),
        ("Lin", 25, 30, "Trains were cut"),
        ("Amy", 30, 35, "Why is short notice a problem?"),
        ("Lin", 35, 50, ANSWER),
    ]
    assert _whys(*cues) == 3


def _ending(at_s: float, *tail: tuple[str, str]) -> list[Cue]:
    """Three questions answered at length, then from `at_s` the `tail` (speaker, words), two seconds
    each, and Lin talking to 100 s."""
    cues: list[Cue] = []
    for i, question in enumerate(QUESTIONS[:3]):
        cues += [("Amy", 15.0 * i, 15.0 * i + 5, question), ("Lin", 15.0 * i + 5, 15.0 * i + 15, ANSWER)]
    cues.append(("Lin", 45, at_s, ANSWER))
    t = at_s
    for who, said in tail:
        cues.append((who, t, t + 2, said))
        t += 2
    return [*cues, ("Lin", t, 100, ANSWER)] if t < 100 else cues


SEND = "I'll send the drawings by Friday."


@pytest.mark.parametrize(
    ("at_s", "tail", "steps", "evidence"),
    [
        pytest.param(50, [("Amy", SEND)], [("sales", "Friday", True)], [], id="at half the call"),
        pytest.param(51, [("Amy", SEND)], [("sales", "Friday", True)], [], id="just after half"),
        pytest.param(49, [("Amy", SEND)], [], [(49, "Amy", SEND)], id="just before half: not the closing"),
        pytest.param(
            60, [("Amy", SEND), ("Lin", "Sounds good.")], [("sales", "Friday", True)], [], id="agreed"
        ),
        pytest.param(
            60,
            [("Amy", SEND), ("Lin", "No need, we have them.")],
            [("sales", "Friday", False)],
            [(60, "Amy", SEND)],
            id="refused",
        ),
        pytest.param(
            60,
            [("Amy", SEND), ("Lin", "No need, we have them."), ("Amy", "Thank you for your time.")],
            [("sales", "Friday", False)],
            [(60, "Amy", SEND)],
            id="refused, then thanks: the proposal is quoted",
        ),
        pytest.param(
            60,
            [("Amy", "Shall I send the drawings by Friday?"), ("Lin", "Sure.")],
            [("sales", "Friday", True)],
            [],
            id="asked and agreed",
        ),
        pytest.param(
            60,
            [("Amy", "Could you send me the drawings by Monday?"), ("Lin", "Let me think about it.")],
            [("customer", "Monday", False)],
            [(60, "Amy", "Could you send me the drawings by Monday?")],
            id="asked, not agreed",
        ),
        pytest.param(
            60,
            [("Amy", "I'll send the drawings as soon as possible.")],
            [],
            [(60, "Amy", "I'll send the drawings as soon as possible.")],
            id="no date",
        ),
        pytest.param(
            60,
            [("Amy", "我週五前把圖紙發給您。"), ("Lin", "好的。")],
            [("sales", "週五", True)],
            [],
            id="zh-Hant",
        ),
        pytest.param(
            60,
            [("Amy", "您看下周二方便吗？"), ("Lin", "这个我得跟领导汇报一下。")],
            [("customer", "下周二", False)],
            [(60, "Amy", "您看下周二方便吗？")],
            id="zh-Hans, put off",
        ),
        pytest.param(
            60,
            [("Lin", "我下週一把圖紙發給你。")],
            [("customer", "下週一", True)],
            [],
            id="the customer commits",
        ),
        pytest.param(
            60,
            [("Amy", "When would be a good time to follow up?"), ("Lin", "Next Tuesday works.")],
            [("sales", "Tuesday", True)],
            [],
            id="an offer answered with a date",
        ),
        pytest.param(
            60,
            [("Amy", "下次我帶顧問來做個示範。"), ("Lin", "好，下週二可以。")],
            [("sales", "下週二", True)],
            [],
            id="zh-Hant an offer answered with a date",
        ),
        pytest.param(
            60,
            [("Amy", "下次我带顾问来做个演示。"), ("Lin", "不用了，下周再说吧。")],
            [],
            [(60, "Amy", "下次我带顾问来做个演示。")],
            id="zh-Hans an offer put off",
        ),
        pytest.param(
            60,
            [("Amy", "下次我帶顧問來做個示範。"), ("Lin", "好的。")],
            [],
            [(60, "Amy", "下次我帶顧問來做個示範。")],
            id="an offer agreed without a date",
        ),
    ],
)
def test_no_next_step(
    at_s: float,
    tail: list[tuple[str, str]],
    steps: list[tuple[str, str, bool]],
    evidence: list[tuple[float, str, str]],
) -> None:
    result = _analyze(_ending(at_s, *tail))
    assert [(str(n.owner), n.when, n.agreed) for n in result.next_steps] == steps
    assert result.flags == ((Flag.NO_NEXT_STEP,) if evidence else ())
    assert result.evidence == tuple(Evidence(Flag.NO_NEXT_STEP, *e) for e in evidence)


def test_next_step_window_is_a_setting() -> None:
    cues = _ending(60, ("Amy", SEND))
    assert _analyze(cues, settings=CallSettings(next_step_last_share=0.4)).flags == ()
    assert _analyze(cues, settings=CallSettings(next_step_last_share=0.39)).flags == (Flag.NO_NEXT_STEP,)
    assert _analyze(_ending(45, ("Amy", SEND)), settings=CallSettings(next_step_last_share=1)).flags == ()


def test_next_steps_are_quoted_as_evidence_is() -> None:
    result = _analyze(_ending(60, ("Amy", SEND)), settings=CallSettings(evidence_max_chars=10))
    assert [(n.at_s, n.speaker, n.text, n.agreed) for n in result.next_steps] == [
        (60, "Amy", SEND[:10] + "…", True)
    ]
