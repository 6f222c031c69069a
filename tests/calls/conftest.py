"""Shared paths for the call-analysis tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "calls"


def annotations() -> dict[str, Any]:
    return json.loads((DATA / "annotations.json").read_text(encoding="utf-8"))
