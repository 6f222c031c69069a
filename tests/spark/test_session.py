"""--conf key=value options as spark-submit reads them."""

from __future__ import annotations

from typing import Any

import pytest

from kam.errors import ConfigError
from kam.spark.session import SparkFailure, parse_conf, spark_errors


def test_conf_options_become_settings_and_a_later_key_wins() -> None:
    options = [
        "spark.executor.memory=8g",
        "spark.sql.shuffle.partitions = 400",
        "a.b=x=y",
        "spark.executor.memory=16g",
    ]
    assert parse_conf(options) == {
        "spark.executor.memory": "16g",
        "spark.sql.shuffle.partitions": "400",
        "a.b": "x=y",
    }


@pytest.mark.parametrize("option", ["spark.executor.memory", "=8g", " = 1"])
def test_a_conf_without_key_and_value_is_a_config_error_naming_it(option: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_conf([option])
    assert repr(option) in str(raised.value)


@pytest.mark.slow
def test_a_failed_spark_job_is_one_line_naming_its_cause(spark: Any) -> None:
    with pytest.raises(SparkFailure) as raised, spark_errors():
        spark.sql("SELECT raise_error('the cluster lost its disks')").collect()
    message = str(raised.value)
    assert "the cluster lost its disks" in message and "\n" not in message and "at org.apache" not in message
