"""Files git would publish that hold a key: committed ones, and those `git add .` would add.

The two `.env` files are not the only risk: an old backup (`.env.bak`, `.env.old`), a copy
(`backend/.env copy`), a notes file. Every file git tracks, or sees untracked and not
ignored, is read (bounded, regular files only) and searched for something shaped like an
OpenAI key, an Open WebUI key or a session token; a candidate counts only when
`recognise_key` agrees. Read-only git queries (`ls-files`), so the scan also works, safely,
in a repository owned by another user (see `project.run_git`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.files.guard import read_bounded
from wizard.core.keys import recognise_key
from wizard.core.project import run_git, special_ignore_file, work_tree_of
from wizard.core.record import record
from wizard.core.sanitize import clean_text

_MAX_FILES = 5_000
_MAX_BYTES = 1_048_576  # a file larger than this is data, not where keys are kept by hand
_SKIPPED = frozenset({"node_modules", ".venv", "venv", "__pycache__", "dist", "build"})
_CANDIDATE = re.compile(
    rb"sk-[A-Za-z0-9_-]{20,300}|eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,1000}"
)


@record
class ExposedKey:
    """A file git publishes (or would) that holds a key."""

    file: str  # relative to the project
    masked: str
    tracked: bool  # committed already (else: `git add .` would add it)


@record
class Exposure:
    """What the scan found, and whether it could run at all."""

    checked: bool
    found: tuple[ExposedKey, ...] = ()


def exposed_keys(root: Path, skip: frozenset[Path] = frozenset()) -> Exposure:
    """Keys in files of the project at `root` that git tracks or would add.

    `skip` holds files reported otherwise (the `.env` files, the widget config). Outside a
    repository: checked, nothing found. Git not answering: `checked=False`.
    """
    tree = work_tree_of(root / "_")
    if tree is None:
        return Exposure(checked=True)
    if special_ignore_file(root, tree):  # git itself would block reading it
        return Exposure(checked=False)
    tracked = _listed(root, tree, "--cached")
    untracked = _listed(root, tree, "--others", "--exclude-standard")
    if tracked is None or untracked is None:
        return Exposure(checked=False)
    skipped = {Path(os.path.abspath(p)) for p in skip}
    found: list[ExposedKey] = []
    for relative, is_tracked in [*((p, True) for p in tracked), *((p, False) for p in untracked)]:
        if len(found) >= 50:
            break
        path = root / relative
        if Path(os.path.abspath(path)) in skipped or _SKIPPED.intersection(Path(relative).parts):
            continue
        masked = _key_in(path)
        if masked is not None:
            # A file name is outside text too: shown cleaned of control characters.
            found.append(ExposedKey(clean_text(relative, limit=300), masked, is_tracked))
    return Exposure(checked=True, found=tuple(found))


def _listed(root: Path, tree: Path, *options: str) -> list[str] | None:
    done = run_git(root, "ls-files", "-z", *options, "--", ".", tree=tree)
    if done is None or done.returncode != 0:
        return None
    names = [n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(set(names))[:_MAX_FILES]


def _key_in(path: Path) -> str | None:
    """The masked first key in `path`, or None (unreadable, special or large files: None)."""
    try:
        if os.path.islink(path) or os.path.getsize(path) > _MAX_BYTES:
            return None
        data = read_bounded(path, _MAX_BYTES)
    except (OSError, WizardError):
        return None
    for match in _CANDIDATE.finditer(data or b""):
        report = recognise_key(match.group(0).decode("ascii"))
        if report.usable:
            return report.masked
    return None
