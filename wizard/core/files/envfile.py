"""Editing `.env` files the way a careful person would.

Only the lines that define the variables we set change; every other byte (comments, order,
blank lines, `export`, CRLF line endings, a missing final newline) is kept. A value is quoted
only when needed, and every edit is checked against two readers before it is accepted:
python-dotenv (how this wizard and Python tools read the file) and a faithful port of Node's
`dotenv` parser (how the project's servers read it). Writes happen under a lock, atomically,
keeping the owner's intent for modes (new files 0600), with a backup of the old content
kept in the user's state folder (never in the project: see `backups`).

Reading, as Node's `dotenv` and python-dotenv do, is in `envread` (what `status` needs alone).

Nothing here prints or logs, and no value ever reaches an exception or a file name.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.files.atomic import atomic_write, remove_stale_temporaries
from wizard.core.files.envread import (
    EnvRead,
    decode_env_text,
    file_mode_problem,
    node_parse,
    read_env,
    read_env_bytes,
)
from wizard.core.files.guard import mode_notes, secret_file_mode, write_target
from wizard.core.i18n import Msg
from wizard.core.project import project_root_of
from wizard.core.record import record, replace

BOM = "\ufeff"
FILE_MODE = 0o600
DIR_MODE = 0o755


def _python_raw(text: str) -> dict[str, str | None]:
    """python-dotenv's values for `text` before interpolation (the last definition wins)."""
    from dotenv.parser import parse_stream

    return {b.key: b.value for b in parse_stream(io.StringIO(text)) if b.key is not None}


def _interpolation_free(value: str) -> bool:
    """True when python-dotenv's `${NAME}` expansion leaves `value` as it is."""
    from dotenv.variables import Literal, parse_variables

    atoms = list(parse_variables(value))
    return all(isinstance(atom, Literal) for atom in atoms)


# --------------------------------------------------------------------------------------------
# Editing text


_LINE_END = re.compile(r"\r\n|\n|\r")
_ASSIGNMENT = re.compile(
    r"(?P<lead>\s*)(?P<export>export[^\S\r\n]+)?(?P<key>'[^']+'|[^=\#\s]+)"
    r"(?P<space>[^\S\r\n]*)(?P<equal>=[^\S\r\n]*)"
)
_SINGLE_QUOTED = re.compile(r"'(?:\\.|[^'\\])*'", re.DOTALL)
_DOUBLE_QUOTED = re.compile(r'"(?:\\.|[^"\\])*"', re.DOTALL)
_COMMENT = re.compile(r"[^\S\r\n]*#[^\r\n]*")


@record
class _Definition:
    """A binding's text cut into the parts we keep and the value we replace."""

    head: str  # blank lines before it, indentation, `export `, the name, `=` and its spaces
    comment: str  # ` # note` after the value, or ""
    tail: str  # spaces and the line ending after it


def _split_definition(original: str, name: str) -> _Definition | None:
    """Cut a python-dotenv binding's original text, or None if it is not `name=...`."""
    match = _ASSIGNMENT.match(original)
    if match is None:
        return None
    if match["key"].strip("'") != name:
        return None
    # A quoted name ('NAME'=...) is python-dotenv only: Node does not see it, so write it bare.
    head = match["lead"] + (match["export"] or "") + name + match["space"] + match["equal"]
    rest = original[match.end() :]
    line_end = _LINE_END.search(rest)
    quoted = {"'": _SINGLE_QUOTED, '"': _DOUBLE_QUOTED}.get(rest[:1])
    if quoted is not None and (found := quoted.match(rest)):
        after = rest[found.end() :]
        comment = _COMMENT.match(after)
        comment_text = comment.group(0) if comment else ""
        return _Definition(head, comment_text, after[len(comment_text) :])
    line = rest[: line_end.start()] if line_end else rest
    ending = rest[len(line) :]
    if len(match["equal"]) > 1 and line.startswith("#"):
        # `NAME= # note`: an empty value, then a comment that keeps its spaces before `#`.
        return _Definition(
            head.removesuffix(match["equal"]) + "=", match["equal"][1:] + line, ending
        )
    hash_at = re.search(r"\s+#", line)
    if hash_at:
        return _Definition(head, line[hash_at.start() :], ending)
    value = line.rstrip()
    return _Definition(head, "", line[len(value) :] + ending)


