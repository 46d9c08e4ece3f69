"""One total deadline for a network exchange, whatever the other side does.

Per-read timeouts do not bound an answer: a server that sends one header byte every few
seconds never trips them. So every exchange runs as a coroutine under `asyncio.wait_for`,
which cancels it at the deadline, during the connection, the headers or the body alike.
Synchronous callers (the CLI, the wizard's thread workers) get the same through
`run_within`.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from wizard.core.errors import WizardError

T = TypeVar("T")

LONGEST_WAIT = 86_400.0  # seconds: beyond a day is a mistake (and overflows some C timers)
MAX_JSON_DEPTH = 64  # Open WebUI's answers are a few levels deep


def check_seconds(value: float) -> float:
    """`value` if it is a usable time limit (finite, above zero, at most a day), else
    `safety.bad-timeout`: never an OverflowError or a wait for ever."""
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        raise WizardError("safety.bad-timeout", seconds=str(value)) from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > LONGEST_WAIT:
        raise WizardError("safety.bad-timeout", seconds=str(value))
    return seconds


def run_within(make: Callable[[], Awaitable[T]], seconds: float) -> T:
    """Run the coroutine `make()` to its end, or raise `TimeoutError` after `seconds`.

    From a thread with no event loop it runs here; from inside a running loop (where a
    blocking call must not nest a second loop) it runs in a helper thread.
    """
    limit = check_seconds(seconds)

    async def bounded() -> T:
        return await asyncio.wait_for(make(), limit)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(bounded())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, bounded()).result()


class NotJSON(ValueError):
    """A body that is not JSON we can read: invalid UTF-8, bad syntax, absurd nesting or
    numbers. Never carries the body itself."""


def loads_bounded(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads(body)` for a server's answer, refusing what could hurt the reader.

    Raises `NotJSON` for invalid UTF-8, invalid JSON, nesting deeper than `max_depth`
    (checked before parsing: no RecursionError), or an integer of thousands of digits.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise NotJSON("not UTF-8") from None
    if _nesting(text) > max_depth:
        raise NotJSON("nested too deeply")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # ValueError: syntax, or a 4,300-digit integer
        raise NotJSON("not JSON") from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _nesting(text: str) -> int:
    """How deeply `[` and `{` nest in `text`, strings skipped (regex scans: fast on 2 MB)."""
    if "[" not in text and "{" not in text:
        return 0
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group(0) in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
