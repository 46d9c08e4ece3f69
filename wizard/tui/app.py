"""The Textual app: holds the state, moves between the steps, asks before quitting."""

from __future__ import annotations

import signal

from textual.app import App
from textual.binding import Binding

from wizard.core.i18n import Lang, t
from wizard.core.keys import Slot
from wizard.tui.base import WizardScreen, translate_bindings
from wizard.tui.state import WizardState


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "TechNova setup"
    BINDINGS = [
        # Priority: they work even while a text field has the focus.
        Binding("f1", "help", "Help", key_display="F1", priority=True, id="help"),
        Binding("ctrl+q", "request_quit", "Quit", priority=True, id="quit"),
        # In a terminal's raw mode Ctrl+C is a key, not a signal: it quits like Ctrl+Q.
        Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.stopped_by: signal.Signals | None = None  # SIGHUP/SIGTERM, when one ended the run

    def on_mount(self) -> None:
        from wizard.tui import signals

        signals.install(self)
        self._apply_language()
        self.push_screen(self.make_screen(self.state.steps[0]))

    def on_unmount(self) -> None:
        from wizard.tui import signals

        signals.uninstall()

    def _apply_language(self) -> None:
        self.title = t("tui.title", self.state.lang)
        self.sub_title = str(self.state.project.root)  # where the person is, always in sight
        translate_bindings(self, self.state.lang)

    def make_screen(self, step: str) -> WizardScreen:
        from wizard.tui import screens

        return screens.SCREENS[step]()

    def advance(self, current: str) -> None:
        """Push the step after `current` (Escape pops back to it, with everything kept)."""
        steps = self.state.steps
        following = steps[steps.index(current) + 1] if current in steps else steps[0]
        self.push_screen(self.make_screen(following))

    def jump_to(self, step: str) -> None:
        """Go back to an earlier step (a Fix button): pop until it is on top, else push it."""
        for index, screen in enumerate(self.screen_stack):
            if isinstance(screen, WizardScreen) and step == screen.STEP:
                while len(self.screen_stack) > index + 1:
                    self.pop_screen()
                return
        self.push_screen(self.make_screen(step))

    def set_language(self, lang: Lang) -> None:
        """Redraw the current step in the other language (nothing typed is lost)."""
        self.state.lang = lang
        self._apply_language()
        step = self.screen.STEP if isinstance(self.screen, WizardScreen) else self.state.steps[0]
        self.switch_screen(self.make_screen(step))

    def show_project(self) -> None:
        """The header names the project folder (after the welcome step changed it)."""
        self.sub_title = str(self.state.project.root)

    def action_help(self) -> None:
        from wizard.tui.modals import HelpModal

        screen = self.screen
        if isinstance(screen, WizardScreen):
            can_paste = screen.takes_a_key and self.state.demo is not None
            self.push_screen(HelpModal(screen.STEP, can_paste), self._paste_demo_key)

    def _paste_demo_key(self, slot: Slot | None) -> None:
        """The help's "paste it for me" (demo only): the chosen key goes in the key field."""
        demo = self.state.demo
        if slot is None or demo is None or not isinstance(self.screen, WizardScreen):
            return
        self.screen.receive_key(demo.openwebui_key if slot is Slot.OPENWEBUI else demo.openai_key)

    def action_request_quit(self) -> None:
        from wizard.tui.modals import QuitModal

        if isinstance(self.screen, QuitModal):
            return
        if not self.state.unsaved:
            self.exit(0 if self.state.written or not self.state.keys else 1)
            return

        def decided(quit_now: bool | None) -> None:
            if quit_now:
                self.exit(1)

        self.push_screen(QuitModal(), decided)
