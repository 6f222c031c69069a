"""The key-account coach said in the reader's language: kam.coach finds (codes with values), this module
says them. Names and statements are the user's own words and are kept as written; vocabulary is said by
its label (kam.i18n.labels), a count in its plural form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from kam.coach.classify import Classification, ClassifyReason
from kam.coach.coverage import ScorePart
from kam.coach.findings import Finding, FindingCode
from kam.coach.talking import PointKind, TalkingPoint
from kam.i18n import Lang, ntext, plural, text, word
from kam.i18n.labels import PREFIXES, label

# the value a finding's sentence is counted by, for the messages with plural forms
COUNTED_BY = {
    FindingCode.DECISION_MAKER_NOT_MET: "days",
    FindingCode.SINGLE_THREADED: "count",
    FindingCode.STANCE_UNKNOWN: "count",
    FindingCode.SHALLOW_WHYS: "levels",
}
SECONDS_PER_MINUTE = 60


def names(items: Iterable[str], lang: Lang | str) -> str:
    """Names listed as the language lists them: "Lin, Wang" or 林、王."""
    return text("coach.list_separator", lang).join(items)


def clock(seconds: float) -> str:
    """A time into a call as m:ss (h:mm:ss past an hour)."""
    whole = round(seconds)
    hours, rest = divmod(whole, SECONDS_PER_MINUTE * SECONDS_PER_MINUTE)
    minutes, secs = divmod(rest, SECONDS_PER_MINUTE)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _said(value: Any, lang: Lang | str) -> Any:
    if isinstance(value, StrEnum) and type(value) in PREFIXES:
        return label(value, lang)
    if isinstance(value, tuple):
        return names(value, lang)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return value


def _key(finding: Finding) -> str:
    """The message of a finding: its code's, or a variant's when a value is missing (never met, no
    rating, nobody on record, nobody engaged, a one-level chain, an unknown stage)."""
    v, code = finding.values, finding.code
    if code is FindingCode.DECISION_MAKER_NOT_MET and v.get("days") is None:
        return "finding.decision_maker_never_met"
    if code is FindingCode.FUNCTION_NEVER_MET and not v.get("recorded"):
        return "finding.function_unknown"
    variants = {
        FindingCode.COACH_LOW_INFLUENCE: "unrated" if v.get("influence") is None else "",
        FindingCode.SINGLE_THREADED: "none" if not v.get("count") else "",
        FindingCode.SHALLOW_WHYS: "one" if v.get("levels") == 1 else "",
        FindingCode.QUOTE_BEFORE_CONFIRMED_NEED: "unstaged" if v.get("stage") is None else "",
    }
    variant = variants.get(code, "")
    return f"finding.{code.value}" + (f"_{variant}" if variant else "")


def say_finding(finding: Finding, lang: Lang | str = Lang.EN) -> str:
    """A finding as one sentence in `lang`."""
    key = _key(finding)
    values = {name: _said(value, lang) for name, value in finding.values.items()}
    if finding.code is FindingCode.CALL_QUOTE_BEFORE_DISCOVERY:
        values["at"] = clock(finding.values["at_s"])
        values["flag"] = word(str(finding.values["flag"]), lang)
    if plural(key, lang):
        return ntext(key, int(finding.values[COUNTED_BY[finding.code]]), lang, **values)
    return text(key, lang, **values)


def say_reason(reason: ClassifyReason, lang: Lang | str = Lang.EN) -> str:
    """A reason of the needs-versus-wants classifier in `lang`, quoting the words as written."""
    return text(f"need_reason.{reason.code}", lang, **{k: _said(v, lang) for k, v in reason.values.items()})


def say_point(point: TalkingPoint, lang: Lang | str = Lang.EN) -> str:
    """A talking point in `lang`: a need (their own or the account's), a preference, or what to say about
    a key purchase factor."""
    if point.kind is PointKind.FACTOR and point.factor is not None:
        return text(f"talk.factor.{point.factor.value}", lang)
    if point.kind is PointKind.PREFERENCE:
        return text("talk.preference", lang, text=point.text)
    return text("talk.need_own" if point.own else "talk.need", lang, text=point.text)


def say_part(part: ScorePart, lang: Lang | str = Lang.EN) -> str:
    """The name of a part of the coverage score in `lang`."""
    return text(f"coverage_part.{part.name.value}", lang)


def finding_dict(finding: Finding, lang: Lang | str = Lang.EN) -> Mapping[str, Any]:
    """A finding as JSON: its code, subject and values, and its sentence in `lang`."""
    return {**finding.to_dict(), "text": say_finding(finding, lang)}


def classification_dict(result: Classification, lang: Lang | str = Lang.EN) -> dict[str, Any]:
    """A verdict on a statement as JSON: the text, its kind, the confidence, and each reason as its code,
    its values and its sentence in `lang`."""
    return {
        "text": result.text,
        "kind": result.kind.value,
        "confidence": result.confidence,
        "reasons": [{**reason.to_dict(), "text": say_reason(reason, lang)} for reason in result.reasons],
    }


def say_deal(title: str, stage: StrEnum, score: int | None, involved: str, lang: Lang | str = Lang.EN) -> str:
    """An open deal's coverage in one line: its title and stage, its score (None: not scored) and whom it
    was judged on (`involved`: kam.coach.deal_coverage.InvolvedFrom's value)."""
    values = {
        "title": title,
        "stage": label(stage, lang),
        "involved": text(f"coach.involved.{involved}", lang),
    }
    if score is None:
        return text("coach.deal_unscored", lang, **values)
    return text("coach.deal_scored", lang, score=score, **values)
