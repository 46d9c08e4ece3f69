"""Step 7: the project re-read after writing — what works, what is left, where each key
lives, when to renew, a reminder to copy or install, and what to restart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer

from wizard.core.reminder import TimerInstall, cron_line
from wizard.tui.base import WizardScreen, Words
from wizard.tui.project_view import ProjectView


class DoneScreen(WizardScreen):
    STEP = "done"
    BINDINGS = [Binding("escape", "back", "Back", show=False)]

    @dataclass
    class Reread(Message):
        view: ProjectView

    @dataclass
    class ReadFailed(Message):
        text: str

    @dataclass
    class Installed(Message):
        result: TimerInstall

    def action_back(self) -> None:
        """Written is written: Escape here does not go back to a step that wrote files."""

    @property
    def reminder(self) -> str:
        """The cron line; in the demo an example, never the temporary folder's path."""
        state = self.state
        root = Path(self.t("tui.done.example-folder")) if state.demo else state.project.root
        return cron_line(root, state.lang, program=state.program)

    def compose(self) -> ComposeResult:
        state = self.state
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
            yield Words(self.t("tui.done.heading"), classes="heading")
            yield Vertical(Words(self.t("tui.done.checking")), id="summary")
            reminder = "tui.done.reminder-demo" if state.demo else "tui.done.reminder"
            yield Words(self.t(reminder), classes="label")
            yield Words(self.reminder, id="cron", classes="code")
            yield Words("", id="install-outcome")
            yield Words(self.t("tui.done.restart"))
            if state.outcome is not None and state.outcome.backups:
                folder = state.outcome.backups[0].parent
                yield Words(self.t("tui.done.backups", folder=str(folder)))
            if state.demo is not None:
                yield Words(self.t("tui.done.demo-page", page=state.demo.chat_page_url))
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.done.copy"), id="copy")
            if state.demo is None:  # the demo's folder is gone in a minute: nothing to install
                yield Button(self.t("tui.done.install"), id="install")
            yield Button(self.t("tui.done.quit"), id="finish", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#finish", Button).focus()
        self.reread()

    @work(thread=True, exclusive=True, group="reread")
    def reread(self) -> None:
        """The engine reads the project again: the summary says what is true now."""
        from wizard.tui.project_view import read_project_view

        try:
            self.post_message(self.Reread(read_project_view(self.state.project.root)))
        except Exception as error:
            self.post_message(self.ReadFailed(self.explain(error)))

    @on(Reread)
    def _reread(self, event: Reread) -> None:
        from wizard.tui.done_lines import done_lines

        lines = done_lines(self.state, event.view, self.state.outcome)
        self._show([(css, text) for css, text in lines])

    @on(ReadFailed)
    def _read_failed(self, event: ReadFailed) -> None:
        self._show([("problem", event.text)])

    def _show(self, lines: list[tuple[str, str]]) -> None:
        summary = self.query_one("#summary", Vertical)
        summary.remove_children()
        summary.mount_all([Words(text, classes=f"verdict-{css} {css}") for css, text in lines])

    @on(Button.Pressed, "#copy")
    def _copy(self) -> None:
        self.app.copy_to_clipboard(self.reminder)  # OSC 52: works over SSH too
        self.notify(self.t("tui.done.copied"))

    @on(Button.Pressed, "#install")
    def _install(self) -> None:
        """A systemd user timer runs the same check daily: asked first, it changes the
        person's session."""
        from wizard.tui.modals import ConfirmModal

        question = self.t("tui.done.install-question")
        yes, no = self.t("tui.done.install-yes"), self.t("tui.button.back")

        def decided(agreed: bool | None) -> None:
            if agreed:
                self.query_one("#install", Button).disabled = True
                self.install_reminder()

        self.app.push_screen(ConfirmModal(question, yes, no), decided)

    @work(thread=True, exclusive=True, group="install")
    def install_reminder(self) -> None:
        from wizard.core.reminder import install_timer, systemd_units

        state = self.state
        units = systemd_units(state.project.root, state.lang, program=state.program)
        self.post_message(self.Installed(install_timer(units)))

    @on(Installed)
    def _installed(self, event: Installed) -> None:
        done = event.result
        if done.enabled:
            text, css = self.t("tui.done.installed"), "ok"
        else:
            problem = done.problem.render(self.state.lang) if done.problem else "—"
            text, css = self.t("tui.done.install-failed", problem=problem), "warning"
            self.query_one("#install", Button).disabled = False
        self.query_one("#install-outcome", Words).update(text)
        self.query_one("#install-outcome", Words).set_classes(f"verdict-{css}")
        self.query_one("#install-outcome", Words).scroll_visible()

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        self.app.exit(0)
