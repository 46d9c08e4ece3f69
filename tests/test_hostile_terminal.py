"""The installed program in a real terminal (tmux) facing a server, and project files, that
answer with escape sequences: the pane's title, the screen and the tmux buffers stay as
they were, and what the server said shows only as plain text."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import keyshapes
import pytest
from faultservers import raw_server
from test_hostile_servers import EVIL, HEALTH, routes
from tmux_terminal import PROGRAM, Terminal, terminal_env

KEY = keyshapes.openwebui_api_key()


def _project(tmp_path: Path, url: str) -> Path:
    project = tmp_path / "shop"
    (project / "backend").mkdir(parents=True)
    (project / "backend/.env").write_text(
        f"OPENWEBUI_URL={url}\nOPENWEBUI_API_KEY={KEY}\nOPENWEBUI_MODEL=technova\n"
    )
    (project / "backend/.env").chmod(0o600)
    return project


def _run(command: list[str], marker: str) -> tuple[str, str, str]:
    """Run `command` in a fresh pane; its screen, the pane's title, and the tmux buffers."""
    terminal = Terminal(command, terminal_env(), width=120, height=40)
    try:
        title_before = terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
        terminal.wait_until_dead(timeout=40)
        screen = terminal.wait_for(marker, timeout=10)
        title = terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
        buffers = terminal.tmux("list-buffers")
    finally:
        terminal.close()
    assert "PWNED" not in title_before
    return screen, title, buffers


@pytest.fixture
def hostile_server() -> object:
    detail = json.dumps({"detail": EVIL}).encode()
    models = json.dumps({"data": [{"id": f"technova{EVIL}"}]}).encode()
    table = {"/health": HEALTH, "/api/models": (401, detail, {}), "/api/version": (200, models, {})}
    with raw_server(routes(table)) as url:
        yield url


@pytest.mark.parametrize("output", ["text", "json"])
def test_check_against_a_hostile_server_leaves_the_terminal_alone(
    hostile_server: str, tmp_path: Path, output: str
) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed (.ci/run installs it)")
    project = _project(tmp_path, hostile_server)
    command = [str(PROGRAM), "check", "--project", str(project), "--lang", "en"]
    command += ["--only", "openwebui", "--timeout", "5"]
    if output == "json":
        command.append("--json")
    marker = '"status"' if output == "json" else "Open WebUI"
    screen, title, buffers = _run(command, marker)
    assert "PWNED" not in title, title
    assert "echo pwned" not in buffers and "PWNED" not in buffers
    assert "PWNED" not in screen and "evil.example" not in screen
    assert "\x1b" not in screen
    assert KEY not in screen


def test_status_with_a_hostile_file_name_leaves_the_terminal_alone(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed (.ci/run installs it)")
    project = _project(tmp_path, "http://127.0.0.1:9")
    subprocess.run(["git", "-C", str(project), "init", "-q"], check=True)
    (project / ".gitignore").write_text(".env\n")
    # A file name is outside text too: git lists it, status names it.
    (project / "notes\x1b]0;PWNED-TITLE\x07\x1b[2J.txt").write_text(f"key: {KEY}\n")
    screen, title, _ = _run([str(PROGRAM), "status", "--project", str(project)], "notes")
    assert "PWNED" not in title and "PWNED" not in screen, (title, screen)
    assert KEY not in screen and KEY[-4:] in screen  # reported, masked
