"""Writing a file all at once, for every file the wizard changes (`.env` files, widget config).

A reader — the backend starting, the web server serving the widget, a crash mid-write — sees
the old file or the new one, never half of one: the bytes go to a temporary file in the same
folder (a rename never crosses file systems), are fsynced, and replace the target with
`os.replace`; the folder is then fsynced so the rename itself survives a power cut.

The temporary file's name never starts with the target's name: a `.env*` pattern (a loader,
a copy into an image, an upload) must not pick up a half-written copy of the keys.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMPORARY_PREFIX = ".technova-tmp-"


def real_target(path: Path) -> Path:
    """The file to replace: a symbolic link is followed, so the link itself stays a link."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def _temporary_prefix(target: Path) -> str:
    import hashlib  # only when writing: `status`, run hourly from cron, never needs it

    # Keyed by the target's name so two files of one folder never clear each other's leftovers.
    tag = hashlib.sha256(target.name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{TEMPORARY_PREFIX}{tag}-"


def remove_stale_temporaries(target: Path) -> None:
    """Temporary files a killed run left behind for `target` (call it under the file's lock).

    Also the names older versions used (`.<name>.XXXX.tmp`).
    """
    import glob  # only when writing

    patterns = (
        f"{glob.escape(_temporary_prefix(target))}*.tmp",
        f".{glob.escape(target.name)}.*.tmp",
    )
    for pattern in patterns:
        for leftover in target.parent.glob(pattern):
            with contextlib.suppress(OSError):
                leftover.unlink()


def atomic_write(
    target: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None
) -> None:
    """Replace `target` with `data`, created with `mode` before any byte lands in it.

    `owner` (uid, gid) is kept when we run as root (sudo) on a user's file, so the file stays
    theirs. Raises `OSError`; the temporary file never outlives a failure.
    """
    import tempfile  # only when writing (it brings `random` and `hashlib`)

    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=_temporary_prefix(target), suffix=".tmp"
    )
    try:
        fill(fd, data, mode, owner)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(target.parent)


def fill(fd: int, data: bytes, mode: int, owner: tuple[int, int] | None) -> None:
    """Give a new temporary file its mode (and owner, under root) before any byte lands in
    it, write all of `data`, fsync, and close it."""
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
