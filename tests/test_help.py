"""Every command's help shows its texts as written: words in square brackets are words, not markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, group)]
    if hasattr(group, "commands"):
        for name, command in group.commands.items():
            found += _commands(command, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) or "kam" for p, _ in COMMANDS])
def test_bracketed_words_survive_in_help(path: tuple[str, ...], command: Any) -> None:
    result = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
    bracketed = [m for t in texts for m in re.findall(r"\[[^\]\s][^\]]*\]", t)]
    for word in bracketed:
        assert " ".join(word.split()) in shown, f"{word!r} lost from the help of {' '.join(path) or 'kam'}"


def test_some_help_text_has_brackets() -> None:
    """The test above guards something: at least one help text holds a bracketed word."""
    texts = [p.help or "" for _, c in COMMANDS for p in c.params if p.param_type_name == "option"]
    assert any(re.search(r"\[\w+\]", t) for t in texts)
