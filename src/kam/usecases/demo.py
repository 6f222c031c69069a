"""`kam demo-data` as one function: write the demo steel supplier's data set."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, Writer, write_all_or_nothing

# the company's exports, what was planted in them, two sales calls, and its key-account work as files
# the workspace imports (kam.demo.workspace)
RECORDS = ("stakeholders.csv", "needs.csv", "deals.csv", "contracts.csv")
OUTPUTS = OutputSet(
    "demo-data", frozenset({"transactions.csv", "customers.csv", "planted.json", "calls", *RECORDS})
)


def _csv_writer(frame: pl.DataFrame) -> Writer:
    return lambda path: write_csv(frame, path)


def _text_writer(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


def run_demo_data(out: Path, seed: int = 7) -> list[Path]:
    """The company of `seed` (the same seed, the same company) written into `out`, all or nothing: its
    transactions, customers (with their owners), the fakes and last quarter's moves it planted
    (planted.json), two of its sales calls, and its key-account work (stakeholders, needs, deals and
    contracts, as files to import into the workspace). Returns the files written."""
    from kam.demo import workspace
    from kam.demo.calls import DEMO_CALLS
    from kam.demo.steel import END, make_demo_company  # numpy only when the demo is made

    company = make_demo_company(seed)
    referred = pl.col("referred_by").is_not_null()
    customers = company.customers.with_columns(
        owner=workspace.owners(company.customers, company.planted["potential"]),
        referred_on=pl.when(referred).then(pl.col("since")),  # referred when it began buying
    )
    records = {
        "stakeholders.csv": workspace.stakeholders(),
        "needs.csv": workspace.needs(),
        "deals.csv": workspace.deals(),
        "contracts.csv": workspace.contracts(company.customers, company.transactions, seed, END),
    }
    writers: dict[str, Writer] = {
        "transactions.csv": lambda p: write_csv(company.transactions, p),
        "customers.csv": lambda p: write_csv(customers, p),
        **{name: _csv_writer(frame) for name, frame in records.items()},
        "planted.json": lambda p: p.write_text(
            dumps_strict({**company.planted, "moves": company.moves}, indent=2), encoding="utf-8"
        ),
    }
    for call in DEMO_CALLS:
        writers[f"calls/{call.file}"] = _text_writer(call.text)
    return write_all_or_nothing(out, writers, outputs=OUTPUTS)
