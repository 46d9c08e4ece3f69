"""A new key kept safe until it is written where it belongs.

Open WebUI keeps one API key per user: the moment it makes a new one, the old one stops
working. If saving the new one then fails (disk full, a permission changed, Ctrl+C), the person
must not be left without any working key: the key is first written to a private recovery file
in their state folder (`$XDG_STATE_HOME/technova-setup/recovery/`, folder 0700, file 0600),
named after the project and the variable, and deleted once the key is in its `.env` file.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from wizard.core.files.atomic import atomic_write
from wizard.core.files.backups import private_folder, project_tag, state_folder
from wizard.core.keys import CheckedKey
from wizard.core.project import Project


def _folder() -> Path:
    return private_folder("recovery")


def _project_tag(project: Project) -> str:
    return project_tag(project.root)


def keep_safe(project: Project, key: CheckedKey) -> Path:
    """Write `key` to a private recovery file and return its path. Raises `OSError`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = _folder() / f"new-{key.slot.value}-{_project_tag(project)}-{stamp}.txt"
    text = (
        f"# technova-setup kept this new key because it was not yet saved in {project.root}.\n"
        f"# Put this line in the .env file that holds {key.slot.value}, then delete this file.\n"
        f"{key.slot.value}={key.secret.reveal()}\n"
    )
    atomic_write(path, text.encode(), 0o600)
    return path


def kept_for(project: Project) -> list[Path]:
    """Recovery files of this project still waiting (oldest first)."""
    folder = state_folder() / "recovery"
    if not folder.is_dir():
        return []
    tag = _project_tag(project)
    return sorted(p for p in folder.glob(f"new-*-{tag}-*.txt") if p.is_file())


def forget(project: Project, key: CheckedKey) -> None:
    """Delete the recovery files of this project that hold `key` (it is saved now)."""
    line = f"{key.slot.value}={key.secret.reveal()}"
    for path in kept_for(project):
        try:
            holds = line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        if holds:
            with contextlib.suppress(OSError):
                path.unlink()
