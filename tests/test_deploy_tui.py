"""The wizard's restart step, walked with Pilot on `--demo`'s Coolify path: it shows what
technova-setup.toml says, sends the new key to Coolify, restarts, follows the deployment and
ends with "the site answers" — or the failing step — at 80×24, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Button, Input, Log, RadioSet
from tui_helpers import press, screen_text, settle

from wizard.core.demo import DemoEnvironment, start_demo_environment
from wizard.core.files.envfile import write_env
from wizard.core.keys import Slot, recognise_key
from wizard.core.project import find_project
from wizard.tui import make_app
from wizard.tui.screens.deploy import DeployScreen
from wizard.tui.toggles import Tick

SIZE = (80, 24)
pytestmark = pytest.mark.anyio


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        project = find_project(running.project)
        # What the wizard's earlier steps leave: both keys fixed in the files.
        write_env(project.backend_env, {"OPENWEBUI_API_KEY": running.openwebui_key})
        write_env(project.voice_env, {"OPENAI_API_KEY": running.openai_key})
        yield running


@pytest.mark.parametrize(
    ("lang", "answers"), [("en", "The site answers"), ("fr", "Le site répond")]
)
async def test_the_coolify_path_ends_with_the_site_answering(
    demo: DemoEnvironment, lang: str, answers: str
) -> None:
    app = make_app(str(demo.project), lang, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.state.keys[Slot.OPENWEBUI] = recognise_key(demo.openwebui_key, slot=Slot.OPENWEBUI)
        await app.push_screen(DeployScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DeployScreen)
        assert "Coolify" in screen_text(app)  # what technova-setup.toml says
        pressed = screen.query_one("#ways", RadioSet).pressed_button
        assert pressed is not None and pressed.id == "coolify"
        assert screen.query_one("#field-url", Input).display
        assert not screen.query_one("#field-command", Input).display
        assert screen.query_one("#run", Button).region.bottom <= SIZE[1]  # on screen at 80×24
        await press(pilot, "run")
        await settle(pilot)
        text = screen_text(app)
        assert answers in text, text
        log = "\n".join(str(line) for line in screen.query_one("#progress", Log).lines)
        assert "in_progress" in log
        assert demo.openwebui_key not in text + log
        # Enter after the run goes on to Done, never back to the Review (a second write).
        assert app.focused is not None and app.focused.id == "skip"


async def test_a_refusal_ends_with_the_failing_step(demo: DemoEnvironment) -> None:
    """The command way, with a script that is not executable: the step and its fix are said."""
    script = demo.project / "restart-with-logs.sh"
    script.write_text("#!/bin/sh\necho restarted\n")
    script.chmod(0o644)
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(DeployScreen())
        await settle(pilot)
        screen = app.screen
        screen.query_one("#ways", RadioSet).query_one("#command").toggle()  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen.query_one("#field-command", Input).display
        screen.query_one("#field-command", Input).value = "./restart-with-logs.sh"
        await press(pilot, "run")
        text = screen_text(app)
        assert "./restart-with-logs.sh cannot be run" in text, text
        assert "chmod +x ./restart-with-logs.sh" in text
        assert not (demo.project / "technova-setup.toml").read_text().count("restart-with")
        # Fixed, and this time the person ticks "write it in technova-setup.toml".
        script.chmod(0o755)
        screen.query_one("#write", Tick).value = True
        await press(pilot, "run")
        assert "restarted" in "\n".join(str(x) for x in screen.query_one("#progress", Log).lines)
        written = (demo.project / "technova-setup.toml").read_text()
        assert 'way = "command"' in written and "./restart-with-logs.sh" in written
