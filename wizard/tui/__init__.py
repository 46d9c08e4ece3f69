"""The Textual wizard: the engine's face for people who never opened a terminal before.

`run_wizard` is what `technova-setup` (no command) and `python -m wizard` start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.i18n import Lang

if TYPE_CHECKING:
    from wizard.core.demo import DemoEnvironment
    from wizard.tui.app import WizardApp


def make_app(
    project_dir: str, lang: Lang, renew: bool = False, demo: DemoEnvironment | None = None
) -> WizardApp:
    """The app, ready to run (tests use it with `run_test()`)."""
    from wizard.core import reminder
    from wizard.tui.app import WizardApp
    from wizard.tui.project_view import read_project_view
    from wizard.tui.state import WizardState

    # Read before the first screen (a few small files, one PATH lookup): renewal starts at
    # the key screen, which needs the project's address and current key from the first frame.
    view = read_project_view(project_dir)
    state = WizardState(
        lang=lang, project=view.project, renew=renew, demo=demo, program=reminder.program_path()
    )
    state.exposed = view.exposed
    if view.settings is not None:  # else the welcome screen explains the unreadable file
        state.openwebui_url, state.model = view.settings.openwebui_url, view.settings.model
        state.current = dict(view.settings.keys)
    return WizardApp(state)


def run_wizard(
    project_dir: str, lang: Lang, renew: bool = False, demo: DemoEnvironment | None = None
) -> int:
    """Run the wizard in this terminal; the exit code is 0 once written, 1 if left unsaved.

    A closed terminal (SIGHUP) or SIGTERM ends the app the way Ctrl+Q does, so the caller's
    clean-up (the demo's servers and folder) runs and the terminal is given back.
    """
    from wizard.tui.signals import exit_on_signals

    app = make_app(project_dir, lang, renew, demo)
    with exit_on_signals(app):
        code = app.run()
    return int(code or 0)
