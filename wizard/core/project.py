"""The TechNova project on disk: where its three files are, and the backend's settings."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from wizard.core.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from wizard.core.captured import Captured

BACKEND_ENV = Path("backend/.env")
VOICE_ENV = Path("websocket-server/.env")
DEFAULT_WIDGET_CONFIG = Path("chat-widget/technova-config.js")
WIDGET_CONFIG_NAME = "technova-config.js"

DEFAULT_OPENWEBUI_URL = "http://localhost:3000"
DEFAULT_MODEL = "technova"

# Folders never searched for the widget config: dependencies, history, build output.
_SKIPPED_DIRS = frozenset({"node_modules", ".git", ".venv", "venv", "__pycache__", "dist", "build"})
_SEARCH_DEPTH = 4


@record
class Project:
    """A TechNova project: its root folder and where each of its three files is (or will be)."""

    root: Path
    widget_config: Path  # found in the tree, or the default place when there is none yet

    @property
    def backend_env(self) -> Path:
        return self.root / BACKEND_ENV

    @property
    def voice_env(self) -> Path:
        return self.root / VOICE_ENV

    def relative(self, path: Path) -> str:
        """A path as the user sees it in the project: `backend/.env`."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @property
    def has_any_file(self) -> bool:
        return any(p.exists() for p in (self.backend_env, self.voice_env, self.widget_config))


def looks_like_root(folder: Path) -> bool:
    """Whether `folder` looks like a TechNova project's root (one of its parts is there)."""
    return (
        (folder / "backend").is_dir()
        or (folder / "websocket-server").is_dir()
        or (folder / DEFAULT_WIDGET_CONFIG).is_file()
    )


def project_root_of(path: Path) -> Path:
    """The project folder holding the file `path`, looked up without following links (a
    linked folder must not move the project's boundary), else the file's own folder."""
    folder = Path(os.path.abspath(path)).parent
    return next((d for d in (folder, *folder.parents) if looks_like_root(d)), folder)


def find_project(start: Path | str = ".") -> Project:
    """The project that holds `start` (it may be a sub-folder), or `start` itself as a new one.

    Never requires all three files: a project may have only a backend, or only a voice server.
    """
    origin = Path(start).expanduser().resolve()
    root = next((d for d in (origin, *origin.parents) if looks_like_root(d)), origin)
    found = locate_widget_config(root)
    return Project(root=root, widget_config=found or root / DEFAULT_WIDGET_CONFIG)


def locate_widget_config(root: Path) -> Path | None:
    """The widget's `technova-config.js`, wherever it is in the project (default place first)."""
    default = root / DEFAULT_WIDGET_CONFIG
    if default.is_file():
        return default
    return next(_walk_for(root, WIDGET_CONFIG_NAME, _SEARCH_DEPTH), None)


def _walk_for(folder: Path, name: str, depth: int) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == name and entry.is_file():
            yield Path(entry.path)
    if depth == 0:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not (
            entry.name in _SKIPPED_DIRS or entry.name.startswith(".")
        ):
            yield from _walk_for(Path(entry.path), name, depth - 1)


@record
class GitState:
    in_repository: bool
    tracked: bool = False  # the file is committed: its secrets are in the history
    ignored: bool = False  # .gitignore covers it
    checked: bool = True  # False: a repository is there but git would not answer (say so)


# Read-only queries in a repository we may not own: nothing in its config may run a program.
_HARDENED = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false")


def work_tree_of(path: Path) -> Path | None:
    """The folder holding `.git` above `path` (without asking git), or None."""
    start = Path(os.path.abspath(path))
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


_GIT_TIMEOUT = 10.0  # seconds
_GIT_OUTPUT_LIMIT = 64 * 1024 * 1024  # a listing of about a million files; beyond: not checked


def run_git(folder: Path, *args: str, tree: Path | None = None) -> Captured | None:
    """`git` run read-only in `folder`, or None when git is missing, stalls or says too much.

    A repository owned by another user ("dubious ownership") is still read: its work tree is
    named as `safe.directory` for this one command, and the options that could make its own
    config run a program (fsmonitor) are switched off.
    """
    from wizard.core.captured import run_captured  # a project outside git never needs it

    trusted = ("-c", f"safe.directory={tree}") if tree is not None else ()
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    return run_captured(
        ["git", *trusted, *_HARDENED, "-C", str(folder), *args],
        env=environment,
        timeout=_GIT_TIMEOUT,
        limit=_GIT_OUTPUT_LIMIT,
    )


def special_ignore_file(folder: Path, tree: Path) -> bool:
    """A `.gitignore` on the way that is not a regular file (a FIFO would block git itself)."""
    for place in (folder, *folder.parents):
        candidate = place / ".gitignore"
        with contextlib.suppress(OSError):
            if not stat.S_ISREG(os.stat(candidate).st_mode):
                return True
        if place == tree:
            break
    return False


def git_state(path: Path) -> GitState:
    """Whether `path` is committed to git, or ignored by it.

    No `.git` above it: not in a repository. A repository git will not read (git missing,
    a broken `.git`, a stall) is `checked=False`: the faces say "could not check", never
    that all is well.
    """
    tree = work_tree_of(path.parent)
    if tree is None:
        return GitState(in_repository=False)
    folder = path.parent if path.parent.is_dir() else tree

    def git(*args: str) -> int | None:
        done = run_git(folder, *args, tree=tree)
        return None if done is None else done.returncode

    if special_ignore_file(folder, tree):
        return GitState(in_repository=True, checked=False)
    # 0: tracked, 1: not tracked; anything else (128) is git refusing the repository.
    tracked = git("ls-files", "--error-unmatch", "--", path.name)
    if tracked not in (0, 1):
        return GitState(in_repository=True, checked=False)
    ignored = git("check-ignore", "-q", "--no-index", "--", path.name)
    if ignored not in (0, 1):
        return GitState(in_repository=True, checked=False)
    return GitState(in_repository=True, tracked=tracked == 0, ignored=ignored == 0)
