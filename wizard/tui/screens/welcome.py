"""Step 1: language, project folder, what will happen — and what is already wrong."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, RadioSet
from textual.worker import get_current_worker

from wizard.tui.base import WizardScreen, Words
from wizard.tui.toggles import Choice

# Problems that send the person straight to renewing the Open WebUI key.
RENEWAL_CODES = {
    "jwt-expired",
    "jwt-expiring",
    "key-unusable",
    "key-in-wrong-file",
    "key-with-extras",
    "missing-key.OPENWEBUI_API_KEY",
}
_ICONS = {"critical": "✗", "unknown": "?", "warning": "!", "info": "·"}


class WelcomeScreen(WizardScreen):
    STEP = "welcome"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t("tui.welcome.heading"), classes="heading")
            yield Words(self.t("tui.welcome.intro"))
            yield Words(self.t("tui.welcome.language"), classes="label")
            with RadioSet(id="language"):
                yield Choice("English", value=self.state.lang == "en", id="lang-en")
                yield Choice("Français", value=self.state.lang == "fr", id="lang-fr")
            yield Words(self.t("tui.welcome.folder"), classes="label")
            with Horizontal(classes="field-row"):
                yield Input(str(self.state.project.root), id="folder")
                yield Button(self.t("tui.welcome.use-folder"), id="use-folder", classes="small")
            yield Vertical(Words(self.t("tui.welcome.reading")), id="summary")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.t("tui.welcome.renew"), id="renew", variant="warning", classes="hidden"
                )
                yield Button(self.t("tui.welcome.start"), id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        self.read_project(str(self.state.project.root))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        lang = "fr" if event.pressed.id == "lang-fr" else "en"
        if lang != self.state.lang:
            self.wizard.set_language(lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "folder":
            self.read_project(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "use-folder":
            self.read_project(self.query_one("#folder", Input).value)
        elif event.button.id == "start":
            self.state.renew = False
            self.go_next()
        elif event.button.id == "renew":
            self.state.renew = True
            self.wizard.push_screen(self.wizard.make_screen("openwebui"))

    @work(thread=True, exclusive=True, group="project")
    def read_project(self, folder: str) -> None:
        """Files only (no network): find the project, read its settings and its problems."""
        from wizard.core.checks import read_settings
        from wizard.core.project import find_project
        from wizard.core.status import project_status

        try:
            project = find_project(Path(folder).expanduser())
            settings = read_settings(project)
            report = project_status(project)
        except Exception as error:  # shown as a sentence; the screen stays usable
            self.app.call_from_thread(self._show_summary, [("problem", self.explain(error))], False)
            return
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._apply, project, settings, report)

    def _apply(self, project, settings, report) -> None:  # type: ignore[no-untyped-def]
        state = self.state
        state.project = project
        state.openwebui_url = settings.openwebui_url
        state.model = settings.model
        state.current = dict(settings.keys)
        self.query_one("#folder", Input).value = str(project.root)
        existing = [
            project.relative(p)
            for p in (project.backend_env, project.voice_env, project.widget_config)
            if p.exists()
        ]
        lines = [
            (
                "info",
                self.t("tui.welcome.found", files=", ".join(existing))
                if existing
                else self.t("tui.welcome.new-project"),
            )
        ]
        order = ["critical", "unknown", "warning", "info"]
        shown = sorted(
            (p for p in report.problems if p.code != "project-not-found"),
            key=lambda p: order.index(p.severity.value),
        )
        if shown:
            lines.append(("info", self.t("tui.welcome.problems", count=len(shown))))
            lines += [
                (p.severity.value, f"{_ICONS[p.severity.value]} {p.message.render(state.lang)}")
                for p in shown[:6]
            ]
        needs_renewal = any(
            p.code in RENEWAL_CODES and (p.file or "").startswith("backend") for p in shown
        )
        self._show_summary(lines, needs_renewal)

    def _show_summary(self, lines: list[tuple[str, str]], needs_renewal: bool) -> None:
        summary = self.query_one("#summary", Vertical)
        summary.remove_children()
        summary.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
        self.query_one("#renew", Button).set_class(not needs_renewal, "hidden")
