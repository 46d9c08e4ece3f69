"""The lower bounds in pyproject.toml are true: a fresh virtual environment gets exactly the
lowest version each `>=` allows (pinned, the way `uv pip install --resolution lowest-direct`
resolves direct dependencies), and the probe, stand-in, account, .env and keyring tests pass
on it. Found this way: `websockets>=13` broke the Realtime probe (`additional_headers`
arrived in 14, and the probe's close handling needs 15.0), and `uvicorn>=0.30` could not run
the stand-ins (`websockets-sansio` arrived in 0.35, its refused-handshake answer is right from
0.53).

Needs PyPI (pip), about a minute; marked `slow`. Inside `tests/run` the keyring tests reach
the private Secret Service of the run (the D-Bus address is inherited).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
# The test tools themselves, at their own floors (from the `test` extra).
TEST_TOOLS = ("pytest", "hypothesis")
# In-process tests only: those that start the installed program would run the checkout's
# own environment, not this one.
FLOOR_TESTS = [
    "tests/test_probe_faults.py",
    "tests/test_standins.py",
    "tests/test_checks.py",
    "tests/test_hostile_servers.py",
    "tests/test_envfile.py",
    "tests/test_keystore.py",
]
SKIPPED_MARKERS = "not slow and not openwebui and not node and not browser"


def floors() -> dict[str, str]:
    """`name -> lowest version` for every dependency with a `>=` bound (and the test tools)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    wanted += [r for r in project["optional-dependencies"]["test"] if r.split(">")[0] in TEST_TOOLS]
    pins = {}
    for requirement in wanted:
        match = re.match(
            r"\s*([A-Za-z0-9_.-]+)(?:\[[^]]*\])?\s*>=\s*([0-9][0-9A-Za-z.]*)", requirement
        )
        assert match, f"{requirement!r} has no lower bound: every dependency needs a tested one"
        pins[match.group(1).lower()] = match.group(2)
    return pins


def test_every_dependency_has_a_floor() -> None:
    pins = floors()
    assert {"websockets", "uvicorn", "httpx", "keyring", "textual"} <= set(pins)
    assert tuple(int(p) for p in pins["websockets"].split(".")[:2]) >= (15, 0)


@pytest.mark.slow
def test_the_lowest_allowed_versions_pass_the_probe_and_keyring_tests(tmp_path: Path) -> None:
    venv = tmp_path / "floors"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pins = floors()
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + [f"{name}=={version}" for name, version in sorted(pins.items())],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    unreachable = ("Network is unreachable", "Temporary failure in name resolution")
    if install.returncode != 0 and any(w in install.stderr for w in unreachable):
        pytest.skip("no package registry reachable from here")
    assert install.returncode == 0, install.stderr[-3000:]

    frozen = subprocess.run(
        [str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    installed = {
        line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
        for line in frozen.splitlines()
        if "==" in line
    }
    for name, version in pins.items():
        got = installed.get(name.replace("_", "-"))
        assert got is not None and Version(got) == Version(version), (name, version, got)

    # The package itself from the source tree (PYTHONPATH), nothing built into the checkout.
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("PYTHONHOME", None)
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            *FLOOR_TESTS,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        env=environment,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
