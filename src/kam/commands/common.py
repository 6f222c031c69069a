"""What every command shares: turning expected failures into a clear message and exit code 2."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer
from rich.console import Console
from rich.markup import escape

from kam.errors import KamError
from kam.i18n import text

err_console = Console(stderr=True)


@contextlib.contextmanager
def user_errors(lang: str = "en") -> Iterator[None]:
    """Show kam's expected errors as a message in `lang`, never a traceback."""
    try:
        yield
    except KamError as exc:
        label = text("ui.error", lang)
        err_console.print(f"[bold red]{label}:[/] {escape(exc.say(lang))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
