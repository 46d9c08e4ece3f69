"""Text from outside (servers, project files, logs) made safe to show in a terminal.

A server's `detail`, a header, a user or model name, a field name in the widget file: any of
them can carry escape sequences that retitle the terminal window, move the cursor, hide text,
write to the clipboard (OSC 52) or make a link lie (OSC 8), or bidi overrides that reorder
what a person reads. Such text passes through `clean_text` where it enters the engine, and
again when a message is rendered, so both faces (and JSON output) only ever show printable
characters.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable

from wizard.core.secret import Secret, mask


# The patterns are compiled when first used: `status --json` from cron never needs most of
# them, and compiling costs every run.
@functools.cache
def _sequences() -> re.Pattern[str]:
    # Escape sequences, whole (so their printable tail, like `]0;title`, goes too):
    # CSI `ESC [ … final`, OSC/DCS/SOS/PM/APC strings up to BEL or ST, 8-bit CSI/OSC, then
    # two-character `ESC x` sequences.
    return re.compile(
        r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
        r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
        r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
    )


@functools.cache
def _controls() -> re.Pattern[str]:
    # What is left that a terminal would act on: C0 (but tab and newline), DEL, C1, and the
    # Unicode bidi controls that reorder text on screen (LRE…RLO, LRI…PDI, LRM, RLM, ALM).
    return re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@functools.cache
def _line_breaks() -> re.Pattern[str]:
    return re.compile("[\t\n\u2028\u2029]+")  # Unicode line breaks too


@functools.cache
def _url_credentials() -> re.Pattern[str]:
    # `scheme://user:password@host`: the part before `@` is a credential, wherever it shows up.
    return re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]+@")


@functools.cache
def _json_raw() -> re.Pattern[str]:
    # What `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on.
    return re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def clean_text(text: str, *, one_line: bool = True, limit: int | None = 500) -> str:
    """`text` without escape sequences or control characters, ready to show.

    `one_line` also turns tabs and line breaks into a space (a server's word must not forge
    a line of our own output); `limit` cuts absurdly long text, marking the cut with `…`.
    """
    cleaned = _controls().sub("", _sequences().sub("", text))
    if one_line:
        cleaned = _line_breaks().sub(" ", cleaned)
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def mask_url_credentials(text: str) -> str:
    """Every `scheme://user:pass@` in `text` shown as `scheme://***@`."""
    return _url_credentials().sub(r"\1***@", text)


def dumps_json(value: object) -> str:
    """JSON for output: readable accents, but every control or bidi character escaped
    (`\\u001b`, `\\u202e`), so printing it cannot act on the terminal."""
    text = json.dumps(value, ensure_ascii=False)
    if text.isprintable():  # none of them (the usual case): no pattern to compile
        return text
    return _json_raw().sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def is_clean(text: str) -> bool:
    """True when `text` holds nothing a terminal would act on (tabs and newlines allowed)."""
    if text.isprintable():  # no control, format (bidi) or line-break character at all
        return True
    return _controls().search(text) is None and "\x1b" not in text


def clean_value(value: object) -> object:
    """A message parameter made safe: strings cleaned (line breaks kept) and credentials in
    URLs masked; other values as they are."""
    if not isinstance(value, str):
        return value
    if not is_clean(value):
        value = clean_text(value, one_line=False, limit=None)
    return mask_url_credentials(value) if "@" in value else value


@functools.cache
def _secret_like() -> re.Pattern[str]:
    """Anything shaped like a key or a token (compiled on first use: `status` never needs it).

    OpenAI and Open WebUI keys, JWTs, bearer values, `id|token` (Coolify, Laravel Sanctum) and
    long opaque runs; dotted code names (`wizard.core.plan`) are too regular to match."""
    return re.compile(
        r"sk-[A-Za-z0-9_\-]{8,}"
        r"|eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*"
        r"|(?<=[Bb]earer )[^\s\"',;]{8,}"
        r"|\d+\|[A-Za-z0-9]{20,}"
        r"|[A-Za-z0-9_\-+]{40,}={0,2}"
    )


def mask_secrets(text: str, secrets: Iterable[Secret] = ()) -> str:
    """`text` with every known secret, everything shaped like a key or a token, and every
    URL password masked: for logs, command output and fault reports."""
    for secret in secrets:
        value = secret.reveal()
        if len(value) >= 6:
            text = text.replace(value, secret.masked)
    text = _secret_like().sub(lambda match: mask(match.group()), text)
    return mask_url_credentials(text)
