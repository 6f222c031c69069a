"""CLV fitting speed: kam's BG/NBD against lifetimes' BetaGeoFitter on CDNOW_master, and 1M customers.

lifetimes 0.11.3 does not run on this project's pandas 3 / numpy 2 / scipy 1.17, so it runs in a side
venv `.venv-bench` (python3.11, pandas<2.2, numpy<2, scipy<1.14, lifetimes==0.11.3, autograd), created by
this script when missing, in a subprocess that times its own fit and reports JSON back. Both fits use the
same weekly summary of CDNOW_master with calibration end 1997-09-30 (23,570 customers).

Then the whole forecast that `kam analyze` and `kam clv fit` make (kam.clv.forecast) on the same data.

    .venv/bin/python benchmarks/clv_speed.py [--master PATH] [--repeats 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from kam.clv import BetaGeo, ClvSettings, fit_forecast, rfm_summary
from kam.clv.simulate import simulate_bgnbd
from kam.io.cdnow import read_cdnow

ROOT = Path(__file__).resolve().parents[1]
BENCH_VENV = ROOT / ".venv-bench"
BENCH_PACKAGES = ["pandas<2.2", "numpy<2", "scipy<1.14", "lifetimes==0.11.3", "autograd", "pyarrow<17"]

LIFETIMES_CHILD = """
import json, sys, time
import pandas as pd
from lifetimes import BetaGeoFitter
data = pd.read_csv(sys.argv[1])
times = []
for _ in range(int(sys.argv[2])):
    fitter = BetaGeoFitter(penalizer_coef=0.0)
    start = time.perf_counter()
    fitter.fit(data["frequency"], data["recency"], data["T"])
    times.append(time.perf_counter() - start)
print(json.dumps({"seconds": min(times), "params": {k: float(v) for k, v in fitter.params_.items()},
                  "log_likelihood": float(-fitter._negative_log_likelihood_ * len(data))}))
"""


def ensure_bench_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(["python3.11", "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *BENCH_PACKAGES], check=True)
    return python


def time_best(function, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", type=Path, default=ROOT / ".." / "shared/data/cdnow/CDNOW_master.txt")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    lines = read_cdnow(args.master).collect()
    summary = rfm_summary(lines, unit="week", calibration_end="1997-09-30")
    summary_seconds = time.perf_counter() - start
    x, t_x, age = (summary[c].to_numpy().astype(float) for c in ("frequency", "recency", "T"))
    kam_seconds = time_best(lambda: BetaGeo().fit(x, t_x, age), args.repeats)
    kam = BetaGeo().fit(x, t_x, age)

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        summary.select("frequency", "recency", "T").write_csv(handle.name)
    child = subprocess.run(
        [str(ensure_bench_venv()), "-c", LIFETIMES_CHILD, handle.name, str(args.repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(handle.name).unlink()
    lifetimes = json.loads(child.stdout.strip().splitlines()[-1])

    print(
        f"CDNOW_master weekly summary (calibration end 1997-09-30): {summary.height} customers, "
        f"{kam.n_distinct_histories_} distinct histories, summary built in {summary_seconds:.3f} s"
    )
    print(f"{'param':>6} {'kam':>12} {'lifetimes':>12} {'rel diff':>10}")
    worst = 0.0
    for name, value in kam.params_.items():
        theirs = lifetimes["params"][name]
        worst = max(worst, abs(value - theirs) / abs(theirs))
        print(f"{name:>6} {value:12.6f} {theirs:12.6f} {abs(value - theirs) / abs(theirs):10.2e}")
    print(f"log-likelihood (kam): {kam.log_likelihood_:.3f}")
    ratio = lifetimes["seconds"] / kam_seconds
    print(
        f"fit time (best of {args.repeats}): kam {kam_seconds * 1e3:.1f} ms, "
        f"lifetimes {lifetimes['seconds'] * 1e3:.1f} ms, speed-up {ratio:.1f}x "
        f"(target >= 20x: {'ok' if ratio >= 20 else 'MISSED'}); worst parameter difference {worst:.1e} "
        f"(target <= 1e-3: {'ok' if worst <= 1e-3 else 'MISSED'})"
    )

    end = dt.date(1997, 9, 30)
    forecast_seconds = time_best(
        lambda: fit_forecast(lines.lazy(), calibration_end=end, settings=ClvSettings()), args.repeats
    )
    print(
        f"the forecast of kam analyze and kam clv fit (summary, BG/NBD and Gamma-Gamma fits, P(alive), "
        f"expected purchases and spend, 12 monthly CLV cash flows), best of {args.repeats}: "
        f"{forecast_seconds * 1e3:.1f} ms"
    )

    rng = np.random.default_rng(12345)
    ages = 1.0 + rng.integers(0, 78 * 7, 1_000_000) / 7.0
    sim = simulate_bgnbd(rng, ages, r=0.25, alpha=4.4, a=0.8, b=2.4, resolution=1 / 7)
    start = time.perf_counter()
    big = BetaGeo().fit(sim.x, sim.t_x, sim.T)
    big_seconds = time.perf_counter() - start
    print(
        f"1,000,000 simulated customers (seed 12345, day resolution, {big.n_distinct_histories_} distinct "
        f"histories): BG/NBD fit in {big_seconds:.3f} s (target < 2 s: {'ok' if big_seconds < 2 else 'MISSED'}); "
        f"params {', '.join(f'{k}={v:.4f}' for k, v in big.params_.items())}"
    )


if __name__ == "__main__":
    sys.exit(main())
