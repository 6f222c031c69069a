"""Tunable knobs of the CLV forecasts; composed into the project's single settings object."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kam.clv.choices import PurchaseModelName, SpendModelName
from kam.clv.summary import TimeUnit


class ClvSettings(BaseModel):
    """Defaults for fitting buy-till-you-die models and valuing customers; each has its range (never NaN
    or infinite): a horizon beyond ten years is speculation, and an unbounded one never finishes."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    horizon_months: float = Field(
        12.0, gt=0, le=120, description="CLV horizon in months (1 month = 30.4375 days)."
    )
    annual_discount_rate: float = Field(
        0.10, ge=0, le=1, description="Yearly discount rate applied to future margin (0.10 = 10 %)."
    )
    margin: float = Field(
        1.0,
        gt=0,
        le=1,
        description="Share of revenue kept as profit when valuing customers (kam analyze uses each "
        "customer's gross margin instead where cost is known).",
    )
    unit: TimeUnit = Field(TimeUnit.WEEK, description="Time unit of frequency/recency/T: day, week or month.")
    purchase_model: PurchaseModelName = Field(
        PurchaseModelName.BGNBD, description="Purchase model to fit: bgnbd (BG/NBD) or pnbd (Pareto/NBD)."
    )
    spend_model: SpendModelName = Field(
        SpendModelName.GG,
        description="Spend model: gg (Gamma-Gamma; each customer's own mean repeat spend where it cannot be "
        "fitted) or mean (the own mean repeat spend, the repeat buyers' average for one-time buyers).",
    )
    max_iterations: int = Field(
        1000, ge=1, le=100_000, description="Maximum optimiser iterations per model fit."
    )
    gradient_tolerance: float = Field(
        1e-6,
        gt=0,
        le=0.1,
        description="Largest mean log-likelihood gradient (log-parameter scale) accepted as converged.",
    )
