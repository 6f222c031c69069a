"""The one reader of config and mapping files: a file that is not UTF-8, not JSON/TOML, a folder, or of
the wrong shape is a ConfigError naming the file and what was expected, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ConfigError
from kam.files import read_json_or_toml
from kam.i18n import Notice
from kam.io.mapping import read_mapping_file


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kam.toml", "[value]\nkey_min_margin = 0.2  # 客戶門檻\n".encode("big5")),
        ("map.json", '{"customer_id": "客戶編號"}'.encode("big5")),
        ("map.toml", b"\xff\xfe\x00"),
    ],
)
def test_a_file_that_is_not_utf8_is_named(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ConfigError) as caught:
        read_json_or_toml(path, Notice("config_file"))
    assert caught.value.message.startswith(f"{path}: ") and "UTF-8" in caught.value.message
    assert "UTF-8" in caught.value.say("zh-Hant") and str(path) in caught.value.say("zh-Hant")


def test_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="^" + str(tmp_path)):
        read_json_or_toml(tmp_path, Notice("mapping_file"))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("map.json", '["customer_id", "客戶編號"]'),
        ("map.json", '{"customer_id": 1}'),
        ("map.json", '{"customer_id": null}'),
        ("map.toml", "columns = [1, 2]\n"),
        ("map.toml", '[columns]\ncustomer_id = { name = "客戶編號" }\n'),
    ],
)
def test_a_mapping_file_of_the_wrong_shape_is_named(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="^" + str(path)):
        read_mapping_file(path)


def test_a_big5_mapping_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_bytes('customer_id = "客戶編號"\n'.encode("big5"))
    data = tmp_path / "t.csv"
    data.write_text("客戶編號,date,amount\nA,2024-01-01,10\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(data), "--mapping", str(mapping), "--no-forecast"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and str(mapping) in result.output
