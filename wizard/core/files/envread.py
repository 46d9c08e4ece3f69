"""Reading `.env` files as the programs that use them do.

The value that counts is the one the project's Node servers get: a faithful port of Node's
`dotenv` parser reads it (`node_parse`). python-dotenv's reading (how this wizard and Python
tools see the file) is computed only when asked (`EnvRead.values`). Files are read bounded,
regular files only (see `guard`). `status` needs only this module; editing and writing are in
`envfile`.

Nothing here prints or logs, and no value ever reaches an exception.
"""

from __future__ import annotations

import io
import re
from functools import cached_property
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.files.guard import ENV_LIMIT, read_bounded
from wizard.core.record import record

# --------------------------------------------------------------------------------------------
# Reading


@record
class EnvRead:
    """A `.env` file as read: its exact text, and the values python-dotenv sees in it (read
    on first use: `status` judges by Node's reading and never pays for python-dotenv)."""

    path: Path
    exists: bool
    text: str

    @cached_property
    def values(self) -> dict[str, str]:
        return _python_values(self.text) if self.exists else {}


def read_env(path: Path) -> EnvRead:
    """Read `path`; a missing file reads as empty (`exists=False`).

    Raises `WizardError` `files.is_directory`, `files.not_utf8` or `files.not_readable`.
    """
    raw = read_env_bytes(path)
    if raw is None:
        return EnvRead(path=path, exists=False, text="")
    text = decode_env_text(raw, path)
    return EnvRead(path=path, exists=True, text=text)


def read_env_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist; OS errors become WizardErrors.

    Only a regular file is read, without blocking and within `ENV_LIMIT` (see `guard`).
    """
    try:
        return read_bounded(path, ENV_LIMIT, directory_code="files.is_directory")
    except IsADirectoryError:
        raise WizardError("files.is_directory", path=str(path)) from None
    except OSError as error:
        raise WizardError("files.not_readable", path=str(path)) from error


def decode_env_text(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Raised outside the `except` block on purpose: the decode error holds the file's bytes
    # (possibly a key) and must not travel along as this exception's context.
    raise WizardError("files.not_utf8", path=str(path))


def _python_values(text: str) -> dict[str, str]:
    """What `dotenv_values` returns for `text` (with interpolation), without its logging."""
    from dotenv.main import resolve_variables
    from dotenv.parser import parse_stream

    pairs = [(b.key, b.value) for b in parse_stream(io.StringIO(text)) if b.key is not None]
    resolved = resolve_variables(pairs, override=True)
    return {name: value for name, value in resolved.items() if value is not None}


# --------------------------------------------------------------------------------------------
# Node's `dotenv` (versions 15 to 18, the default "classic" parser), ported to Python so that
# every edit can be checked the way the project's servers will read it. The JavaScript regular
# expression is translated character class by character class: JS `\s`, `\w`, `.`, `^` and `$`
# (multiline) do not mean the same as Python's.

_JS_SPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# JavaScript's `\s` is Python's, less U+001C-U+001F and U+0085, plus U+FEFF: written so, it
# compiles in a third of the time the spelled-out set takes, and the pattern uses it 8 times.
_JS_S = r"(?:[^\S\x1c-\x1f\x85]|\ufeff)"
_JS_LT = "\n\r\u2028\u2029"  # line terminators: what `.` refuses and where `^`/`$` match
# Each written as two classes, [\n\r] and [\u2028\u2029]: a class that mixes characters below
# U+0100 with others in more than two runs makes Python's compiler build a 64K-bit map, about
# 0.3 ms each at every start (the spelled-out forms are compared on every character in tests).
_JS_BOL = r"(?:(?<![\s\S])|(?<=[\n\r])|(?<=[\u2028\u2029]))"  # `^`, multiline
_JS_EOL = r"(?:(?=[\n\r])|(?=[\u2028\u2029])|(?![\s\S]))"  # `$`, multiline
_JS_DOT = r"(?![\u2028\u2029])[^\n\r]"  # `.`

# /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|
#  \s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg
_NODE_LINE = re.compile(
    _JS_BOL
    + f"{_JS_S}*(?:export{_JS_S}+)?([A-Za-z0-9_.-]+)(?:{_JS_S}*={_JS_S}*?|:{_JS_S}+?)"
    + f"({_JS_S}*'(?:\\\\'|[^'])*'|{_JS_S}*\"(?:\\\\\"|[^\"])*\"|{_JS_S}*`(?:\\\\`|[^`])*`"
    + r"|[^#\r\n]+)?"
    + f"{_JS_S}*(?:#{_JS_DOT}*)?{_JS_EOL}"
)
# /^(['"`])([\s\S]*)\1$/mg
_NODE_QUOTES = re.compile(_JS_BOL + r"(['\"`])([\s\S]*)\1" + _JS_EOL)


def node_parse(text: str) -> dict[str, str]:
    """What `require('dotenv').parse(text)` returns (Node dotenv 15 to 18)."""
    text = re.sub(r"\r\n?", "\n", text)
    parsed: dict[str, str] = {}
    for match in _NODE_LINE.finditer(text):
        value = (match.group(2) or "").strip(_JS_SPACE)
        first = value[:1]
        value = _NODE_QUOTES.sub(lambda m: m.group(2), value)
        if first == '"':
            value = value.replace("\\n", "\n").replace("\\r", "\r")
        parsed[match.group(1)] = value
    return parsed


def file_mode_problem(path: Path) -> bool:
    """True when the group or other users can read or write `path` (a secret should be 0600)."""
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False
