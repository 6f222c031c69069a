"""A stored analysis's reasons said in the reader's language: the codes and the values they cite were
stored, the sentences are made when read (kam.render.reasons), so each user reads them in their own."""

from __future__ import annotations

import narwhals as nw
import polars as pl

from kam.analytics.settings import ValueSettings
from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.render.reasons import ReasonContext, sentence
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


def _dtype(column: str) -> pl.DataType:
    return pl.String() if column in _TEXT else pl.Int64() if column in _WHOLE else pl.Float64()


def say_reasons(snapshot: AccountAnalysis, run: AnalysisRun, lang: Lang | str) -> list[ReasonPublic]:
    """Each reason code of `snapshot` with its sentence in `lang`, in the order the verdict gave them."""
    values = snapshot.reason_values or {}
    schema = {column: _dtype(column) for column in values}
    frame = nw.from_native(pl.DataFrame([values], schema=schema, strict=False), eager_only=True)
    context = ReasonContext(
        run.basis, run.median_order, run.customers, ValueSettings.model_validate(run.settings)
    )
    said = []
    for code in snapshot.reason_codes or ():
        text = frame.select(sentence(Reason(code), frame, context, Lang(lang)).alias("text"))["text"][0]
        said.append(ReasonPublic(code=code, text=text))
    return said
