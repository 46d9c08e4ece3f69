"""A short read-only program (git) run with its output captured, bounded in time and size.

`status` asks git one question per project, every hour, from cron. `subprocess` would do, but
importing it (with `threading`, `signal` and `selectors`) costs more processor time than git
itself takes to answer: a tenth of `status`. This is the little of it that one question
needs, on POSIX's `posix_spawn`: standard input and standard error on /dev/null, standard
output read whole, the program killed at the deadline or past the size limit. The output is
read without blocking, looking again after short and growing pauses: waiting with `select`
would load one more C module (~0.8 ms), for a program that answers within milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping, Sequence

from wizard.core.record import record

_CHUNK = 65_536
_FIRST_PAUSE = 0.001  # seconds before looking again at a program that has not answered yet
_LONGEST_PAUSE = 0.05


@record
class Captured:
    """How a program ended (as `subprocess` says it: -N when killed by signal N) and what it
    wrote on its standard output."""

    returncode: int
    stdout: bytes


def run_captured(
    argv: Sequence[str], *, env: Mapping[str, str], timeout: float, limit: int
) -> Captured | None:
    """`argv` run (looked up on PATH) with `env`; None when it cannot start, is still running
    after `timeout` seconds, or writes more than `limit` bytes (it is killed then)."""
    reader, writer = _pipe_above_the_standard_streams()
    try:
        pid = os.posix_spawnp(
            argv[0],
            list(argv),
            dict(env),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, writer, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
            ],
        )
    except OSError:  # not installed, not executable
        os.close(reader)
        return None
    finally:
        os.close(writer)
    deadline = time.monotonic() + timeout
    os.set_blocking(reader, False)
    try:
        output = _read_all(reader, deadline, limit)
        if output is None:
            _kill(pid)
            return None
        returncode = _reaped(pid, deadline)
    except BaseException:  # Ctrl+C while waiting: the program does not outlive us
        _kill(pid)
        raise
    finally:
        os.close(reader)
    return None if returncode is None else Captured(returncode, output)


def _pipe_above_the_standard_streams() -> tuple[int, int]:
    """A pipe whose two ends are neither 0, 1 nor 2 (cron may start us with one of those
    closed, and the program's own streams are set up on them), and close on exec (Python's
    default): the program only has the copy it gets as its standard output."""
    reader, writer = os.pipe()
    if min(reader, writer) > 2:
        return reader, writer
    import fcntl

    moved = (
        fcntl.fcntl(reader, fcntl.F_DUPFD_CLOEXEC, 3),
        fcntl.fcntl(writer, fcntl.F_DUPFD_CLOEXEC, 3),
    )
    os.close(reader)
    os.close(writer)
    return moved


def _read_all(reader: int, deadline: float, limit: int) -> bytes | None:
    """Everything written to `reader` (non-blocking) until it is closed; None past the
    deadline or the limit."""
    chunks: list[bytes] = []
    size = 0
    pause = _FIRST_PAUSE
    while True:
        try:
            chunk = os.read(reader, _CHUNK)
        except BlockingIOError:  # nothing yet
            if not _paused(pause, deadline):
                return None
            pause = min(pause * 2, _LONGEST_PAUSE)
            continue
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        pause = _FIRST_PAUSE


def _reaped(pid: int, deadline: float) -> int | None:
    """The exit code of `pid`, once it has closed its output; killed at the deadline."""
    pause = _FIRST_PAUSE
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if not _paused(pause, deadline):
            _kill(pid)
            return None
        pause = min(pause * 2, _LONGEST_PAUSE)


def _paused(pause: float, deadline: float) -> bool:
    """Slept `pause` seconds (less if the deadline comes first); False once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        return False
    time.sleep(min(pause, left))
    return True


def _kill(pid: int) -> None:
    """Kill and reap `pid` (nothing to do when it was reaped already)."""
    import signal  # only for a program that outstays its welcome

    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)  # SIGKILL cannot be caught: this wait is short
