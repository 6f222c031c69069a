"""A stored analysis's reasons said in the reader's language: the codes and the values they cite were
stored, the sentences are made when read (kam.render.reasons), so each user reads them in their own.

Building a sentence's expressions costs far more than running them, so the reasons of many analyses are
said together: each code's sentence is built once, over all the analyses that give it; and the latest
lists said are kept (a few, keyed by what they say: the codes and values, the run's context and the
language), as the portfolio shows the same lists to each visit until the next sync."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import narwhals as nw
import polars as pl

from kam.analytics.settings import ValueSettings
from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.render.reasons import ReasonContext, magnitudes, sentence
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.analysis.schemas import ReasonPublic

_TEXT = frozenset({"abc_tier", "wallet_unit"})
_WHOLE = frozenset(
    {
        "rank",
        "orders",
        "orders_last_12m",
        "orders_prev_12m",
        "episodes",
        "first_half_orders",
        "second_half_orders",
        "revenue_rank",
        "volume_rank",
        "potential_rank",
    }
)


KEPT = 64  # lists of reasons said, kept
_kept: OrderedDict[str, list[list[ReasonPublic]]] = OrderedDict()
_lock = threading.Lock()


def _dtype(column: str) -> pl.DataType:
    return pl.String() if column in _TEXT else pl.Int64() if column in _WHOLE else pl.Float64()


def say_reasons(snapshot: AccountAnalysis, run: AnalysisRun, lang: Lang | str) -> list[ReasonPublic]:
    """Each reason code of `snapshot` with its sentence in `lang`, in the order the verdict gave them."""
    return say_many_reasons([snapshot], run, lang)[0]


def say_many_reasons(
    snapshots: Sequence[AccountAnalysis], run: AnalysisRun, lang: Lang | str
) -> list[list[ReasonPublic]]:
    """The reasons of each of `snapshots` (all of `run`), in their order, as `say_reasons` says them."""
    key = repr(  # a cache key, never written: repr keeps NaN and any value as they are
        [
            str(lang),
            [run.basis, run.median_order, run.customers, run.settings],
            [[s.reason_codes, s.reason_values] for s in snapshots],
        ]
    )
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return [list(reasons) for reasons in _kept[key]]
    said = _say(snapshots, run, lang)
    with _lock:
        _kept[key] = said
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return [list(reasons) for reasons in said]


def _say(
    snapshots: Sequence[AccountAnalysis], run: AnalysisRun, lang: Lang | str
) -> list[list[ReasonPublic]]:
    said: list[dict[str, str]] = [{} for _ in snapshots]
    context = ReasonContext(
        run.basis, run.median_order, run.customers, ValueSettings.model_validate(run.settings)
    )
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for i, snapshot in enumerate(snapshots):
        columns = tuple(sorted(snapshot.reason_values or {}))
        for code in snapshot.reason_codes or ():
            groups.setdefault((code, columns), []).append(i)
    largest = _largest(snapshots)
    for (code, columns), rows in groups.items():
        values = [{c: (snapshots[i].reason_values or {})[c] for c in columns} for i in rows]
        native = pl.DataFrame(values, schema={c: _dtype(c) for c in columns}, strict=False)
        frame = nw.from_native(native, eager_only=True)
        texts = frame.select(sentence(Reason(code), frame, context, Lang(lang), largest).alias("text"))[
            "text"
        ]
        for i, text in zip(rows, texts, strict=True):
            said[i][code] = text
    return [
        [ReasonPublic(code=code, text=said[i][code]) for code in s.reason_codes or ()]
        for i, s in enumerate(snapshots)
    ]


def _largest(snapshots: Sequence[AccountAnalysis]) -> dict[str, float]:
    """The largest magnitude of each cited value over all `snapshots`, found once (it only bounds how the
    numbers are written, so a larger bound than a group's own says the same)."""
    columns = sorted({c for s in snapshots for c in s.reason_values or {}})
    values = [{c: (s.reason_values or {}).get(c) for c in columns} for s in snapshots]
    frame = pl.DataFrame(values, schema={c: _dtype(c) for c in columns}, strict=False)
    return magnitudes(nw.from_native(frame, eager_only=True))
