"""What every command shares: expected failures as a clear message and exit code, and notes as a list."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from typing import Annotated

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from kam.commands.hints import said, with_hint
from kam.domain.languages import Lang
from kam.errors import KamError
from kam.i18n import text
from kam.terminal import printable

err_console = Console(stderr=True)

# The Spark options that kam analyze and kam clv fit share.
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        help="With --engine spark: local[*], spark://host:7077, yarn or k8s://... [default: spark-submit's "
        "master, else local[*]]",
    ),
]
SparkConfOption = Annotated[
    list[str] | None,
    typer.Option("--conf", help="With --engine spark: a Spark setting key=value, repeatable."),
]


def error_text(exc: KamError, lang: Lang | str) -> str:
    """What the command line says of `exc`: its message in `lang`, then the fix as an option to use."""
    return with_hint(said(exc.message, lang), exc.hint, lang)


def print_error(exc: KamError, lang: Lang | str) -> None:
    """`exc` as one error line (more when its message has several) on stderr; the user's values in it
    are printed as text."""
    label = text("ui.error", lang)
    message = Text.assemble((f"{label}:", "bold red"), " ", printable(error_text(exc, lang)))
    err_console.print(message, soft_wrap=True)


@contextlib.contextmanager
def user_errors(lang: Lang | str = "en") -> Iterator[None]:
    """Show kam's expected errors as a message in `lang`, never a traceback, and leave with the error's
    exit code (2)."""
    try:
        yield
    except KamError as exc:
        print_error(exc, lang)
        raise typer.Exit(exc.exit_code) from None


_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")
_NO_LINE_START = set("，。、；：？！）」』】》〉”’,.;:?!)%")


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` terminal cells: between words in English, and between
    any two characters in Chinese (which has no spaces), never before closing punctuation."""
    lines: list[list[str]] = [[]]
    used = 0
    for token in _TOKEN.findall(text):
        size = cell_len(token.rstrip())
        line = lines[-1]
        if line and used + size > width:
            carried: list[str] = []  # what moves down so that no line starts with closing punctuation
            head = token
            while head[0] in _NO_LINE_START and len(line) > 1:
                head = line.pop()
                carried.insert(0, head)
            lines.append(carried)
            line, used = lines[-1], sum(cell_len(t) for t in carried)
            if token.isspace():
                continue
        while size > width:  # a single word wider than the line: cut it
            cut = next(i for i in range(len(token), 0, -1) if cell_len(token[:i]) <= width - used)
            line.append(token[:cut])
            lines.append([])
            line, used, token = lines[-1], 0, token[cut:]
            size = cell_len(token.rstrip())
        line.append(token)
        used += cell_len(token)
    return ["".join(line).rstrip() for line in lines if "".join(line).strip()]


def print_notes(console: Console, notes: Iterable[str]) -> None:
    """Notes as a bulleted list with a hanging indent, wrapped to the console's width (see wrap_lines);
    printed as plain text, never read as markup, without control characters."""
    for note in notes:
        for i, line in enumerate(wrap_lines(printable(note, one_line=True), max(20, console.width - 2))):
            console.print(Text.assemble(("• " if i == 0 else "  ", "yellow"), line), soft_wrap=True)
