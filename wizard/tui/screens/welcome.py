"""Step 1: language, project folder, what will happen — and what is already wrong."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Input, RadioSet

from wizard.core.i18n import Lang
from wizard.tui.base import WizardScreen, Words
from wizard.tui.project_view import ProjectView
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
ICONS = {"critical": "✗", "unknown": "?", "warning": "!", "info": "·"}
ORDER = ["critical", "unknown", "warning", "info"]


class WelcomeScreen(WizardScreen):
    STEP = "welcome"
    DEFAULT_CSS = """
    WelcomeScreen #language { layout: horizontal; height: auto; width: auto; border: none; }
    WelcomeScreen #language RadioButton { width: auto; margin-right: 2; }
    """

    @dataclass
    class ProjectRead(Message):
        view: ProjectView

    @dataclass
    class ReadFailed(Message):
        text: str

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
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
        with Horizontal(classes="buttons actions"):
            yield Button(
                self.t("tui.welcome.renew"), id="renew", variant="warning", classes="hidden"
            )
            yield Button(self.t("tui.welcome.start"), id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#start", Button).focus()
        self.read_project(str(self.state.project.root))

    @on(RadioSet.Changed, "#language")
    def _language(self, event: RadioSet.Changed) -> None:
        lang: Lang = "fr" if event.pressed.id == "lang-fr" else "en"
        if lang != self.state.lang:
            self.wizard.set_language(lang)

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#use-folder")
    def _use_folder(self) -> None:
        self.read_project(self.query_one("#folder", Input).value)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.state.renew = False
        self.go_next()

    @on(Button.Pressed, "#renew")
    def _renew(self) -> None:
        self.state.renew = True
        self.wizard.push_screen(self.wizard.make_screen("openwebui"))

    @work(thread=True, exclusive=True, group="project")
    def read_project(self, folder: str) -> None:
        """Files only (no network): the engine reads the project, its settings, its problems."""
        from textual.worker import get_current_worker

        from wizard.tui.project_view import read_project_view

        try:
            view = read_project_view(folder)
        except Exception as error:  # shown as a sentence; the screen stays usable
            self.post_message(self.ReadFailed(self.explain(error)))
            return
        if not get_current_worker().is_cancelled:  # another folder was asked for meanwhile
            self.post_message(self.ProjectRead(view))

    @on(ReadFailed)
    def _read_failed(self, event: ReadFailed) -> None:
        self._show_summary([("problem", event.text)], needs_renewal=False)

    @on(ProjectRead)
    def _project_read(self, event: ProjectRead) -> None:
        view, state = event.view, self.state
        state.project, state.exposed = view.project, view.exposed
        if view.settings is not None:
            state.openwebui_url, state.model = view.settings.openwebui_url, view.settings.model
            state.current = dict(view.settings.keys)
        self.wizard.show_project()
        self.query_one("#folder", Input).value = str(view.project.root)
        existing = view.existing
        found = self.t("tui.welcome.found", files=", ".join(existing)) if existing else None
        lines = [("info", found or self.t("tui.welcome.new-project"))]
        shown = sorted(
            (p for p in view.status.problems if p.code != "project-not-found"),
            key=lambda p: ORDER.index(p.severity.value),
        )
        if shown:
            many = "one" if len(shown) == 1 else "many"
            lines.append(("info", self.t(f"tui.welcome.problems.{many}", count=len(shown))))
            lines += [
                (p.severity.value, f"{ICONS[p.severity.value]} {p.message.render(state.lang)}")
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
