"""`status`'s keyring read (`read_kept_keys`) against a real Secret Service, each case in its
own private D-Bus session: one connection and at most one key exchange for both keys, and
never an unlock or create window (status may run unattended)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OPENWEBUI_KEY = "sk-" + "0123456789abcdef" * 2
OPENAI_KEY = "sk-proj-" + "Zq7" * 14 + "wXyZ"

# Kept (and locked) by another process, as the wizard would have: saving loads keyring, and
# a process where keyring chose a store reads through keyring's choice.
_SETUP = """
    import sys
    from pathlib import Path
    from wizard.core import keystore
    from wizard.core.keys import Slot
    from wizard.core.secret import Secret

    root = Path(sys.argv[1])
    if sys.argv[2] == "both":
        keystore.save_key(Slot.OPENWEBUI, root, Secret({owui!r}))
        keystore.save_key(Slot.OPENAI, root, Secret({openai!r}))
    if sys.argv[3] == "lock":
        from contextlib import closing
        import secretstorage
        with closing(secretstorage.dbus_init()) as conn:
            secretstorage.get_default_collection(conn).lock()
"""

_SCRIPT = """
    import json, sys
    from pathlib import Path
    import secretstorage.util
    from wizard.core import keystore

    root = Path(sys.argv[1])
    exchanges = []
    real_open_session = secretstorage.util.open_session

    def counted(connection):
        exchanges.append(1)
        return real_open_session(connection)

    secretstorage.util.open_session = counted
    kept = keystore.read_kept_keys(root)
    info = kept.info
    print(json.dumps({
        "usable": info.usable, "backend": info.backend, "locked": info.locked,
        "reason": info.reason and info.reason.key,
        "en": info.reason and info.reason.render("en"),
        "fr": info.reason and info.reason.render("fr"),
        "keys": {slot.value: secret.reveal() for slot, secret in kept.keys.items()},
        "exchanges": len(exchanges),
    }))
"""


_BUS_WITHOUT_SERVICES = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _require_session_tools() -> None:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} not installed (.ci/run installs them)")
        pytest.skip(f"{', '.join(missing)} not installed")


def _read_in_private_session(
    tmp_path: Path, *, keyring: str, store: str = "none", then: str = ""
) -> tuple[dict[str, object], float]:
    """`keyring`: "unlocked" (started and unlocked, as after a desktop login), "not started"
    (D-Bus may start it: it then has no keyring yet), "absent" (no Secret Service at all)."""
    _require_session_tools()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON_KEYRING", "DBUS_"))}
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env |= {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    bus = ["dbus-run-session"]
    if keyring == "absent":  # a session bus that can start no service: nothing answers
        config = tmp_path / "bus.conf"
        config.write_text(_BUS_WITHOUT_SERVICES.format(folder=runtime))
        bus.append(f"--config-file={config}")
    start = (
        "printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        if keyring == "unlocked"
        else ""
    )
    setup, script = tmp_path / "setup.py", tmp_path / "read.py"
    setup.write_text(textwrap.dedent(_SETUP).format(owui=OPENWEBUI_KEY, openai=OPENAI_KEY))
    script.write_text(textwrap.dedent(_SCRIPT))
    project = tmp_path / "site"
    project.mkdir()
    started = time.monotonic()
    both = f'{start}"$0" "$1" "$3" "$4" "$5" && exec "$0" "$2" "$3"'
    arguments = [sys.executable, str(setup), str(script), str(project), store, then or "-"]
    done = subprocess.run(
        [*bus, "--", "sh", "-c", both, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


@pytest.mark.keyring_service
def test_both_keys_in_one_visit_with_one_key_exchange(tmp_path: Path) -> None:
    report, _ = _read_in_private_session(tmp_path, keyring="unlocked", store="both")
    assert report["usable"] is True
    assert str(report["backend"]).startswith("Secret Service")
    assert report["keys"] == {"OPENWEBUI_API_KEY": OPENWEBUI_KEY, "OPENAI_API_KEY": OPENAI_KEY}
    assert report["exchanges"] == 1


@pytest.mark.keyring_service
def test_nothing_kept_needs_no_key_exchange(tmp_path: Path) -> None:
    report, _ = _read_in_private_session(tmp_path, keyring="unlocked", store="none")
    assert report["usable"] is True and report["keys"] == {}
    assert report["exchanges"] == 0


@pytest.mark.keyring_service
@pytest.mark.parametrize(
    ("keyring", "then", "reason", "locked"),
    [
        ("unlocked", "lock", "keystore.reason.locked_unasked", True),
        ("not started", "", "keystore.reason.no_collection_yet", False),
        ("absent", "", "keystore.reason.no_service", False),
    ],
    ids=["locked", "no-keyring-yet", "no-secret-service"],
)
def test_a_keyring_that_cannot_be_read_is_said_without_asking(
    keyring: str, then: str, reason: str, locked: bool, tmp_path: Path
) -> None:
    store = "both" if then == "lock" else "none"
    report, elapsed = _read_in_private_session(tmp_path, keyring=keyring, store=store, then=then)
    assert report["usable"] is False and report["keys"] == {}
    assert report["reason"] == reason and report["locked"] is locked
    assert report["exchanges"] == 0
    assert report["en"] and report["fr"] and report["en"] != report["fr"]
    assert elapsed < 10  # no window waited for (the read's own limit is 5 s)
