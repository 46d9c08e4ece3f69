"""What every screen of the wizard shares: its texts, its keys, its way forward and back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from wizard.core.errors import WizardError
from wizard.core.i18n import Msg, t

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp
    from wizard.tui.state import WizardState


# The footer's words: each action's description comes from the catalogue.
_ACTION_LABELS = {
    "request_quit": "tui.key.quit",
    "help": "tui.key.help",
    "back": "tui.key.back",
    "toggle_visible": "tui.key.show",
}


def translate_bindings(node: Any, lang: str) -> None:
    """Give `node`'s key bindings their description in `lang` (shown in the footer)."""
    import dataclasses

    bindings = node._bindings  # Textual keeps them here; there is no public setter
    for key, entries in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(_ACTION_LABELS[b.action], lang))  # type: ignore[arg-type]
            if b.action in _ACTION_LABELS
            else b
            for b in entries
        ]


class Words(Static):
    """Text shown as written: our sentences hold brackets (`──[OpenAI key]──▶`) and pasted
    text can hold anything, so nothing is read as Textual markup."""

    def __init__(self, content: str = "", **kwargs: Any) -> None:
        super().__init__(content, markup=False, **kwargs)


class Texts:
    """`self.t(key, **params)` in the user's language."""

    @property
    def wizard(self) -> WizardApp:
        return self.app  # type: ignore[attr-defined,no-any-return]

    @property
    def state(self) -> WizardState:
        return self.wizard.state

    def t(self, key: str, **params: Any) -> str:
        rendered = {
            k: v.render(self.state.lang) if isinstance(v, Msg) else v for k, v in params.items()
        }
        return t(key, self.state.lang, **rendered)

    def explain(self, error: BaseException) -> str:
        """A sentence for any failure in a worker: ours in full, others by class name only."""
        if isinstance(error, WizardError):
            return error.render(self.state.lang)
        return self.t("tui.unexpected", error=type(error).__name__)


class WizardScreen(Texts, Screen[None]):
    """A step of the wizard. `name` is its place in `WizardState.steps`."""

    STEP = ""
    BINDINGS = [Binding("escape", "back", "Back", show=True)]

    def on_mount(self) -> None:
        translate_bindings(self, self.state.lang)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def step_label(self) -> str:
        steps = self.state.steps
        number = steps.index(self.STEP) + 1 if self.STEP in steps else 0
        return self.t("tui.step", number=number, total=len(steps))

    def go_next(self) -> None:
        self.wizard.advance(self.STEP)


class WizardModal(Texts, ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Back", show=False)]
