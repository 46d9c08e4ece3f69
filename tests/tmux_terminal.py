"""A real terminal for tests: a tmux server of its own (private socket) running one program."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROGRAM = Path(sys.executable).parent / "technova-setup"


def terminal_env() -> dict[str, str]:
    # COLUMNS/LINES from pytest's own terminal would make Textual draw at the wrong size.
    return {
        **{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")},
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


class Terminal:
    """`command` in a tmux pane of `width`×`height`; the pane stays after the program ends, so
    what it left on the screen can be read."""

    def __init__(
        self, command: list[str], env: dict[str, str], width: int = 100, height: int = 30
    ) -> None:
        self.socket = f"technova-e2e-{os.getpid()}-{time.monotonic_ns()}"
        self.seen: list[str] = []  # every capture, for leak checks
        self.env = env
        shell_line = "exec " + " ".join(command)  # the pane's process is the program itself
        self.tmux("new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height), shell_line)
        self.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")

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
        """The screen once `text` is on it: as shown, or with the lines the terminal wrapped
        joined again (the width may cut a text anywhere). What is returned is the capture
        the text was found in."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            joined = self.tmux("capture-pane", "-p", "-J", "-t", "e2e")
            if text in joined:
                return joined
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def paste(self, text: str) -> None:
        """As a person's paste: tmux wraps it in bracketed-paste markers when asked to."""
        self.tmux("set-buffer", "-b", "e2e", text)
        self.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", "e2e")

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip())

    def wait_until_dead(self, timeout: float = 20) -> int:
        """The program's exit status once it ended (the pane stays, marked dead)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.tmux(
                "display-message", "-p", "-t", "e2e", "#{pane_dead} #{pane_dead_status}"
            )
            dead, _, status = state.strip().partition(" ")
            if dead == "1":
                return int(status or 0)
            time.sleep(0.2)
        raise AssertionError(f"the program did not end; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")
