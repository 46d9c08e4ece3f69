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
from wizard.core.project import GitState, run_git, special_ignore_file, work_tree_of
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


@record
class Listing:
    """What git publishes under a project folder, from one `git ls-files` run: every file it
    tracks, and every one `git add .` would add (ignored files are in neither)."""

    root: Path  # the project folder, where git ran
    tree: Path  # the work tree (the folder holding .git)
    tracked: frozenset[str]  # relative to the project folder; every one, however many
    untracked: frozenset[str]

    def state_of(self, path: Path) -> GitState | None:
        """`git_state(path)` for an existing file of this listing's tree and folder, or None
        when the listing cannot say (another repository, a file outside the folder)."""
        if work_tree_of(path.parent) != self.tree or special_ignore_file(path.parent, self.tree):
            return None
        try:
            relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root))
        except ValueError:
            return None
        name = relative.as_posix()
        tracked = name in self.tracked
        # Neither tracked nor addable, yet there: an ignore rule covers it.
        ignored = not tracked and name not in self.untracked
        return GitState(in_repository=True, tracked=tracked, ignored=ignored)


def git_listing(root: Path) -> Listing | None:
    """The listing of the project at `root`, or None outside a repository or when git will
    not answer (see `exposed_keys` for how each is reported)."""
    tree = work_tree_of(root / "_")
    if tree is None or special_ignore_file(root, tree):  # a FIFO .gitignore would block git
        return None
    options = ("-z", "-t", "--cached", "--others", "--exclude-standard")
    done = run_git(root, "ls-files", *options, "--", ".", tree=tree)
    if done is None or done.returncode != 0:
        return None
    tracked: set[str] = set()
    untracked: set[str] = set()
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        tag, _, name = entry.partition(" ")  # `H name` tracked, `? name` addable (`-t`)
        if name:
            (untracked if tag == "?" else tracked).add(name)
    return Listing(root, tree, frozenset(tracked), frozenset(untracked))


def exposed_keys(
    root: Path, skip: frozenset[Path] = frozenset(), listing: Listing | None = None
) -> Exposure:
    """Keys in files of the project at `root` that git tracks or would add.

    `skip` holds files reported otherwise (the `.env` files, the widget config); `listing`
    is `git_listing(root)` when the caller already has it. Outside a repository: checked,
    nothing found. Git not answering: `checked=False`.
    """
    if work_tree_of(root / "_") is None:
        return Exposure(checked=True)
    listing = listing or git_listing(root)
    if listing is None:
        return Exposure(checked=False)
    skipped = {Path(os.path.abspath(p)) for p in skip}
    found: list[ExposedKey] = []
    tracked = sorted(listing.tracked)[:_MAX_FILES]  # a scan has its bounds; state_of has none
    untracked = sorted(listing.untracked)[:_MAX_FILES]
    files = [*((p, True) for p in tracked), *((p, False) for p in untracked)]
    for relative, is_tracked in files:
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
