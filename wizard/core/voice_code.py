"""Reading the voice server's code for the one line that breaks it today.

OpenAI's Realtime GA API closes with 4000 `beta_api_shape_disabled` when a client sends
`OpenAI-Beta: realtime=v1` (../shared/FACTS.md); the upstream demo this server comes from
still sends it. Finding that header in `websocket-server/` tells the user the key is fine
and the code is what fails. Bounded: a few hundred small source files, regular files only.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from wizard.core.record import record

SOURCE_SUFFIXES = (".js", ".ts", ".mjs", ".cjs")
_SKIPPED_DIRS = frozenset({"node_modules", ".git", "dist", "build", "coverage", ".next"})
MAX_FILES = 500  # source files read at most
MAX_FILE_BYTES = 1_000_000  # a bigger "source" file is a bundle, not the server's code
MAX_DEPTH = 8
MAX_ENTRIES = 20_000  # directory entries looked at, whatever the tree holds

# `"OpenAI-Beta": "realtime=v1"`, `'openai-beta': 'realtime=v1'`, `OpenAI-Beta: realtime=v1`
# in a template: the name and the value, in any case and quoting, on one line. Compiled when
# first needed (by `re`): most projects have no voice server code to read.
_BETA_HEADER = r"""(?i)openai-beta['"`]?\s*[:,=]\s*['"`]?\s*realtime\s*=\s*v1"""


@record
class BetaHeaderUse:
    """Where the voice server's code sends the old beta header."""

    file: str  # relative to the project root, with `/`
    line: int  # 1-based


def find_beta_header(project_root: Path, folder: str = "websocket-server") -> BetaHeaderUse | None:
    """The first place in the voice server's sources that sends `OpenAI-Beta: realtime=v1`."""
    base = project_root / folder
    for path in _source_files(base):
        found = _line_of_header(path)
        if found is not None:
            return BetaHeaderUse(path.relative_to(project_root).as_posix(), found)
    return None


def _source_files(base: Path) -> list[Path]:
    """The sources under `base`, sorted, skipping dependencies; never follows a link."""
    found: list[Path] = []
    pending: list[tuple[Path, int]] = [(base, 0)]
    seen = 0
    while pending and len(found) < MAX_FILES and seen < MAX_ENTRIES:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = [e for _, e in zip(range(MAX_ENTRIES - seen), listing, strict=False)]
        except OSError:
            continue
        seen += len(entries)
        for entry in sorted(entries, key=lambda e: e.name, reverse=True):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                if depth < MAX_DEPTH and entry.name not in _SKIPPED_DIRS:
                    pending.append((Path(entry.path), depth + 1))
            elif (
                stat.S_ISREG(info.st_mode)
                and entry.name.endswith(SOURCE_SUFFIXES)
                and not entry.name.endswith(".d.ts")
                and info.st_size <= MAX_FILE_BYTES
            ):
                found.append(Path(entry.path))
    return sorted(found[:MAX_FILES])


def _line_of_header(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    text = data[:MAX_FILE_BYTES].decode("utf-8", "replace")
    for match in re.finditer(_BETA_HEADER, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].lstrip()
        if before.startswith(("//", "*", "/*")):
            continue  # a commented-out header is not sent
        return text.count("\n", 0, match.start()) + 1
    return None
