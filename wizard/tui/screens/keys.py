"""What the two key steps share: the current key, the field, and a button that says what
Enter does ("Keep the current key" while the field is empty, "Use this key" once pasted)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input

from wizard.core.keys import KeyReport, Slot
from wizard.core.secret import Secret
from wizard.tui.base import WizardScreen, Words
from wizard.tui.key_field import KeyField


class KeyScreen(WizardScreen):
    SLOT = Slot.OPENWEBUI
    NAME = "openwebui"
    takes_a_key = True

    def compose(self) -> ComposeResult:
        state = self.state
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
            yield Words(self.t(f"tui.{self.NAME}.heading"), classes="heading")
            yield Words(self.t(f"tui.{self.NAME}.where"))
            yield from self.compose_extra()
            yield Words(self.current_text(), id="current")
            if self.current_exposed:
                yield Words(
                    self.t(f"tui.field.exposed.{self.NAME}"),
                    id="exposed",
                    classes="verdict-problem",
                )
            yield KeyField(self.SLOT, state.lang, state.typed.get(self.SLOT), id="field")
            pasted_exposed = Words(
                self.t("tui.field.pasted-exposed"), id="pasted-exposed", classes="verdict-problem"
            )
            pasted_exposed.display = False
            yield pasted_exposed
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.button.back"), id="back")
            yield from self.compose_alternatives()
            yield Button(self.t("tui.use-key"), id="next", variant="primary", disabled=True)
        yield Footer()

    def compose_extra(self) -> ComposeResult:
        return iter(())

    def compose_alternatives(self) -> ComposeResult:
        return iter(())

    @property
    def current(self) -> KeyReport | None:
        return self.state.current.get(self.SLOT)

    @property
    def current_exposed(self) -> bool:
        """The key in the .env file is also in technova-config.js: it must be replaced."""
        return self.state.is_exposed(self.current)

    @property
    def can_keep(self) -> bool:
        current = self.current
        return current is not None and current.usable and not self.current_exposed

    def current_text(self) -> str:
        from wizard.core.expiry import expiry_message
        from wizard.core.plan import env_file_for

        project = self.state.project
        file = project.relative(env_file_for(project, self.SLOT))
        current = self.current
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
        super().on_mount()
        self.query_one("#key-input", Input).focus()
        self._update_next(self.query_one(KeyField).report)

    @on(Input.Changed, "#key-input")
    def _typed(self, event: Input.Changed) -> None:
        self.state.typed[self.SLOT] = Secret(event.value)

    @on(KeyField.Recognised)
    def _recognised(self, event: KeyField.Recognised) -> None:
        self._update_next(event.report)
        self.query_one("#pasted-exposed").display = self.state.is_exposed(event.report)
        # On a small terminal the verdict is below the field: bring it into view.
        self.call_after_refresh(self.query_one("#verdict").scroll_visible, animate=False)

    @on(Input.Submitted, "#key-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.press_next()  # Enter does what the primary button says

    def _update_next(self, report: KeyReport | None) -> None:
        button = self.query_one("#next", Button)
        keeping = report is None and self.can_keep
        button.label = self.t("tui.keep-current" if keeping else "tui.use-key")
        button.disabled = not keeping and (report is None or not report.usable)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#next")
    def press_next(self) -> None:
        if self.query_one("#next", Button).disabled:
            return
        report = self.query_one(KeyField).report
        if report is None:
            self._keep_current()
        elif report.usable:
            self.state.keys[self.SLOT] = report
            self.before_next()
            self.go_next()

    def _keep_current(self) -> None:
        current = self.current
        if current is None:
            return
        self.state.typed.pop(self.SLOT, None)
        if current.fixes:
            # Saved with a space, quotes…: keeping it means writing it back cleaned.
            self.state.keys[self.SLOT] = current
        else:
            self.state.keys.pop(self.SLOT, None)
        self.before_next()
        self.go_next()

    def before_next(self) -> None:
        pass

    def receive_key(self, text: str) -> None:
        self.query_one(KeyField).fill(text)
