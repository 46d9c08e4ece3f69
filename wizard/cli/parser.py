"""The command line's argument parser: argparse, in the person's language, that never echoes
a value that could be a key, and that starts cheaply (`status` runs hourly from cron)."""

from __future__ import annotations

import argparse
import os
import sys

from wizard.core.i18n import Lang

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from typing import Any, NoReturn


def _terminal_columns() -> int:
    """What `shutil.get_terminal_size()` says ($COLUMNS, else the terminal's width, else 80),
    without importing shutil (and bz2, lzma) at every start."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (ValueError, OSError):
            columns = 0
    return columns or 80


class HelpLayout(argparse.HelpFormatter):
    """argparse's own layout. argparse makes one for every argument it adds, and without a
    width each one imports shutil to measure the terminal: `status` from cron pays for it."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _terminal_columns())


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in the person's language, a value that could be a secret
    masked, and "see technova-setup --help" at the end."""

    lang: Lang = "en"  # set by main() before parsing (subcommands' parsers share it)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpLayout)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from wizard.cli.argument_errors import argument_error

        self.print_usage(sys.stderr)
        self.exit(2, argument_error(message, self.prog.split()[0], Parser.lang))
