"""`kam demo-data`: write the demo steel supplier's data set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kam.commands.common import user_errors
from kam.i18n import Lang, text
from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, Writer, output_folder, write_all_or_nothing
from kam.terminal import plain

console = Console()


def _text_writer(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


OUTPUTS = OutputSet("demo-data", frozenset({"transactions.csv", "customers.csv", "planted.json", "calls"}))


def run_demo_data(out: Path, seed: int = 7) -> list[Path]:
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


def demo_data(
    out: Annotated[
        str,
        typer.Option(
            "--out",
            help="Folder to write transactions.csv, customers.csv and calls/ into: new, empty, or of an earlier run.",
        ),
    ],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed; the same seed gives the same company.")
    ] = 7,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the messages.")] = Lang.EN,
) -> None:
    """Write a realistic data set of a steel supplier with planted fake, lapsed and rising customers,
    and two of its sales calls."""
    with user_errors(lang):
        for path in run_demo_data(output_folder(out), seed):
            console.print(plain(f"{text('ui.written', lang)} {path}"), soft_wrap=True)
