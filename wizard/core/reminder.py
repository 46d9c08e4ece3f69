"""A daily reminder that runs `check`: a cron line, or a systemd user timer.

Cron and systemd start programs with a minimal PATH, so the program is named by its
absolute path. `check` prints nothing worth reading when all is well (exit 0); the cron
line then prints the `status` report only when something needs the person, and cron
mails whatever is printed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from wizard.core.i18n import Msg
from wizard.core.record import record


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


# ------------------------------------------------------------------ hourly, for monitoring

HOURLY_SERVICE = "technova-check.service"  # the same names as the daily reminder: it replaces it
HOURLY_TIMER = "technova-check.timer"


def hourly_command(
    projects: Sequence[Path], textfile: Path, lang: str, program: str | None = None
) -> str:
    """`check` of every project, written for node_exporter's textfile collector."""
    listed = " ".join(f"--project {shlex.quote(str(root))}" for root in projects)
    return (
        f"{program or program_path()} check {listed} --format prometheus "
        f"--output {shlex.quote(str(textfile))} --lang {lang}"
    )


def hourly_cron_line(
    projects: Sequence[Path], textfile: Path, lang: str, program: str | None = None
) -> str:
    """The crontab line that writes the textfile every hour (at minute 17: not with the crowd
    at minute 0). The state is in the file; cron mails nothing."""
    return f"17 * * * * {hourly_command(projects, textfile, lang, program)} >/dev/null 2>&1"


def hourly_units(
    projects: Sequence[Path], textfile: Path, lang: str, program: str | None = None
) -> dict[str, str]:
    """User units that write the textfile every hour (`contrib/systemd/` holds a copy)."""
    command = hourly_command(projects, textfile, lang, program)
    return {
        HOURLY_SERVICE: "[Unit]\nDescription=Check the TechNova chat keys for monitoring\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n",
        HOURLY_TIMER: "[Unit]\nDescription=Check the TechNova chat keys every hour\n\n"
        "[Timer]\nOnCalendar=hourly\nRandomizedDelaySec=5m\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n",
    }


@record
class TimerInstall:
    """What installing the timer did: the unit files written, and whether systemd took it."""

    written: tuple[Path, ...]
    enabled: bool
    problem: Msg | None = None  # why it is not running (the files stay: a person can finish)


def user_unit_folder() -> Path:
    """Where systemd looks for a user's own units."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def install_timer(
    units: dict[str, str],
    *,
    folder: Path | None = None,
    systemctl: str | None = None,
) -> TimerInstall:
    """Write `units` (from `hourly_units` or `systemd_units`) into the user's unit folder and
    start the timer: `systemctl --user daemon-reload`, then `enable --now`. Ask first: this
    changes the person's session. Never raises for systemd's sake: a machine without a user
    systemd (a container, macOS) gets the files and a reason."""
    from wizard.core.files.atomic import atomic_write

    target = folder or user_unit_folder()
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, text in units.items():
            atomic_write(target / name, text.encode("utf-8"), 0o644)
            written.append(target / name)
    except OSError as error:
        problem = Msg(
            "reminder.units-unwritable", {"folder": str(target), "error": type(error).__name__}
        )
        return TimerInstall(tuple(written), False, problem)
    timer = next((name for name in units if name.endswith(".timer")), None)
    program = systemctl or shutil.which("systemctl")
    if program is None or timer is None:
        return TimerInstall(tuple(written), False, Msg("reminder.no-systemd"))
    for step in (["daemon-reload"], ["enable", "--now", timer]):
        try:
            done = subprocess.run(
                [program, "--user", *step], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return TimerInstall(tuple(written), False, Msg("reminder.no-systemd"))
        if done.returncode != 0:
            return TimerInstall(
                tuple(written), False, Msg("reminder.timer-refused", {"timer": timer})
            )
    return TimerInstall(tuple(written), True)


def default_textfile() -> Path:
    """Where the hourly check writes its metrics when nobody said: the user's state folder
    (point node_exporter's --collector.textfile.directory there, or give another path)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "technova-setup" / "technova.prom"


def install_hourly_check(
    projects: Sequence[Path],
    lang: str,
    *,
    textfile: Path | None = None,
    program: str | None = None,
    folder: Path | None = None,
    systemctl: str | None = None,
) -> TimerInstall:
    """The Done screen's "check every hour" (ask first): the textfile's folder made, the
    user units written and the timer started. See `install_timer` for what can go wrong."""
    target = textfile or default_textfile()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        problem = Msg(
            "reminder.units-unwritable",
            {"folder": str(target.parent), "error": type(error).__name__},
        )
        return TimerInstall((), False, problem)
    units = hourly_units(projects, target, lang, program)
    return install_timer(units, folder=folder, systemctl=systemctl)
