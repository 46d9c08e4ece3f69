"""The README's first command, verbatim, on a fresh virtual environment: it installs the
package and runs the demo, which a newcomer drives to the end with the keys shown on its
help panel. (The second command, `bash .ci/run`, is what runs this very test.)"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_tui_e2e import Terminal

ROOT = Path(__file__).resolve().parent.parent


def readme_commands(name: str = "README.md", heading: str = "## Two commands") -> list[str]:
    """The shell blocks under the "two commands" heading, in order."""
    text = (ROOT / name).read_text()
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_the_readme_has_the_two_commands() -> None:
    run, test = readme_commands()
    assert "--demo" in run and test == "bash .ci/run"
    assert (ROOT / ".ci/run").read_text().rstrip().endswith("exec tests/run")
    fr_run, fr_test = readme_commands("README.fr.md", "## Deux commandes")
    assert fr_run == run + " --lang fr" and fr_test == test


@pytest.mark.slow
def test_the_run_command_verbatim_in_a_fresh_environment(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed (.ci/run installs it)")
    run, _ = readme_commands()
    home = tmp_path / "home"
    home.mkdir()
    # A newcomer's shell: their own HOME (so `~` is fresh), the checkout as working folder.
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith("VIRTUAL_ENV") and k not in ("COLUMNS", "LINES")
        },
        "HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    script = tmp_path / "newcomer.sh"
    script.write_text(f'cd {ROOT}\n{run}\necho "EXIT=$?"\nsleep 120\n')
    terminal = Terminal(["bash", str(script)], env)
    try:
        terminal.wait_for("Let's get your TechNova chat working", timeout=600)
        terminal.keys("?")
        shown = terminal.wait_for("Demo:")
        owui_key = re.search(r"sk-[0-9a-f]{32}", shown)
        page = re.search(r"http://127\.0\.0\.1:\d+/", shown)  # the demo's chat page
        assert owui_key and page, shown
        terminal.keys("Escape")
        terminal.wait_for("Let's get your TechNova chat working")
        terminal.keys("Enter")  # Start
        terminal.wait_for("Two keys, two jobs")
        terminal.keys("Enter")
        terminal.wait_for("Open WebUI answers")
        terminal.paste(owui_key.group(0))
        terminal.wait_for("an Open WebUI API key")
        terminal.keys("Enter")
        terminal.wait_for("The OpenAI key (paid)")
        # The demo's key sits in technova-config.js: it is not offered as "keep"; the help
        # panel's fresh key is pasted with one key ("2"), as a newcomer is told.
        terminal.wait_for("treat it as")
        terminal.keys("?")
        terminal.wait_for("2 pastes it")
        terminal.keys("2")
        terminal.wait_for("an OpenAI project key")
        terminal.keys("Enter")  # Use this key
        for verdict in (
            "accepts the backend's key",
            "an answer came",
            "accepts the voice",
            "The voice connection to OpenAI opens",
        ):  # all four tests ended
            terminal.wait_for(verdict, timeout=60)
        time.sleep(0.5)  # the focus moves to Continue once the last result is shown
        terminal.keys("Enter")  # Continue
        terminal.wait_for("demo keyring")
        terminal.keys("Enter")  # Write
        terminal.wait_for("Bring the new key to the running site")
        terminal.keys("Enter")  # Restart and test (the demo's Coolify)
        terminal.wait_for("Continue", timeout=60)
        terminal.keys("Enter")  # on to Done
        terminal.wait_for("Renewal:")
        assert "treat it as" not in terminal.screen()  # nothing exposed is left
        assert httpx.get(page.group(0), timeout=5).status_code == 200  # the chat page is up
        terminal.keys("Enter")  # Finish
        finished = terminal.wait_for("EXIT=", timeout=60)
        assert "Demo finished" in finished and "EXIT=0" in finished
        demo_folder = re.search(r"\((/[^)]*technova-demo-[^)]*)\)", finished)
        assert demo_folder and not Path(demo_folder.group(1)).exists()
    finally:
        terminal.close()
    # The demo left no server behind.
    time.sleep(0.5)
    with pytest.raises(httpx.HTTPError):
        httpx.get(page.group(0), timeout=2)


@pytest.mark.parametrize(
    ("lang", "welcome", "farewell"),
    [
        ("fr", "Faisons fonctionner votre chat TechNova", "Démo terminée"),
        ("en", "Let's get your TechNova chat working", "Demo finished"),
    ],
)
def test_demo_in_each_language_without_a_desktop_keyring(
    tmp_path: Path, lang: str, welcome: str, farewell: str
) -> None:
    program = Path(sys.executable).parent / "technova-setup"
    # No D-Bus session (no desktop keyring), nothing else changed.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "COLUMNS", "LINES")
    }
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    script = tmp_path / "demo.sh"
    script.write_text(f'{program} --demo --lang {lang}\necho "EXIT=$?"\nsleep 60\n')
    terminal = Terminal(["bash", str(script)], env)
    try:
        terminal.wait_for(welcome, timeout=60)
        terminal.keys("C-q")  # nothing typed yet: quits at once
        shown = terminal.wait_for("EXIT=", timeout=30)
    finally:
        terminal.close()
    assert farewell in shown and "EXIT=0" in shown
