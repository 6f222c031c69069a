"""The latest stored analysis over the accounts a reader may see, as the portfolio shows it: how many
accounts are in each segment, the Pareto and whale curves of the basis, revenue against net margin by
segment, the key (at risk first), high-potential and fake key accounts with their reasons said in the
reader's language, and the moves since the analysis before (who left key, who became lapsed).

Everything is computed over the visible accounts only, so a rep's curves are those of their accounts:
nothing of an account out of reach enters a count, a curve or a list. Lists are cut to `shown` entries
(their totals say how many there are), the curves and the scatter are down-sampled, so the page stays
small with ten thousand accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.domain.languages import Lang
from kam.domain.segments import FAKE_SEGMENTS, Segment
from kam.workspace.accounts.models import Account
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.analysis.queries import segment_change_lists
from kam.workspace.analysis.reasons import say_many_reasons
from kam.workspace.analysis.repository import AccountAnalysisRepository, AnalysisRunRepository
from kam.workspace.analysis.schemas import ReasonPublic, SegmentChange

CURVE_POINTS = 200  # points of each curve at most
SCATTER_POINTS = 3000  # points of the scatter at most (the named segments first)


class Figures(NamedTuple):
    """One visible account's figures in the latest analysis (a plain tuple: ten thousand of them)."""

    id: int
    code: str
    segment: Segment
    at_risk: bool | None
    revenue: float | None
    net_profit: float | None
    gross_profit: float | None
    net_margin: float | None
    expected_value: float | None


_SEGMENTS = {segment.value: segment for segment in Segment}


@dataclass(frozen=True)
class AnalysedAccount:
    """An account in a list of the analysis: its verdict, money and the reasons in the reader's words."""

    code: str
    name: str
    segment: Segment
    at_risk: bool | None
    revenue: float | None
    net_profit: float | None
    reasons: list[ReasonPublic]


@dataclass(frozen=True)
class Listed:
    """The first entries of a list and how many there are in all."""

    items: list[AnalysedAccount | SegmentChange]
    total: int


@dataclass(frozen=True)
class PortfolioAnalysis:
    """The latest analysis over the visible accounts (see the module's docstring); `previous_as_of`: the
    date of the analysis before (None: it is the first); curves as [customer share, value] points;
    `scatter`: segment -> [revenue, net margin clipped to ±1, code] points."""

    as_of: dt.date
    previous_as_of: dt.date | None
    basis: str
    currency: str | None
    accounts: int
    counts: dict[Segment, int]
    pareto: list[list[float]]
    whale: list[list[float]]
    scatter: dict[str, list[list[float | str]]]
    key: Listed
    potential: Listed
    fake: Listed
    left_key: Listed
    became_lapsed: Listed
    segments: dict[str, tuple[Segment, bool | None]] = field(default_factory=dict)


def portfolio_analysis(
    session: Session, lang: Lang | str = Lang.EN, shown: int = 25, codes: list[str] | None = None
) -> PortfolioAnalysis | None:
    """The latest analysis over the accounts the reader may see (None while none is stored); `codes`:
    accounts whose segment the caller also wants (`segments`: code -> segment, at risk)."""
    runs = AnalysisRunRepository(session)
    run = runs.latest()
    if run is None:
        return None
    rows = _rows(session, run)
    counts = {segment: 0 for segment in Segment}
    for row in rows:
        counts[row.segment] += 1
    previous = session.scalar(
        runs.readable_statement()
        .where(AnalysisRun.as_of < run.as_of)
        .with_only_columns(sa.func.max(AnalysisRun.as_of))
    )
    pareto, whale = curves([_basis(row, run.basis) for row in rows])
    key = sorted(
        (r for r in rows if r.segment is Segment.KEY), key=lambda r: (not r.at_risk, -(r.revenue or 0))
    )
    potential = sorted((r for r in rows if r.segment is Segment.POTENTIAL), key=_by_value)
    fake = sorted(
        (r for r in rows if r.segment in FAKE_SEGMENTS),
        key=lambda r: (FAKE_SEGMENTS.index(r.segment), -(r.revenue or 0)),
    )
    wanted = set(codes or ())
    left_key, became_lapsed = _moves(session, previous, shown)
    said = _said(session, run, [r.id for r in (*key[:shown], *potential[:shown], *fake[:shown])], lang)
    return PortfolioAnalysis(
        as_of=run.as_of,
        previous_as_of=previous,
        basis=run.basis,
        currency=run.currency,
        accounts=len(rows),
        counts=counts,
        pareto=pareto,
        whale=whale,
        scatter=scatter(rows),
        key=Listed([said[r.id] for r in key[:shown]], len(key)),
        potential=Listed([said[r.id] for r in potential[:shown]], len(potential)),
        fake=Listed([said[r.id] for r in fake[:shown]], len(fake)),
        left_key=left_key,
        became_lapsed=became_lapsed,
        segments={r.code: (r.segment, r.at_risk) for r in rows if r.code in wanted},
    )


