"""French typography, applied to every French sentence of the catalogue when it is loaded.

French puts a no-break space before `:` `;` `?` `!` and inside « guillemets », so that a
line never starts with the punctuation. Writing U+00A0 by hand in every sentence is
invisible in the source and easy to forget; the catalogue sets it once, here, for every part
(a test checks the whole catalogue). Code quoted in guillemets (`« OpenAI-Beta: realtime=v1 »`)
and addresses (`https://…`, `?model=`) are left as they are.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
_SPACES = " \u00a0\u202f"
# A plain space, or none, before `:;?!` that ends a word (followed by a space or the end).
_AFTER = r"(?=[\s\u00a0)\]…»\[]|$)"  # the punctuation ends a word: a space, `)`, `…` follow
_BEFORE_PUNCTUATION = re.compile(r"(?:(?<=[^\s\u00a0\u202f«])| )([:;?!])" + _AFTER)
_QUOTED = re.compile(r"«[ \u00a0\u202f]?([^»]*?)[ \u00a0\u202f]?»")


def french_spacing(text: str) -> str:
    """`text` with a no-break space before `:;?!` and inside « », outside quoted code."""
    pieces: list[str] = []
    position = 0
    for match in _QUOTED.finditer(text):
        pieces.append(_punctuation(text[position : match.start()]))
        # The quoted words are kept as written: they may be code or a server's own text.
        pieces.append(f"«{NO_BREAK_SPACE}{match.group(1)}{NO_BREAK_SPACE}»")
        position = match.end()
    pieces.append(_punctuation(text[position:]))
    return "".join(pieces)


def _punctuation(text: str) -> str:
    return _BEFORE_PUNCTUATION.sub(lambda m: NO_BREAK_SPACE + m.group(1), text)


def spacing_mistakes(text: str) -> list[str]:
    """The places in a French `text` that break the rule (for the catalogue's test)."""
    outside = _QUOTED.sub("«»", text)
    found = [m.group() for m in re.finditer(r".{0,12}[^\u00a0\u202f«][:;?!]" + _AFTER, outside)]
    found += [m.group() for m in re.finditer(r"«[^\u00a0\u202f»]|[^\u00a0\u202f«]»", text)]
    return found
