"""One error style: every expected failure is a KamError with a message said in three languages, an HTTP
status stated by its class and exit code 2 on the command line; the fix is a hint that the edge words, so
no message of the cores names a command-line option. Read from the source with `ast`."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import kam
from kam.cli import app
from kam.domain.languages import Lang
from kam.errors import ConfigError, ImportValidationError, KamError, MissingColumnError
from kam.i18n import keys, ntext, plural, text

SRC = Path(kam.__file__).resolve().parent
EDGE = ("commands",)  # the command line: the one place that says options
HTTP = {400, 401, 403, 404, 409, 422, 429, 500, 503, 507}


def _all_modules() -> None:
    for module in pkgutil.walk_packages(kam.__path__, "kam."):
        if ".migrations" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def _subclasses(cls: type[KamError]) -> Iterator[type[KamError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


_all_modules()
ERRORS = sorted({*_subclasses(KamError)}, key=lambda c: f"{c.__module__}.{c.__name__}")


@pytest.mark.parametrize("error", ERRORS, ids=lambda c: c.__name__)
def test_every_error_states_its_http_status_and_exits_2(error: type[KamError]) -> None:
    assert "status_code" in vars(error), f"{error.__name__} does not say its HTTP status"
    assert error.status_code in HTTP
    assert error.exit_code == 2


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("ConfigError", 400),
        ("ImportValidationError", 422),
        ("MissingColumnError", 422),
        ("TranscriptError", 422),
        ("ConvergenceError", 422),
        ("InvalidInput", 422),
        ("InvalidReferral", 422),
        ("AccountNotFound", 404),
        ("InteractionNotFound", 404),
        ("DuplicateAccount", 409),
        ("AccountsAddedMeanwhile", 409),
        ("WorkspaceUnavailable", 503),
        ("WorkspaceNotInitialised", 503),
        ("WorkspaceBusy", 503),
        ("NotAuthenticated", 401),
        ("AccessDenied", 403),
        ("RecordNotFound", 404),
        ("StaleVersion", 409),
        ("DuplicateRecord", 409),
        ("InvalidParent", 422),
        ("InvalidChoice", 422),
    ],
)
def test_each_kind_of_failure_has_its_status(name: str, status: int) -> None:
    assert next(e for e in ERRORS if e.__name__ == name).status_code == status


def _is_text(node: ast.expr) -> bool:
    """Plain text written in the code: a string, an f-string, or one joined or formatted from them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _is_text(node.func.value)
    return False


def plain_text_errors(src: Path, error_names: set[str]) -> list[str]:
    """Each place under `src` that makes one of `error_names` with plain text as an argument."""
    found = []
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if name in error_names and any(_is_text(a) for a in arguments):
                found.append(f"{path.relative_to(src)}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found


def test_no_error_is_made_of_plain_text() -> None:
    """An English-only message cannot be said in zh-Hant or zh-Hans: errors take a Notice (or several
    Joined), never a string (mypy checks the types; this also catches what a type check lets through)."""
    assert plain_text_errors(SRC, {e.__name__ for e in [KamError, *ERRORS]}) == []


def test_the_check_finds_plain_text(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        'raise ConfigError(f"--map {x!r}: expected")\n'
        'raise ConfigError("bad " + name)\n'
        'raise TranscriptError(file, "the file is empty")\n'
        'raise ConfigError(Notice("decimal_option", decimal=x))\n'
        'raise TranscriptError(str(path), Notice("transcript_empty"))\n',
        encoding="utf-8",
    )
    assert [
        line.split(":")[1] for line in plain_text_errors(tmp_path, {"ConfigError", "TranscriptError"})
    ] == [
        "1",
        "2",
        "3",
    ]


def _commands() -> set[str]:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    return names | {g.name or "" for g in app.registered_groups}


OPTION = re.compile(r"--[A-Za-z]")
COMMAND = re.compile(rf"\bkam ({'|'.join(sorted(_commands()))})\b")


def names_an_option(said: str) -> bool:
    return bool(OPTION.search(said) or COMMAND.search(said))


def core_message_keys(src: Path) -> dict[str, str]:
    """The catalog keys that code outside the command line names, with where: `Notice("missing_columns")`
    is `notice.missing_columns`; any string that is a key counts (a key kept in a table, then used)."""
    catalog = set(keys())
    used: dict[str, str] = {}
    for path in sorted(src.rglob("*.py")):
        if path.relative_to(src).parts[0] in EDGE or path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for key in (node.value, f"notice.{node.value}"):
                    if key in catalog:
                        used.setdefault(key, f"{path.relative_to(src)}:{node.lineno}")
    return used


def _said(key: str, lang: Lang) -> list[str]:
    return [ntext(key, n, lang) for n in (1, 2)] if plural(key, lang) else [text(key, lang)]


def test_no_core_message_names_a_command_line_option() -> None:
    """The cores say what is wrong; the fix in the user's interface (an option, a command) is a hint
    that the command line words (kam.commands.hints), as a web page would offer a field instead."""
    used = core_message_keys(SRC)
    assert "notice.missing_columns" in used and "notice.rows_unreadable" in used  # the scan finds them
    naming = [
        f"{where}: {key} ({lang}): {said}"
        for key, where in sorted(used.items())
        for lang in Lang
        for said in _said(key, lang)
        if names_an_option(said)
    ]
    assert naming == []


@pytest.mark.parametrize(
    ("said", "names"),
    [
        ("use --map customer_id=客戶編號", True),
        ("請加上 --on-error skip", True),
        ("run `kam workspace init --db x` first", True),
        ("kam calls analyze", True),
        ("kam reads .csv, .tsv, .txt, .xlsx", False),
        ("a date from 1901-01-01 -- or later", False),
        ("give segments a role field", False),
    ],
)
def test_what_counts_as_naming_an_option(said: str, names: bool) -> None:
    assert names_an_option(said) is names


def test_the_message_of_an_error_is_its_notice_and_the_fix_its_hint(tmp_path: Path) -> None:
    from kam.io.transactions import load_transactions

    path = tmp_path / "t.csv"
    path.write_text("kunde,wann,betrag\nA,2024-01-01,10\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as caught:
        load_transactions(path)
    assert isinstance(caught.value, ImportValidationError) and not isinstance(caught.value, ConfigError)
    assert caught.value.hint is not None and caught.value.hint.values["example"] == "kunde"
    assert caught.value.say("zh-Hant").startswith(f"{path}：找不到必要欄位")
    assert not names_an_option(str(caught.value)) and not names_an_option(caught.value.say("zh-Hans"))
