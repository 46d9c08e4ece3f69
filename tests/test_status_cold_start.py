"""What `status` loads when cron starts it every hour. The speed itself is measured by bench/
(bench/RESULTS.md, "status --json" rows); this keeps the reasons for it from coming back: a
module on the status path that imports one of these costs every site, every hour.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyshapes
import pytest

# Each is loaded by `status` only when it is used, and none of these shapes uses them.
NEVER_ON_THE_STATUS_PATH = {
    "dataclasses": "@record makes the engine's value classes (wizard/core/record.py)",
    "inspect": "brought by dataclasses and typing.get_type_hints",
    "typing": "for the type checker only: imported under TYPE_CHECKING (see record.py)",
    "keyring": "its discovery imports every backend, macOS's included",
    "secretstorage": "status asks the Secret Service itself (wizard.core.secret_service)",
    "jeepney": "the few D-Bus calls status makes are wizard.core.dbus_wire's",
    "jwt": "a session token's expiry is read without pyjwt",
    "cryptography": "secrets come over a plain session (wizard.core.secret_service says why)",
    "dotenv": "Node's reading decides, python-dotenv only when a Python reading is needed",
    "httpx": "status never goes on the network",
    "textual": "the wizard's face",
    "tempfile": "only when writing (brings random and hashlib)",
    "hashlib": "only when naming a backup or a temporary file",
    "shutil": "argparse measures the terminal through it unless given a width",
    "subprocess": "git runs through wizard.core.captured (posix_spawn), which needs less",
    "signal": "only to kill a program that outstays its welcome",
    "socket": "dbus_wire opens its unix socket with _socket (socket.py builds enums)",
    "threading": "only for a keyring chosen through keyring, or encrypted sessions",
    "tomllib": "only with a technova-setup.toml",
    "getpass": "only when asking for a password",
    "select": "git's answer is read without it (wizard.core.captured)",
    "unicodedata": "only for a pasted text that is not ASCII (a look-alike of sk-)",
    "bisect": "only to number the lines of a key found in the widget",
    "base64": "a session token's parts are decoded with binascii (base64 loads struct too)",
    "struct": "a C module loaded by base64",
    "wizard.core.deploy.delivery": "restarts and Coolify are not status",
    "wizard.core.probes": "live checks are `check`",
}

# main(), as the program runs it (the program then ends without Python's teardown).
_PROBE = """
import json, sys
from wizard.cli.main import main
code = main(["status", "--project", sys.argv[1], "--json"])
sys.stdout.flush()
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _shape(root: Path, shape: str) -> Path:
    (root / "backend").mkdir(parents=True)
    key = keyshapes.openwebui_jwt_in(20 * 86400) if shape == "session token" else None
    key = key or keyshapes.openwebui_api_key()
    env = root / "backend/.env"
    env.write_text(f"OPENWEBUI_URL=http://localhost:3000\nOPENWEBUI_API_KEY={key}\n")
    env.chmod(0o600)
    if shape in ("widget file", "site in git"):
        (root / "frontend").mkdir()
        (root / "frontend/technova-config.js").write_text(
            "window.TECHNOVA_CONFIG = {\n  backendUrl: 'https://chat.example.com/api',\n};\n"
        )
    if shape in ("voice server", "site in git"):
        (root / "websocket-server").mkdir()
        voice = root / "websocket-server/.env"
        voice.write_text(f"OPENAI_API_KEY={keyshapes.openai_project()}\n")
        voice.chmod(0o600)
    if shape == "site in git":
        (root / "restart-with-logs.sh").write_text("#!/bin/sh\ncd backend && npm start &\n")
        (root / ".gitignore").write_text(".env\n")
        _git(root, "init", "-q")
        _git(root, "add", ".")
    return root