# Characters every reader takes literally without quotes (python-dotenv, Node's dotenv, and
# also a POSIX shell's `source` or docker compose): API keys, most URLs, model names.
_PLAIN = re.compile(r"[A-Za-z0-9_./:@%+,=-]*")


def _candidates(value: str) -> Iterator[str]:
    """Ways to write `value`, plainest first; each is checked against both readers."""
    if _PLAIN.fullmatch(value):
        yield value
    yield f"'{value}'"
    yield f'"{value}"'
    if not _PLAIN.fullmatch(value):
        yield value  # the last resort for a value holding both kinds of quote, or a `\`


def _reads_back(line: str, name: str, value: str) -> bool:
    """True when both readers, given only `line`, read `name` as exactly `value`."""
    python = _python_raw(line)
    return (
        python == {name: value} and node_parse(line) == {name: value} and _interpolation_free(value)
    )


def _encode_line(definition: _Definition, name: str, value: str) -> str:
    """The new text of one definition: its comment kept when the readers still agree."""
    ending = definition.tail
    for comment in dict.fromkeys((definition.comment, "")):
        for written in _candidates(value):
            line = definition.head + written + comment + ending
            if _reads_back(line, name, value):
                return line
    raise WizardError("files.value_not_representable", name=name)


def _newline_of(text: str) -> str:
    """The file's own line ending (its first one), `\\n` for a file without any."""
    found = _LINE_END.search(text)
    return found.group(0) if found else "\n"


def _check_name(name: str) -> None:
    # Both readers must see it as a name: letters, digits, `_`, `.` and `-` (Node's rule).
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", name):
        raise WizardError("files.bad_name", name=name)


def set_values(text: str, updates: Mapping[str, str]) -> str:
    """`text` with each variable of `updates` set; every other byte is kept.

    Every definition of a variable is changed (both python-dotenv and Node's dotenv let the
    last one win; changing all keeps any reader right). A missing variable is appended at the
    end. A value is written bare when it holds only characters every reader takes literally
    (keys, most URLs, model names), otherwise in single quotes, double quotes or bare as a
    last resort: the first form both readers read back exactly. A value that no form can
    carry (a newline, `${...}`) raises `files.value_not_representable`, naming only the
    variable. An inline comment (`# note`) after the old value is kept whenever it is safe.
    """
    if not updates:
        return text
    for name, value in updates.items():
        _check_name(name)
        if "\n" in value or "\r" in value:
            raise WizardError("files.value_not_representable", name=name)

    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    newline = _newline_of(body)
    pieces: list[str] = []
    seen: set[str] = set()
    from dotenv.parser import parse_stream

    for binding in parse_stream(io.StringIO(body)):
        original = binding.original.string
        bound = binding.key
        if bound is not None and bound in updates and binding.value is not None:
            definition = None if binding.error else _split_definition(original, bound)
            if definition is not None:
                pieces.append(_encode_line(definition, bound, updates[bound]))
                seen.add(bound)
                continue
        pieces.append(original)
    new = "".join(pieces)
    missing = [name for name in updates if name not in seen]
    if missing:
        lines = [
            _encode_line(_Definition(f"{name}=", "", ""), name, updates[name]) for name in missing
        ]
        if new and not new.endswith(("\n", "\r")):
            # The file has no final newline: keep it that way, only separate our lines.
            new = new + newline + newline.join(lines)
        else:
            new = new + newline.join(lines) + newline
    result = bom + new
    _verify(text, result, updates)
    return result


def _verify(old: str, new: str, updates: Mapping[str, str]) -> None:
    """Both readers see our values, and every other variable exactly as before."""
    old_python, new_python = _python_raw(old.removeprefix(BOM)), _python_raw(new.removeprefix(BOM))
    old_node, new_node = node_parse(old), node_parse(new)
    for name, value in updates.items():
        if new_python.get(name) != value or new_node.get(name) != value:
            raise WizardError("files.value_not_representable", name=name)
    others_python = {k: v for k, v in new_python.items() if k not in updates}
    others_node = {k: v for k, v in new_node.items() if k not in updates}
    if others_python != {k: v for k, v in old_python.items() if k not in updates} or (
        others_node != {k: v for k, v in old_node.items() if k not in updates}
    ):
        # The surrounding text is written in a way that our edit would change another
        # variable (an unclosed quote, say): refuse rather than damage the file.
        name = next(iter(updates))
        raise WizardError("files.value_not_representable", name=name)


# --------------------------------------------------------------------------------------------
# Writing


