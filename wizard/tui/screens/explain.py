"""Step 2: the two keys, in pictures and plain words, and the one rule."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer

from wizard.tui.base import WizardScreen, Words


class ExplainScreen(WizardScreen):
    STEP = "explain"
    DEFAULT_CSS = """
    ExplainScreen #chain { border: round $accent; padding: 0 1; margin-bottom: 1; }
    ExplainScreen #two-keys { height: auto; }
    ExplainScreen .card { width: 1fr; border: round $primary; padding: 0 1; height: auto; }
    ExplainScreen .card.paid { border: round $warning; }
    ExplainScreen .rule { text-style: bold; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
            yield Words(self.t("tui.explain.heading"), classes="heading")
            yield Words(self.t("tui.explain.chain"), id="chain")
            with Horizontal(id="two-keys"):
                yield Words(self.t("tui.explain.openwebui"), classes="card free")
                yield Words(self.t("tui.explain.openai"), classes="card paid")
            yield Words(self.t("tui.explain.rule"), classes="rule")
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.button.back"), id="back")
            yield Button(self.t("tui.button.forward"), id="next", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#next", Button).focus()

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.go_next()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()
