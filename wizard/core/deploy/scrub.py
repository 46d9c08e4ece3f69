"""Text from outside (a command's output, a log, a server's message) made safe to show: every
known secret and anything shaped like a key or a token is masked, terminal control sequences
are removed, and the line is cut short."""

from __future__ import annotations

from collections.abc import Iterable

from wizard.core.sanitize import clean_text, mask_secrets
from wizard.core.secret import Secret

MAX_LINE = 300


def scrub(text: str, secrets: Iterable[Secret] = ()) -> str:
    """`text` with secrets masked, control sequences removed, at most MAX_LINE characters."""
    return clean_text(mask_secrets(text, secrets), limit=MAX_LINE)
