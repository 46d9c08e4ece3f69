"""Step 4: the OpenAI key (voice server, and Open WebUI's connection for an admin)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Checkbox

from wizard.core.keys import Slot
from wizard.tui.screens.keys import KeyScreen
from wizard.tui.toggles import Tick


class OpenAIKeyScreen(KeyScreen):
    STEP = "openai"
    SLOT = Slot.OPENAI
    NAME = "openai"

    def compose_extra(self) -> ComposeResult:
        session = self.state.session
        if session is not None and session.is_admin:
            yield Tick(
                self.t("tui.openai.connection"), value=self.state.set_connection, id="connection"
            )

    def compose_alternatives(self) -> ComposeResult:
        yield Button(self.t("tui.skip-voice"), id="skip")

    @on(Checkbox.Changed, "#connection")
    def _connection(self, event: Checkbox.Changed) -> None:
        self.state.set_connection = event.value

    @on(Button.Pressed, "#skip")
    def _skip(self) -> None:
        self.state.skip_voice = True
        self.state.keys.pop(self.SLOT, None)
        self.go_next()

    def before_next(self) -> None:
        self.state.skip_voice = False
