"""GET /api/v1/<entity>/export on both databases: the list the caller may see as a CSV or Excel file,
formula-like text neutralised and numbers left numbers; an export out of reach holds nothing."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.api.conftest import Api
from tests.workspace.team import OWNERS, ROLE_LOGIN, VISIBLE

RISKY = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)"]  # tabs and CRs around text are trimmed


@pytest.fixture
def made(api: Api) -> None:
    for code in OWNERS:
        for n, name in enumerate(RISKY):
            body = {
                "account": code,
                "year": 2020 + n,
                "product": f"{name} {code}",
                "volume": 5.5,
                "unit": "t",
            }
            assert api.call("POST", "/contracts", "ada", json=body).status_code == 201


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
def test_the_csv_holds_what_the_role_may_list_formula_safe(api: Api, made: None, role: str) -> None:
    answer = api.call("GET", "/contracts/export", ROLE_LOGIN[role], params={"format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = _csv_rows(answer.content)
    assert sorted({r["account"] for r in rows}) == sorted(VISIBLE[role])
    assert len(rows) == len(VISIBLE[role]) * len(RISKY)
    assert all(r["product"].startswith("'") for r in rows)
    assert {r["volume"] for r in rows} == {"5.5"}  # a number: untouched
    only = api.call("GET", "/contracts/export", ROLE_LOGIN[role], params={"account": "B"})
    assert {r["account"] for r in _csv_rows(only.content)} == ({"B"} & VISIBLE[role])


def test_the_workbook_holds_the_same_rows(api: Api, made: None) -> None:
    answer = api.call("GET", "/contracts/export", "amy", params={"format": "xlsx", "sort": "id"})
    assert answer.status_code == 422  # the export takes the list's filters, not its pages
    answer = api.call("GET", "/contracts/export", "amy", params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    header, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    assert sorted(c["product"] for c in cells) == sorted(f"'{name} A" for name in RISKY)
    assert {c["volume"] for c in cells} == {5.5} and {c["account"] for c in cells} == {"A"}


@pytest.mark.parametrize(
    "path", ["/accounts", "/stakeholders", "/needs", "/deals", "/next-steps", "/interactions", "/referrals"]
)
def test_every_kind_exports(api: Api, path: str) -> None:
    answer = api.call("GET", f"{path}/export", "amy")
    assert answer.status_code == 200, answer.text
    rows = _csv_rows(answer.content)
    assert len(rows) == (1 if path == "/accounts" else 0)  # amy's A; no records under it yet
