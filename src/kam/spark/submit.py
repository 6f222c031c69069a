"""kam's commands on Spark, for `python -m kam.spark` and for `spark-submit`.

    python -m kam.spark analyze s3a://bucket/sales/ --out out --spark-master yarn
    spark-submit --master yarn "$(python -m kam.spark --script)" analyze hdfs:///sales --out out

`analyze` and `clv fit` run with --engine spark unless told otherwise; every other option is kam's own.
Under spark-submit the session is spark-submit's (its --master and --conf apply); a session this entry
started is stopped when the command ends, so the cluster's job ends with it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINE_COMMANDS = (("analyze",), ("clv", "fit"))


def with_spark_engine(argv: Sequence[str]) -> list[str]:
    """The arguments with `--engine spark` added to a command that takes it, unless an engine is given."""
    args = list(argv)
    takes_engine = any(tuple(args[: len(c)]) == c for c in ENGINE_COMMANDS)
    given = any(a == "--engine" or a.startswith("--engine=") for a in args)
    if takes_engine and not given:
        args += ["--engine", "spark"]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run one kam command with Spark as its engine; the exit code is the command's."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--script"]:
        print(Path(__file__).resolve())
        return 0
    from kam.cli import app

    started_here = _active_session() is None
    try:
        app(args=with_spark_engine(args), prog_name="kam")
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    finally:
        session = _active_session()
        if started_here and session is not None:
            session.stop()
    if isinstance(code, str):
        print(code, file=sys.stderr)
        return 1
    return code or 0


def _active_session() -> SparkSession | None:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


if __name__ == "__main__":  # spark-submit runs this file
    sys.exit(main())
