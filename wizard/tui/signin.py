"""'Make the key for me': sign in to Open WebUI and have it make the backend's API key.

Everything is the engine's (`wizard.core.keyflow`), the same as `technova-setup login`: the
files are checked writable before a key is made, the new key is kept safe at once, and an
admin's own key never grants anything to other users. The one consent asked here: an admin
may switch API keys on for the server if they are off. The password is read into a `Secret`
and lives only in the worker's call.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input

from wizard.core.keyflow import MadeKey, Session
from wizard.core.secret import Secret
from wizard.tui.base import WizardModal, Words
from wizard.tui.toggles import Tick


class SignInModal(WizardModal[MadeKey | None]):
    """Dismissed with the key Open WebUI made, or None."""

    DEFAULT_CSS = """
    SignInModal { align: center middle; }
    SignInModal #dialog {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    SignInModal #signin-outcome { height: auto; }
    """

    @dataclass
    class Made(Message):
        made: MadeKey
        session: Session

    @dataclass
    class Refused(Message):
        text: str

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Words(self.t("tui.signin.heading", url=self.url), classes="heading")
            yield Words(self.t("tui.signin.warning"))
            yield Input(placeholder=self.t("tui.signin.email"), id="email")
            yield Input(placeholder=self.t("tui.signin.password"), password=True, id="password")
            yield Tick(self.t("tui.signin.enable"), value=False, id="enable")
            yield Vertical(id="signin-outcome")
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.quit.no"), id="cancel")
                yield Button(self.t("tui.signin.go"), id="go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def _start(self) -> None:
        email = self.query_one("#email", Input).value.strip()
        password = Secret(self.query_one("#password", Input).value)
        if not email or not password:
            return
        self._say("info", self.t("tui.working"))
        self.query_one("#go", Button).disabled = True
        self.make_key(email, password, self.query_one("#enable", Tick).value)

    @work(thread=True, exclusive=True)
    def make_key(self, email: str, password: Secret, enable: bool) -> None:
        from wizard.core import keyflow

        state = self.state
        try:
            keyflow.ensure_writable(state.project)  # before the old key can die
            session = keyflow.sign_in(self.url, email, password)
            made = keyflow.obtain_api_key(session, keyflow.KeyConsent(enable), state.project)
        except Exception as error:
            self.post_message(self.Refused(self.explain(error)))
            return
        if isinstance(made, keyflow.AdminRequest):
            reason, request = made.reason.render(state.lang), made.message.render(state.lang)
            self.post_message(self.Refused(f"{reason}\n\n{request}"))
            return
        self.post_message(self.Made(made, session))

    @on(Made)
    def _made(self, event: Made) -> None:
        self.state.session = event.session  # an admin's may also set the OpenAI connection
        self.dismiss(event.made)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._say("problem", event.text)
        self.query_one("#go", Button).disabled = False

    def _say(self, css: str, text: str) -> None:
        box = self.query_one("#signin-outcome", Vertical)
        box.remove_children()
        box.mount(Words(text, classes=f"verdict-{css}"))