def _rows(session: Session, run: AnalysisRun) -> list[Figures]:
    """The run's figures of every visible account, without loading the records (ten thousand rows). The
    segment is read as its text and looked up: the Enum type's own conversion of each row cost a third
    of the portfolio page's time."""
    query = (
        AccountAnalysisRepository(session)
        .readable_statement()
        .where(AccountAnalysis.run_id == run.id)
        .join(Account, Account.id == AccountAnalysis.account_id)
        .with_only_columns(
            AccountAnalysis.id,
            Account.code,
            sa.type_coerce(AccountAnalysis.segment, sa.String()).label("segment"),
            AccountAnalysis.at_risk,
            AccountAnalysis.revenue,
            AccountAnalysis.net_profit,
            AccountAnalysis.gross_profit,
            AccountAnalysis.net_margin,
            AccountAnalysis.expected_value,
        )
        .order_by(Account.code)
    )
    return [Figures(r[0], r[1], _SEGMENTS[r[2]], *r[3:]) for r in session.execute(query)]


def _basis(row: Figures, basis: str) -> float:
    value = (
        getattr(row, basis, None) if basis in ("revenue", "net_profit", "gross_profit") else row.net_profit
    )
    return float(value or 0.0)


def _by_value(row: Figures) -> tuple[float, str]:
    return (-(row.expected_value if row.expected_value is not None else row.revenue or 0.0), row.code)


def curves(values: list[float], points: int = CURVE_POINTS) -> tuple[list[list[float]], list[list[float]]]:
    """The Pareto curve (customer share -> cumulative share of the positive value) and the whale curve
    (customer share -> cumulative value), customers ranked by value, largest first; down-sampled to about
    `points`, keeping the last point and the whale's peak."""
    ranked = sorted(values, reverse=True)
    n = len(ranked)
    if n == 0:
        return [], []
    positive = sum(v for v in ranked if v > 0)
    cum, share, running, running_positive = [], [], 0.0, 0.0
    for value in ranked:
        running += value
        running_positive += max(value, 0.0)
        cum.append(running)
        share.append(running_positive / positive if positive else 0.0)
    step = max(1, n // points)
    peak = max(range(n), key=cum.__getitem__)
    kept = sorted({*range(0, n, step), n - 1, peak})
    pareto = [[0.0, 0.0], *([round((i + 1) / n, 5), round(share[i], 5)] for i in kept)]
    whale = [[0.0, 0.0], *([round((i + 1) / n, 5), round(cum[i], 2)] for i in kept)]
    return pareto, whale


def scatter(rows: list[Figures], limit: int = SCATTER_POINTS) -> dict[str, list[list[float | str]]]:
    """segment -> [revenue, net margin (clipped to ±1), code] of the accounts with both figures, at most
    `limit` points: the named segments first, regular accounts after."""
    usable = [
        (r.segment, r.revenue, r.net_margin, r.code)
        for r in rows
        if r.revenue is not None and r.revenue > 0 and r.net_margin is not None
    ]
    usable.sort(key=lambda u: u[0] is Segment.REGULAR)
    points: dict[str, list[list[float | str]]] = {}
    for segment, revenue, net_margin, code in usable[:limit]:
        margin = max(-1.0, min(1.0, net_margin))
        points.setdefault(segment.value, []).append([round(revenue, 2), round(margin, 4), code])
    return points


def _said(session: Session, run: AnalysisRun, ids: list[int], lang: Lang | str) -> dict[int, AnalysedAccount]:
    """analysis id -> the listed account with its reasons said in `lang` (all said together)."""
    snapshots = AccountAnalysisRepository(session).by_ids(ids)
    reasons = say_many_reasons(snapshots, run, lang)
    return {
        s.id: AnalysedAccount(
            code=s.account.code,
            name=s.account.name,
            segment=s.segment,
            at_risk=s.at_risk,
            revenue=s.revenue,
            net_profit=s.net_profit,
            reasons=said,
        )
        for s, said in zip(snapshots, reasons, strict=True)
    }


def _moves(session: Session, previous: dt.date | None, shown: int) -> tuple[Listed, Listed]:
    """The accounts that left the key segment and those that became lapsed since `previous`."""
    if previous is None:
        return Listed([], 0), Listed([], 0)
    kinds = [(Segment.KEY, None), (None, Segment.LAPSED)]
    left_key, lapsed = segment_change_lists(session, previous, kinds, shown)
    return Listed(list(left_key[0]), left_key[1]), Listed(list(lapsed[0]), lapsed[1])
