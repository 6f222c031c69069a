"""The functions behind the commands: storing calls is one transaction, so a failure stores nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kam.calls.settings import CallSettings
from kam.usecases.calls import run_calls_analyze
from kam.workspace.accounts.schemas import AccountCreate
from kam.workspace.errors import InvalidInput
from kam.workspace.migrate import upgrade
from kam.workspace.run import run_accounts_add, run_interactions_list, run_store_calls
from tests.calls.conftest import DATA

AT = dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.UTC)


def test_a_failure_while_storing_the_second_call_stores_neither(workspace_url: str) -> None:
    upgrade(workspace_url)
    run_accounts_add(workspace_url, AccountCreate(code="C001", name="Acme"))
    files = [DATA / "en_steel_good.vtt", DATA / "zh_hant_pushy_big5.txt"]
    run = run_calls_analyze(files, sales=["Amy", "張志明"])
    assert len(run.results) == 2 and not run.errors
    broken = dataclasses.replace(run, sha256=(run.sha256[0], "not a sha-256"))
    with pytest.raises(InvalidInput, match="transcript_sha256"):
        run_store_calls(workspace_url, "C001", broken, at=AT, settings=CallSettings())
    assert run_interactions_list(workspace_url) == []
    stored = run_store_calls(workspace_url, "C001", run, at=AT, settings=CallSettings())
    assert (stored.created, stored.updated) == (2, 0)
    assert len(run_interactions_list(workspace_url, "C001")) == 2
