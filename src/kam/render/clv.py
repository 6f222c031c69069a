"""report.html of `kam clv fit`: the fitted parameters with standard errors and, if any, the holdout check,
rendered from templates/clv_report.html.j2."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kam.clv.holdout import HoldoutCheck
from kam.domain.languages import Lang
from kam.render import render
from kam.render.holdout import holdout_chart


def clv_report_html(
    params: Mapping[str, Any], check: HoldoutCheck | None, lang: Lang, notes: Sequence[str] = ()
) -> str:
    """A one-page offline report in `lang` of params.json's figures (`params`), the holdout `check` and
    `notes` (already said in `lang`: what was done instead of the configured spend model)."""
    rows = [
        (section["model"], name, value, section["standard_errors"][name])
        for section in (params, params["spend_model"])
        for name, value in section["params"].items()
    ]
    return render(
        "clv_report.html.j2",
        lang,
        params=params,
        rows=rows,
        notes=notes,
        holdout=holdout_chart(check, lang) if check is not None else None,
    )
