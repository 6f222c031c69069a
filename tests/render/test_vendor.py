"""The vendored Apache ECharts is the file its README names, with its licences, and can be inlined."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

from kam.render.assets import asset, inline

VENDOR = resources.files("kam.render").joinpath("vendor")


def test_the_file_is_the_one_the_readme_names() -> None:
    readme = VENDOR.joinpath("README.md").read_text(encoding="utf-8")
    version = re.search(r"\*\*(\d+\.\d+\.\d+)\*\*", readme)
    checksum = re.search(r"`([0-9a-f]{64})`", readme)
    assert version is not None and checksum is not None
    script = VENDOR.joinpath("echarts.min.js").read_bytes()
    assert hashlib.sha256(script).hexdigest() == checksum.group(1)
    assert f"echarts@{version.group(1)}" in readme
    assert f'version:"{version.group(1)}"'.encode() in script


def test_its_licences_ship_with_it() -> None:
    assert "Apache License" in VENDOR.joinpath("LICENSE-echarts").read_text(encoding="utf-8")
    assert "Apache ECharts" in VENDOR.joinpath("NOTICE-echarts").read_text(encoding="utf-8")
    assert "BSD 3-Clause" in VENDOR.joinpath("LICENSE-zrender").read_text(encoding="utf-8")
    assert "Mike Bostock" in VENDOR.joinpath("LICENSE-d3").read_text(encoding="utf-8")


def test_scripts_are_inlined_without_closing_their_element() -> None:
    assert (
        inline('s = "</script><script>"; t = "</SCRIPT >"') == 's = "<\\/script><script>"; t = "<\\/SCRIPT >"'
    )
    for name in ("vendor/echarts.min.js", "static/report.js"):
        assert not re.search(r"</script", asset(name), re.IGNORECASE)
