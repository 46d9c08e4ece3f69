"""The program's entry point (`technova-setup`, `python -m wizard`), kept apart from `main`
so that it runs before the command line's modules load."""

from __future__ import annotations

import gc

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see core/record.py
if TYPE_CHECKING:
    from typing import NoReturn


def run() -> NoReturn:
    """Start the program with Python's cyclic garbage collector paused.

    Loading the hundred modules a command needs makes about fifteen collections, each
    scanning objects that live until the process ends: 2 to 3 ms of the ~40 ms `status`
    costs, from cron, on every site, every hour. `main` switches the collector back on for
    every command but the two short offline reports (`status`, `identify`), which end within
    milliseconds and make almost no garbage cycles.
    """
    gc.disable()
    from wizard.cli.main import run as run_the_program

    run_the_program()
