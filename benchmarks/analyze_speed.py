"""Speed of `kam analyze` (issue 2), printed as ratios against baselines run in the same benchmark.

0. The one-machine floor (`--floor-only` runs just this): `kam analyze --no-forecast` against a bare
   Polars script of the same metrics (benchmarks/polars_baseline.py), target within 1.5x, and peak
   memory, target under 2 GB; on the usual data and on data whose customer column is Zipf-distributed
   (one very large customer). Then all of `kam analyze` (metrics, BG/NBD and Gamma-Gamma fitted and
   predicted) against pandas plus lifetimes doing the same (FLOOR_CHILD, in the side venv .venv-bench);
   where lifetimes cannot be installed, against the pandas baseline plus kam's own CLV fitting timed
   separately, and it says so.
1. 10M lines (100k customers, ~4 lines per order) in Parquet -> all outputs, whole process: wall time,
   peak memory, and the ratio to a straightforward pandas implementation (benchmarks/pandas_baseline.py).
2. 5M lines: `kam analyze` against lifetimes' `summary_data_from_transaction_data` (4 metrics only),
   lifetimes running in the side venv .venv-bench (see benchmarks/clv_speed.py).
3. 100M lines out of core (`--streaming`): wall time and peak memory (skip with --skip-big).

Every figure is the best of `--runs` runs (default 3), the same for kam and for each baseline, as this
machine's timings drift with other load.

    .venv/bin/python benchmarks/analyze_speed.py [--floor-only] [--skip-big] [--skip-lifetimes]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
from clv_speed import ensure_bench_venv
from make_lines import write_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench-data"
KAM = [str(ROOT / ".venv" / "bin" / "kam"), "analyze"]
PYTHON = str(ROOT / ".venv" / "bin" / "python")

LIFETIMES_CHILD = """
import json, sys, time
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
lines = pd.read_csv(sys.argv[1], parse_dates=["date"])
start = time.perf_counter()
summary = summary_data_from_transaction_data(lines, "customer_id", "date", monetary_value_col="amount")
print(json.dumps({"seconds": time.perf_counter() - start, "customers": len(summary)}))
"""

KAM_CHILD = """
import json, sys, time
from pathlib import Path
import polars as pl
from kam.allocator import tune_allocator
from kam.usecases.analyze import AnalyzeOptions, run_analyze
from kam.clv import rfm_summary
from kam.settings import Settings
source, out, what = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
tune_allocator()  # as the kam command does
start = time.perf_counter()
if what == "rfm":
    lines = pl.read_parquet(source, columns=["customer_id", "date", "amount"])
    start = time.perf_counter()
    rfm_summary(lines.filter(pl.col("amount") > 0), unit="day")
else:
    run_analyze(AnalyzeOptions(source=source, out=out, forecast=what == "analyze"), Settings())
print(json.dumps({what: time.perf_counter() - start}))
"""


PANDAS_LIFETIMES_CHILD = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, sys.argv[3])
import pandas as pd
import pandas_baseline
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data
source, out = sys.argv[1], sys.argv[2]
lines = pd.read_parquet(source)
pandas_baseline.pd.read_parquet = lambda *a, **k: lines  # the metrics read the file once, like kam
pandas_baseline.main(source, out)  # the metrics (and the cancellation marker, applied in place)
bought = lines.loc[lines["amount"] > 0, ["customer_id", "date", "amount"]]
summary = summary_data_from_transaction_data(bought, "customer_id", "date", monetary_value_col="amount", freq="W")
f, r, t, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]
bg = BetaGeoFitter(penalizer_coef=0.001).fit(f, r, t)  # unpenalised, it does not converge here
repeat = (f > 0) & (m > 0)
gg = GammaGammaFitter().fit(f[repeat], m[repeat])
alive = bg.conditional_probability_alive(f, r, t)
expected = bg.conditional_expected_number_of_purchases_up_to_time(52, f, r, t)
spend = gg.conditional_expected_average_profit(f, m)
clv = gg.customer_lifetime_value(bg, f, r, t, m, time=12, freq="W", discount_rate=0.01)
print(json.dumps({"seconds": time.perf_counter() - start, "customers": len(summary)}))
"""

