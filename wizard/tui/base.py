"""What every screen of the wizard shares: its texts, its keys, its chrome, its way forward."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg, t

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from wizard.tui.app import WizardApp
    from wizard.tui.state import WizardState


# The footer's words: each action's description comes from the catalogue.
_ACTION_LABELS = {
    "request_quit": "tui.key.quit",
    "help": "tui.key.help",
    "back": "tui.key.back",
    "toggle_visible": "tui.key.show",
}


def translate_bindings(node: DOMNode, lang: Lang) -> None:
    """Give `node`'s key bindings their description in `lang` (shown in the footer)."""
    bindings = node._bindings  # Textual keeps them here; there is no public setter
    for key, entries in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(_ACTION_LABELS[str(b.action)], lang))
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
        return cast("WizardApp", cast(Screen[Any], self).app)

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
    """A step of the wizard. `STEP` is its place in `WizardState.steps`."""

    STEP = ""
    BINDINGS = [Binding("escape", "back", "Back", show=True)]
    takes_a_key = False  # a key screen: the demo's help can paste a key into it

    def on_mount(self) -> None:
        translate_bindings(self, self.state.lang)

    def compose_top(self) -> ComposeResult:
        """The chrome: title, project folder and Help, then where this step sits among the
        others (our own title line: Textual's Header has no room for a Help button)."""
        from wizard.tui.stepper import TopBar

        yield TopBar(self.state.steps, self.STEP, self.state.lang)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def go_next(self) -> None:
        self.wizard.advance(self.STEP)

    def receive_key(self, text: str) -> None:
        """A key given by the demo's help; only key screens take one."""


ResultT = TypeVar("ResultT")


class WizardModal(Texts, ModalScreen[ResultT]):
    """A pop-up over a step; Escape closes it with no answer (None)."""

    BINDINGS = [Binding("escape", "dismiss", "Back", show=False)]
