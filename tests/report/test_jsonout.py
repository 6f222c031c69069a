"""Strict JSON: no NaN or Infinity ever written; a non-finite value is an error that names its key."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import TypeGuard

import pytest

from kam.errors import KamError
from kam.report.jsonout import NotFiniteError, dumps_strict

SRC = Path(__file__).resolve().parents[2] / "src" / "kam"


def test_finite_values_are_written_as_json_writes_them() -> None:
    doc = {"total": 1.5, "name": "華東", "rows": [1, 2.25, None, True], "nested": {"x": -0.0}}
    assert dumps_strict(doc, ensure_ascii=False, indent=2) == json.dumps(doc, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        ({"portfolio": {"total": float("inf")}}, "portfolio.total"),
        ({"a": [1.0, {"b": float("nan")}]}, "a[1].b"),
        ([0.5, float("-inf")], "[1]"),
        (float("nan"), "(the value)"),
    ],
)
def test_non_finite_value_is_an_error_naming_its_key(doc: object, key: str) -> None:
    with pytest.raises(NotFiniteError) as err:
        dumps_strict(doc)
    assert isinstance(err.value, KamError)
    assert err.value.key == key
    assert key in err.value.say("en") and key in err.value.say("zh-Hant")


# json.dumps used to show a value inside a message, not to write JSON: (file, function)
SHOWN_NOT_WRITTEN = {("calls/segments.py", "_shown"), ("calls/catalog.py", "_shown")}


def _is_json_dumps(node: ast.AST) -> TypeGuard[ast.Call]:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("dump", "dumps")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "json"
    )


def _strict(call: ast.Call) -> bool:
    return any(
        k.arg == "allow_nan" and isinstance(k.value, ast.Constant) and k.value.value is False
        for k in call.keywords
    )


def _loose_json_calls(path: Path) -> list[str]:
    """The json.dump(s) calls in `path` that do not pass allow_nan=False (outside SHOWN_NOT_WRITTEN)."""
    name = path.relative_to(SRC).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = {
        id(inner)
        for func in ast.walk(tree)
        if isinstance(func, ast.FunctionDef) and (name, func.name) in SHOWN_NOT_WRITTEN
        for inner in ast.walk(func)
    }
    return [
        f"{name}:{node.lineno}"
        for node in ast.walk(tree)
        if _is_json_dumps(node) and id(node) not in shown and not _strict(node)
    ]


def test_every_json_kam_writes_is_strict() -> None:
    """json.dumps writes NaN and Infinity, which JSON lacks, unless told not to: kam's writers use
    dumps_strict (or pass allow_nan=False)."""
    assert [call for path in sorted(SRC.rglob("*.py")) for call in _loose_json_calls(path)] == []
