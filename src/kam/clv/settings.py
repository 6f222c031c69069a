"""Tunable knobs of the CLV forecasts; composed into the project's single settings object."""

from __future__ import annotations

from pydantic import BaseModel, Field

from kam.clv.summary import TimeUnit


class ClvSettings(BaseModel):
    """Defaults for fitting buy-till-you-die models and valuing customers."""

    horizon_months: float = Field(12.0, gt=0, description="CLV horizon in months (1 month = 30.4375 days).")
    annual_discount_rate: float = Field(
        0.10, ge=0, description="Yearly discount rate applied to future margin (0.10 = 10 %)."
    )
    margin: float = Field(
        1.0, gt=0, le=1, description="Share of revenue kept as profit when valuing customers."
    )
    unit: TimeUnit = Field(TimeUnit.WEEK, description="Time unit of frequency/recency/T: day, week or month.")
    purchase_model: str = Field(
        "bgnbd", description="Purchase model to fit: bgnbd (BG/NBD) or pnbd (Pareto/NBD)."
    )
    max_iterations: int = Field(1000, gt=0, description="Maximum optimiser iterations per model fit.")
    gradient_tolerance: float = Field(
        1e-6,
        gt=0,
        description="Largest mean log-likelihood gradient (log-parameter scale) accepted as converged.",
    )
