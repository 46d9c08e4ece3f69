"""`status`'s keyring read (`read_kept_keys`) against a real Secret Service, each case in its
own private D-Bus session: one connection and at most one session for both keys, and
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
    from wizard.core import dbus_wire, keystore

    root = Path(sys.argv[1])
    refuse_plain = sys.argv[2] == "refused"
    sessions = []
    real_call = dbus_wire.Connection.call

    def call(self, destination, path, interface, member, signature="", *args, **options):
        if member == "OpenSession":
            if refuse_plain and args[0] == "plain":  # as KWallet's Secret Service answers
                raise dbus_wire.DBusError("org.freedesktop.DBus.Error.NotSupported", "plain")
            sessions.append(args[0])
        return real_call(self, destination, path, interface, member, signature, *args, **options)

    dbus_wire.Connection.call = call
    if refuse_plain:
        import secretstorage.util
        real_open_session = secretstorage.util.open_session

        def counted(connection):
            sessions.append("dh-ietf1024-sha256-aes128-cbc-pkcs7")
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
        "sessions": sessions,
        "loaded": sorted(
            name for name in ("secretstorage", "jeepney", "cryptography", "keyring", "threading")
            if name in sys.modules
        ),
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
    tmp_path: Path,
    *,
    keyring: str,
    store: str = "none",
    then: str = "",
    plain: str = "accepted",
    script_text: str = _SCRIPT,
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
    script.write_text(textwrap.dedent(script_text))
    project = tmp_path / "site"
    project.mkdir(exist_ok=True)
    started = time.monotonic()
    both = f'{start}"$0" "$1" "$3" "$4" "$5" && exec "$0" "$2" "$3" "$6"'
    arguments = [sys.executable, str(setup), str(script), str(project), store, then or "-", plain]
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
def test_both_keys_in_one_visit_over_one_plain_session(tmp_path: Path) -> None:
    report, _ = _read_in_private_session(tmp_path, keyring="unlocked", store="both")
    assert report["usable"] is True
    assert report["backend"] == "Secret Service (GNOME Keyring)"
    assert report["keys"] == {"OPENWEBUI_API_KEY": OPENWEBUI_KEY, "OPENAI_API_KEY": OPENAI_KEY}
    assert report["sessions"] == ["plain"]
    # Our own D-Bus calls: no jeepney, SecretStorage or cryptography, and no worker thread.
    assert report["loaded"] == []


@pytest.mark.keyring_service
def test_a_service_that_refuses_plain_sessions_is_read_encrypted(tmp_path: Path) -> None:
    report, _ = _read_in_private_session(
        tmp_path, keyring="unlocked", store="both", plain="refused"
    )
    assert report["usable"] is True
    assert report["keys"] == {"OPENWEBUI_API_KEY": OPENWEBUI_KEY, "OPENAI_API_KEY": OPENAI_KEY}
    assert report["sessions"] == ["dh-ietf1024-sha256-aes128-cbc-pkcs7"]  # one for both


@pytest.mark.keyring_service
def test_nothing_kept_opens_no_session(tmp_path: Path) -> None:
    report, _ = _read_in_private_session(tmp_path, keyring="unlocked", store="none")
    assert report["usable"] is True and report["keys"] == {}
    assert report["sessions"] == [] and report["loaded"] == []


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
    assert report["sessions"] == [] and report["loaded"] == []
    assert report["en"] and report["fr"] and report["en"] != report["fr"]
    assert elapsed < 10  # no window waited for (the read's own limit is 5 s)


# The whole `status`, as the program runs it, on a desktop whose keyring holds both keys.
_STATUS = """
    import contextlib, io, json, sys
    from wizard.cli.main import main
    with contextlib.redirect_stdout(io.StringIO()) as said:
        code = main(["status", "--project", sys.argv[1], "--json"])
    modules = sorted(sys.modules)
    print(json.dumps({"code": code, "status": json.loads(said.getvalue()), "modules": modules}))
"""


@pytest.mark.keyring_service
def test_status_on_a_desktop_loads_only_what_it_uses(tmp_path: Path) -> None:
    from test_status_cold_start import NEVER_ON_THE_STATUS_PATH

    (tmp_path / "site/backend").mkdir(parents=True)
    env_file = tmp_path / "site/backend/.env"
    env_file.write_text(f"OPENWEBUI_URL=http://localhost:3000\nOPENWEBUI_API_KEY={OPENWEBUI_KEY}\n")
    env_file.chmod(0o600)
    report, _ = _read_in_private_session(
        tmp_path, keyring="unlocked", store="both", script_text=_STATUS
    )
    assert report["code"] in (0, 1)
    credentials = report["status"]["credentials"]  # type: ignore[index]
    assert [c["in_keyring"] for c in credentials] == [True]  # read, and the same as the file
    modules = set(report["modules"])  # type: ignore[call-overload]
    loaded = {
        name: why
        for name, why in NEVER_ON_THE_STATUS_PATH.items()
        if name in modules or any(m.startswith(name + ".") for m in modules)
    }
    assert loaded == {}
    assert {"wizard.core.dbus_wire", "wizard.core.secret_service"} <= modules  # it did ask
