"""`kam demo-data` as one function: write the demo steel supplier's data set."""

from __future__ import annotations

from pathlib import Path

from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, Writer, write_all_or_nothing

OUTPUTS = OutputSet("demo-data", frozenset({"transactions.csv", "customers.csv", "planted.json", "calls"}))


def _text_writer(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


def run_demo_data(out: Path, seed: int = 7) -> list[Path]:
    """The company of `seed` (the same seed, the same company) written into `out`, all or nothing: its
    transactions, customers, the fakes and last quarter's moves it planted (planted.json) and two of its sales calls. Returns
    the files written."""
    from kam.demo.calls import DEMO_CALLS
    from kam.demo.steel import make_demo_company  # numpy only when the demo is made

    company = make_demo_company(seed)
    writers: dict[str, Writer] = {
        "transactions.csv": lambda p: write_csv(company.transactions, p),
        "customers.csv": lambda p: write_csv(company.customers, p),
        "planted.json": lambda p: p.write_text(
            dumps_strict({**company.planted, "moves": company.moves}, indent=2), encoding="utf-8"
        ),
    }
    for call in DEMO_CALLS:
        writers[f"calls/{call.file}"] = _text_writer(call.text)
    return write_all_or_nothing(out, writers, outputs=OUTPUTS)
