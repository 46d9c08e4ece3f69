"""Reads from the Secret Service without loading `keyring` (whose discovery imports every
backend it knows, the macOS one included): a dead D-Bus address is seen for what it is, a
live one is read directly, and a backend someone chose is still respected.

Each case runs in a fresh Python (what is imported is the point), in its own D-Bus session
where one is needed, so the developer's own keyring is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-" + "a1b2c3d4" * 6

_READ = """
    import json, sys
    from pathlib import Path
    from wizard.core.errors import WizardError
    from wizard.core.keys import Slot
    from wizard.core.keystore import keyring_info, load_key
    info = keyring_info()
    try:
        key = load_key(Slot.OPENAI, Path(sys.argv[1]))
        found, error = key.reveal() if key else None, None
    except WizardError as caught:
        found, error = None, caught.code
    print(json.dumps({"usable": info.usable, "backend": info.backend,
                      "reason": info.reason and info.reason.key, "found": found,
                      "error": error, "keyring_loaded": "keyring" in sys.modules}))
"""

_SAVE = """
    import sys
    from pathlib import Path
    from wizard.core.keys import Slot
    from wizard.core.keystore import save_key
    from wizard.core.secret import Secret
    save_key(Slot.OPENAI, Path(sys.argv[1]), Secret(sys.argv[2]))
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg from the user
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _read(tmp_path: Path, env: dict[str, str]) -> dict[str, object]:
    script = tmp_path / "read.py"
    script.write_text(textwrap.dedent(_READ))
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "shop")],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _stale_socket(tmp_path: Path) -> Path:
    """A socket file nobody listens on: what a desktop session leaves behind."""
    path = tmp_path / "bus"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
    return path


@pytest.mark.parametrize("address", ["missing", "stale", "stale-escaped", "abstract"])
def test_a_dead_bus_address_is_no_session_without_loading_keyring(
    tmp_path: Path, address: str
) -> None:
    if address == "missing":
        value = f"unix:path={tmp_path}/no-such-bus"
    elif address == "stale":
        value = f"unix:path={_stale_socket(tmp_path)},guid=0123"
    elif address == "stale-escaped":  # D-Bus escapes bytes as %XX in addresses
        value = "unix:path=" + str(_stale_socket(tmp_path)).replace("/", "%2f")
    else:
        value = f"unix:abstract=technova-test-{os.getpid()}-nobody"
    report = _read(tmp_path, _env(tmp_path, DBUS_SESSION_BUS_ADDRESS=value))
    assert report["usable"] is False and report["backend"] == "none"
    assert report["reason"] == "keystore.reason.no_session"
    assert report["error"] == "keystore.unavailable"
    assert report["keyring_loaded"] is False


def test_a_backend_chosen_by_the_person_goes_through_keyring(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-such-bus",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    report = _read(tmp_path, env)
    assert report["keyring_loaded"] is True
    assert report["reason"] == "keystore.reason.disabled"


@pytest.mark.keyring_service
def test_a_key_saved_through_keyring_is_read_back_directly(tmp_path: Path) -> None:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the real keyring tests: {missing} missing")
        pytest.skip(f"{', '.join(missing)} not installed")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = _env(tmp_path, XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(runtime))
    (tmp_path / "save.py").write_text(textwrap.dedent(_SAVE))
    (tmp_path / "read.py").write_text(textwrap.dedent(_READ))
    shop = str(tmp_path / "shop")
    py = sys.executable
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            "printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
            f'"{py}" read.py "{shop}" && "{py}" save.py "{shop}" "$KEY" && "{py}" read.py "{shop}"',
        ],
        cwd=tmp_path,
        env={**env, "KEY": KEY},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    before, after = (json.loads(line) for line in done.stdout.strip().splitlines()[-2:])
    assert before["usable"] is True and before["found"] is None
    assert after["found"] == KEY
    assert after["backend"] == "Secret Service (GNOME Keyring)"
    assert before["keyring_loaded"] is False and after["keyring_loaded"] is False
