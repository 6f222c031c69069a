"""Schemathesis over the whole OpenAPI document, against the app in process, on both databases: every
operation gets generated requests, valid and invalid ones (a bounded number of examples each), as an
admin who may reach every operation; no answer may be a server error.

(Schemathesis' Python API, with Hypothesis' `given`, rather than its pytest plugin, whose lazy loader
does not run on this pytest.)"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from kam.api.app import create_app
from kam.workspace.db import make_engine
from kam.workspace.migrate import upgrade
from tests.workspace.team import build_team

EXAMPLES = 12  # per operation and mode: enough to reach each kind of bad input, few enough for both databases


@pytest.mark.slow
def test_no_request_gets_a_server_error(workspace_url: str) -> None:
    upgrade(workspace_url)
    engine = make_engine(workspace_url)
    token = build_team(engine)["ada"]
    engine.dispose()
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(workspace_url))
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    statuses: set[int] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14  # the accounts' seven, the users' and teams' seven

    for operation in operations:
        modes = [operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]

        @given(case=st.one_of(modes))
        @settings(
            max_examples=2 * EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers=headers)
            statuses.add(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
                )

        call()
    assert not failures, "\n".join(failures[:10])
    assert {200, 201, 404, 422} <= statuses  # the requests reached the endpoints, valid and not