@record
class EnvWrite:
    """What `write_env` did: whether the file changed, where the backup is, if it was created."""

    path: Path
    changed: bool
    backup: Path | None
    created: bool
    notes: tuple[Msg, ...] = ()  # what the person should know (a group that can read the key)
    outside_project: bool = False  # written through a link to a file outside the project


def write_env(
    path: Path,
    updates: Mapping[str, str],
    *,
    create: bool = True,
    backup: bool = True,
    on_wait: Callable[[], None] | None = None,
    root: Path | None = None,
    follow_outside_symlink: bool = False,
) -> EnvWrite:
    """Set `updates` in the `.env` file at `path`, safely.

    Under an exclusive lock on the folder, the file is re-read, edited with `set_values`,
    and replaced atomically (temporary file in the same folder, fsync, rename, fsync of the
    folder). A new file is 0600; an existing one keeps its owner and the owner's intent
    (`guard.secret_file_mode`: 0640 keeps its group read bit, 0400 stays read-only; the
    result's `notes` say so). The old content is first copied, 0600, to the user's state
    folder (`backups.keep_backup`). Nothing is written when nothing changes. A missing file
    (and folder) is created when `create` is true. `on_wait` is called once if another
    program holds the lock, so a face can say why it pauses.

    `root` is the project's folder (found from `path` when not given): a link to a file
    outside it raises `safety.symlink-outside` unless `follow_outside_symlink`. A FIFO,
    device or socket raises `safety.not-regular` before anything is opened for reading.
    Raises `WizardError` (`files.*`, `safety.*`), never a raw OS error.
    """
    project_root = root if root is not None else project_root_of(path)
    where = write_target(
        path,
        project_root,
        follow_outside_symlink=follow_outside_symlink,
        directory_code="files.is_directory",
    )
    target = where.target
    folder = target.parent
    if not folder.is_dir():
        if not create:
            raise WizardError("files.missing", path=str(path))
        try:
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        except OSError as error:
            raise _os_error(error, path) from error
    try:
        with _locked(folder, on_wait):
            remove_stale_temporaries(target)
            written = _write_locked(
                path, target, updates, create=create, backup=backup, root=project_root
            )
    except OSError as error:
        raise _os_error(error, path) from error
    if where.outside:
        written = replace(written, outside_project=True)
    return written


@contextlib.contextmanager
def _locked(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """An exclusive lock held on the folder itself: no lock file is left behind.

    The file cannot be locked: it is replaced (a new inode) by every write.
    """
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_locked(
    path: Path,
    target: Path,
    updates: Mapping[str, str],
    *,
    create: bool,
    backup: bool,
    root: Path,
) -> EnvWrite:
    raw = read_env_bytes(target)
    exists = raw is not None
    if not exists and not create:
        raise WizardError("files.missing", path=str(path))
    old_text = decode_env_text(raw, path) if raw is not None else ""
    new_text = set_values(old_text, updates)
    if exists and new_text == old_text:
        return EnvWrite(path=path, changed=False, backup=None, created=False)
    if not exists and not updates:
        return EnvWrite(path=path, changed=False, backup=None, created=False)

    owner = None
    backup_path = None
    info = target.stat() if raw is not None else None
    if info is not None:
        owner = (info.st_uid, info.st_gid)
        if backup and raw is not None:
            from wizard.core.files.backups import keep_backup  # writes only (hashlib)

            backup_path = keep_backup(target, raw, root, None)
    choice = secret_file_mode(info.st_mode if info is not None else None)
    atomic_write(target, new_text.encode("utf-8"), choice.mode, owner)
    return EnvWrite(
        path=path,
        changed=True,
        backup=backup_path,
        created=not exists,
        notes=mode_notes(str(path), choice),
    )


_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def _os_error(error: OSError, path: Path) -> WizardError:
    """The WizardError a person can act on for an OS error met while writing `path`."""
    if isinstance(error, IsADirectoryError) or error.errno == errno.EISDIR:
        return WizardError("files.is_directory", path=str(path))
    if isinstance(error, PermissionError) or error.errno in _NOT_WRITABLE:
        return WizardError("files.not_writable", path=str(path))
    if error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return WizardError("files.disk_full", path=str(path))
    return WizardError("files.write_failed", path=str(path))


__all__ = [
    "EnvRead",
    "EnvWrite",
    "file_mode_problem",
    "node_parse",
    "read_env",
    "set_values",
    "write_env",
]
