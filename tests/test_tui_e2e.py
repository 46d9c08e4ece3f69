"""The installed program in a real terminal (tmux), driven with the keyboard and a bracketed
paste against the stand-ins; then the files it wrote and the real keyring are checked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest
from tmux_terminal import PROGRAM, Terminal, terminal_env

from wizard.core import keystore
from wizard.core.files.envread import read_env
from wizard.core.keys import Slot
from wizard.standins.server import Demo, start_demo

pytestmark = [pytest.mark.keyring_service]


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
    # Textual draws on stderr, so nothing is redirected: the pane is what a person sees.
    terminal = Terminal([str(PROGRAM), "--project", str(project), "--lang", "en"], terminal_env())
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
        terminal.wait_for("a copy of OPENWEBUI_API_KEY")  # the keyring's copy, planned
        terminal.keys("Enter")  # Write
        terminal.wait_for("Bring the new key to the running site")
        terminal.keys("BTab", "Enter")  # from "Restart and test" to "Skip"
        terminal.wait_for("Renewal:")
        everything = "\n".join(terminal.seen)
        assert "Traceback" not in everything
        for key in (demo.openwebui_key, demo.openai_key, expired):
            runs = {key[i : i + 12] for i in range(len(key) - 11)}
            assert not any(run in everything for run in runs), "a key showed on screen"
        terminal.keys("Enter")  # Finish
        assert terminal.wait_until_dead() == 0
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
