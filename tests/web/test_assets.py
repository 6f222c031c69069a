"""The pages' files: sent gzip-compressed to a browser that takes it (so the portfolio weighs under 1 MB
with ECharts), as they are to one that does not; only the listed names are served."""

from __future__ import annotations

import pytest

from kam.web.assets import ASSETS
from tests.web.conftest import Browser


@pytest.mark.parametrize(
    ("accepted", "compressed"),
    [
        ("gzip, deflate", True),
        ("br;q=1.0, GZIP;q=0.5", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
    ],
)
def test_a_file_is_sent_compressed_only_to_who_takes_gzip(
    browser: Browser, accepted: str, compressed: bool
) -> None:
    answer = browser.client.get("/static/echarts.min.js", headers={"Accept-Encoding": accepted})
    original = ASSETS["echarts.min.js"][0].read_bytes()
    assert answer.status_code == 200 and answer.content == original  # decoded by the client when gzip
    assert (answer.headers.get("content-encoding") == "gzip") is compressed
    assert answer.headers["vary"] == "Accept-Encoding"
    sent = answer.num_bytes_downloaded
    assert sent < len(original) / 2 if compressed else sent == len(original)


def test_an_unlisted_name_is_not_found(browser: Browser) -> None:
    assert browser.client.get("/static/../app.py").status_code == 404
    assert browser.client.get("/static/secret.txt").status_code == 404
