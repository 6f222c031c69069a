"""The SparkSession kam runs on: local (`local[*]`), a standalone cluster, YARN or Kubernetes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kam.errors import ConfigError, KamError
from kam.hints import Hint, HintKey
from kam.i18n import Notice

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Spark settings kam sets unless told otherwise (--conf wins): a name for the cluster's job list, the
# analysis' dates read as dates in every time zone, and no progress bars over kam's own.
DEFAULT_CONF = {
    "spark.app.name": "kam",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
}


@dataclass(frozen=True)
class SparkOptions:
    """Where Spark runs and what it is told: `master` (None: spark-submit's, else local[*]) and --conf."""

    master: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)


def parse_conf(options: Iterable[str]) -> dict[str, str]:
    """--conf key=value options as a dict (a later key wins), as spark-submit reads them."""
    conf: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise ConfigError(Notice("spark_conf", option=option), hint=Hint(HintKey.OPTION, option="conf"))
        conf[key.strip()] = value.strip()
    return conf


def spark_session(options: SparkOptions) -> SparkSession:
    """The running SparkSession (under spark-submit, or one started earlier) or a new one.

    Without a master, pyspark uses spark-submit's (`--master yarn`, ...) and otherwise `local[*]`."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            Notice("engine_missing", engine="spark", package="pyspark", extra="spark")
        ) from None
    builder = SparkSession.builder
    if options.master:
        builder = builder.master(options.master)
    for key, value in {**DEFAULT_CONF, **options.conf}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class SparkFailure(KamError):
    """Spark could not run a job (out of memory, a lost executor, a file it cannot read)."""

    status_code = 503  # the cluster, not the request, failed: trying again with more memory may work


@contextlib.contextmanager
def spark_errors() -> Iterator[None]:
    """Around Spark jobs: a failed job is one clear line naming its cause, never a Java stack trace."""
    try:
        from py4j.protocol import Py4JJavaError
        from pyspark.errors import PySparkException
    except ImportError:
        yield
        return
    try:
        yield
    except (Py4JJavaError, PySparkException) as exc:
        text = str(exc)
        if "OutOfMemoryError" in text:
            raise SparkFailure(
                Notice("spark_out_of_memory"), hint=Hint(HintKey.OPTION, option="conf")
            ) from None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        reason = next(
            (line for line in lines if not line.startswith("An error occurred")), type(exc).__name__
        )
        raise SparkFailure(Notice("spark_failed", reason=reason[:300])) from None
