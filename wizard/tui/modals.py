"""The two pop-ups: help for the current step (with the demo's keys), and quit-or-stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from wizard.tui.base import WizardModal, Words


class HelpModal(WizardModal):
    def __init__(self, step: str) -> None:
        super().__init__()
        self.step = step

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Words(self.t("tui.help.title"), classes="heading")
            yield Words(self.t(f"tui.help.{self.step}"), id="help-text")
            yield Words(self.t("tui.help.keys"))
            demo = self.state.demo
            if demo is not None:
                # The demo's keys are made up and only work with its own servers: shown whole
                # on purpose, so the newcomer can copy them. Real keys are never shown.
                yield Words(self.t("tui.help.demo", openwebui_key=demo.openwebui_key,
                                    openai_key=demo.openai_key, email=demo.admin_email,
                                    password=demo.admin_password, page=demo.chat_page_url),
                             id="demo-keys")
            yield Button(self.t("tui.help.close"), id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(False)


class QuitModal(WizardModal):
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Words(self.t("tui.quit.question"))
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.quit.no"), id="stay", variant="primary")
                yield Button(self.t("tui.quit.yes"), id="quit", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")
