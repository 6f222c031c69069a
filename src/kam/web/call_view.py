"""A stored call as its page shows it, from the stored analysis (`CallAnalysis.to_dict()`): the timeline's
data (who spoke when, and the moments: each question, the first pitch, the first price, the objections,
the flags' evidence), the questions as counted (open or closed, SPIN), and each coaching flag with its
reason in the reader's language and the quotes that support it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kam.domain.calls import Flag
from kam.domain.languages import Lang
from kam.i18n import text


@dataclass(frozen=True)
class FlagShown:
    """A coaching flag: its code, its reason said in the reader's language, and its evidence quotes."""

    flag: Flag
    reason: str
    evidence: list[dict[str, Any]]


@dataclass(frozen=True)
class CallPage:
    timeline: dict[str, Any]
    questions: list[dict[str, Any]]
    flags: list[FlagShown]
    moments: list[dict[str, Any]]


def clock(seconds: float | None) -> str:
    """Minutes and seconds into the call: 3:07."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _question_tags(asked: dict[str, Any], lang: Lang) -> list[str]:
    tags = [text("calls.q.open" if asked.get("open") else "calls.q.closed", lang)]
    if asked.get("spin"):
        tags.append(text(f"calls.spin.{asked['spin']}", lang))
    if asked.get("decision_chain"):
        tags.append(text("calls.q.decision_chain", lang))
    if asked.get("why"):
        tags.append(text("calls.q.why", lang))
    return tags


def _moments(result: dict[str, Any], lang: Lang) -> list[dict[str, Any]]:
    """The marked moments of the call, in time order: kind, time, what the marker says, and a quote."""
    found: list[dict[str, Any]] = []
    for asked in result.get("questions", {}).get("asked", []):
        kind = "question_open" if asked.get("open") else "question_closed"
        tags = " · ".join(_question_tags(asked, lang))
        found.append({"kind": kind, "at": asked.get("at_s"), "name": tags, "text": asked.get("text", "")})
    pitch = result.get("pitch", {}).get("first_at_s")
    if pitch is not None:
        found.append({"kind": "pitch", "at": pitch, "name": text("web.call.pitch", lang), "text": ""})
    price = result.get("price", {})
    if price.get("first_mention_at_s") is not None:
        by = price.get("first_mention_by")
        said = text(f"calls.{by}", lang) if by else ""
        name = text("web.call.price", lang, by=said)
        found.append({"kind": "price", "at": price["first_mention_at_s"], "name": name, "text": ""})
    if price.get("first_sales_quote_at_s") is not None:
        at = price["first_sales_quote_at_s"]
        found.append({"kind": "quote", "at": at, "name": text("web.call.quote", lang), "text": ""})
    for objection in result.get("objections", []):
        name = text(f"calls.objection.{objection.get('kind')}", lang)
        found.append(
            {
                "kind": "objection",
                "at": objection.get("at_s"),
                "name": name,
                "text": objection.get("text", ""),
            }
        )
    for evidence in result.get("evidence", []):
        name = text(f"calls.{evidence.get('flag')}", lang)
        found.append(
            {"kind": "flag", "at": evidence.get("at_s"), "name": name, "text": evidence.get("text", "")}
        )
    return sorted((m for m in found if m["at"] is not None), key=lambda m: m["at"])


def call_page(result: dict[str, Any], lang: Lang) -> CallPage:
    """Everything the call's page shows, from its stored analysis (one stored by an earlier kam has no
    turns: its timeline then shows the moments only)."""
    speakers = result.get("speakers", {})
    sales, customers = list(speakers.get("sales", [])), list(speakers.get("customer", []))
    names = [*sales, *customers]
    index = {name: i for i, name in enumerate(names)}
    turns = [
        [t["start_s"], t["end_s"], index[t["speaker"]], t["side"]]
        for t in result.get("turns", [])
        if t.get("speaker") in index and t.get("start_s") is not None and t.get("end_s") is not None
    ]
    moments = _moments(result, lang)
    timeline = {
        "speakers": names,
        "sales": sales,
        "turns": turns,
        "duration": result.get("duration_s") or 0,
        "moments": moments,
        "kinds": {
            kind: text(f"web.call.kind.{kind}", lang)
            for kind in ("question_open", "question_closed", "pitch", "price", "quote", "objection", "flag")
        },
        "sides": {"sales": text("calls.sales", lang), "customer": text("calls.customer", lang)},
    }
    questions = [
        {**asked, "clock": clock(asked.get("at_s")), "tags": _question_tags(asked, lang)}
        for asked in result.get("questions", {}).get("asked", [])
    ]
    flags = [
        FlagShown(
            Flag(flag),
            text(f"calls.{flag}", lang),
            [
                {**e, "clock": clock(e.get("at_s"))}
                for e in result.get("evidence", [])
                if e.get("flag") == flag
            ],
        )
        for flag in result.get("flags", [])
    ]
    return CallPage(timeline, questions, flags, moments)
