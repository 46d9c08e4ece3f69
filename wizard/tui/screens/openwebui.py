"""Step 3: the Open WebUI key, with its server's address (tested as it is typed in)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input

from wizard.core.keyflow import MadeKey
from wizard.core.keys import Slot
from wizard.tui.base import Words
from wizard.tui.key_field import KeyField
from wizard.tui.screens.keys import KeyScreen


class OpenWebUIKeyScreen(KeyScreen):
    STEP = "openwebui"
    SLOT = Slot.OPENWEBUI
    NAME = "openwebui"

    @dataclass
    class AddressTested(Message):
        """The address check's verdict, as (css class, sentence) lines."""

        lines: list[tuple[str, str]]

    def compose_alternatives(self) -> ComposeResult:
        yield Button(self.t("tui.signin.button"), id="signin")

    def compose_extra(self) -> ComposeResult:
        yield Words(self.t("tui.address"), classes="label")
        with Horizontal(classes="field-row"):
            yield Input(self.state.openwebui_url, id="address")
            yield Button(self.t("tui.address.test"), id="test-address", classes="small")
        yield Vertical(id="address-verdict")

    def on_mount(self) -> None:
        super().on_mount()
        self.test_address(self.state.openwebui_url)

    def _address(self) -> str:
        self.state.openwebui_url = self.query_one("#address", Input).value.strip()
        return self.state.openwebui_url

    @on(Input.Submitted, "#address")
    @on(Button.Pressed, "#test-address")
    def _test_again(self) -> None:
        self.test_address(self._address())

    @on(Button.Pressed, "#signin")
    def _sign_in(self) -> None:
        from wizard.tui.signin import SignInModal
        from wizard.tui.transport_question import ask_before_sending

        url = self._address()
        ask_before_sending(self, [url], lambda: self.app.push_screen(SignInModal(url), self._made))

    def before_next(self) -> None:
        self._address()

    def _made(self, made: MadeKey | None) -> None:
        """The key Open WebUI just made goes in the field, where it is recognised as usual."""
        if made is not None:
            self.query_one(KeyField).fill(made.key.secret.reveal())

    @work(exclusive=True, group="address")
    async def test_address(self, url: str) -> None:
        from wizard.core.probes import Timeouts, probe_openwebui_address

        self.show_address([("info", self.t("tui.address.testing"))])
        try:
            result = await probe_openwebui_address(url, Timeouts(connect=3, read=5, total=8))
            parts = result.diagnosis.explanation.render(self.state.lang)
            lines = [
                ("ok" if result.ok else "problem", ("✓ " if result.ok else "✗ ") + parts["what"])
            ]
            if not result.ok:
                lines.append(("info", parts["next"]))
        except Exception as error:
            lines = [("problem", self.explain(error))]
        self.post_message(self.AddressTested(lines))

    @on(AddressTested)
    def _address_tested(self, event: AddressTested) -> None:
        self.show_address(event.lines)

    def show_address(self, lines: list[tuple[str, str]]) -> None:
        box = self.query_one("#address-verdict", Vertical)
        box.remove_children()
        box.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
