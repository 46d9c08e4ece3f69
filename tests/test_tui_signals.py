"""Closing the terminal (SIGHUP), SIGTERM and Ctrl+C, sent to the installed program in tmux: the
demo stops its servers and deletes its temporary project, a real project is left with no
temporary file, and the terminal is given back (the pane shows the shell's screen again)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import time
from pathlib import Path

import keyshapes
import pytest
from tmux_terminal import PROGRAM, Terminal, terminal_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is needed")

DEMO_FOLDER = re.compile(r"(/\S*technova-demo-[A-Za-z0-9_]+)")
CHAT_PAGE = re.compile(r"http://127\.0\.0\.1:(\d+)")
WAYS = ["sighup", "sigterm", "ctrl+c"]


def ended(pid: int, timeout: float = 20) -> bool:
    """True once `pid` is gone or a zombie (it is not our child: tmux or init reaps it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.2)
    return False


def _threads_of(pid: int) -> str:
    """Each thread's name, state and kernel wait, to tell next time where it was stuck."""
    said = []
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        try:
            name = (task / "comm").read_text().strip()
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
            wait = (task / "wchan").read_text().strip()
        except OSError:
            continue
        said.append(f"{task.name} {name} {state} {wait}")
    return "; ".join(said) or "no thread readable"


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def stop(terminal: Terminal, way: str, unsaved: bool = False) -> str | None:
    """Stop the program one way; what the pane shows after (None: the terminal is gone)."""
    pid = terminal.pid()
    if way == "sighup":
        terminal.close()  # the terminal goes away: tmux hangs up on the program
        assert ended(pid), f"the program outlived its terminal: {_threads_of(pid)}"
        return None
    if way == "sigterm":
        os.kill(pid, signal.SIGTERM)
    else:
        terminal.keys("C-c")
        if unsaved:  # like Ctrl+Q: it asks first, "Stay" has the focus
            terminal.wait_for("Quit now?")
            terminal.keys("Tab", "Enter")
    terminal.wait_until_dead()
    return terminal.screen()


@pytest.mark.parametrize("way", WAYS)
def test_the_demo_cleans_up_however_it_is_stopped(way: str) -> None:
    terminal = Terminal([str(PROGRAM), "--demo", "--lang", "en"], terminal_env())
    try:
        shown = terminal.wait_for("Let's get your TechNova chat working")
        folder = Path(DEMO_FOLDER.search(shown).group(1))  # type: ignore[union-attr]
        assert folder.is_dir()
        terminal.keys("F1")
        port = int(CHAT_PAGE.search(terminal.wait_for("Chat page")).group(1))  # type: ignore[union-attr]
        terminal.keys("Escape")
        after = stop(terminal, way)
    finally:
        terminal.close()
    assert not folder.exists(), "the demo's temporary project was left behind"
    assert port_is_free(port), "a demo server still listens"
    if after is not None:
        assert "Demo finished" in after  # printed on the normal screen: the terminal is back
        assert "Let's get your TechNova" not in after and "Traceback" not in after


@pytest.mark.parametrize("way", WAYS)
def test_a_real_project_is_left_as_it_was(way: str, tmp_path: Path) -> None:
    project = tmp_path / "shop"
    (project / "backend").mkdir(parents=True)
    (project / "backend/.env").write_text(
        f"OPENWEBUI_URL=http://127.0.0.1:9\nOPENWEBUI_API_KEY={keyshapes.openwebui_jwt(exp=1753747456)}\n"
    )
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    command = [str(PROGRAM), "--project", str(project), "--lang", "en"]
    terminal = Terminal(command, terminal_env())
    try:
        terminal.wait_for("Let's get your TechNova chat working")
        terminal.keys("Enter")  # Start
        terminal.wait_for("Two keys, two jobs")
        terminal.keys("Enter")
        terminal.wait_for("Paste the key here")
        terminal.paste(keyshapes.openwebui_api_key())  # typed, not written
        terminal.wait_for("an Open WebUI API key")
        after = stop(terminal, way, unsaved=True)
    finally:
        terminal.close()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    if after is not None:
        assert "Paste the key here" not in after and "Traceback" not in after
