"""The installed program in tmux, as a newcomer meets it: Enter pressed again and again after a
refused key writes nothing, help opens from the key field, and every step's buttons are on the
screen at 80×24, in English and French."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest
from tmux_terminal import PROGRAM, Terminal, terminal_env

from wizard.core.i18n import t
from wizard.standins.server import Demo, start_demo

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed")


@pytest.fixture
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def make_project(root: Path, demo: Demo, openai_key: str = "") -> Path:
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\n"
        f"OPENWEBUI_API_KEY={keyshapes.openwebui_jwt(exp=1753747456)}\n"
    )
    (root / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={openai_key}\nOPENAI_BASE_URL={demo.openai_base_url}\n"
    )
    return root


def start(project: Path, lang: str, size: tuple[int, int] = (100, 30)) -> Terminal:
    command = [str(PROGRAM), "--project", str(project), "--lang", lang]
    return Terminal(command, terminal_env(), *size)


def words(key: str, lang: str) -> str:
    return t(key, lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_enter_after_a_refused_key_never_writes(demo: Demo, tmp_path: Path, lang: str) -> None:
    # A working OpenAI key already there: Enter on the OpenAI step keeps it and goes on.
    project = make_project(tmp_path / "shop", demo, openai_key=demo.openai_key)
    before = (project / "backend/.env").read_bytes()
    terminal = start(project, lang)
    try:
        terminal.wait_for(words("tui.welcome.heading", lang))
        terminal.keys("Enter")
        terminal.wait_for(words("tui.explain.heading", lang))
        terminal.keys("Enter")
        terminal.wait_for(words("tui.field.label", lang))
        terminal.paste(keyshapes.openwebui_api_key())  # the right shape; Open WebUI refuses it
        terminal.wait_for("✓")
        terminal.keys("Enter")  # the key → the OpenAI step
        for _ in range(3):  # round and round: keep the OpenAI key, tests, back to the key…
            terminal.wait_for(words("tui.skip-voice", lang))
            terminal.keys("Enter")
            terminal.wait_for(words("tui.tests.fix-first", lang))  # after the ✗: focused
            terminal.keys("Enter")
            terminal.wait_for(words("tui.signin.button", lang))
            terminal.keys("Enter")
        for _ in range(6):  # and faster than anyone reads
            terminal.keys("Enter")
            time.sleep(0.3)
        assert not any(words("tui.review.heading", lang) in shown for shown in terminal.seen)
    finally:
        terminal.close()
    assert (project / "backend/.env").read_bytes() == before
    assert sorted(p.name for p in (project / "backend").iterdir()) == [".env"]


def test_help_opens_while_the_key_field_has_the_focus(demo: Demo, tmp_path: Path) -> None:
    project = make_project(tmp_path / "shop", demo)
    terminal = start(project, "en")
    help_words = "Tab / Shift+Tab"
    try:
        terminal.wait_for("Let's get your TechNova chat working")
        terminal.keys("Enter")
        terminal.wait_for("Two keys, two jobs")
        terminal.keys("Enter")
        terminal.wait_for("Paste the key here")
        terminal.keys("F1")
        terminal.wait_for(help_words)
        terminal.keys("Escape")
        terminal.wait_for("Paste the key here")
        terminal.keys("?")  # the field is empty: help
        terminal.wait_for(help_words)
        terminal.keys("Escape")
        terminal.wait_for("Waiting for a key.")
        time.sleep(0.5)  # a lone Escape: Textual waits a moment for an escape sequence
        terminal.keys("x", "?")  # not empty: typed (and shown masked)
        time.sleep(1.0)
        assert help_words not in terminal.screen() and "••" in terminal.screen()
        assert "F1 Help" in terminal.screen()  # the button and the footer say how
    finally:
        terminal.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_step_shows_its_buttons_at_80_by_24(demo: Demo, tmp_path: Path, lang: str) -> None:
    project = make_project(tmp_path / "shop", demo)
    terminal = start(project, lang, (80, 24))
    try:
        terminal.wait_for(words("tui.welcome.start", lang))
        terminal.keys("Enter")
        terminal.wait_for(words("tui.button.forward", lang))
        terminal.keys("Enter")
        terminal.wait_for(words("tui.signin.button", lang))
        terminal.paste(demo.openwebui_key)
        terminal.wait_for(words("tui.use-key", lang))
        terminal.keys("Enter")
        terminal.wait_for(words("tui.skip-voice", lang))
        terminal.paste(demo.openai_key)
        terminal.keys("Enter")
        terminal.wait_for(words("tui.tests.again", lang))
        for _ in range(4):
            terminal.keys("Enter")  # while the tests run, Enter does nothing
        deadline = time.monotonic() + 60
        while terminal.screen().count("✓") < 4 + 4 and time.monotonic() < deadline:
            time.sleep(0.3)  # four steps ticked above, four tests passed below
        terminal.keys("Enter")
        screen = terminal.wait_for(words("tui.review.write", lang))
        assert words("tui.button.back", lang) in screen
        for shown in terminal.seen:
            assert max(len(line) for line in shown.splitlines()) <= 80
        terminal.keys("C-q")
        terminal.wait_for(words("tui.quit.yes", lang))
        terminal.keys("Tab", "Enter")
        terminal.wait_until_dead()
    finally:
        terminal.close()
