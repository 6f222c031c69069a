"""Speed of `kam analyze` against kam itself before the actionable analysis, in the same run.

The actionable analysis added work to every run: the at-risk signs, potential ranked by uplift, buying
episodes, unattributed sales, every account in report.html's table, and accounts.xlsx. This benchmark
checks out the last commit before that work (BASELINE, or --baseline) into a temporary folder with
`git archive`, then runs the baseline's `kam analyze` and this tree's, one after the other, `--runs`
times each, on the same 10M-line file (100k customers; made by make_lines.py when missing), with and
without forecasts. It prints, for each side, the best wall time and the best CPU time (user + system
of the process and its threads) and the ratio of this tree to the baseline.

    .venv/bin/python benchmarks/actionable_speed.py [--runs 3] [--baseline COMMIT] [--lines N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_lines import write_lines

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# the reshaped layout merged with the coach's core, before the actionable analysis was merged
BASELINE = "1377129"
RUN = "from kam.cli import main; main()"


def baseline_source(commit: str, folder: Path) -> Path:
    """The baseline's src/ folder, extracted from git into `folder`."""
    archive = folder / "baseline.tar"
    with archive.open("wb") as handle:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], stdout=handle, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def one_run(source: Path, data: Path, out: Path, forecast: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one `kam analyze` of `data` into `out`, run from `source`."""
    command = [PYTHON, "-c", RUN, "analyze", str(data), "--out", str(out)]
    if not forecast:
        command.append("--no-forecast")
    environment = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--lines", type=int, default=10_000_000)
    args = parser.parse_args()
    data = ROOT / "bench-data" / f"lines-{args.lines}.parquet"
    if not data.exists():
        write_lines(data, args.lines, customers=args.lines // 100)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sides = {"baseline": baseline_source(args.baseline, root), "this tree": ROOT / "src"}
        print(f"{args.lines:,} lines, best of {args.runs} runs; baseline {args.baseline}")
        print(f"{'':12} {'':10} {'wall s':>8} {'CPU s':>8}")
        for forecast in (False, True):
            best: dict[str, tuple[float, float]] = {}
            for run in range(args.runs):
                for name, source in sides.items():
                    out = root / f"out-{name.replace(' ', '-')}-{run}-{forecast}"
                    wall, cpu = one_run(source, data, out, forecast)
                    old = best.get(name, (wall, cpu))
                    best[name] = (min(old[0], wall), min(old[1], cpu))
            mode = "forecasts" if forecast else "--no-forecast"
            for name, (wall, cpu) in best.items():
                print(f"{mode:12} {name:10} {wall:8.2f} {cpu:8.2f}")
            (bw, bc), (tw, tc) = best["baseline"], best["this tree"]
            print(f"{mode:12} {'ratio':10} {tw / bw:7.2f}× {tc / bc:7.2f}×  (this tree / baseline)")


if __name__ == "__main__":
    main()
