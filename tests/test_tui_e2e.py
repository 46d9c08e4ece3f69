"""The installed program in a real terminal (tmux), driven with the keyboard and a bracketed
paste against the stand-ins; then the files it wrote and the real keyring are checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest

from wizard.core import keystore
from wizard.core.files.envfile import read_env
from wizard.core.keys import Slot
from wizard.standins.server import Demo, start_demo

PROGRAM = Path(sys.executable).parent / "technova-setup"
pytestmark = [pytest.mark.keyring_service]


class Terminal:
    """A tmux session of its own (private socket), 100×30."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"technova-e2e-{os.getpid()}"
        self.seen: list[str] = []  # every capture, for the leak check
        self.env = env
        self.tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", " ".join(command))

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
            check=False,
        )
        return done.stdout

    def screen(self) -> str:
        shown = self.tmux("capture-pane", "-p", "-t", "e2e")
        self.seen.append(shown)
        return shown

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def paste(self, text: str) -> None:
        """As a person's paste: tmux wraps it in bracketed-paste markers when asked to."""
        self.tmux("set-buffer", "-b", "e2e", text)
        self.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", "e2e")

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def test_first_setup_in_a_real_terminal(demo: Demo, tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed (.ci/run installs it)")
    project = tmp_path / "shop"
    (project / "backend").mkdir(parents=True)
    (project / "websocket-server").mkdir()
    expired = keyshapes.openwebui_jwt(exp=1753747456)
    (project / "backend/.env").write_text(
        f"# TechNova backend\nPORT=3001\nOPENWEBUI_URL={demo.openwebui.url}\n"
        f"OPENWEBUI_API_KEY={expired}\n"
    )
    (project / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY=\nOPENAI_BASE_URL={demo.openai_base_url}\n"
    )
    # COLUMNS/LINES from pytest's own terminal would make Textual draw at the wrong size.
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")},
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    # Textual draws on stderr, so nothing is redirected: the pane is what a person sees.
    terminal = Terminal([str(PROGRAM), "--project", str(project), "--lang", "en"], env)
    try:
        terminal.wait_for("Let's get your TechNova chat working")
        terminal.wait_for("expired")  # the welcome screen found the old token
        terminal.keys("Enter")  # Start
        terminal.wait_for("Two keys, two jobs")
        terminal.keys("Enter")  # Next
        terminal.wait_for("Open WebUI answers")
        terminal.paste(f"  {demo.openwebui_key}\n")
        terminal.wait_for("an Open WebUI API key")
        terminal.keys("Enter")
        terminal.wait_for("The OpenAI key (paid)")
        terminal.paste(demo.openai_key)
        terminal.wait_for("an OpenAI project key")
        terminal.keys("Enter")
        for verdict in (
            "✓ Open WebUI accepts",
            "✓ A test message",
            "✓ OpenAI accepts",
            "✓ The voice connection",
        ):  # short: long lines wrap in the pane
            terminal.wait_for(verdict, timeout=60)  # the four run at once: wait for each
        terminal.keys("Enter")  # Continue
        terminal.wait_for("What will be written")
        terminal.wait_for("Keys also kept in")
        terminal.keys("Enter")  # Write
        terminal.wait_for("Renewal:")
        everything = "\n".join(terminal.seen)
        assert "Traceback" not in everything
        for key in (demo.openwebui_key, demo.openai_key, expired):
            runs = {key[i : i + 12] for i in range(len(key) - 11)}
            assert not any(run in everything for run in runs), "a key showed on screen"
        terminal.keys("Enter")  # Finish
        deadline = time.monotonic() + 10
        while "e2e" in terminal.tmux("list-sessions") and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        terminal.close()
    backend = (project / "backend/.env").read_text()
    assert backend.startswith("# TechNova backend\nPORT=3001\n")
    assert read_env(project / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key
    assert read_env(project / "websocket-server/.env").values["OPENAI_API_KEY"] == demo.openai_key
    assert (project / "chat-widget/technova-config.js").exists()
    try:
        assert keystore.load_key(Slot.OPENWEBUI, project.resolve()).reveal() == demo.openwebui_key  # type: ignore[union-attr]
        assert keystore.load_key(Slot.OPENAI, project.resolve()).reveal() == demo.openai_key  # type: ignore[union-attr]
    finally:
        for slot in Slot:
            keystore.delete_key(slot, project.resolve())
