"""A daily reminder that runs `check`: a cron line, or a systemd user timer.

Cron and systemd start programs with a minimal PATH, so the program is named by its
absolute path. `check` prints nothing worth reading when all is well (exit 0); the cron
line then prints the `status` report only when something needs the person, and cron
mails whatever is printed.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path


def program_path() -> str:
    """How to start this very program from cron: the script installed beside this Python
    (a virtual environment's bin/), else the one on PATH, else the module."""
    beside = Path(sys.executable).parent / "technova-setup"
    if beside.is_file():
        return shlex.quote(str(beside))
    found = shutil.which("technova-setup")
    if found:
        return shlex.quote(str(Path(found).resolve()))
    return f"{shlex.quote(sys.executable)} -m wizard"


def cron_line(project_root: Path, lang: str, hour: int = 9, program: str | None = None) -> str:
    program = program or program_path()
    project = shlex.quote(str(project_root))
    return (
        f"0 {hour} * * * {program} check --project {project} --lang {lang} >/dev/null || "
        f"{program} status --project {project} --lang {lang}"
    )


def systemd_units(project_root: Path, lang: str, program: str | None = None) -> dict[str, str]:
    """~/.config/systemd/user/technova-check.{service,timer}: enable with
    `systemctl --user enable --now technova-check.timer`; failures show in `journalctl`."""
    project = shlex.quote(str(project_root))
    command = f"{program or program_path()} check --project {project} --lang {lang}"
    return {
        "technova-check.service": "[Unit]\nDescription=Check the TechNova chat keys\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n",
        "technova-check.timer": "[Unit]\nDescription=Check the TechNova chat keys every day\n\n"
        "[Timer]\nOnCalendar=*-*-* 09:00:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n",
    }
