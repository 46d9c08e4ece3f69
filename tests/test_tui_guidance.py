"""You always know where you are, what Enter does, and how to get help; the Done step tells
the truth about the project as it is after writing. Pilot, both languages."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Input
from tui_helpers import press, screen_text, settle, step, type_key, write

from wizard.core.demo import DemoEnvironment, start_demo_environment
from wizard.core.i18n import t
from wizard.tui import make_app
from wizard.tui.state import FIRST_SETUP, RENEWAL
from wizard.tui.stepper import DONE, HERE, stepper_text

SIZE = (80, 24)
pytestmark = pytest.mark.anyio


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        yield running


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("steps", [FIRST_SETUP, RENEWAL])
def test_the_stepper_names_every_step_and_fits_80_columns(
    lang: str, steps: tuple[str, ...]
) -> None:
    room = 80 - 2  # its own line, padded
    for index, current in enumerate(steps):
        line = stepper_text(steps, current, lang).plain  # type: ignore[arg-type]
        assert len(line) <= room, line
        for done in steps[:index]:
            assert f"{DONE} {t(f'tui.stepname.{done}', lang)}" in line
        assert f"{HERE} {t(f'tui.stepname.{current}', lang)}" in line
        assert line.count(DONE) == index and line.count(HERE) == 1


def test_a_narrow_stepper_keeps_the_ticks() -> None:
    line = stepper_text(FIRST_SETUP, "done", "fr", width=40).plain
    assert line.count(DONE) == len(FIRST_SETUP) - 1 and f"{HERE} Fin" in line


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_help_opens_from_every_step_and_from_the_key_field(
    demo: DemoEnvironment, lang: str
) -> None:
    app = make_app(str(demo.project), lang, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for index in range(3):  # welcome, explain, openwebui
            button = app.screen.query_one("#help-button", Button)
            assert button.display and str(button.label).startswith("F1")
            footer = app.active_bindings["f1"]  # the footer shows it, in the person's language
            assert footer.binding.show and footer.binding.description == t("tui.key.help", lang)  # type: ignore[arg-type]
            await press(pilot, "help-button")
            assert type(app.screen).__name__ == "HelpModal"
            await press(pilot, "close")
            if index < 2:
                await press(pilot, "start" if step(app) == "welcome" else "next")
        assert step(app) == "openwebui"
        field = app.screen.query_one("#key-input", Input)
        assert app.screen.focused is field
        await pilot.press("f1")  # while the key field has the focus
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpModal"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")  # the field is empty: help
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpModal"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s", "k", "question_mark")  # not empty: typed
        await settle(pilot)
        assert step(app) == "openwebui" and field.value == "sk?"


async def test_the_demo_help_pastes_a_key_for_you(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        keys = [w.render().plain for w in app.screen.query(".demo-key")]  # type: ignore[attr-defined]
        assert keys == [demo.openwebui_key, demo.openai_key]  # whole, each on its own
        await pilot.press("1")
        await settle(pilot)
        assert step(app) == "openwebui"
        assert app.screen.query_one("#key-input", Input).value == demo.openwebui_key
        assert str(app.screen.query_one("#next", Button).label) == "Use this key"


async def test_the_header_names_the_project_folder(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.sub_title == str(demo.project.resolve())
        other = demo.project / "backend"  # a sub-folder still finds the project
        await type_key(pilot, str(other), field="folder")
        await press(pilot, "use-folder")
        assert app.sub_title == str(demo.project.resolve())


@pytest.mark.parametrize(
    ("lang", "keep", "use"),
    [
        ("en", "Keep the current key", "Use this key"),
        ("fr", "Garder la clé actuelle", "Utiliser cette clé"),
    ],
)
async def test_the_button_says_what_enter_does(
    demo: DemoEnvironment, lang: str, keep: str, use: str
) -> None:
    widget = demo.project / "chat-widget/technova-config.js"
    widget.write_text("window.TechNovaConfig = { backendUrl: 'http://localhost:3001' };\n")
    app = make_app(str(demo.project), lang, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(app.make_screen("openai"))
        await settle(pilot)
        button = app.screen.query_one("#next", Button)
        assert str(button.label) == keep and not button.disabled
        await type_key(pilot, "sk-")
        assert str(button.label) == use and button.disabled
        await type_key(pilot, demo.openai_key)
        assert str(button.label) == use and not button.disabled
        await type_key(pilot, "")
        assert str(button.label) == keep


@pytest.mark.parametrize(("lang", "words"), [("en", "still has a problem"), ("fr", "encore un")])
async def test_done_rereads_the_project_and_says_what_is_left(
    demo: DemoEnvironment, lang: str, words: str
) -> None:
    """Renewal fixes the Open WebUI key only: the voice key saved with a trailing space is
    still listed, and its test is not called "works"."""
    app = make_app(str(demo.project), lang, renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        await write(pilot)
        assert step(app) == "done"
        text = screen_text(app)
        assert words in text and "websocket-server/.env" in text
        works = t("tui.done.works", lang, name=t("probe.realtime", lang))  # type: ignore[arg-type]
        assert works not in text
        assert t("tui.done.works", lang, name=t("probe.openwebui", lang)) in text  # type: ignore[arg-type]


async def test_the_reminder_line_is_copied_and_the_demo_shows_no_temporary_folder(
    demo: DemoEnvironment,
) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        await write(pilot)
        await press(pilot, "copy")
        assert app.clipboard.startswith("0 9 * * * ") and "/path/to/your/technova" in app.clipboard
        assert str(demo.project) not in screen_text(app).replace(app.sub_title, "")
        assert str(demo.project) not in app.clipboard


async def test_ctrl_c_quits_like_ctrl_q(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
    assert app.return_value == 0


async def test_sigterm_ends_the_app_through_its_event_loop(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.kill(os.getpid(), signal.SIGTERM)
        await settle(pilot)
    assert app.stopped_by is signal.SIGTERM and app.return_value == 128 + signal.SIGTERM


@pytest.mark.parametrize("agree", [True, False])
async def test_the_daily_check_is_installed_only_with_consent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, agree: bool
) -> None:
    """A recording `systemctl` first on PATH proves which commands run (no user systemd here)."""
    project = tmp_path / "shop"
    (project / "backend").mkdir(parents=True)
    (project / "backend/.env").write_text("OPENWEBUI_URL=http://127.0.0.1:9\n")
    calls = tmp_path / "calls"
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (tools / "systemctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app(str(project), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(app.make_screen("done"))
        await settle(pilot)
        await press(pilot, "install")
        assert "~/.config/systemd/user" in screen_text(app)
        await press(pilot, "quit" if agree else "stay")
        assert step(app) == "done"
        if agree:
            assert "The daily check is installed" in screen_text(app)
    units = tmp_path / "config/systemd/user"
    if agree:
        service = (units / "technova-check.service").read_text()
        assert f"check --project {project}" in service
        assert calls.read_text().splitlines() == [
            "--user daemon-reload",
            "--user enable --now technova-check.timer",
        ]
    else:
        assert not units.exists() and not calls.exists()
