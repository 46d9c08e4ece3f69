"""Closing the terminal (SIGHUP) or SIGTERM ends the wizard the way Ctrl+Q does.

Python's default for both is to die at once: no clean-up, so the demo's temporary project and
servers would stay behind and the terminal would be left in raw mode. Here the app exits
through its event loop, `App.run()` returns, and the caller's `with` blocks clean up.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

HANDLED = (signal.SIGTERM, signal.SIGHUP)


class Stoppable(Protocol):
    stopped_by: signal.Signals | None

    def exit(self, result: int | None = None) -> None: ...


def install(app: Stoppable) -> None:
    """Route the signals to `app.exit` (call from inside the app's running event loop)."""
    loop = asyncio.get_running_loop()
    for number in HANDLED:
        loop.add_signal_handler(number, _stop, app, number)


def uninstall() -> None:
    """Give the signals back (the loop may outlive the app: tests run many apps in one)."""
    loop = asyncio.get_running_loop()
    for number in HANDLED:
        loop.remove_signal_handler(number)


def _stop(app: Stoppable, number: signal.Signals) -> None:
    app.stopped_by = number
    app.exit(128 + number.value)


@contextmanager
def exit_on_signals(app: Stoppable) -> Iterator[None]:
    """Around `app.run()`: after a hang-up, later output goes nowhere instead of failing."""
    try:
        yield
    finally:
        if app.stopped_by is signal.SIGHUP:
            _detach_from_the_closed_terminal()


def _detach_from_the_closed_terminal() -> None:
    # Writing to a terminal that was closed raises EIO: the clean-up's messages are dropped.
    null = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(null, fd)
    os.close(null)
