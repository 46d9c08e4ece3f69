"""Keep the `.env` files out of git: one line in `.gitignore`, added only with consent.

`status` reports an `.env` that git would pick up (`env-not-gitignored`); the faces ask, then
call `ignore_env_files`. A file already committed is another matter (its keys are in the
history): that needs new keys and `git rm --cached`, which we explain but never run.
"""

from __future__ import annotations

from pathlib import Path

from wizard.core.files.atomic import atomic_write, real_target
from wizard.core.files.guard import ENV_LIMIT, read_bounded
from wizard.core.project import Project, git_state

IGNORE_LINE = ".env"


def env_files_to_ignore(project: Project) -> list[Path]:
    """The project's `.env` files that exist, sit in a git repository, and are not ignored."""
    found = []
    for path in (project.backend_env, project.voice_env):
        if path.exists():
            state = git_state(path)
            if state.in_repository and not state.tracked and not state.ignored:
                found.append(path)
    return found


def ignore_env_files(project: Project) -> Path | None:
    """Add `.env` to the project's `.gitignore` (created if needed), every other byte kept.

    Returns the `.gitignore` changed, or None when nothing needed changing.
    """
    if not env_files_to_ignore(project):
        return None
    path = real_target(project.root / ".gitignore")
    # A .gitignore is project text like any other: a regular file, read within bounds.
    old = read_bounded(path, ENV_LIMIT) or b""
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    separator = b"" if not old or old.endswith(b"\n") else newline
    info = path.stat() if path.exists() else None
    mode = info.st_mode & 0o777 if info else 0o644
    owner = (info.st_uid, info.st_gid) if info else None
    addition = b"# Keys: never in git (added by technova-setup)" + newline
    atomic_write(path, old + separator + addition + IGNORE_LINE.encode() + newline, mode, owner)
    return path
