"""Steps 3 and 4: the Open WebUI key (with its server's address) and the OpenAI key."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input

from wizard.core.keys import KeyReport, Slot
from wizard.tui.base import WizardScreen, Words
from wizard.tui.key_field import KeyField


class KeyScreen(WizardScreen):
    SLOT = Slot.OPENWEBUI
    NAME = "openwebui"

    def compose(self) -> ComposeResult:
        state = self.state
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t(f"tui.{self.NAME}.heading"), classes="heading")
            yield Words(self.t(f"tui.{self.NAME}.where"))
            yield from self.compose_extra()
            yield Words(self.current_text(), id="current")
            yield KeyField(self.SLOT, state.lang, state.typed.get(self.SLOT, ""), id="field")
            with Horizontal(classes="buttons", id="alternatives"):
                yield from self.compose_alternatives()
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.button.back"), id="back")
                yield Button(
                    self.t("tui.button.forward"), id="next", variant="primary", disabled=True
                )
        yield Footer()

    def compose_extra(self) -> ComposeResult:
        return iter(())

    def compose_alternatives(self) -> ComposeResult:
        current = self.state.current.get(self.SLOT)
        yield Button(
            self.t("tui.keep-current"),
            id="keep",
            classes="" if current is not None and current.usable else "hidden",
        )

    def current_text(self) -> str:
        from wizard.core.expiry import expiry_message
        from wizard.core.plan import env_file_for

        project = self.state.project
        file = project.relative(env_file_for(project, self.SLOT))
        current = self.state.current.get(self.SLOT)
        if current is None:
            return self.t("tui.field.none-current", file=file)
        return self.t(
            "tui.field.current",
            file=file,
            kind=self.t(f"kind.{current.kind.value}"),
            masked=current.masked,
            expiry=expiry_message(current, self.state.lang).render(self.state.lang),
        )

    def on_mount(self) -> None:
        self.query_one("#key-input", Input).focus()
        self._update_next(self.query_one(KeyField).report)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "key-input":
            self.state.typed[self.SLOT] = event.value

    def on_key_field_recognised(self, event: KeyField.Recognised) -> None:
        self._update_next(event.report)
        # On a small terminal the verdict is below the field: bring it into view.
        self.call_after_refresh(self.query_one("#verdict").scroll_visible, animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "key-input":
            return
        if not self.query_one("#next", Button).disabled:
            self._accept()
        elif not event.value.strip() and "hidden" not in self.query_one("#keep").classes:
            self._keep_current()  # Enter on an empty field keeps the key already there

    def _update_next(self, report: KeyReport | None) -> None:
        self.query_one("#next", Button).disabled = report is None or not report.usable

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id
        if button == "back":
            self.action_back()
        elif button == "next":
            self._accept()
        elif button == "keep":
            self._keep_current()
        else:
            self.on_other_button(button or "")

    def on_other_button(self, button: str) -> None:
        pass

    def _keep_current(self) -> None:
        current = self.state.current[self.SLOT]
        self.state.typed[self.SLOT] = ""
        if current.fixes:
            # Saved with a space, quotes…: keeping it means writing it back cleaned.
            self.state.keys[self.SLOT] = current
        else:
            self.state.keys.pop(self.SLOT, None)
        self.go_next()

    def _accept(self) -> None:
        report = self.query_one(KeyField).report
        if report is None or not report.usable:
            return
        self.state.keys[self.SLOT] = report
        self.before_next()
        self.go_next()

    def before_next(self) -> None:
        pass


class OpenWebUIKeyScreen(KeyScreen):
    STEP = "openwebui"
    SLOT = Slot.OPENWEBUI
    NAME = "openwebui"

    def compose_alternatives(self) -> ComposeResult:
        yield from super().compose_alternatives()
        yield Button(self.t("tui.signin.button"), id="signin")

    def compose_extra(self) -> ComposeResult:
        yield Words(self.t("tui.address"), classes="label")
        with Horizontal(classes="field-row"):
            yield Input(self.state.openwebui_url, id="address")
            yield Button(self.t("tui.address.test"), id="test-address", classes="small")
        yield Vertical(id="address-verdict")

    def on_mount(self) -> None:
        self.test_address(self.state.openwebui_url)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "address":
            self.state.openwebui_url = event.value.strip()
            self.test_address(self.state.openwebui_url)
        else:
            super().on_input_submitted(event)

    def on_other_button(self, button: str) -> None:
        if button == "signin":
            from wizard.tui.modals import SignInModal

            self.state.openwebui_url = self.query_one("#address", Input).value.strip()
            self.app.push_screen(SignInModal(self.state.openwebui_url), self._signed_in)
        if button == "test-address":
            self.state.openwebui_url = self.query_one("#address", Input).value.strip()
            self.test_address(self.state.openwebui_url)

    def before_next(self) -> None:
        self.state.openwebui_url = self.query_one("#address", Input).value.strip()

    def _signed_in(self, key: object) -> None:
        """The key Open WebUI just made goes in the field, where it is recognised as usual."""
        if key is None:
            return
        field = self.query_one("#key-input", Input)
        field.value = key.reveal()  # type: ignore[attr-defined]
        field.focus()

    @work(exclusive=True, group="address")
    async def test_address(self, url: str) -> None:
        from wizard.core.probes import Timeouts, probe_openwebui_address

        box = self.query_one("#address-verdict", Vertical)
        await box.remove_children()
        await box.mount(Words(self.t("tui.address.testing"), classes="verdict-info"))
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
        await box.remove_children()
        await box.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])


class OpenAIKeyScreen(KeyScreen):
    STEP = "openai"
    SLOT = Slot.OPENAI
    NAME = "openai"

    def compose_extra(self) -> ComposeResult:
        from wizard.tui.toggles import Tick

        session = self.state.session
        if session is not None and session.is_admin:
            yield Tick(
                self.t("tui.openai.connection"), value=self.state.set_connection, id="connection"
            )

    def compose_alternatives(self) -> ComposeResult:
        yield from super().compose_alternatives()
        yield Button(self.t("tui.skip-voice"), id="skip")

    def on_checkbox_changed(self, event: object) -> None:
        self.state.set_connection = bool(self.query_one("#connection").value)  # type: ignore[attr-defined]

    def on_other_button(self, button: str) -> None:
        if button == "skip":
            self.state.skip_voice = True
            self.state.keys.pop(self.SLOT, None)
            self.go_next()

    def before_next(self) -> None:
        self.state.skip_voice = False
