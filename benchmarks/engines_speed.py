"""`kam analyze` on the three engines side by side: Polars (the default), DuckDB and Spark (local[*]).

10 million lines (100k customers) in Parquet -> all outputs, whole process each (Spark's JVM start-up
included, as a user on one machine would pay it), with the ratio to Polars; then the same without the
forecasts. Spark runs with its defaults and kam's, plus any --conf given here. It takes minutes; it is
not run by the tests.

    .venv/bin/python benchmarks/engines_speed.py [--lines 10000000] [--runs 1] [--conf key=value ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from analyze_speed import DATA, KAM, measure
from make_lines import write_lines

ENGINES = ("polars", "duckdb", "spark")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="runs per measurement, the best counts")
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        help="a Spark setting key=value, repeatable (default: spark.driver.memory=6g; local Spark runs in the "
        "driver, and its 1 GB default runs out of memory on 10M lines)",
    )
    args = parser.parse_args()
    source = DATA / f"lines-{args.lines}.parquet"
    if not source.exists():
        print(f"writing {source} ...", flush=True)
        write_lines(source, args.lines, args.customers)
    work = Path(tempfile.mkdtemp(prefix="kam-engines-"))
    spark_conf = [option for conf in args.conf or ["spark.driver.memory=6g"] for option in ("--conf", conf)]
    print(f"{args.lines:,} lines, {args.customers:,} customers; whole process, best of {args.runs}")
    print(f"{'':<22}" + "".join(f"{engine:>22}" for engine in ENGINES))
    for label, extra in (("all outputs", []), ("--no-forecast", ["--no-forecast"])):
        print(f"{label:<22}", end="", flush=True)
        polars_seconds = 0.0
        for engine in ENGINES:
            command = [*KAM, str(source), "--engine", engine, *extra, "--out", str(work / f"{engine}{extra}")]
            seconds, peak = measure(command + (spark_conf if engine == "spark" else []), args.runs)
            polars_seconds = polars_seconds or seconds
            print(
                f"{f'{seconds:7.1f} s {peak:4.1f} GB {seconds / polars_seconds:4.1f}x':>22}",
                end="",
                flush=True,
            )
        print()
    print(
        "(GB: peak memory of the kam process; Spark's JVM is a process of its own, sized by spark.driver.memory)"
    )


if __name__ == "__main__":
    main()
