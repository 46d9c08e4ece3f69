"""Step 2: the two keys, in pictures and plain words, and the one rule."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header

from wizard.tui.base import WizardScreen, Words


class ExplainScreen(WizardScreen):
    STEP = "explain"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t("tui.explain.heading"), classes="heading")
            yield Words(self.t("tui.explain.chain"), id="chain")
            with Horizontal(id="two-keys"):
                yield Words(self.t("tui.explain.openwebui"), classes="card free")
                yield Words(self.t("tui.explain.openai"), classes="card paid")
            yield Words(self.t("tui.explain.rule"), classes="rule")
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.button.back"), id="back")
                yield Button(self.t("tui.button.forward"), id="next", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#next", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.go_next()
        else:
            self.action_back()
