"""Only regular files, read within bounds, written where the person meant, with their modes.

Project files come from outside: a `.env` may be a named pipe (reading it would block for
ever), a device (endless bytes), a socket, a folder, a gigabyte of junk, or a symbolic link
to a file elsewhere on the machine. Everything here looks before it reads: the file is opened
with `O_NONBLOCK` (opening a FIFO never waits), checked with `fstat` on that very descriptor
(no race between the look and the read), and read up to a limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.record import record

ENV_LIMIT = 4 * 1024 * 1024  # bytes: a .env holds a few lines; more is not a .env
WIDGET_LIMIT = 4 * 1024 * 1024
NEW_FILE_MODE = 0o600


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "directory"
    return "other"


def not_regular(path: Path, mode: int, directory_code: str | None = None) -> WizardError:
    """The refusal for a path that exists but is not a regular file (a folder may have its
    own code, such as `files.is_directory`)."""
    if directory_code is not None and stat.S_ISDIR(mode):
        return WizardError(directory_code, path=str(path))
    return WizardError("safety.not-regular", path=str(path), kind=Msg(f"safety.kind.{_kind(mode)}"))


def check_regular(path: Path, directory_code: str | None = None) -> bool:
    """True when `path` is a regular file (through links), False when it does not exist.

    Raises `safety.not-regular` for a FIFO, device, socket or folder: nothing is opened.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # cannot look (permissions): the read that follows will say why
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(path, info.st_mode, directory_code)
    return True


def read_bounded(path: Path, limit: int, directory_code: str | None = None) -> bytes | None:
    """The bytes of the regular file `path`, or None when it does not exist.

    Raises `safety.not-regular` (FIFO, device, socket, folder: checked before any byte is
    read, without ever blocking), `safety.too-large` (over `limit` bytes), or `OSError`.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        # ENXIO: a socket (or a FIFO without writer on some systems) cannot even be opened.
        info = _lstat_through(path)
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode, directory_code) from None
        raise error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode, directory_code)
        if info.st_size > limit:
            raise WizardError("safety.too-large", path=str(path), megabytes=limit // 1_048_576)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while we read it
                raise WizardError("safety.too-large", path=str(path), megabytes=limit // 1_048_576)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _lstat_through(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


# --- where a write lands ----------------------------------------------------------------------


@record
class WriteTarget:
    """Where writing `path` really lands, and whether it leaves the project."""

    path: Path  # as asked
    target: Path  # the file replaced: a link's target (the link stays a link)
    outside: bool  # the target lies outside the project


def _inside(target: Path, root: Path) -> bool:
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return False
    return True


def write_target(
    path: Path,
    root: Path,
    *,
    follow_outside_symlink: bool = False,
    directory_code: str | None = None,
) -> WriteTarget:
    """Where a write to `path` lands; refuses what must not be written.

    A link (the file itself or a folder on its way) whose target lies outside the project at
    `root` raises `safety.symlink-outside` unless the person allowed it
    (`follow_outside_symlink`, the CLI's `--follow-symlinks`, the wizard's question). A link
    inside the project is written at its target, keeping the link. An existing target that is
    not a regular file raises `safety.not-regular`.
    """
    try:
        target = Path(os.path.realpath(path))
    except OSError:
        target = path
    check_regular(target, directory_code)
    asked = Path(os.path.abspath(path))
    followed = target != asked
    outside = followed and not _inside(target, root)
    if outside and not follow_outside_symlink:
        raise WizardError("safety.symlink-outside", path=str(path), target=str(target))
    return WriteTarget(path=path, target=target if followed else path, outside=outside)


def outside_target(path: Path, root: Path) -> Path | None:
    """Where writing `path` would land when that is outside the project at `root` (a link,
    or a linked folder on the way), else None: for a plan to ask before it writes."""
    try:
        target = Path(os.path.realpath(path))
    except OSError:
        return None
    if target == Path(os.path.abspath(path)) or _inside(target, root):
        return None
    return target


# --- the modes a write keeps ------------------------------------------------------------------


@record
class ModeChoice:
    """The mode a rewritten secret file gets, and what the person should know about it."""

    mode: int
    group_can_read: bool  # kept on purpose (a service user's group): warn
    read_only: bool  # the owner had made it read-only: it stays so


def secret_file_mode(old_mode: int | None) -> ModeChoice:
    """The mode for a secret file replacing one of `old_mode` (None: a new file, 0600).

    The owner's intent is kept where it is safe: a group read bit on a file others cannot
    read (0640, for a service that runs as another user of the group) stays, with a warning;
    a read-only file (0400) stays read-only. Everything else becomes the owner's alone
    (a world-readable 0644 is the default umask, not an intent: it becomes 0600); nobody but
    the owner ever keeps write or execute rights.
    """
    if old_mode is None:
        return ModeChoice(NEW_FILE_MODE, False, False)
    old = stat.S_IMODE(old_mode)
    read_only = not old & stat.S_IWUSR
    group_can_read = bool(old & stat.S_IRGRP) and not old & 0o007
    mode = (
        stat.S_IRUSR | (0 if read_only else stat.S_IWUSR) | (stat.S_IRGRP if group_can_read else 0)
    )
    return ModeChoice(mode, group_can_read, read_only)


def mode_notes(path: str, choice: ModeChoice) -> tuple[Msg, ...]:
    """What to tell the person about the mode a write kept."""
    notes: list[Msg] = []
    if choice.group_can_read:
        notes.append(Msg("safety.group-can-read", {"file": path}))
    if choice.read_only:
        notes.append(Msg("safety.kept-read-only", {"file": path}))
    return tuple(notes)
