"""The team's two analyses, made once for the tests of this folder (the workspaces are made per test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.workspace.analysis.analyses import analyse


@pytest.fixture(scope="session")
def analyses(tmp_path_factory: pytest.TempPathFactory) -> dict[dt.date, Path]:
    return analyse(tmp_path_factory.mktemp("analyses"))
