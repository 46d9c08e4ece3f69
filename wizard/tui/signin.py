"""'Make the key for me': sign in to Open WebUI and have it make the backend's API key.

Everything is the engine's (`wizard.core.keyflow`), the same as `technova-setup login`: the
files are checked writable before a key is made, the new key is kept safe at once, and an
admin's own key never grants anything to other users. Consents asked here: an admin may switch
API keys on if they are off; for a user who may not make a key, letting every user make one is
its own unticked question, for which an admin signs in once. Passwords are read into `Secret`s
and live only in the workers' calls.
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

    @dataclass
    class NeedsGrant(Message):
        """The user may not make a key: the admin's message, and the user's session."""

        text: str
        user: Session

    user: Session | None = None  # signed in, refused a key: kept for the grant

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
            with Vertical(id="grant-box"):  # only after a user was refused a key
                yield Tick("", value=False, id="grant")  # its words name the user: later
                yield Input(placeholder=self.t("tui.signin.admin-email"), id="admin-email")
                yield Input(
                    placeholder=self.t("tui.signin.admin-password"), password=True, id="admin-pw"
                )
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.quit.no"), id="cancel")
                yield Button(self.t("tui.signin.go"), id="go", variant="primary")
                yield Button(self.t("tui.signin.grant-go"), id="grant-go", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()
        self.query_one("#grant-box").display = False
        self.query_one("#grant-go").display = False

    @property
    def plain_http_allowed(self) -> bool:
        """The person already agreed to send secrets to this plain-http address."""
        return self.url in self.state.allowed_plain_http

    @on(Tick.Changed, "#grant")
    def _grant_ticked(self, event: Tick.Changed) -> None:
        for name in ("#admin-email", "#admin-pw", "#grant-go"):
            self.query_one(name).display = event.value

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#email, #password")
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
            session = keyflow.sign_in(
                self.url, email, password, allow_plain_http=self.plain_http_allowed
            )
            made = keyflow.obtain_api_key(session, keyflow.KeyConsent(enable), state.project)
        except Exception as error:
            self.post_message(self.Refused(self.explain(error)))
            return
        if isinstance(made, keyflow.AdminRequest):
            reason, request = made.reason.render(state.lang), made.message.render(state.lang)
            self.post_message(self.NeedsGrant(f"{reason}\n\n{request}", session))
            return
        self.post_message(self.Made(made, session))

    @on(Button.Pressed, "#grant-go")
    def _start_grant(self) -> None:
        email = self.query_one("#admin-email", Input).value.strip()
        password = Secret(self.query_one("#admin-pw", Input).value)
        if self.user is None or not email or not password:
            return
        self._say("info", self.t("tui.working"))
        self.query_one("#grant-go", Button).disabled = True
        self.grant_and_make(self.user, email, password)

    @work(thread=True, exclusive=True)
    def grant_and_make(self, user: Session, email: str, password: Secret) -> None:
        """The admin signs in once and lets every user make a key; then the user's is made."""
        from wizard.core import keyflow

        try:
            admin = keyflow.sign_in(
                self.url, email, password, allow_plain_http=self.plain_http_allowed
            )
            keyflow.let_users_make_keys(admin)
            made = keyflow.obtain_api_key(user, keyflow.KeyConsent(), self.state.project)
        except Exception as error:
            self.post_message(self.Refused(self.explain(error)))
            return
        if isinstance(made, keyflow.AdminRequest):
            self.post_message(self.Refused(made.reason.render(self.state.lang)))
            return
        self.post_message(self.Made(made, user))

    @on(NeedsGrant)
    def _needs_grant(self, event: NeedsGrant) -> None:
        self.user = event.user
        self._say("problem", event.text)
        self.query_one("#grant-box").display = True
        grant = self.query_one("#grant", Tick)
        grant.label = self.t("keyflow.grant-question", email=event.user.email)  # as login asks
        for name in ("#admin-email", "#admin-pw", "#grant-go"):
            self.query_one(name).display = grant.value
        self.query_one("#go", Button).display = False

    @on(Made)
    def _made(self, event: Made) -> None:
        self.state.session = event.session  # an admin's may also set the OpenAI connection
        self.dismiss(event.made)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._say("problem", event.text)
        self.query_one("#go", Button).disabled = False
        self.query_one("#grant-go", Button).disabled = False

    def _say(self, css: str, text: str) -> None:
        box = self.query_one("#signin-outcome", Vertical)
        box.remove_children()
        box.mount(Words(text, classes=f"verdict-{css}"))
