"""The OS keyring: in-memory backends for the logic, the real Secret Service for the truth."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError, PasswordSetError

from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.keystore import (
    SERVICE,
    KeyringInfo,
    Slot,
    account_name,
    delete_key,
    keyring_info,
    load_key,
    save_key,
)
from wizard.core.secret import Secret

ROOT = Path(__file__).resolve().parent.parent
KEY = Secret("sk-proj-" + "Zq7" * 14 + "wXyZ")  # shaped like an OpenAI key, fake
OTHER = Secret("sk-" + "Ab9" * 15 + "tuvw")


def _unregistered(cls: type[KeyringBackend]) -> type[KeyringBackend]:
    """Keep a test backend out of keyring's discovery (its metaclass registers every class):
    otherwise the default resolution in the Secret Service tests would see it too."""
    KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@_unregistered
class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


@_unregistered
class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (passwords in a file, unencrypted)."""

    __module__ = "keyrings.alt.file"
    priority = 0.5  # type: ignore[assignment]


@_unregistered
class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


@_unregistered
class LeakyKeyring(MemoryKeyring):
    """A backend whose errors quote the password: ours must not."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"could not store {password!r} for {username}")

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError(f"boom near {KEY.reveal()}")


@_unregistered
class HangingKeyring(MemoryKeyring):
    """Waits like a Secret Service stuck on an unlock prompt nobody can see."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(10)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(10)


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend], KeyringBackend]]:
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


@pytest.fixture
def memory(use_keyring: Callable[[KeyringBackend], KeyringBackend]) -> MemoryKeyring:
    return use_keyring(MemoryKeyring())  # type: ignore[return-value]


def _project(tmp_path: Path, name: str = "shop") -> Path:
    root = tmp_path / name
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    return root


def _assert_no_secret(error: WizardError, secret: Secret) -> None:
    value = secret.reveal()
    texts = [str(error), repr(error), repr(error.params), error.render("en"), error.render("fr")]
    texts += [str(v) for part in error.explanation.render("en").values() for v in [part]]
    assert not any(value in text for text in texts)
    # Nothing chained either: a traceback shows only what we meant.
    assert error.__cause__ is None and error.__context__ is None


# ----------------------------------------------------------------------------- names


