"""`kam demo-data`: write the demo steel supplier's data set."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from kam.commands.common import user_errors
from kam.domain.languages import Lang
from kam.i18n import text
from kam.report.output import output_folder
from kam.terminal import plain
from kam.usecases.demo import run_demo_data

console = Console()


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
