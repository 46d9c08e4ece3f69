"""The Textual app: holds the state, moves between the steps, asks before quitting."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from wizard.core.i18n import t
from wizard.tui.state import WizardState


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "TechNova setup"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state

    def on_mount(self) -> None:
        self.title = t("tui.title", self.state.lang)
        self._apply_binding_labels()
        self.push_screen(self.make_screen(self.state.steps[0]))

    def _apply_binding_labels(self) -> None:
        from wizard.tui.base import translate_bindings

        translate_bindings(self, self.state.lang)

    def make_screen(self, step: str):  # type: ignore[no-untyped-def]
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
            if getattr(screen, "STEP", None) == step:
                while len(self.screen_stack) > index + 1:
                    self.pop_screen()
                return
        self.push_screen(self.make_screen(step))

    def set_language(self, lang: str) -> None:
        """Redraw the current step in the other language (nothing typed is lost)."""
        self.state.lang = lang  # type: ignore[assignment]
        self.title = t("tui.title", self.state.lang)
        self._apply_binding_labels()
        step = getattr(self.screen, "STEP", self.state.steps[0])
        self.switch_screen(self.make_screen(step))

    def action_help(self) -> None:
        from wizard.tui.modals import HelpModal

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(getattr(self.screen, "STEP", "welcome")))

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
