"""A restart command (`./restart-with-logs.sh`), run from the project root whatever folder
we were started from, with a deadline; its output masked and kept, then the new lines of the
project's logs read for a short while."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from wizard.core.deploy.config import RestartSettings
from wizard.core.deploy.logs import LogFinding, LogWatch
from wizard.core.deploy.scrub import scrub
from wizard.core.errors import WizardError
from wizard.core.record import record
from wizard.core.secret import Secret

LOG_WATCH_SECONDS = 6.0  # how long the logs are read after the command ends
_SHELL_SYNTAX = set("|&;<>()$`*?~\n\\\"'")
_SHELL_BUILTINS = frozenset({"cd", "exec", "source", ".", "export", "set", "eval", "env"})
_NOT_EXECUTABLE, _NOT_FOUND = 126, 127  # what a POSIX shell exits with


@record
class RestartRun:
    command: str
    exit_code: int | None  # None: stopped at the deadline
    seconds: float
    output: tuple[str, ...]  # every line it printed, masked
    findings: tuple[LogFinding, ...]  # the recognised log lines

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None

    @property
    def failure(self) -> LogFinding | None:
        return next((f for f in self.findings if not f.ok), None)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.failure is None


def _argv(command: str) -> tuple[list[str], str]:
    """The program to start and the first word to check: through `sh -c` when the command
    uses shell syntax (`&&`, `|`, quotes…), else the words themselves."""
    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    if not words:
        raise WizardError("deploy.restart.empty")
    if _SHELL_SYNTAX & set(command):
        return ["/bin/sh", "-c", command], words[0]
    return words, words[0]


def check_command(root: Path, command: str) -> list[str]:
    """The argv to run `command` in `root`; `WizardError` when its program is missing or
    cannot be run (a script without its execute bit, a name not on PATH)."""
    argv, program = _argv(command)
    if "/" in program:
        path = Path(program) if os.path.isabs(program) else root / program
        if not path.exists():
            raise WizardError("deploy.restart.not-found", command=program, root=str(root))
        if path.is_dir() or not os.access(path, os.X_OK):
            raise WizardError("deploy.restart.not-executable", command=program, root=str(root))
    elif program not in _SHELL_BUILTINS and shutil.which(program) is None:
        raise WizardError("deploy.restart.not-on-path", command=program)
    return argv


def _follow(path: Path, start: int) -> tuple[int, list[str], bytes]:
    """New complete lines in the output file after byte `start`."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read()
    *lines, rest = data.split(b"\n")
    consumed = len(data) - len(rest)
    return start + consumed, [line.decode("utf-8", "replace").rstrip("\r") for line in lines], rest


def run_restart(
    root: Path,
    settings: RestartSettings,
    *,
    secrets: Iterable[Secret] = (),
    on_output: Callable[[str], None] | None = None,
    log_seconds: float = LOG_WATCH_SECONDS,
) -> RestartRun:
    """Run the restart command from `root`, then read the configured logs' new lines."""
    known = tuple(secrets)
    argv = check_command(root, settings.command)
    watch = LogWatch(root, settings.logs)
    output: list[str] = []

    def take(lines: list[str]) -> None:
        for line in lines:
            shown = scrub(line, known)
            output.append(shown)
            if on_output is not None:
                on_output(shown)

    # The output goes to a private file, not a pipe: a script that starts a server in the
    # background leaves it holding the pipe open, and reading it to the end would never end.
    handle, name = tempfile.mkstemp(prefix="technova-restart-", suffix=".out")
    capture = Path(name)
    started = time.monotonic()
    try:
        try:
            process = subprocess.Popen(
                argv,
                cwd=root,
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl+C in the wizard does not stop the new backend
            )
        except PermissionError:
            raise WizardError(
                "deploy.restart.not-executable", command=argv[0], root=str(root)
            ) from None
        except OSError as error:  # a missing interpreter in the script's #! line, mostly
            raise WizardError(
                "deploy.restart.cannot-start", command=settings.command, detail=error.strerror
            ) from None
        offset, exit_code = 0, None
        while True:
            offset, lines, _ = _follow(capture, offset)
            take(lines)
            exit_code = process.poll()
            if exit_code is not None or time.monotonic() - started > settings.timeout:
                break
            time.sleep(0.1)
        if exit_code is None:  # the deadline: the command itself is stopped, not what it started
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(3)
            if process.poll() is None:
                process.kill()
                process.wait()
        offset, lines, rest = _follow(capture, offset)
        take(lines + ([rest.decode("utf-8", "replace")] if rest.strip() else []))
    finally:
        os.close(handle)
        capture.unlink(missing_ok=True)
    seconds = time.monotonic() - started
    if exit_code in (_NOT_EXECUTABLE, _NOT_FOUND) and argv[0] == "/bin/sh":
        code = "deploy.restart.not-executable" if exit_code == 126 else "deploy.restart.not-found"
        raise WizardError(code, command=settings.command, root=str(root))
    findings: list[LogFinding] = []
    if settings.logs and exit_code in (0, None):  # None: a script that ends by following logs
        on_line = None if on_output is None else (lambda log, line: on_output(f"{log}: {line}"))
        findings = watch.read(log_seconds, known, on_line)
    return RestartRun(settings.command, exit_code, seconds, tuple(output), tuple(findings))
