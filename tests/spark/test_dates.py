"""--date-format (strftime, as Polars reads it) in Spark's datetime patterns."""

from __future__ import annotations

import pytest

from kam.errors import ConfigError
from kam.spark.dates import spark_date_pattern


@pytest.mark.parametrize(
    ("strftime", "spark"),
    [
        ("%Y-%m-%d", "yyyy-MM-dd"),
        ("%d/%m/%Y", "dd/MM/yyyy"),
        ("%m/%d/%y %H:%M:%S", "MM/dd/yy HH:mm:ss"),
        ("%Y%m%d", "yyyyMMdd"),
        ("%d %b %Y", "dd MMM yyyy"),
        ("%Y-%m-%dT%H:%M", "yyyy-MM-dd'T'HH:mm"),
        ("%Y年%m月%d日", "yyyy'年'MM'月'dd'日'"),
        ("%d.%m.%Y %I:%M %p", "dd.MM.yyyy hh:mm a"),
        ("%Y-%m-%d 100%%", "yyyy-MM-dd 100%"),
        ("day %d of %Y", "'day 'dd' of 'yyyy"),
        ("%d-%m-%Y o'clock", "dd-MM-yyyy' o''clock'"),
    ],
)
def test_strftime_becomes_a_spark_pattern(strftime: str, spark: str) -> None:
    assert spark_date_pattern(strftime) == spark


@pytest.mark.parametrize("strftime", ["%Y-%m-%d %Z", "%G-W%V", "%Y-%m-%"])
def test_a_directive_spark_lacks_is_a_config_error_naming_it(strftime: str) -> None:
    with pytest.raises(ConfigError) as raised:
        spark_date_pattern(strftime)
    assert strftime in str(raised.value)
