"""Before a key or a password goes over plain http to another computer: say so, and ask."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wizard.core.transport import secret_may_go_to
from wizard.tui.base import WizardScreen


def ask_before_sending(
    screen: WizardScreen,
    urls: Sequence[str],
    then: Callable[[], object],
    otherwise: Callable[[], object] | None = None,
) -> None:
    """Run `then` at once when secrets may go to every one of `urls` (https, loopback, or
    already agreed); otherwise explain the risk and run it only if the person agrees (else
    `otherwise`)."""
    from wizard.core.errors import WizardError
    from wizard.core.transport import shown_url
    from wizard.tui.modals import ConfirmModal

    state = screen.state
    unsafe = [u for u in dict.fromkeys(urls) if not secret_may_go_to(u)]
    unsafe = [u for u in unsafe if u not in state.allowed_plain_http]
    if not unsafe:
        then()
        return

    def decided(agreed: bool | None) -> None:
        if agreed:
            state.allowed_plain_http |= frozenset(unsafe)
            then()
        elif otherwise is not None:
            otherwise()

    lang = state.lang
    question = "\n\n".join(
        WizardError("transport.plain-http", url=shown_url(url)).render(lang) for url in unsafe
    )
    modal = ConfirmModal(question, screen.t("tui.http.send"), screen.t("tui.http.back"))
    screen.app.push_screen(modal, decided)
