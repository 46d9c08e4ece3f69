"""Messages in French and English, looked up by key in one catalogue.

Engine modules never hold a user sentence: they return `Msg` values (a key and its
parameters) and the faces (CLI, TUI) render them in the user's language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from wizard.core.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from typing import Literal

    from wizard.core.catalogue import Catalogue

    Lang = Literal["en", "fr"]
else:
    Lang = str  # what a Lang is when the program runs; the checker knows the two values

LANGS: tuple[Lang, ...] = ("en", "fr")


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """French when the user's locale is French, English otherwise (POSIX precedence)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    # LANGUAGE is a GNU preference list ("fr:en"); it only counts when nothing else is set.
    first = env.get("LANGUAGE", "").split(":")[0]
    return "fr" if first.lower().startswith("fr") else "en"


class Renderable:
    """A message parameter that depends on the language (a nested message, a local date, a
    length of time): rendered in the reader's language when the message that holds it is."""

    __slots__ = ()

    def render(self, lang: Lang) -> str:
        raise NotImplementedError


def _load_catalogue() -> Catalogue:
    from wizard.core.catalogue import MESSAGES

    return MESSAGES


_CATALOGUE: Catalogue | None = None


def catalogue() -> Catalogue:
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = _load_catalogue()
    return _CATALOGUE


def placeholders(template: str) -> set[str]:
    """The `{name}` fields a template expects (used by the catalogue's own test)."""
    import string  # only the catalogue's test asks

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The message `key` in `lang`, with its `{placeholders}` filled from `params`."""
    return catalogue().text(key, lang).format(**params)


@record
class Msg(Renderable):
    """A message not yet rendered: a catalogue key and its parameters.

    Parameters must never hold a full secret; pass `Secret.masked` instead.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        from wizard.core.sanitize import clean_value

        # Parameters may come from outside (a server's words, a file name): cleaned here
        # too, so no face can print an escape sequence or a URL's password by mistake.
        rendered = {
            name: (value.render(lang) if isinstance(value, Renderable) else clean_value(value))
            for name, value in self.params.items()
        }
        return t(self.key, lang, **rendered)