def test_account_names_are_per_slot_and_per_resolved_project(tmp_path: Path) -> None:
    root = _project(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(root)
    name = account_name(Slot.OPENWEBUI, root)
    assert name == f"OPENWEBUI_API_KEY@{root.resolve()}"
    assert account_name(Slot.OPENWEBUI, link) == name
    assert account_name(Slot.OPENAI, root) == f"OPENAI_API_KEY@{root.resolve()}"
    assert Slot.OPENAI.value == "OPENAI_API_KEY" and SERVICE == "technova-setup"


# ----------------------------------------------------------------------------- memory backend


def test_round_trip(memory: MemoryKeyring, tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert load_key(Slot.OPENAI, root) is None
    save_key(Slot.OPENAI, root, KEY)
    assert load_key(Slot.OPENAI, root) == KEY
    assert load_key(Slot.OPENWEBUI, root) is None
    assert memory.items == {(SERVICE, account_name(Slot.OPENAI, root)): KEY.reveal()}
    save_key(Slot.OPENAI, root, OTHER)  # replaces
    assert load_key(Slot.OPENAI, root) == OTHER
    assert keyring_info() == KeyringInfo(usable=True, backend=f"{__name__}.MemoryKeyring")


def test_projects_are_kept_apart(memory: MemoryKeyring, tmp_path: Path) -> None:
    one, two = _project(tmp_path, "one"), _project(tmp_path, "two")
    save_key(Slot.OPENWEBUI, one, KEY)
    save_key(Slot.OPENWEBUI, two, OTHER)
    assert load_key(Slot.OPENWEBUI, one) == KEY
    assert load_key(Slot.OPENWEBUI, two) == OTHER
    assert delete_key(Slot.OPENWEBUI, one) is True
    assert load_key(Slot.OPENWEBUI, two) == OTHER


def test_delete(memory: MemoryKeyring, tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert delete_key(Slot.OPENAI, root) is False
    save_key(Slot.OPENAI, root, KEY)
    assert delete_key(Slot.OPENAI, root) is True
    assert load_key(Slot.OPENAI, root) is None
    assert delete_key(Slot.OPENAI, root) is False


def test_a_loaded_key_shows_itself_masked(memory: MemoryKeyring, tmp_path: Path) -> None:
    save_key(Slot.OPENAI, tmp_path, KEY)
    loaded = load_key(Slot.OPENAI, tmp_path)
    assert loaded is not None and loaded.reveal() == KEY.reveal()
    for shown in (repr(loaded), str(loaded), f"{loaded}"):
        assert KEY.reveal() not in shown
        assert KEY.masked in shown


def test_a_chainer_writes_to_its_first_store(
    use_keyring: Callable[[KeyringBackend], KeyringBackend],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    first, second = MemoryKeyring(), MemoryKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [first, second])
    use_keyring(chainer.ChainerBackend())
    assert keyring_info().usable
    save_key(Slot.OPENAI, tmp_path, KEY)
    assert first.items and not second.items


# ----------------------------------------------------------------------------- no keyring


@pytest.mark.parametrize("kind", ["fail", "empty chainer", "null"])
def test_no_backend_is_unavailable(
    kind: str,
    use_keyring: Callable[[KeyringBackend], KeyringBackend],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    if kind == "fail":
        use_keyring(fail.Keyring())
    elif kind == "null":
        use_keyring(null.Keyring())
    else:
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
        use_keyring(chainer.ChainerBackend())
    info = keyring_info()
    assert not info.usable and info.backend == "none" and not info.locked
    assert info.reason is not None
    expected = "keystore.reason.disabled" if kind == "null" else "keystore.reason.no_"
    assert info.reason.key.startswith(expected)
    for call in (
        lambda: load_key(Slot.OPENAI, tmp_path),
        lambda: save_key(Slot.OPENAI, tmp_path, KEY),
        lambda: delete_key(Slot.OPENAI, tmp_path),
    ):
        with pytest.raises(WizardError) as caught:
            call()
        assert caught.value.code == "keystore.unavailable"
        assert caught.value.explanation.why.render("en") == info.reason.render("en")
        assert ".env" in caught.value.render("en") and ".env" in caught.value.render("fr")
        _assert_no_secret(caught.value, KEY)


def test_a_plaintext_backend_is_not_used(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    plain = use_keyring(PlaintextKeyring())
    info = keyring_info()
    assert not info.usable
    assert info.reason is not None and info.reason.key == "keystore.reason.plaintext"
    assert "plain-text" in info.backend
    assert "unencrypted" in info.reason.render("en") and "en clair" in info.reason.render("fr")
    with pytest.raises(WizardError) as caught:
        save_key(Slot.OPENAI, tmp_path, KEY)
    assert caught.value.code == "keystore.unavailable"
    assert plain.items == {}  # type: ignore[attr-defined]


def test_a_locked_keyring(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    use_keyring(LockedKeyring())
    info = keyring_info()
    assert not info.usable and info.locked
    assert info.reason is not None and info.reason.key == "keystore.reason.locked"
    for call in (
        lambda: save_key(Slot.OPENAI, tmp_path, KEY),
        lambda: load_key(Slot.OPENAI, tmp_path),
    ):
        with pytest.raises(WizardError) as caught:
            call()
        assert caught.value.code == "keystore.locked"
        assert "gnome-keyring-daemon --unlock" in caught.value.render("en")
        assert "gnome-keyring-daemon --unlock" in caught.value.render("fr")
        _assert_no_secret(caught.value, KEY)


def test_a_dismissed_creation_prompt_means_no_keyring_yet(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    secretstorage = pytest.importorskip("secretstorage")

    @_unregistered
    class NoCollection(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            try:
                raise secretstorage.exceptions.PromptDismissedException("Prompt dismissed.")
            except secretstorage.exceptions.SecretStorageException as e:
                raise InitError(f"Failed to create the collection: {e}.") from e

    use_keyring(NoCollection())
    info = keyring_info()
    assert not info.usable and not info.locked
    assert info.reason is not None and info.reason.key == "keystore.reason.no_collection"
    with pytest.raises(WizardError) as caught:
        load_key(Slot.OPENAI, tmp_path)
    assert caught.value.code == "keystore.unavailable"


def test_errors_never_contain_the_key(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    use_keyring(LeakyKeyring())
    with pytest.raises(WizardError) as caught:
        save_key(Slot.OPENAI, tmp_path, KEY)
    assert caught.value.code == "keystore.failed"
    _assert_no_secret(caught.value, KEY)
    assert KEY.masked in caught.value.render("en")  # the detail keeps its masked form
    assert "PasswordSetError" in caught.value.render("fr")

    info = keyring_info()
    assert not info.usable and info.reason is not None
    assert info.reason.key == "keystore.reason.error"
    # No secret to scrub with here: anything shaped like a key is masked.
    for lang in ("en", "fr"):
        assert KEY.reveal() not in info.reason.render(lang)
        assert KEY.masked in info.reason.render(lang)


def test_a_hanging_keyring_times_out(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    hanging = use_keyring(HangingKeyring())
    try:
        started = time.monotonic()
        info = keyring_info(timeout=0.2)
        assert time.monotonic() - started < 2
        assert not info.usable
        assert info.reason is not None and info.reason.key == "keystore.reason.timeout"
        assert "0.2" in info.reason.render("fr")
        with pytest.raises(WizardError) as caught:
            save_key(Slot.OPENAI, tmp_path, KEY, timeout=0.2)
        assert caught.value.code == "keystore.timeout"
        _assert_no_secret(caught.value, KEY)
    finally:
        hanging.release.set()  # type: ignore[attr-defined]


def test_a_missing_bus_socket_in_a_backend_is_unavailable(
    use_keyring: Callable[[KeyringBackend], KeyringBackend], tmp_path: Path
) -> None:
    @_unregistered
    class NoSocket(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise FileNotFoundError(2, "No such file or directory")

    use_keyring(NoSocket())
    with pytest.raises(WizardError) as caught:
        load_key(Slot.OPENAI, tmp_path)
    assert caught.value.code == "keystore.unavailable"
    assert caught.value.params["reason"] == Msg("keystore.reason.no_session")


# ----------------------------------------------------------------------------- no D-Bus at all


def _run_python(code: str, env: dict[str, str]) -> tuple[dict[str, object], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


_REPORT = """
    import json
    from pathlib import Path
    from wizard.core.errors import WizardError
    from wizard.core.keystore import Slot, keyring_info, load_key, save_key
    from wizard.core.secret import Secret
    info = keyring_info()
    try:
        save_key(Slot.OPENAI, Path("."), Secret("sk-" + "q" * 40))
        code = None
    except WizardError as error:
        code = error.code
    print(json.dumps({"usable": info.usable, "backend": info.backend, "locked": info.locked,
                      "reason": info.reason and info.reason.key,
                      "en": info.reason and info.reason.render("en"),
                      "fr": info.reason and info.reason.render("fr"), "save": code}))
"""


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg from the user
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_without_dbus_the_keyring_is_plainly_unusable(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path}/no-such-bus"
    report, elapsed = _run_python(_REPORT, env)
    assert elapsed < 5
    assert report["usable"] is False and report["backend"] == "none"
    assert report["reason"] == "keystore.reason.no_session"
    assert "D-Bus" in str(report["en"]) and "serveur" in str(report["fr"])
    assert report["save"] == "keystore.unavailable"


# ----------------------------------------------------------------------------- real Secret Service


def _secret_service_problem() -> str | None:
    """Why the real Secret Service cannot be reached here, or None when it can."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "DBUS_SESSION_BUS_ADDRESS is not set (run the suite with tests/run)"
    try:
        import secretstorage

        with closing(secretstorage.dbus_init()) as conn:
            if not secretstorage.check_service_availability(conn):
                return "no Secret Service (gnome-keyring) on the session bus"
    except Exception as exc:
        return f"the session bus cannot be reached: {type(exc).__name__}: {exc}"
    return None


def _require(problem: str | None) -> None:
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the real keyring tests (tests/run provides them): {problem}")
    pytest.skip(problem)


@pytest.fixture
def secret_service() -> Iterator[KeyringBackend]:
    _require(_secret_service_problem())
    previous = keyring.get_keyring()
    keyring.core.init_backend()  # the default resolution, as in the wizard
    backend = keyring.get_keyring()
    try:
        assert isinstance(backend, SecretService.Keyring), f"default resolution gave {backend}"
        yield backend
    finally:
        keyring.set_keyring(previous)


def _items(account: str) -> list[tuple[dict[str, str], bytes]]:
    import secretstorage

    with closing(secretstorage.dbus_init()) as conn:
        found = secretstorage.search_items(conn, {"service": SERVICE, "username": account})
        return [(item.get_attributes(), item.get_secret()) for item in found]


def _files_holding(folder: Path, value: str) -> list[Path]:
    needle = value.encode()
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.keyring_service
def test_round_trip_through_the_real_secret_service(
    secret_service: KeyringBackend, tmp_path: Path
) -> None:
    root = _project(tmp_path)
    account = account_name(Slot.OPENWEBUI, root)
    info = keyring_info()
    assert info.usable and info.reason is None
    assert info.backend == "Secret Service (GNOME Keyring)"
    try:
        save_key(Slot.OPENWEBUI, root, KEY)
        assert load_key(Slot.OPENWEBUI, root) == KEY
        assert load_key(Slot.OPENAI, root) is None

        [(attributes, value)] = _items(account)
        assert attributes["service"] == "technova-setup"
        assert attributes["username"] == account
        assert value == KEY.reveal().encode()
        assert _files_holding(root, KEY.reveal()) == []
        data_home = os.environ.get("XDG_DATA_HOME")
        if data_home:  # gnome-keyring's own files hold it encrypted, never in clear
            assert _files_holding(Path(data_home), KEY.reveal()) == []

        save_key(Slot.OPENWEBUI, root, OTHER)  # replaced, not added
        [(_, value)] = _items(account)
        assert value == OTHER.reveal().encode()
    finally:
        deleted = delete_key(Slot.OPENWEBUI, root)
    assert deleted is True
    assert _items(account) == []
    assert delete_key(Slot.OPENWEBUI, root) is False


_SESSION_TOOLS = ("dbus-run-session", "gnome-keyring-daemon")

_LOCK_DEFAULT = """
    import secretstorage
    from contextlib import closing
    with closing(secretstorage.dbus_init()) as conn:
        secretstorage.get_default_collection(conn).lock()
"""


@pytest.mark.keyring_service
@pytest.mark.parametrize(
    ("unlock", "then", "reason", "save"),
    [
        # A keyring locked after login: reading needs an unlock prompt nobody can see.
        (True, _LOCK_DEFAULT, "keystore.reason.locked", "keystore.locked"),
        # gnome-keyring started by D-Bus with no keyring yet: creating one needs a prompt.
        (False, "", "keystore.reason.no_collection", "keystore.unavailable"),
    ],
    ids=["locked", "no-keyring-yet"],
)
def test_a_real_keyring_that_cannot_be_used(
    unlock: bool, then: str, reason: str, save: str, tmp_path: Path
) -> None:
    """Each in its own private D-Bus session: the shared one stays unlocked for the others."""
    missing = [tool for tool in _SESSION_TOOLS if shutil.which(tool) is None]
    _require(f"{', '.join(missing)} not installed" if missing else None)
    env = _clean_env(tmp_path)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    start = (
        "printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        if unlock
        else ""
    )
    script = tmp_path / "then.py"
    script.write_text(textwrap.dedent(then) + textwrap.dedent(_REPORT))
    started = time.monotonic()
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", f'{start}exec "$0" "$1"', sys.executable, script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 10
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["usable"] is False
    assert report["backend"].startswith("Secret Service")
    assert report["reason"] == reason
    assert report["locked"] is (save == "keystore.locked")
    assert report["save"] == save
