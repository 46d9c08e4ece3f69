"""Text from outside (a command's output, a log, a server's message) made safe to show: every
known secret and anything shaped like a key or a token is masked, and the line is cut short."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wizard.core.secret import Secret, mask

# OpenAI and Open WebUI keys, JWTs, bearer values, and long opaque runs (Coolify tokens…).
_SECRET_LIKE = re.compile(
    r"sk-[A-Za-z0-9_\-]{8,}"
    r"|eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*"
    r"|(?<=[Bb]earer )[^\s\"',;]{8,}"
    r"|\d+\|[A-Za-z0-9]{20,}"
    r"|[A-Za-z0-9_\-+]{40,}={0,2}"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]|\x1b\[[0-9;?]*[A-Za-z]")
MAX_LINE = 300


def scrub(text: str, secrets: Iterable[Secret] = ()) -> str:
    """`text` with secrets masked, terminal control sequences removed, at most MAX_LINE chars."""
    for secret in secrets:
        value = secret.reveal()
        if len(value) >= 6:
            text = text.replace(value, secret.masked)
    text = _SECRET_LIKE.sub(lambda match: mask(match.group()), text)
    text = _CONTROL.sub("", text)
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"
