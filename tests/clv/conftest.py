from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

DATA = Path(__file__).parents[1] / "data" / "cdnow"


@pytest.fixture(scope="session")
def cdnow_summary() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    frame = pl.read_csv(DATA / "cdnow_customers_summary.csv")
    return frame["frequency"].to_numpy(), frame["recency"].to_numpy(), frame["T"].to_numpy()


@pytest.fixture(scope="session")
def cdnow_spend() -> pl.DataFrame:
    return pl.read_csv(DATA / "cdnow_customers_summary_with_transactions.csv")


@pytest.fixture(scope="session")
def cdnow_sample_path() -> Path:
    return DATA / "CDNOW_sample.txt"
