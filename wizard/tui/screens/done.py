"""Step 7: what works, where each key lives, when to renew, and what to restart."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header

from wizard.core.expiry import expiry_message
from wizard.core.keys import Slot
from wizard.core.plan import env_file_for
from wizard.core.reminder import cron_line, systemd_units
from wizard.tui.base import WizardScreen, Words
from wizard.tui.screens.tests import PROBES


class DoneScreen(WizardScreen):
    STEP = "done"
    BINDINGS = [Binding("escape", "back", "Back", show=False)]

    def action_back(self) -> None:
        """Written is written: Escape here does not go back to a step that wrote files."""

    def compose(self) -> ComposeResult:
        state = self.state
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t("tui.done.heading"), classes="heading")
            for name in PROBES:
                result = state.results.get(name)
                label = self.t(f"probe.{name}")
                if result is None:
                    yield Words(self.t("tui.done.untested", name=label), classes="verdict-info")
                elif result.ok:
                    yield Words(self.t("tui.done.works", name=label), classes="verdict-ok")
                else:
                    what = result.diagnosis.explanation.render(state.lang)["what"]
                    yield Words(
                        self.t("tui.done.fails", name=label, what=what), classes="verdict-problem"
                    )
            for slot in (Slot.OPENWEBUI, Slot.OPENAI):
                report = state.key_for(slot)
                if report is None:
                    continue
                keyring = (
                    self.t("tui.done.and-keyring")
                    if state.in_keyring and slot in state.keys
                    else ""
                )
                yield Words(
                    self.t(
                        "tui.done.where",
                        kind=self.t(f"kind.{report.kind.value}"),
                        masked=report.masked,
                        file=state.project.relative(env_file_for(state.project, slot)),
                        keyring=keyring,
                    ),
                    classes="where",
                )
            owui = state.key_for(Slot.OPENWEBUI)
            if owui is not None:
                renewal = expiry_message(owui, state.lang).render(state.lang)
                yield Words(self.t("tui.done.renewal", text=renewal), classes="renewal")
                yield Words(self.t("tui.done.reminder"))
                yield Words(
                    cron_line(state.project.root, state.lang, program=state.program),
                    id="cron",
                    classes="code",
                )
                yield Words(self.t("tui.done.systemd"))
                units = systemd_units(state.project.root, state.lang, program=state.program)
                yield Words(
                    units["technova-check.service"].split("ExecStart=")[1].strip(), classes="code"
                )
            yield Words(self.t("tui.done.restart"))
            if state.demo is not None:
                yield Words(self.t("tui.done.demo-page", page=state.demo.chat_page_url))
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.done.quit"), id="finish", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#finish", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.app.exit(0)
