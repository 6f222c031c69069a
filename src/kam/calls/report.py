"""The readable report: the same `CallAnalysis` as the JSON output, rendered as text in three languages."""

from __future__ import annotations

from kam.calls.messages import message
from kam.calls.models import CallAnalysis, SpinType
from kam.calls.settings import CallSettings
from kam.terminal import printable


def _clock(seconds: float | None, none: str) -> str:
    if seconds is None:
        return none
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _pct(share: float | None, none: str) -> str:
    return none if share is None else f"{share:.0%}"


def render_report(result: CallAnalysis, lang: str = "en", settings: CallSettings | None = None) -> str:
    """Several lines of plain text: metrics first, then each flag with its evidence; the transcript's own
    words (its file name, speakers and quotes) each stay on their line, without control characters."""
    settings = settings or CallSettings()
    none = message(lang, "none")
    t, q, p, pr = result.talk, result.questions, result.pitch, result.price
    lines = [
        message(lang, "title", file=printable(result.file, one_line=True)),
        message(
            lang,
            "overview",
            language=result.language,
            duration=_clock(result.duration_s, none),
            timestamps=message(lang, "yes" if result.timestamps else "no"),
        ),
        message(
            lang,
            "talk",
            customer=_pct(t.customer_share, none),
            sales=_pct(t.sales_share, none),
            ratio=none if t.customer_to_sales is None else f"{t.customer_to_sales:.2f}",
            target=f"{settings.target_customer_to_sales:.1f}",
        ),
        message(
            lang,
            "monologue",
            sales=_clock(t.longest_sales_monologue_s, none),
            customer=_clock(t.longest_customer_monologue_s, none),
            switches=none if t.switches_per_hour is None else f"{t.switches_per_hour:.0f}",
            patience=none if t.patience_s is None else f"{t.patience_s:.1f}s",
        ),
        message(
            lang,
            "questions",
            total=q.total,
            open=q.open,
            closed=q.closed,
            s=q.spin.get(SpinType.SITUATION, 0),
            p=q.spin.get(SpinType.PROBLEM, 0),
            i=q.spin.get(SpinType.IMPLICATION, 0),
            n=q.spin.get(SpinType.NEED_PAYOFF, 0),
        ),
        message(lang, "why", depth=result.why_chain_depth),
        message(lang, "pitch", first=_clock(p.first_at_s, none), total=_clock(p.total_s, none)),
        message(
            lang,
            "price",
            first=_clock(pr.first_mention_at_s, none),
            by=none if pr.first_mention_by is None else message(lang, str(pr.first_mention_by)),
            quote=_clock(pr.first_sales_quote_at_s, none),
        ),
    ]
    if not result.flags:
        lines.append(message(lang, "no_flags"))
        return "\n".join(lines)
    lines.append(message(lang, "flags"))
    for flag in result.flags:
        lines.append(f"  - {message(lang, str(flag))}")
        for e in result.evidence:
            if e.flag is flag:
                quote = printable(f"{e.speaker}: {e.text}", one_line=True)
                lines.append(f"      [{_clock(e.at_s, none)}] {quote}")
    return "\n".join(lines)
