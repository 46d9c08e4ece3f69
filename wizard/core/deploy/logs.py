"""The new lines of the project's logs after a restart, and the lines the folk guides quote,
recognised: "OpenAI Realtime API connected" means it works, `invalid_api_key` that it does not."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from wizard.core.deploy.scrub import scrub
from wizard.core.record import record
from wizard.core.secret import Secret

# (code, pattern): a code names the catalogue's explanation `deploy.log.<code>`.
_FAILURES = (
    ("invalid-api-key", re.compile(r"invalid_api_key|Incorrect API key provided")),
    ("key-expired", re.compile(r"(?i)API[ _]KEY[ _]EXPIR[EÉ]E?")),
    ("refused-401", re.compile(r"(?<![\w.:/-])401(?![\w/-]|[.:]\w)")),  # not 12:00:01.401
)
_SUCCESSES = (
    ("realtime-connected", re.compile(r"OpenAI Realtime API connected")),
    ("session-confirmed", re.compile(r"Session updated confirmed")),
)
_READ_LIMIT = 1_000_000  # bytes read from one log at most: a log can grow without end


@record
class LogFinding:
    file: str  # relative to the project root
    line_number: int  # counted in the new part of the log
    text: str  # the line, masked
    code: str  # "invalid-api-key", "realtime-connected"…
    ok: bool


def recognise(line: str) -> tuple[str, bool] | None:
    """(code, ok) for a line the folk guides quote; None for any other line."""
    for code, pattern in _FAILURES:
        if pattern.search(line):
            return code, False
    for code, pattern in _SUCCESSES:
        if pattern.search(line):
            return code, True
    return None


class LogWatch:
    """Remembers where each log ends now, to read only what is written after the restart."""

    def __init__(self, root: Path, logs: Iterable[str]) -> None:
        self.root = root
        self.logs = tuple(logs)
        self._offsets = {log: self._size(log) for log in self.logs}
        self._lines = dict.fromkeys(self.logs, 0)
        self._partial = dict.fromkeys(self.logs, b"")

    def _size(self, log: str) -> int:
        try:
            return (self.root / log).stat().st_size
        except OSError:
            return 0

    def _new_lines(self, log: str) -> list[str]:
        size = self._size(log)
        if size < self._offsets[log]:  # the restart emptied or replaced the log
            self._offsets[log], self._partial[log] = 0, b""
        try:
            with (self.root / log).open("rb") as handle:
                handle.seek(self._offsets[log])
                data = handle.read(_READ_LIMIT)
        except OSError:
            return []
        self._offsets[log] += len(data)
        *complete, rest = (self._partial[log] + data).split(b"\n")
        self._partial[log] = rest
        return [line.decode("utf-8", "replace").rstrip("\r") for line in complete]

    def read(
        self,
        seconds: float,
        secrets: Iterable[Secret] = (),
        on_line: Callable[[str, str], None] | None = None,
        interval: float = 0.2,
    ) -> list[LogFinding]:
        """Read new lines for `seconds` (stopping at the first failure); what was recognised."""
        known = tuple(secrets)
        findings: list[LogFinding] = []
        deadline = time.monotonic() + seconds
        while True:
            for log in self.logs:
                for line in self._new_lines(log):
                    self._lines[log] += 1
                    shown = scrub(line, known)
                    if on_line is not None:
                        on_line(log, shown)
                    found = recognise(line)
                    if found is not None:
                        code, ok = found
                        findings.append(LogFinding(log, self._lines[log], shown, code, ok))
            if any(not f.ok for f in findings) or time.monotonic() >= deadline:
                return findings
            time.sleep(interval)
