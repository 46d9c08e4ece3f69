"""Hourly runs without a scheduler of our own: systemd user units (checked by the real
`systemd-analyze verify`), the crontab line, and installing the timer with consent.

Installing is proven with a recorded `systemctl` script (no user systemd runs in a test
container): it shows exactly which commands we run, in which order.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from wizard.core.reminder import (
    HOURLY_SERVICE,
    HOURLY_TIMER,
    hourly_cron_line,
    hourly_units,
    install_hourly_check,
    install_timer,
)

ROOT = Path(__file__).resolve().parent.parent
SYSTEMD = ROOT / "contrib/systemd"
PROJECTS = [Path("/srv/sites/shop"), Path("/srv/sites/the bakery")]
TEXTFILE = Path("/var/lib/prometheus/node-exporter/technova.prom")


def _systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found:
        return found
    if os.environ.get("TECHNOVA_REQUIRE_MONITORING") == "1":
        pytest.fail("systemd-analyze is not installed (Debian package systemd)")
    pytest.skip("systemd-analyze is not installed (Debian package systemd)")


def _verify(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_systemd_analyze(), "verify", *(str(p) for p in sorted(folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )


def test_the_hourly_units_write_the_textfile_for_every_project(tmp_path: Path) -> None:
    units = hourly_units(PROJECTS, TEXTFILE, "fr", program="/bin/true")
    assert set(units) == {HOURLY_SERVICE, HOURLY_TIMER}
    assert "OnCalendar=hourly" in units[HOURLY_TIMER]
    assert "Persistent=true" in units[HOURLY_TIMER]
    exec_line = next(
        line for line in units[HOURLY_SERVICE].splitlines() if line.startswith("ExecStart=")
    )
    argv = shlex.split(exec_line.removeprefix("ExecStart="))
    assert argv[:2] == ["/bin/true", "check"]
    assert argv[argv.index("--format") + 1] == "prometheus"
    assert argv[argv.index("--output") + 1] == str(TEXTFILE)
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--project"] == list(map(str, PROJECTS))
    for name, text in units.items():
        (tmp_path / name).write_text(text)
    done = _verify(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Unknown" not in done.stderr


def test_the_contrib_units_are_valid_and_hourly(tmp_path: Path) -> None:
    service = (SYSTEMD / "technova-check.service").read_text()
    assert "--format prometheus --output " in service and ".prom " in service
    assert "OnCalendar=hourly" in (SYSTEMD / "technova-check.timer").read_text()
    # verify wants an executable program: the path the admin edits is replaced by one.
    (tmp_path / "technova-check.service").write_text(
        service.replace("/usr/local/bin/technova-setup", "/bin/true")
    )
    shutil.copy(SYSTEMD / "technova-check.timer", tmp_path)
    done = _verify(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Unknown" not in done.stderr


def test_the_crontab_lines_run_at_minute_17_every_hour() -> None:
    line = hourly_cron_line(PROJECTS, TEXTFILE, "en", program="/opt/t/technova-setup")
    fields = line.split(" ", 5)
    assert fields[:5] == ["17", "*", "*", "*", "*"]
    argv = shlex.split(fields[5].split(" >/dev/null")[0])
    assert argv[0] == "/opt/t/technova-setup" and "the bakery" in " ".join(argv)
    assert argv[argv.index("--output") + 1] == str(TEXTFILE)
    contrib = [
        text
        for text in (SYSTEMD / "technova-check.crontab").read_text().splitlines()
        if text and not text.startswith("#")
    ]
    assert len(contrib) == 1 and contrib[0].startswith("17 * * * * ")
    assert "--format prometheus --output " in contrib[0]


def _recorded_systemctl(tmp_path: Path, exit_code: int = 0) -> tuple[str, Path]:
    log = tmp_path / "systemctl.log"
    script = tmp_path / "systemctl"
    script.write_text(f'#!/bin/sh\necho "$@" >> {shlex.quote(str(log))}\nexit {exit_code}\n')
    script.chmod(0o755)
    return str(script), log


def test_installing_the_timer_writes_the_units_then_enables_it(tmp_path: Path) -> None:
    program, log = _recorded_systemctl(tmp_path)
    folder = tmp_path / "config/systemd/user"
    units = hourly_units(PROJECTS, TEXTFILE, "en", program="/bin/true")
    outcome = install_timer(units, folder=folder, systemctl=program)
    assert outcome.enabled and outcome.problem is None
    assert sorted(p.name for p in outcome.written) == sorted(units)
    for name, text in units.items():
        assert (folder / name).read_text() == text
        assert (folder / name).stat().st_mode & 0o777 == 0o644
    assert log.read_text().splitlines() == [
        "--user daemon-reload",
        f"--user enable --now {HOURLY_TIMER}",
    ]


def test_a_timer_systemd_refuses_is_reported_and_the_files_stay(tmp_path: Path) -> None:
    program, _ = _recorded_systemctl(tmp_path, exit_code=1)
    folder = tmp_path / "units"
    outcome = install_timer(
        hourly_units(PROJECTS, TEXTFILE, "en"), folder=folder, systemctl=program
    )
    assert not outcome.enabled
    assert outcome.problem is not None and outcome.problem.key == "reminder.timer-refused"
    assert "systemctl --user status technova-check.timer" in outcome.problem.render("en")
    assert (folder / HOURLY_TIMER).exists()


def test_no_systemd_at_all_is_said_plainly(tmp_path: Path) -> None:
    outcome = install_timer(
        hourly_units(PROJECTS, TEXTFILE, "en"),
        folder=tmp_path / "units",
        systemctl=str(tmp_path / "no-such-systemctl"),
    )
    assert not outcome.enabled
    assert outcome.problem is not None and outcome.problem.key == "reminder.no-systemd"
    assert "crontab" in outcome.problem.render("fr")


def test_the_done_screen_call_makes_the_folder_and_starts_the_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    program, log = _recorded_systemctl(tmp_path)
    outcome = install_hourly_check(
        [Path("/srv/sites/shop")], "fr", folder=tmp_path / "units", systemctl=program
    )
    assert outcome.enabled
    textfile = tmp_path / "state/technova-setup/technova.prom"
    assert textfile.parent.is_dir()
    service = (tmp_path / "units" / HOURLY_SERVICE).read_text()
    assert f"--output {textfile} --lang fr" in service
    assert log.read_text().splitlines()[-1] == f"--user enable --now {HOURLY_TIMER}"
