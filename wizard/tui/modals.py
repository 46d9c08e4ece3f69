"""The pop-ups: help for the current step (with the demo's keys), and yes-or-no questions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button

from wizard.core.keys import Slot
from wizard.tui.base import WizardModal, Words


class HelpModal(WizardModal[Slot | None]):
    """Help for one step. In the demo it also shows the made-up keys, each on lines of its
    own outside any border (a mouse selection then copies the key and nothing else), with a
    one-key "paste it for me" on the key steps."""

    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal #help-body { height: auto; max-height: 100%; background: $surface; }
    HelpModal #dialog { border: thick $accent; padding: 0 1; height: auto; }
    HelpModal #help-text { margin-bottom: 1; }
    HelpModal #demo-keys { height: auto; padding: 0 1; }
    HelpModal .demo-key { color: $text; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close", show=False),
        Binding("1", "paste('openwebui')", show=False),
        Binding("2", "paste('openai')", show=False),
    ]

    def __init__(self, step: str, can_paste: bool) -> None:
        super().__init__()
        self.step = step
        self.can_paste = can_paste  # the demo, on a key step

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            with Vertical(id="dialog"):
                yield Words(self.t("tui.help.title"), classes="heading")
                yield Words(self.t(f"tui.help.{self.step}"), id="help-text")
                yield Words(self.t("tui.help.keys"))
            demo = self.state.demo
            if demo is not None:
                # Made-up keys that only work with the demo's own servers: shown whole on
                # purpose, so the newcomer can copy them. Real keys are never shown.
                with Vertical(id="demo-keys"):
                    yield Words(self.t("tui.help.demo-intro"), classes="label")
                    yield Words(self.t("tui.help.demo-openwebui"))
                    yield Words(demo.openwebui_key, classes="demo-key")
                    yield Words(self.t("tui.help.demo-openai"))
                    yield Words(demo.openai_key, classes="demo-key")
                    yield Words(
                        self.t(
                            "tui.help.demo-more",
                            email=demo.admin_email,
                            password=demo.admin_password,
                            page=demo.chat_page_url,
                        )
                    )
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.help.close"), id="close", variant="primary")
                if self.can_paste:
                    yield Button(self.t("tui.help.paste-openwebui"), id="paste-openwebui")
                    yield Button(self.t("tui.help.paste-openai"), id="paste-openai")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#paste-openwebui")
    def _paste_openwebui(self) -> None:
        self.action_paste("openwebui")

    @on(Button.Pressed, "#paste-openai")
    def _paste_openai(self) -> None:
        self.action_paste("openai")

    def action_paste(self, slot: str) -> None:
        if self.can_paste:
            self.dismiss(Slot.OPENWEBUI if slot == "openwebui" else Slot.OPENAI)


class ConfirmModal(WizardModal[bool]):
    """A question with two answers; the safe one (`no`) has the focus."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal #dialog {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    """

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Words(self.question)
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="stay", variant="primary")
                yield Button(self.yes, id="quit", variant="error")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#stay")
    def _no(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#quit")
    def _yes(self) -> None:
        self.dismiss(True)


class QuitModal(ConfirmModal):
    def __init__(self) -> None:
        super().__init__("", "", "")

    def compose(self) -> ComposeResult:
        self.question = self.t("tui.quit.question")
        self.yes, self.no = self.t("tui.quit.yes"), self.t("tui.quit.no")
        yield from super().compose()