KAM_CLV_CHILD = """
import json, sys, time
import polars as pl
from kam.analytics.forecast import forecast_customers
from kam.clv import ClvSettings
import narwhals as nw
lines = pl.read_parquet(sys.argv[1], columns=["customer_id", "date", "amount"]).filter(pl.col("amount") > 0)
start = time.perf_counter()
forecast_customers(nw.from_native(lines.lazy()), lines["date"].max(), ClvSettings(), [])
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def in_process(source: Path, out: Path, what: str) -> float:
    """Seconds of one kam step timed inside a fresh process (start-up excluded, like lifetimes' figure)."""
    child = subprocess.run(
        [PYTHON, "-c", KAM_CHILD, str(source), str(out), what], capture_output=True, text=True, check=True
    )
    return float(json.loads(child.stdout)[what])


def lifetimes_seconds(csv: Path) -> float:
    """lifetimes' own time for its summary (reading the CSV excluded), in the side venv."""
    child = subprocess.run(
        [str(ensure_bench_venv()), "-c", LIFETIMES_CHILD, str(csv)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(child.stdout)["seconds"])


def measure(command: list[str], runs: int = 1) -> tuple[float, float]:
    """Wall seconds (the best of `runs`) and peak resident memory (GB, the highest of the runs) of a
    command. Every side of a ratio gets the same number of runs. The peak is the kernel's own record for
    the process (wait4's ru_maxrss), so nothing polls beside the command and takes CPU from it."""
    if runs > 1:
        results = [measure(command) for _ in range(runs)]
        return min(r[0] for r in results), max(r[1] for r in results)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss * 1024 / 1e9


def dataset(lines: int, customers: int, zipf_share: float = 0.4) -> Path:
    name = f"lines-{lines // 1_000_000}m" + (f"-zipf{zipf_share:g}" if zipf_share != 0.4 else "")
    path = DATA / f"{name}.parquet"
    if not path.exists():
        print(f"writing {path} ...", flush=True)
        write_lines(path, lines, customers, zipf_share=zipf_share)
    return path


def floor(runs: int, work: Path) -> None:
    """The one-machine floor: kam against a bare Polars script, and against pandas plus lifetimes."""
    for label, zipf_share in (
        ("usual customers", 0.4),
        ("Zipf customer column, one very large customer", 1.0),
    ):
        source = dataset(10_000_000, 100_000, zipf_share)
        top = (
            pl.scan_parquet(source).group_by("customer_id").len().select(pl.col("len").max()).collect().item()
        )
        kam_s, kam_gb = measure(
            [*KAM, str(source), "--no-forecast", "--out", str(work / f"floor-{zipf_share}")], runs
        )
        all_s, all_gb = measure([*KAM, str(source), "--out", str(work / f"floor-all-{zipf_share}")], runs)
        polars_s, polars_gb = measure(
            [PYTHON, str(ROOT / "benchmarks" / "polars_baseline.py"), str(source), str(work / "polars.csv")],
            runs,
        )
        print(f"10M lines, {label} (largest customer {top:,} lines):")
        print(
            f"  kam analyze --no-forecast {kam_s:.2f} s, peak {kam_gb:.2f} GB; bare Polars script {polars_s:.2f} s, "
            f"peak {polars_gb:.2f} GB; kam / Polars = {kam_s / polars_s:.2f}x (target <= 1.5x, peak < 2 GB)"
        )
        print(f"  kam analyze, all outputs with forecasts: {all_s:.2f} s, peak {all_gb:.2f} GB")
    source = dataset(10_000_000, 100_000)
    all_s, _ = measure([*KAM, str(source), "--out", str(work / "floor-all")], runs)
    try:
        child = [str(ensure_bench_venv()), "-c", PANDAS_LIFETIMES_CHILD, str(source), str(work / "pl.csv")]
        baseline_s, baseline_gb = measure([*child, str(ROOT / "benchmarks")], runs)
        print(
            f"  pandas + lifetimes doing what kam does (metrics; BG/NBD and Gamma-Gamma fitted and predicted): "
            f"{baseline_s:.2f} s, peak {baseline_gb:.2f} GB; ratio pandas+lifetimes / kam = {baseline_s / all_s:.2f}x"
        )
    except (OSError, subprocess.CalledProcessError, SystemExit) as exc:
        pandas_s, _ = measure(
            [PYTHON, str(ROOT / "benchmarks" / "pandas_baseline.py"), str(source), str(work / "pandas.csv")],
            runs,
        )
        clv = min(
            json.loads(
                subprocess.run(
                    [PYTHON, "-c", KAM_CLV_CHILD, str(source)], capture_output=True, check=True
                ).stdout
            )["seconds"]
            for _ in range(runs)
        )
        print(f"  lifetimes could not be run here ({str(exc).splitlines()[0][:120]}): instead")
        print(
            f"  the pandas baseline {pandas_s:.2f} s + kam's own CLV fitting and prediction timed separately "
            f"{clv:.2f} s = {pandas_s + clv:.2f} s; ratio / kam = {(pandas_s + clv) / all_s:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--floor-only", action="store_true", help="run only the one-machine floor (0.)")
    parser.add_argument("--skip-big", action="store_true", help="skip the 100M-line out-of-core run")
    parser.add_argument("--skip-lifetimes", action="store_true", help="skip the lifetimes comparison")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per measurement, the best counts (default 3)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kam-bench-"))
    floor(args.runs, work)
    if args.floor_only:
        return

    ten = dataset(10_000_000, 100_000)
    kam_s, kam_gb = measure([*KAM, str(ten), "--out", str(work / "out10")], args.runs)
    pandas_s, pandas_gb = measure(
        [PYTHON, str(ROOT / "benchmarks" / "pandas_baseline.py"), str(ten), str(work / "pandas.csv")],
        args.runs,
    )
    print(
        f"10M lines, all outputs: kam {kam_s:.2f} s, peak {kam_gb:.2f} GB "
        f"(targets: < 30 s, < 3 GB); pandas {pandas_s:.2f} s, peak {pandas_gb:.2f} GB"
    )
    print(f"  ratio pandas / kam = {pandas_s / kam_s:.2f}x (target >= 5x)")
    same_s, same_gb = measure([*KAM, str(ten), "--no-forecast", "--out", str(work / "out10-same")], args.runs)
    print(
        f"  same metrics as the pandas baseline (kam --no-forecast): kam {same_s:.2f} s, peak {same_gb:.2f} GB, "
        f"ratio {pandas_s / same_s:.2f}x"
    )

    polars_s, _ = measure(
        [PYTHON, str(ROOT / "benchmarks" / "polars_baseline.py"), str(ten), str(work / "polars.csv")],
        args.runs,
    )
    print(
        f"  for reference, a bare Polars script of the pandas baseline's metrics (no validation, verdicts or "
        f"report; benchmarks/polars_baseline.py): {polars_s:.2f} s, pandas / Polars = {pandas_s / polars_s:.2f}x"
    )

    if not args.skip_lifetimes:
        five = work / "lines-5m.parquet"
        pl.scan_parquet(ten).head(5_000_000).sink_parquet(five)
        csv = work / "lines-5m.csv"
        pl.scan_parquet(five).select("customer_id", "date", "amount").sink_csv(csv)
        kam5_s, _ = measure([*KAM, str(five), "--out", str(work / "out5")], args.runs)
        kam_inner = {
            what: min(in_process(five, work / f"out5-{what}", what) for _ in range(args.runs))
            for what in ("analyze", "no_forecast", "rfm")
        }
        lifetimes_s = min(lifetimes_seconds(csv) for _ in range(args.runs))
        print(
            f"5M lines: kam analyze (whole process, all metrics) {kam5_s:.2f} s; lifetimes "
            f"summary_data_from_transaction_data (4 metrics, in-process time) {lifetimes_s:.2f} s"
        )
        print(f"  ratio lifetimes / kam = {lifetimes_s / kam5_s:.2f}x whole process (target >= 10x)")
        print(
            f"  in-process, like lifetimes' figure (reading the file included for kam): kam analyze "
            f"{kam_inner['analyze']:.2f} s (ratio {lifetimes_s / kam_inner['analyze']:.2f}x), without forecasts "
            f"{kam_inner['no_forecast']:.2f} s ({lifetimes_s / kam_inner['no_forecast']:.2f}x); kam's rfm_summary "
            f"(the same 4 metrics) {kam_inner['rfm']:.2f} s ({lifetimes_s / kam_inner['rfm']:.2f}x)"
        )

    if not args.skip_big:
        hundred = dataset(100_000_000, 1_000_000)
        big_s, big_gb = measure([*KAM, str(hundred), "--streaming", "--out", str(work / "out100")])
        print(f"100M lines out of core: kam {big_s:.1f} s, peak {big_gb:.2f} GB (target < 4 GB)")


if __name__ == "__main__":
    main()
