"""A secret that cannot be printed by accident.

`str()`, `repr()`, f-strings, logging and tracebacks all see the masked form; the full
value comes out only through `reveal()`, which is called where a key is written or sent.
"""

from __future__ import annotations

ELLIPSIS = "…"


def mask(value: str) -> str:
    """Mask a key the way OpenAI shows keys: its first characters and its last 4.

    Never more than 8 + 4 characters are shown, and fewer for short values so that
    at least two thirds of any value stays hidden.
    """
    n = len(value)
    if n == 0:
        return ""
    if n >= 35:  # every real key: an Open WebUI API key is 35 characters, OpenAI's longer
        return f"{value[:8]}{ELLIPSIS}{value[-4:]}"
    if n >= 24:
        return f"{value[:4]}{ELLIPSIS}{value[-4:]}"
    if n >= 15:
        return f"{value[:3]}{ELLIPSIS}{value[-2:]}"
    return f"{value[:1]}{ELLIPSIS}" if n >= 6 else ELLIPSIS


class Secret:
    """A key's value; shows itself masked everywhere except `reveal()`."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The full value: only for writing it to its file, the keyring, or a request header."""
        return self._value

    @property
    def masked(self) -> str:
        return mask(self._value)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Secret({self.masked!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is not pickled: it would leave the process unmasked")
