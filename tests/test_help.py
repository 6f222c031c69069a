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


def _typer_apps() -> list[tuple[str, typer.Typer]]:
    """Every Typer application kam defines: the root and each command group's, found by walking
    kam.commands, so that a new group is checked the day it is added."""
    import importlib
    import pkgutil

    import kam.commands

    found = [("kam.cli.app", app)]
    for module in pkgutil.iter_modules(kam.commands.__path__, "kam.commands."):
        loaded = importlib.import_module(module.name)
        found += [(f"{module.name}.{n}", v) for n, v in vars(loaded).items() if isinstance(v, typer.Typer)]
    return found


APPS = _typer_apps()


@pytest.mark.parametrize("name,application", APPS, ids=[name for name, _ in APPS])
def test_every_command_group_reads_its_help_as_plain_text(name: str, application: typer.Typer) -> None:
    """Rich markup (the default of a Typer app) drops a bracketed word of a help text when it is not a
    style it knows; each group must say so for itself, whether or not its help has brackets today."""
    assert application.rich_markup_mode is None, f"{name} reads help texts as Rich markup"


def test_every_group_and_command_is_checked() -> None:
    """The bracket test above walks the command tree: every registered group and command is in it."""
    names = {" ".join(path) for path, _ in COMMANDS}
    for group in app.registered_groups:
        assert group.name in names
        sub = group.typer_instance
        assert sub is not None
        for command in sub.registered_commands:
            assert f"{group.name} {command.name or command.callback.__name__}" in names  # type: ignore[union-attr]
    for command in app.registered_commands:
        assert command.name in names
    assert {name for name, _ in APPS} >= {"kam.cli.app", "kam.commands.calls.app", "kam.commands.clv.app"}
