"""`run_captured`, the small runner `status` asks git through: what it returns, and that
every way a program can misbehave ends at the deadline with the program gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wizard.core.captured import Captured, run_captured

ENV = dict(os.environ)


def sh(script: str, *, timeout: float = 10.0, limit: int = 10_000_000) -> Captured | None:
    return run_captured(["sh", "-c", script], env=ENV, timeout=timeout, limit=limit)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_output_and_exit_code_come_back_whole() -> None:
    assert sh("printf 'a\\0b'; exit 3") == Captured(3, b"a\0b")
    big = sh("head -c 5000000 /dev/zero")
    assert big == Captured(0, bytes(5_000_000))


def test_the_environment_is_the_one_given() -> None:
    done = run_captured(
        ["sh", "-c", 'printf %s "$ONLY"'],
        env={"ONLY": "this", "PATH": "/usr/bin:/bin"},
        timeout=10,
        limit=100,
    )
    assert done == Captured(0, b"this")


def test_a_program_that_is_not_there_is_none() -> None:
    assert run_captured(["no-such-program-anywhere"], env=ENV, timeout=5, limit=100) is None


def test_standard_input_is_empty_and_standard_error_is_not_waited_for() -> None:
    # `cat` reads /dev/null, not our terminal; a megabyte on stderr blocks nothing.
    assert sh("cat; head -c 1000000 /dev/zero >&2; printf done") == Captured(0, b"done")


def test_a_program_killed_by_a_signal_says_so_as_subprocess_does() -> None:
    assert sh("kill -TERM $$") == Captured(-15, b"")


@pytest.mark.parametrize(
    "script",
    [
        "echo $$ > {pidfile}; exec sleep 30",  # says nothing, never ends
        "echo $$ > {pidfile}; exec >&-; exec sleep 30",  # closes its output, never ends
    ],
)
def test_a_stalled_program_is_killed_at_the_deadline(tmp_path: Path, script: str) -> None:
    pidfile = tmp_path / "pid"
    started = time.monotonic()
    assert sh(script.format(pidfile=pidfile), timeout=0.5) is None
    assert time.monotonic() - started < 10
    assert _gone(int(pidfile.read_text()))  # killed and reaped: no zombie left behind


def test_a_program_saying_too_much_is_stopped(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    assert sh(f"echo $$ > {pidfile}; exec cat /dev/zero", limit=1_000_000) is None
    assert _gone(int(pidfile.read_text()))


def test_no_descriptor_is_left_open() -> None:
    before = set(os.listdir("/proc/self/fd"))
    for script in ("printf x", "exit 1", "kill -9 $$"):
        sh(script)
    sh("sleep 5", timeout=0.2)
    assert set(os.listdir("/proc/self/fd")) == before


@pytest.mark.parametrize("closed", [(0, 1, 2), (0, 2), (0,), (1,), (2,)])
def test_closed_standard_streams_in_our_process_do_not_lose_the_output(
    tmp_path: Path, closed: tuple[int, ...]
) -> None:
    """Cron may start us with stdin, stdout or stderr closed: the pipe then gets those numbers,
    where the program's own streams are set up. The output must still arrive."""
    result = tmp_path / "result"
    probe = f"""
import os
for fd in {closed!r}:
    os.close(fd)
from wizard.core.captured import run_captured
done = run_captured(["sh", "-c", "printf ok"], env=dict(os.environ), timeout=10, limit=100)
with open({str(result)!r}, "w") as out:
    out.write(repr(done))
"""
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=60)
    assert result.read_text() == "Captured(returncode=0, stdout=b'ok')"


def test_an_interruption_while_waiting_does_not_leave_the_program_running(tmp_path: Path) -> None:
    """Ctrl+C (or any exception) while waiting for the program kills and reaps it first."""
    import signal

    pidfile = tmp_path / "pid"

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            sh(f"echo $$ > {pidfile}; exec sleep 30", timeout=20)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert _gone(int(pidfile.read_text()))
