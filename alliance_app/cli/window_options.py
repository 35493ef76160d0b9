"""The options of the bare command (the window) and the language of messages: read without importing the store.

`alliance-app` with no command opens the window, whose first paint must not wait for the models, the store or
the commands' grammar; so the full parser (parser.py, which imports every command) is built only when the
arguments name a command or ask for help."""

from __future__ import annotations

import argparse
import locale
import os
from collections.abc import Sequence
from typing import NoReturn

from alliance_app.text_rules import text_problem


def add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options that stand before any command; the one definition, used by the full parser too."""
    parser.add_argument("--data-dir", help="data folder (default: $ALLIANCE_DATA_DIR or the user-data folder)")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="language of messages (default: locale)")
    parser.add_argument("--demo", action="store_true", help="with no command: fill an empty store with the demo first")


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when `argv` holds nothing else (no command, no --help, no --version), else None."""
    parser = _QuietParser(prog="alliance-app", add_help=False, allow_abbrev=False)
    add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except ValueError:  # a bad value (--lang xx): the full parser says so, with the whole usage
        return None
    return None if rest else args


def default_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh" if code.lower().startswith("zh") else "en"


def unreadable_argument(argv: Sequence[str]) -> str | None:
    """An argument that was not valid text (bytes that are not UTF-8 reach Python as lone surrogates)."""
    return next((arg for arg in argv if text_problem(arg)), None)
