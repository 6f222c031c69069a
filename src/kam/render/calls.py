"""The readable report of a coached call: the same `CallAnalysis` as the JSON output, said as plain text in
the reader's language (`kam calls analyze` prints it; the coming pages can show it as it is)."""

from __future__ import annotations

from kam.calls.models import CallAnalysis
from kam.calls.settings import CallSettings
from kam.domain.calls import SpinType, Strength
from kam.domain.languages import Lang
from kam.i18n import text
from kam.plaintext import printable


def _clock(seconds: float | None, none: str) -> str:
    if seconds is None:
        return none
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _pct(share: float | None, none: str) -> str:
    return none if share is None else f"{share:.0%}"


def call_report(
    result: CallAnalysis, lang: Lang | str = Lang.EN, settings: CallSettings | None = None
) -> str:
    """Several lines of plain text: metrics first, then each flag with its evidence; the transcript's own
    words (its file name, speakers and quotes) each stay on their line, without control characters."""
    settings = settings or CallSettings()
    none = text("calls.none", lang)
    t, q, p, pr = result.talk, result.questions, result.pitch, result.price
    lines = [
        text("calls.title", lang, file=printable(result.file, one_line=True)),
        text(
            "calls.overview",
            lang,
            language=result.language,
            duration=_clock(result.duration_s, none),
            timestamps=text("calls.yes" if result.timestamps else "calls.no", lang),
        ),
        text(
            "calls.talk",
            lang,
            customer=_pct(t.customer_share, none),
            sales=_pct(t.sales_share, none),
            ratio=none if t.customer_to_sales is None else f"{t.customer_to_sales:.2f}",
            target=f"{settings.target_customer_to_sales:.1f}",
        ),
        text(
            "calls.monologue",
            lang,
            sales=_clock(t.longest_sales_monologue_s, none),
            customer=_clock(t.longest_customer_monologue_s, none),
            switches=none if t.switches_per_hour is None else f"{t.switches_per_hour:.0f}",
            patience=none if t.patience_s is None else f"{t.patience_s:.1f}s",
        ),
        text(
            "calls.questions",
            lang,
            total=q.total,
            open=q.open,
            closed=q.closed,
            s=q.spin.get(SpinType.SITUATION, 0),
            p=q.spin.get(SpinType.PROBLEM, 0),
            i=q.spin.get(SpinType.IMPLICATION, 0),
            n=q.spin.get(SpinType.NEED_PAYOFF, 0),
        ),
        text("calls.why", lang, depth=result.why_chain_depth),
        text("calls.pitch", lang, first=_clock(p.first_at_s, none), total=_clock(p.total_s, none)),
        text(
            "calls.price",
            lang,
            first=_clock(pr.first_mention_at_s, none),
            by=none if pr.first_mention_by is None else text(f"calls.{pr.first_mention_by}", lang),
            quote=_clock(pr.first_sales_quote_at_s, none),
        ),
    ]
    lines += _went_well(result, lang, none)
    if not result.flags:
        lines.append(text("calls.no_flags", lang))
        return "\n".join(lines)
    lines.append(text("calls.flags", lang))
    for flag in result.flags:
        lines.append(f"  - {text(f'calls.{flag}', lang)}")
        for e in result.evidence:
            if e.flag is flag:
                quote = printable(f"{e.speaker}: {e.text}", one_line=True)
                lines.append(f"      [{_clock(e.at_s, none)}] {quote}")
    return "\n".join(lines)


def _said(at_s: float | None, speaker: str, said: str, none: str) -> str:
    return printable(f"[{_clock(at_s, none)}] {speaker}: {said}", one_line=True)


def _went_well(result: CallAnalysis, lang: Lang | str, none: str) -> list[str]:
    """The questions as counted, the customer's objections, the next steps and the strengths: what the
    salesperson did, not only what went wrong."""
    q = result.questions
    lines = [text("calls.asked", lang, chain=q.decision_chain)] if q.asked else []
    for a in q.asked:
        tags = [text("calls.q.open" if a.open else "calls.q.closed", lang)]
        tags += [] if a.spin is None else [text(f"calls.spin.{a.spin}", lang)]
        tags += [text("calls.q.decision_chain", lang)] if a.decision_chain else []
        tags += [text("calls.q.why", lang)] if a.why else []
        lines.append(f"  - {' · '.join(tags)}  {_said(a.at_s, a.speaker, a.text, none)}")
    lines.append(text("calls.objections" if result.objections else "calls.no_objections", lang))
    for o in result.objections:
        lines.append(
            f"  - {text(f'calls.objection.{o.kind}', lang)}  {_said(o.at_s, o.speaker, o.text, none)}"
        )
    lines.append(text("calls.next_steps" if result.next_steps else "calls.no_next_steps", lang))
    for n in result.next_steps:
        agreed = text("calls.agreed" if n.agreed else "calls.not_agreed", lang)
        step = text("calls.next_step", lang, agreed=agreed, owner=text(f"calls.{n.owner}", lang), when=n.when)
        lines.append(f"  - {printable(step, one_line=True)}  {_said(n.at_s, n.speaker, n.text, none)}")
    if result.strengths:
        lines.append(text("calls.strengths", lang))
    agreed_when = next((n.when for n in result.next_steps if n.agreed), none)
    values: dict[Strength, dict[str, object]] = {
        Strength.LISTENED: {"ratio": f"{result.talk.customer_to_sales or 0:.2f}"},
        Strength.OPEN_QUESTIONS: {"count": q.open},
        Strength.DUG_DEEPER: {"depth": result.why_chain_depth},
        Strength.DECISION_CHAIN: {"count": q.decision_chain},
        Strength.PRICE_DEFERRED: {},
        Strength.NEXT_STEP: {"when": agreed_when},
    }
    for strength in result.strengths:
        lines.append(
            f"  + {printable(text(f'calls.strength.{strength}', lang, **values[strength]), one_line=True)}"
        )
    return lines