def _loaded_by_status(root: Path, bus: str | None, tmp: Path) -> tuple[int, set[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "PYTHON"))}
    env |= {"HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "config"), "LANG": "C.UTF-8"}
    if bus is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    said = json.loads(done.stderr.strip().splitlines()[-1])
    assert json.loads(done.stdout)["project"] == str(root)  # status did its whole job
    return said["code"], set(said["modules"])


@pytest.mark.parametrize(
    "shape", ["API key", "session token", "widget file", "voice server", "site in git"]
)
@pytest.mark.parametrize("bus", ["no D-Bus", "dead D-Bus address"])
def test_status_loads_only_what_it_uses(shape: str, bus: str, tmp_path: Path) -> None:
    root = _shape(tmp_path / "site", shape)
    address = None if bus == "no D-Bus" else f"unix:path={tmp_path}/bus-of-a-closed-session"
    code, modules = _loaded_by_status(root, address, tmp_path)
    assert code in (0, 1)
    assert ("wizard.core.captured" in modules) == (shape == "site in git")  # git was asked
    assert ("datetime" in modules) == (shape == "session token")  # dates only for tokens
    # No bus, or one whose socket is gone: known without a socket or a D-Bus message.
    assert "_socket" not in modules and "wizard.core.secret_service" not in modules
    assert ("wizard.core.dbus_wire" in modules) == (bus == "dead D-Bus address")
    loaded = {
        name: why
        for name, why in NEVER_ON_THE_STATUS_PATH.items()
        if name in modules or any(m.startswith(name + ".") for m in modules)
    }
    assert loaded == {}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def _counting_git(tmp: Path) -> tuple[dict[str, str], Path]:
    """A PATH whose `git` writes each call to a log, then runs the real git."""
    folder = tmp / "bin"
    folder.mkdir()
    log = tmp / "git-calls"
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout
    wrapper = folder / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec {real.strip()} "$@"\n')
    wrapper.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}, log


def _problems_of_status(root: Path, env: dict[str, str]) -> set[tuple[str, str | None]]:
    """(code, file) of every problem `status --json`, run as the program, reports."""
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "status", "--project", str(root), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=root.parent,
    )
    return {(p["code"], p.get("file")) for p in json.loads(done.stdout)["problems"]}


@pytest.mark.parametrize("layout", ["one repository", "backend is its own repository"])
def test_status_asks_git_once_per_repository(layout: str, tmp_path: Path) -> None:
    """Every git question status asks (each .env file tracked? ignored? any other file git
    publishes with a key?) comes from one `git ls-files` per repository, and the answers are
    the ones git gives file by file."""
    from wizard.core.project import git_state

    root = _shape(tmp_path / "site", "voice server")
    _git(root, "init", "-q")
    if layout == "backend is its own repository":
        _git(root / "backend", "init", "-q")
        (root / "backend/.gitignore").write_text(".env\n")
    (root / "websocket-server/.env.bak").write_text(
        f"OPENAI_API_KEY={keyshapes.openai_project()}\n"
    )
    _git(root, "add", "websocket-server/.env")
    env, log = _counting_git(tmp_path)
    codes = _problems_of_status(root, env)
    calls = log.read_text().splitlines()
    expected = 1 if layout == "one repository" else 3  # the nested one: two for its .env
    assert len(calls) == expected, calls
    for relative in ("backend/.env", "websocket-server/.env"):
        state = git_state(root / relative)
        if state.tracked:
            assert ("env-tracked-by-git", relative) in codes
        elif not state.ignored:
            assert ("env-not-gitignored", relative) in codes
        else:
            assert not {c for c in codes if c[1] == relative and c[0].startswith("env-")}
    assert ("key-would-be-added", "websocket-server/.env.bak") in codes


def test_a_big_repository_still_says_a_committed_env_is_committed(tmp_path: Path) -> None:
    """The scan for other files stops after 5,000 of them; the .env files' own state comes
    from the whole listing, wherever they sort."""
    root = _shape(tmp_path / "site", "API key")
    _git(root, "init", "-q")
    many = root / "aaa-assets"
    many.mkdir()
    for number in range(5_100):
        (many / f"{number:05}.txt").write_text("x\n")
    _git(root, "add", ".")  # backend/.env too: committed by mistake
    codes = _problems_of_status(root, dict(os.environ))
    assert ("env-tracked-by-git", "backend/.env") in codes
