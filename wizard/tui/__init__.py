"""The Textual wizard: the engine's face for people who never opened a terminal before.

`run_wizard` is what `technova-setup` (no command) and `python -m wizard` start.
"""

from __future__ import annotations

from typing import Any

from wizard.core.i18n import Lang


def make_app(project_dir: str, lang: Lang, renew: bool = False, demo: Any = None):  # type: ignore[no-untyped-def]
    """The app, ready to run (tests use it with `run_test()`)."""
    from wizard.core import reminder
    from wizard.core.checks import read_settings
    from wizard.core.project import find_project
    from wizard.tui.app import WizardApp
    from wizard.tui.state import WizardState

    # Read before the first screen (a few small files, one PATH lookup): renewal starts at
    # the key screen, which needs the project's address and current key from the first frame.
    project = find_project(project_dir)
    state = WizardState(
        lang=lang, project=project, renew=renew, demo=demo, program=reminder.program_path()
    )
    try:
        settings = read_settings(project)
    except Exception:  # an unreadable file: the welcome screen explains it
        return WizardApp(state)
    state.openwebui_url, state.model = settings.openwebui_url, settings.model
    state.current = dict(settings.keys)
    return WizardApp(state)


def run_wizard(project_dir: str, lang: Lang, renew: bool = False, demo: Any = None) -> int:
    """Run the wizard in this terminal; the exit code is 0 once written, 1 if left unsaved."""
    code = make_app(project_dir, lang, renew, demo).run()
    return int(code or 0)
