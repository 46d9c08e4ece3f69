"""The one exception the engine raises on purpose: it carries what happened, why, and what to do."""

from __future__ import annotations

from wizard.core.i18n import Lang, Msg
from wizard.core.record import record


@record
class Explanation:
    """What happened, why it probably happened, and what to do next (three catalogue messages)."""

    what: Msg
    why: Msg
    next: Msg

    @classmethod
    def of(cls, code: str, /, **params: object) -> Explanation:
        """The explanation stored under `<code>.what`, `<code>.why` and `<code>.next`."""
        return cls(*(Msg(f"{code}.{part}", params) for part in ("what", "why", "next")))

    def render(self, lang: Lang) -> dict[str, str]:
        return {
            "what": self.what.render(lang),
            "why": self.why.render(lang),
            "next": self.next.render(lang),
        }


class WizardError(Exception):
    """A failure we understand and can explain to a non-technical person.

    `code` names the catalogue entry; parameters never hold a full secret, so the
    exception's text is safe to show or log.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        self.explanation = Explanation.of(code, **params)
        super().__init__(self.explanation.what.render("en"))

    def render(self, lang: Lang) -> str:
        """The three sentences in one paragraph, ready to print."""
        parts = self.explanation.render(lang)
        return f"{parts['what']} {parts['why']} {parts['next']}"
