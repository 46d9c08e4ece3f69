"""The daily reminder: absolute program path (cron's PATH is minimal), quoted project."""

from __future__ import annotations

from pathlib import Path

from wizard.core.reminder import cron_line, program_path, systemd_units


def test_cron_line_names_the_program_by_absolute_path() -> None:
    line = cron_line(Path("/srv/my shop"), "fr")
    program = program_path()
    assert line.startswith(f"0 9 * * * {program} check --project '/srv/my shop' --lang fr")
    assert program.startswith("/") or " -m wizard" in program
    assert "|| " in line and "status" in line  # prints only when something needs the person


def test_systemd_units() -> None:
    units = systemd_units(Path("/srv/shop"), "en")
    assert "OnCalendar=*-*-* 09:00:00" in units["technova-check.timer"]
    assert "Persistent=true" in units["technova-check.timer"]
    assert "check --project /srv/shop --lang en" in units["technova-check.service"]
