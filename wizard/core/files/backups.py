"""Where copies of the old files go: the user's state folder, never the project.

A backup holds the old keys. Beside the file it would be committed by `git add .`, loaded
by a `.env*` pattern, or (for the widget config) served to every visitor of the website. So
backups live outside the project, in the user's state folder
(`$XDG_STATE_HOME/technova-setup/backups/<project>-<hash>/`, by default
`~/.local/state/technova-setup/…`), folders 0700, files 0600. The hash keeps two projects
with the same folder name apart. The file names never start with `.env`.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from datetime import datetime
from pathlib import Path

from wizard.core.files.atomic import TEMPORARY_PREFIX, fill, fsync_folder

APP_FOLDER = "technova-setup"
FOLDER_MODE = 0o700
BACKUP_MODE = 0o600


def state_folder() -> Path:
    """The user's state folder for this program (`$XDG_STATE_HOME/technova-setup`)."""
    base = os.environ.get("XDG_STATE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
    return root / APP_FOLDER


def private_folder(*parts: str) -> Path:
    """A folder under the state folder, created 0700 (each level, so none is left wider)."""
    folder = state_folder()
    for part in ("", *parts):
        folder = folder / part if part else folder
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if folder.stat().st_uid == os.geteuid():
            os.chmod(folder, FOLDER_MODE)
    return folder


def project_tag(root: Path) -> str:
    """`<folder name>-<hash of its full path>`: readable, and unique per project."""
    import hashlib  # here, not at the top: `status` never names a backup

    resolved = str(root.resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", root.resolve().name).strip("_")[:40] or "project"
    return f"{name}-{digest}"


def backups_folder(root: Path) -> Path:
    """Where the backups of the project at `root` go (created 0700)."""
    return private_folder("backups", project_tag(root))


def _backup_stem(target: Path, root: Path) -> str:
    """`backend__env` for `backend/.env`: the place in the project, no leading dot."""
    try:
        relative = target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = target.name
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", relative.replace("/", "__")).strip("_.")
    return stem[:80] or "file"


def keep_backup(target: Path, data: bytes, root: Path, owner: tuple[int, int] | None) -> Path:
    """Write `data` (the old content of `target`) as a new 0600 backup; return its path.

    Names are `<place>.<YYYYmmdd-HHMMSS>[-n].bak`: never overwritten, never holding a value.
    The copy is whole or absent: written to a temporary file, fsynced, then hard-linked under
    a name no other run holds (a link never replaces an existing file). Raises `OSError`.
    """
    import tempfile  # only when writing (it brings `random` and `hashlib`)

    folder = backups_folder(root)
    _remove_old_temporaries(folder)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=".tmp")
    try:
        fill(fd, data, BACKUP_MODE, owner)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        stem = _backup_stem(target, root)
        counter = 1
        while True:
            suffix = f"-{counter}" if counter > 1 else ""
            candidate = folder / f"{stem}.{stamp}{suffix}.bak"
            try:
                os.link(temporary, candidate)
                break
            except FileExistsError:
                counter += 1
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    fsync_folder(folder)
    return candidate


def _remove_old_temporaries(folder: Path) -> None:
    """Copies a killed run left half-written (old enough that no run is still writing them)."""
    limit = time.time() - 600
    for leftover in folder.glob(f"{TEMPORARY_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
