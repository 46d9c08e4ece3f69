"""Writing a file all at once, for every file the wizard changes (`.env` files, widget config).

A reader — the backend starting, the web server serving the widget, a crash mid-write — sees
the old file or the new one, never half of one: the bytes go to a temporary file in the same
folder (a rename never crosses file systems), are fsynced, and replace the target with
`os.replace`; the folder is then fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path


def real_target(path: Path) -> Path:
    """The file to replace: a symbolic link is followed, so the link itself stays a link."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def backup_name(target: Path) -> Path:
    """A free `<name>.bak-YYYYmmdd-HHMMSS` (then `-2`, `-3`…): a name that never holds a value."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = target.with_name(f"{target.name}.bak-{stamp}")
    candidate, counter = base, 1
    while os.path.lexists(candidate):
        counter += 1
        candidate = base.with_name(f"{base.name}-{counter}")
    return candidate


def atomic_write(
    target: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None
) -> None:
    """Replace `target` with `data`, created with `mode` before any byte lands in it.

    `owner` (uid, gid) is kept when we run as root (sudo) on a user's file, so the file stays
    theirs. Raises `OSError`; the temporary file never outlives a failure.
    """
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        try:
            os.fchmod(fd, mode)
            if owner is not None and os.geteuid() == 0:
                with contextlib.suppress(OSError):
                    os.fchown(fd, *owner)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(target.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort: some systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
