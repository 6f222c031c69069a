"""The product catalog of `kam calls analyze --catalog`: a wrongly shaped file is a clear error naming the
file, where in it, what was found and what was expected; a good one gives its product terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ConfigError
from kam.usecases.calls import read_catalog

STEEL = str(Path(__file__).resolve().parents[1] / "data" / "calls" / "en_steel_good.vtt")


def _catalog(tmp_path: Path, text: str, name: str = "catalog.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "where", "found"),
    [
        ('{"products": "steel"}', '"products"', '"steel"'),
        ('{"items": ["steel"]}', "catalog", "items"),
        ("42", "catalog", "42"),
        ("null", "catalog", "null"),
        ('["rebar", 7]', "item 2", "7"),
        ('["rebar", null]', "item 2", "null"),
        ('[["rebar"]]', "item 1", '["rebar"]'),
        ('[{"aliases": ["A9"]}]', "item 1", "aliases"),
        ('[{"name": {"en": "A9"}}]', '"name"', '{"en": "A9"}'),
        ('[{"name": "A9", "aliases": "A-9"}]', '"aliases"', '"A-9"'),
        ('[{"name": "A9", "aliases": 5}]', '"aliases"', "5"),
        ('[{"name": "A9", "aliases": ["A-9", 9]}]', '"aliases"', "9"),
    ],
)
def test_a_wrongly_shaped_json_catalog_is_named(tmp_path: Path, text: str, where: str, found: str) -> None:
    path = _catalog(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        read_catalog(path)
    message = caught.value.message
    assert message.startswith(f"{path}: ") and where in message and found in message


def test_a_good_json_catalog_gives_names_and_aliases(tmp_path: Path) -> None:
    path = _catalog(tmp_path, '{"products": [{"name": "A9 terminal", "aliases": ["A9"]}, "T5终端", " "]}')
    assert read_catalog(path) == ["A9 terminal", "A9", "T5终端"]
    upper = _catalog(tmp_path, '["rebar"]', "CATALOG.JSON")
    assert read_catalog(upper) == ["rebar"]


def test_a_catalog_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "catalog.txt"
    path.write_bytes("螺紋鋼\nH型鋼\n".encode("big5"))
    with pytest.raises(ConfigError, match="UTF-8") as caught:
        read_catalog(path)
    assert caught.value.message.startswith(f"{path}: ")


def test_a_bad_catalog_is_one_line_and_exit_2_in_the_chosen_language(tmp_path: Path) -> None:
    path = _catalog(tmp_path, '{"products": "steel"}')
    result = CliRunner().invoke(
        app, ["calls", "analyze", STEEL, "--sales", "Amy Chen", "--catalog", str(path), "--lang", "zh-Hant"]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output and str(path) in result.output and "產品名稱" in result.output
