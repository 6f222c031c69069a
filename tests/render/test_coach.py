"""The coach said in three languages: every finding (and its variants), reason, talking point and label."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import pytest

from kam.coach.classify import MIXED_EVIDENCE, THIN_EVIDENCE, ClassifyReason, classify_statement
from kam.coach.coverage import ScorePart, ScorePartName
from kam.coach.findings import Finding, FindingCode
from kam.coach.lexicon import CueKind
from kam.coach.talking import PointKind, TalkingPoint
from kam.domain.deals import DealStage
from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor
from kam.i18n import Lang
from kam.i18n.labels import PREFIXES, label
from kam.render.coach import (
    classification_dict,
    clock,
    finding_dict,
    say_finding,
    say_part,
    say_point,
    say_reason,
)

LANGS = list(Lang)

# one finding of each code and of each variant of its message
FINDINGS = [
    Finding(FindingCode.NO_COACH),
    Finding(FindingCode.COACH_LOW_INFLUENCE, {"names": ("Lin", "Wang"), "influence": 2, "threshold": 3}),
    Finding(FindingCode.COACH_LOW_INFLUENCE, {"names": ("Lin",), "influence": None, "threshold": 3}),
    Finding(FindingCode.NO_DECISION_MAKER),
    Finding(
        FindingCode.DECISION_MAKER_NOT_MET,
        {"name": "Wang", "role": DecisionRole.ECONOMIC_BUYER, "days": 1, "max_days": 0},
    ),
    Finding(
        FindingCode.DECISION_MAKER_NOT_MET,
        {"name": "Wang", "role": DecisionRole.DECISION_MAKER, "days": 120, "max_days": 90},
    ),
    Finding(
        FindingCode.DECISION_MAKER_NOT_MET,
        {"name": "Wang", "role": DecisionRole.DECISION_MAKER, "days": None, "max_days": 90},
    ),
    Finding(FindingCode.SINGLE_THREADED, {"count": 1, "names": ("Lin",), "minimum": 2, "within_days": 180}),
    Finding(FindingCode.SINGLE_THREADED, {"count": 0, "names": (), "minimum": 2, "within_days": 180}),
    Finding(
        FindingCode.HIGH_INFLUENCE_OPPONENT,
        {"name": "Wang", "function": Function.FINANCE, "influence": 5, "threshold": 4},
    ),
    Finding(FindingCode.FUNCTION_NEVER_MET, {"function": Function.OPERATIONS_MAINTENANCE, "recorded": 2}),
    Finding(FindingCode.FUNCTION_NEVER_MET, {"function": Function.FINANCE, "recorded": 0}),
    Finding(FindingCode.STANCE_UNKNOWN, {"count": 2, "names": ("Lin", "Chen")}),
    Finding(FindingCode.SHALLOW_WHYS, {"first": "A", "last": "B", "levels": 2, "min_levels": 3}),
    Finding(FindingCode.SHALLOW_WHYS, {"first": "A", "last": "A", "levels": 1, "min_levels": 3}),
    Finding(
        FindingCode.QUOTE_BEFORE_STAGE,
        {"deal": "D", "stage": DealStage.DISCOVERY, "allowed_from": DealStage.NEGOTIATION},
    ),
    Finding(FindingCode.QUOTE_BEFORE_CONFIRMED_NEED, {"deal": "D", "stage": DealStage.PROPOSAL}),
    Finding(FindingCode.QUOTE_BEFORE_CONFIRMED_NEED, {"deal": "D", "stage": None}),
    Finding(
        FindingCode.CALL_QUOTE_BEFORE_DISCOVERY,
        {
            "call": "C",
            "on": dt.date(2025, 3, 1),
            "stage": "discovery",
            "at_s": 125.4,
            "flag": "price_too_early",
            "questions": 1,
        },
    ),
    Finding(FindingCode.DEAL_NO_STAKEHOLDER, {"deal": "D"}),
]


def test_every_finding_code_has_an_example() -> None:
    assert {f.code for f in FINDINGS} == set(FindingCode)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f.code.value)
def test_every_finding_is_said_in_every_language(finding: Finding, lang: Lang) -> None:
    said = say_finding(finding, lang)
    assert said and "{" not in said and "}" not in said


@pytest.mark.parametrize(
    ("finding", "english", "chinese"),
    [
        (
            FINDINGS[4],
            "The economic buyer Wang was last met 1 day ago, more than 0.",
            "預算決策者Wang 上次見面是 1 天前，超過 0 天。",
        ),
        (
            FINDINGS[5],
            "The decision maker Wang was last met 120 days ago, more than 90.",
            "拍板者Wang 上次見面是 120 天前，超過 90 天。",
        ),
        (FINDINGS[6], "The decision maker Wang has never been met.", "從來沒有見過拍板者Wang。"),
        (
            FINDINGS[1],
            "The coach (Lin, Wang) has influence 2 of 5 at most, below 3: find a coach who is heard.",
            "教練（Lin、Wang）的影響力最高只有 2／5，低於 3：要找一位說話有分量的教練。",
        ),
        (
            FINDINGS[10],
            "No operations and maintenance stakeholder met (2 on record).",
            "運維的人一個都沒見過（已記錄 2 位）。",
        ),
        (
            FINDINGS[18],
            "The call “C” on 2025-03-01: our price came at 2:05, before discovery was done (Price too early).",
            "2025-03-01 的通話「C」：我方在 2:05 報了價，需求還沒探詢完（太早談價格）。",
        ),
    ],
)
def test_values_labels_plurals_and_lists_are_said_as_each_language_says_them(
    finding: Finding, english: str, chinese: str
) -> None:
    assert (say_finding(finding, Lang.EN), say_finding(finding, Lang.ZH_HANT)) == (english, chinese)


def test_a_finding_as_json_keeps_its_codes_and_values_and_adds_its_sentence() -> None:
    assert finding_dict(FINDINGS[15], Lang.ZH_HANS) == {
        "code": "quote_before_stage",
        "subject": None,
        "values": {"deal": "D", "stage": "discovery", "allowed_from": "negotiation"},
        "text": "商机“D”在探询需求阶段就报了价，早于议价：太早泄露了价格底线。",
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_vocabulary_value_has_a_label_in_every_language(lang: Lang) -> None:
    for choice in PREFIXES:
        labels = [label(member, lang) for member in choice]
        assert all(labels) and len(set(labels)) == len(labels), choice


@pytest.mark.parametrize("lang", LANGS)
def test_every_reason_talking_point_and_score_part_is_said(lang: Lang) -> None:
    reasons = [ClassifyReason(kind.value, {"cue": "x"}) for kind in CueKind]
    reasons += [
        ClassifyReason(THIN_EVIDENCE, {"weight": 1.5, "minimum": 2.0}),
        ClassifyReason(MIXED_EVIDENCE, {"need": 2.0, "want": 2.0, "margin": 1.0}),
    ]
    points = [TalkingPoint(PointKind.FACTOR, factor=f) for f in PurchaseFactor]
    points += [
        TalkingPoint(PointKind.PREFERENCE, "light"),
        TalkingPoint(PointKind.NEED, "n", need="1", own=True),
    ]
    points += [TalkingPoint(PointKind.NEED, "n", need="1")]
    said = [say_reason(r, lang) for r in reasons] + [say_point(p, lang) for p in points]
    said += [say_part(ScorePart(name, 1.0, 1), lang) for name in ScorePartName]
    assert all(s and "{" not in s for s in said)
    assert len(set(said)) == len(said)


def test_a_classification_as_json() -> None:
    assert classification_dict(classify_statement("设备经常故障"), Lang.ZH_HANT) == {
        "text": "设备经常故障",
        "kind": "need",
        "confidence": 0.778,
        "reasons": [
            {"code": "states_problem", "values": {"cue": "故障"}, "text": "說出問題或風險：「故障」"},
            {"code": "recurs", "values": {"cue": "经常"}, "text": "反覆發生：「经常」"},
        ],
    }


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0:00"), (59.6, "1:00"), (125.4, "2:05"), (3725, "1:02:05")]
)
def test_a_time_into_a_call(seconds: float, shown: str) -> None:
    assert clock(seconds) == shown


def test_labels_cover_the_vocabulary_of_the_domain() -> None:
    from kam.domain import deals, decision_chain, needs

    modules = (deals, decision_chain, needs)
    choices = {
        v
        for m in modules
        for v in vars(m).values()
        if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
    }
    assert choices == set(PREFIXES)
