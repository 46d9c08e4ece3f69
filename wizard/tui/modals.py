"""The two pop-ups: help for the current step (with the demo's keys), and quit-or-stay."""

from __future__ import annotations

from textual import work
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
                yield Words(
                    self.t(
                        "tui.help.demo",
                        openwebui_key=demo.openwebui_key,
                        openai_key=demo.openai_key,
                        email=demo.admin_email,
                        password=demo.admin_password,
                        page=demo.chat_page_url,
                    ),
                    id="demo-keys",
                )
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


class SignInModal(WizardModal):
    """ "Make the key for me": sign in to Open WebUI and create an API key (with consent).

    Dismissed with the new key (a Secret), or None. The password lives only in the field
    and the worker's call; it is never stored.
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        from wizard.tui.base import Words
        from wizard.tui.toggles import Tick

        with Vertical(id="dialog"):
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
        from textual.widgets import Input

        self.query_one("#email", Input).focus()

    def on_input_submitted(self, event: object) -> None:
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)  # type: ignore[arg-type]
        else:
            self._start()

    def _start(self) -> None:
        from textual.widgets import Input

        from wizard.core.secret import Secret
        from wizard.tui.base import Words

        email = self.query_one("#email", Input).value.strip()
        password = Secret(self.query_one("#password", Input).value)
        if not email or not password.reveal():
            return
        box = self.query_one("#signin-outcome", Vertical)
        box.remove_children()
        box.mount(Words(self.t("tui.working"), classes="verdict-info"))
        self.query_one("#go", Button).disabled = True
        self.make_key(email, password, self.query_one("#enable").value)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True)
    def make_key(self, email: str, password: object, enable: bool) -> None:
        from wizard.core import account
        from wizard.core.errors import WizardError

        try:
            session = account.sign_in(self.url, email, password)  # type: ignore[arg-type]
            try:
                key = account.create_api_key(self.url, session.token)
            except WizardError as error:
                if error.code != "account.keys-off":
                    raise
                if not session.is_admin:
                    text = (
                        error.render(self.state.lang)
                        + "\n\n"
                        + account.admin_request(session.email, self.url).render(self.state.lang)
                    )
                    self.app.call_from_thread(self._failed, text)
                    return
                if not enable:
                    raise
                account.enable_api_keys(session, for_users=True)
                key = account.create_api_key(self.url, session.token)
        except Exception as error:
            self.app.call_from_thread(self._failed, self.explain(error))
            return
        self.state.session = session
        self.app.call_from_thread(self.dismiss, key)  # type: ignore[arg-type]

    def _failed(self, text: str) -> None:
        from wizard.tui.base import Words

        box = self.query_one("#signin-outcome", Vertical)
        box.remove_children()
        box.mount(Words(text, classes="verdict-problem"))
        self.query_one("#go", Button).disabled = False
