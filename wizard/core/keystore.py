"""The OS keyring (service `technova-setup`), where the project's two keys are kept.

The `.env` files still get copies (Node cannot read the keyring). When no usable keyring
exists — a headless server, a locked or plain-text store — `keyring_info()` says so with a
reason, and `load_key`/`save_key`/`delete_key` raise a `WizardError` the faces can explain;
the fallback to the `.env` files alone is the faces' job, and only with the user's consent.

Every call to the keyring runs in a worker thread with a time limit: the Secret Service can
wait forever on an unlock prompt nobody sees, and the wizard must never hang. Exceptions
from keyring, SecretStorage, jeepney or D-Bus never leave this module: they become
`WizardError`s whose parameters never hold the key (only `Secret.masked`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.keys import Slot
from wizard.core.record import field, record
from wizard.core.secret import Secret, mask

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from typing import TypeVar

    from keyring.backend import KeyringBackend

    from wizard.core.dbus_wire import Connection as DBusConnection

    T = TypeVar("T")

SERVICE = "technova-setup"
PROBE_ACCOUNT = "technova-setup-probe"  # only ever read, never written
PROBE_TIMEOUT = 5.0  # seconds: keyring_info() is called before every screen that needs a key
# An operation may show the desktop's unlock prompt: leave the person time to type a password.
OPERATION_TIMEOUT = 60.0
NO_BACKEND = "none"
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-]{20,}")


def account_name(slot: Slot, project_root: Path) -> str:
    """The keyring account of one key of one project: `OPENWEBUI_API_KEY@/abs/project`.

    The resolved path keeps two projects (or two checkouts of one) apart, and the same
    project reached through a symlink or a relative path in one entry.
    """
    return f"{Slot(slot).value}@{Path(project_root).expanduser().resolve()}"


@record
class KeyringInfo:
    """Whether the keys can be kept in the OS keyring here, which one it is, and why not."""

    usable: bool
    backend: str  # a human name: "Secret Service (GNOME Keyring)", "macOS Keychain", "none"
    reason: Msg | None = None  # why it is not usable (None when usable)
    locked: bool = False  # a real keyring that is locked: unlocking it would make it usable

    @property
    def label(self) -> Msg:
        """The store's name in the reader's language (product names stay as they are)."""
        return keyring_label(self.backend)


# Names that are words, not product names: said in the reader's language.
_TRANSLATED_NAMES = {
    NO_BACKEND: "keystore.name.none",
    "macOS Keychain": "keystore.name.macos",
    "Windows Credential Manager": "keystore.name.windows",
    "demo keyring (in memory, forgotten on exit)": "keystore.name.demo",
}


def keyring_label(backend: str) -> Msg:
    """`backend` (a `KeyringInfo.backend`) as a message in the reader's language."""
    if backend in _TRANSLATED_NAMES:
        return Msg(_TRANSLATED_NAMES[backend])
    if backend.startswith("plain-text file ("):
        return Msg(
            "keystore.name.plaintext",
            {"kind": backend.removeprefix("plain-text file (").removesuffix(")")},
        )
    return Msg("keystore.name.as-is", {"name": backend})


# ----------------------------------------------------------------------------- running calls


class _Timeout(Exception):
    pass


def _run(fn: Callable[[], T], timeout: float) -> T:
    """`fn()` in a daemon thread; its exception re-raised here, `_Timeout` after `timeout`.

    A daemon thread, not an executor: an executor's threads are joined at exit, so a call
    stuck on a prompt would keep the process alive after the wizard ends.
    """
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # carried to the caller, whatever it is
            outcome["error"] = exc

    import threading  # only once a keyring is really asked: status without one never is

    worker = threading.Thread(target=work, name="technova-keyring", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _Timeout
    if "error" in outcome:
        raise outcome.pop("error")  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


# ----------------------------------------------------------------------------- backends


def _effective_backend(kr: KeyringBackend) -> KeyringBackend | None:
    """The backend that actually stores passwords (the chainer writes to its first one)."""
    from keyring.backends import chainer, fail, null

    if isinstance(kr, chainer.ChainerBackend):
        backends = list(kr.backends)
        return _effective_backend(backends[0]) if backends else None
    if isinstance(kr, fail.Keyring | null.Keyring):
        return None
    return kr


def _is_plaintext(kr: KeyringBackend) -> bool:
    """keyrings.alt's PlaintextKeyring and its kind: passwords in a file, unencrypted."""
    return "plaintext" in type(kr).__name__.lower()


def _session_bus(timeout: float) -> DBusConnection:
    """A connection to the session bus of our own (wizard.core.dbus_wire): no jeepney."""
    import time

    from wizard.core.dbus_wire import Connection

    return Connection(time.monotonic() + timeout).open()


def _secret_service_provider() -> str | None:
    """Which program answers on the Secret Service bus name (best effort, Linux only)."""
    from wizard.core import secret_service

    try:
        with _session_bus(1.0) as bus:
            return secret_service.program_name(bus)
    except Exception:  # a nicer name is not worth an error
        return None


def _backend_name(kr: KeyringBackend | None) -> str:
    """A name a person recognises for the backend that stores the keys."""
    if kr is None:
        return NO_BACKEND
    cls = type(kr)
    qualname = f"{cls.__module__}.{cls.__name__}"
    if isinstance(kr, _DirectSecretService) or qualname == "keyring.backends.SecretService.Keyring":
        provider = _secret_service_provider()
        return f"Secret Service ({provider})" if provider else "Secret Service"
    known = {
        "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
        "keyring.backends.kwallet.DBusKeyring": "KWallet",
        "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
        "keyring.backends.macOS.Keyring": "macOS Keychain",
        "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
        "wizard.core.demo.DemoKeyring": "demo keyring (in memory, forgotten on exit)",
    }
    if qualname in known:
        return known[qualname]
    if _is_plaintext(kr):
        return f"plain-text file ({qualname})"
    return qualname


# ----------------------------------------------------------------------------- reasons


def _no_backend_reason() -> Msg:
    """Why keyring found no backend: no D-Bus session, or no password store on the bus."""
    if sys.platform != "linux":
        return Msg("keystore.reason.no_backend")
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        return Msg("keystore.reason.no_session")
    from wizard.core import secret_service

    try:
        with _session_bus(PROBE_TIMEOUT) as bus:
            if not secret_service.is_available(bus):
                return Msg("keystore.reason.no_service")
    except Exception:  # connecting to the bus failed: its socket is gone or refuses us
        return Msg("keystore.reason.no_session")
    return Msg("keystore.reason.no_backend")


def _keyring_errors(name: str) -> tuple[type[BaseException], ...]:
    """keyring's exception class `name`, or none when keyring was never loaded: then no such
    exception can exist, and loading keyring only to say so would cost ~60 ms."""
    errors = sys.modules.get("keyring.errors")
    found = getattr(errors, name, None) if errors is not None else None
    return (found,) if isinstance(found, type) else ()


def _exception_kind(exc: BaseException) -> tuple[str, Msg]:
    """The error code (`locked`, `unavailable`, `failed`) and the reason for an exception.

    Looks at the whole chain: keyring wraps SecretStorage's errors in its own.
    """
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    names = {type(e).__name__ for e in chain}
    text = " ".join(str(e) for e in chain).lower()

    init_error = isinstance(exc, (_CollectionUnavailable, *_keyring_errors("InitError")))
    if isinstance(exc, _keyring_errors("KeyringLocked")) or "LockedException" in names:
        return "locked", Msg("keystore.reason.locked")
    if "PromptDismissedException" in names or "prompt dismissed" in text:
        # No keyring exists yet and the prompt to create or unlock one could not be shown
        # (no desktop) or was dismissed.
        if init_error:
            return "unavailable", Msg("keystore.reason.no_collection")
        return "locked", Msg("keystore.reason.locked")
    if isinstance(exc, _keyring_errors("NoKeyringError")):
        return "unavailable", _no_backend_reason()
    if "SecretServiceNotAvailableException" in names:
        return "unavailable", _no_backend_reason()
    if init_error:
        return "unavailable", Msg("keystore.reason.init", {"detail": _detail(exc)})
    if any(isinstance(e, ConnectionError | FileNotFoundError) for e in chain):
        return "unavailable", Msg("keystore.reason.no_session")
    return "failed", Msg("keystore.reason.error", {"detail": _detail(exc)})


def _detail(exc: BaseException, secret: Secret | None = None) -> str:
    """A short technical note for the curious: the exception's type and message, scrubbed.

    The message is not ours: the key (when we know it) and anything shaped like a key or a
    token (a long unbroken run of letters, digits, `-`, `_`) are masked.
    """
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if secret is not None and secret.reveal():
        text = text.replace(secret.reveal(), secret.masked)
    return _TOKEN_LIKE.sub(lambda m: mask(m.group()), text)[:200]


# ----------------------------------------------------------------------------- keyring_info


def _probe() -> KeyringInfo:
    try:
        return _probe_backend()
    except Exception as exc:  # e.g. a keyringrc.cfg naming a backend that cannot load
        try:
            reason = _exception_kind(exc)[1]
        except Exception:  # classifying talks to D-Bus too; keyring_info must not raise
            reason = Msg("keystore.reason.error", {"detail": type(exc).__name__})
        return KeyringInfo(usable=False, backend=NO_BACKEND, reason=reason)


def _probe_backend() -> KeyringInfo:
    if _direct_secret_service():
        direct = _DirectSecretService()
        if not direct.available():  # keyring would skip it and find nothing else
            return KeyringInfo(usable=False, backend=NO_BACKEND, reason=_no_backend_reason())
        from typing import cast  # here: status never loads typing

        return _probe_store(cast("KeyringBackend", direct))  # duck-typed: see the class
    import keyring

    kr = keyring.get_keyring()
    store = _effective_backend(kr)
    if store is None:
        return KeyringInfo(usable=False, backend=NO_BACKEND, reason=_missing_reason(kr))
    return _probe_store(store)


def _probe_store(store: KeyringBackend) -> KeyringInfo:
    if _is_plaintext(store):
        reason = Msg("keystore.reason.plaintext")
        return KeyringInfo(usable=False, backend=_backend_name(store), reason=reason)
    if type(store).__module__.startswith("keyrings.alt"):
        name = _backend_name(store)
        reason = Msg("keystore.reason.unsupported", {"backend": keyring_label(name)})
        return KeyringInfo(usable=False, backend=name, reason=reason)
    try:
        priority = float(type(store).priority)
    except Exception as exc:  # the backend says it cannot work here
        reason = _exception_kind(exc)[1]
        return KeyringInfo(usable=False, backend=_backend_name(store), reason=reason)
    if priority <= 0:
        return KeyringInfo(usable=False, backend=_backend_name(store), reason=_no_backend_reason())
    try:
        # Reading an account that is never written: it creates nothing, and surfaces a
        # locked keyring, a missing collection or a dead bus exactly as a real read would.
        store.get_password(SERVICE, PROBE_ACCOUNT)
    except Exception as exc:
        kind, reason = _exception_kind(exc)
        locked = kind == "locked"
        return KeyringInfo(usable=False, backend=_backend_name(store), reason=reason, locked=locked)
    # Named after the read: the read may have started the password store (D-Bus activation).
    return KeyringInfo(usable=True, backend=_backend_name(store), reason=None)


def _no_session_bus() -> bool:
    """Linux without a D-Bus session and without a keyring of the person's choosing: no
    backend keyring knows can work (Secret Service and KWallet both live on that bus), so we
    say so without loading keyring at all — `status` from cron starts ~40 ms sooner."""
    if sys.platform != "linux" or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    return _keyring_left_to_defaults()


def _keyring_left_to_defaults() -> bool:
    """Nobody chose a backend: no PYTHON_KEYRING_BACKEND, no keyringrc.cfg, no keyrings.*
    plugin installed, and the program has not set one itself (a test, the demo)."""
    import importlib.util

    core = sys.modules.get("keyring.core")
    if core is not None and getattr(core, "_keyring_backend", None) is not None:
        return False
    if os.environ.get("PYTHON_KEYRING_BACKEND") or importlib.util.find_spec("keyrings"):
        return False
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return not (config / "python_keyring" / "keyringrc.cfg").exists()


def _direct_secret_service() -> bool:
    """Linux with a session bus, where keyring's own choice can only be the Secret Service (or
    nothing): then we talk to it through SecretStorage ourselves. keyring's discovery imports
    every backend it knows, the macOS one included (~100 ms on Linux), before using one.
    The KWallet and libsecret backends need the `dbus` and `gi` modules: with either one
    installed, keyring might choose them, so keyring chooses."""
    import importlib.util

    if sys.platform != "linux" or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    if importlib.util.find_spec("dbus") or importlib.util.find_spec("gi"):
        return False
    return _keyring_left_to_defaults()


def _bus_unreachable() -> bool:
    """The session bus address names sockets that all refuse a connection: a variable left
    over from a desktop session (SSH, sudo, a container). Other transports: not known here."""
    from wizard.core.dbus_wire import reachable

    return reachable(timeout=1.0) is False


class _CollectionUnavailable(Exception):
    """The default collection could not be opened or created (keyring says `InitError`)."""


class _DirectSecretService:
    """keyring's Secret Service backend, read side, reached without keyring: the same
    collection, the same attributes (`service`, `username`), the same unlock behaviour."""

    priority = 5  # keyring's own for the Secret Service, once `available()` said yes

    def available(self) -> bool:
        from wizard.core import secret_service
        from wizard.core.dbus_wire import DBusError, ProtocolError

        try:
            with _session_bus(PROBE_TIMEOUT) as bus:
                return secret_service.is_available(bus)
        except (OSError, DBusError, ProtocolError):  # no bus to ask: none is available
            return False

    def get_password(self, service: str, username: str) -> str | None:
        from contextlib import closing

        import secretstorage
        from secretstorage.exceptions import LockedException, SecretStorageException

        with closing(secretstorage.dbus_init()) as connection:
            try:
                collection = secretstorage.get_default_collection(connection)
            except SecretStorageException as exc:
                raise _CollectionUnavailable(f"Failed to create the collection: {exc}.") from exc
            if collection.is_locked():
                collection.unlock()
                if collection.is_locked():  # the prompt was dismissed, or could not show
                    raise LockedException("Failed to unlock the collection!")
            for item in collection.search_items({"username": username, "service": service}):
                item.unlock()
                if item.is_locked():
                    raise LockedException("Failed to unlock the item!")
                return bytes(item.get_secret()).decode("utf-8")
        return None


def keyring_info(timeout: float = PROBE_TIMEOUT) -> KeyringInfo:
    """Whether the OS keyring can keep the keys here, which one it is, and if not, why.

    Usable means: a real password store (not the "fail" or "null" backend, not a plain-text
    file) that answered a read within `timeout` seconds. Never raises, never hangs.
    """
    unreachable = _unreachable()
    if unreachable is not None:
        return unreachable
    try:
        return _run(_probe, timeout)
    except _Timeout:
        return _timed_out(timeout)


def _unreachable() -> KeyringInfo | None:
    """No store can be reached, known without loading keyring or talking to D-Bus."""
    if (_no_session_bus() and "keyring" not in sys.modules) or (
        _direct_secret_service() and _bus_unreachable()
    ):
        return KeyringInfo(
            usable=False, backend=NO_BACKEND, reason=Msg("keystore.reason.no_session")
        )
    return None


def _timed_out(timeout: float) -> KeyringInfo:
    reason = Msg("keystore.reason.timeout", {"seconds": f"{timeout:g}"})
    return KeyringInfo(usable=False, backend=NO_BACKEND, reason=reason)


# ----------------------------------------------------------------------------- load / save


def _missing_reason(kr: KeyringBackend) -> Msg:
    from keyring.backends import null

    if isinstance(kr, null.Keyring):
        return Msg("keystore.reason.disabled")
    return _no_backend_reason()


def _store() -> KeyringBackend:
    """The keyring backend to use, or `keystore.unavailable` when there is none worth using."""
    import keyring

    kr = keyring.get_keyring()
    store = _effective_backend(kr)
    if store is None:
        raise WizardError("keystore.unavailable", reason=_missing_reason(kr))
    if _is_plaintext(store):
        # Refused even though it "works": a plain file is no safer than the .env files, and
        # the person must choose the .env-only fallback knowingly.
        raise WizardError("keystore.unavailable", reason=Msg("keystore.reason.plaintext"))
    if type(store).__module__.startswith("keyrings.alt"):
        reason = Msg(
            "keystore.reason.unsupported", {"backend": keyring_label(_backend_name(store))}
        )
        raise WizardError("keystore.unavailable", reason=reason)
    return kr  # the chainer itself, so that reads still look in every store


def _error_for(exc: BaseException, secret: Secret | None) -> WizardError:
    kind, reason = _exception_kind(exc)
    if kind == "failed":
        reason = Msg("keystore.reason.error", {"detail": _detail(exc, secret)})
    return WizardError(f"keystore.{kind}", reason=reason)


def _call(
    action: Callable[[KeyringBackend], T],
    timeout: float,
    secret: Secret | None = None,
    *,
    read_only: bool = False,
) -> T:
    """Run `action` on the keyring; every failure becomes a `WizardError` without the key.
    A read goes straight to the Secret Service when keyring could choose nothing else."""

    def attempt() -> tuple[bool, object]:
        # Errors are classified in the worker too: that may talk to D-Bus, which may hang.
        try:
            if read_only and _direct_secret_service():
                from typing import cast

                # Duck-typed: a read calls get_password only, which it has.
                return True, action(cast("KeyringBackend", _DirectSecretService()))
            return True, action(_store())
        except WizardError as error:
            return False, error
        except Exception as exc:
            return False, _error_for(exc, secret)

    try:
        ok, result = _run(attempt, timeout)
    except _Timeout:
        ok, result = False, WizardError("keystore.timeout", seconds=f"{timeout:g}")
    if not ok:
        # Raised outside any `except` block: the original exception (whose text we do not
        # control) is not chained to ours, so a traceback cannot show more than we meant.
        assert isinstance(result, WizardError)
        raise result
    return result  # type: ignore[return-value]


def load_key(
    slot: Slot, project_root: Path, *, timeout: float = OPERATION_TIMEOUT
) -> Secret | None:
    """The key kept for `slot` of the project at `project_root`, or None when there is none.

    Raises `WizardError("keystore.unavailable" | "keystore.locked" | "keystore.failed" |
    "keystore.timeout")` when the keyring cannot be read.
    """
    account = account_name(slot, project_root)
    value = _call(lambda kr: kr.get_password(SERVICE, account), timeout, read_only=True)
    return Secret(value) if value else None


@record
class KeptKeys:
    """What the keyring holds for one project, and whether it could be read."""

    info: KeyringInfo
    keys: Mapping[Slot, Secret] = field(default_factory=dict)  # empty unless info.usable


def read_kept_keys(project_root: Path, *, timeout: float = PROBE_TIMEOUT) -> KeptKeys:
    """Every key kept for the project, with the keyring's state: `status`'s read. Never raises.

    Where the Secret Service is the only possible store (Linux, keyring left to its
    defaults), it never asks for a password — `status` may run unattended (a timer), where an
    unlock window would wait for nobody — and it is one D-Bus connection of its own
    (wizard.core.dbus_wire) and at most one session for every key, each wait bounded by
    `timeout`. A store the person chose for keyring (KWallet, macOS, Windows) is read as
    keyring reads it.
    """
    import time

    if not _direct_secret_service():
        unreachable = _unreachable()
        return KeptKeys(unreachable) if unreachable else _read_through_keyring(project_root)
    from wizard.core import dbus_wire

    if dbus_wire.gone():
        return KeptKeys(KeyringInfo(False, NO_BACKEND, Msg("keystore.reason.no_session")))
    accounts = {slot: account_name(slot, project_root) for slot in Slot}
    try:
        return _read_direct(accounts, time.monotonic() + timeout)
    except Exception as exc:
        return KeptKeys(_direct_read_failure(exc, timeout))


def _direct_read_failure(exc: Exception, timeout: float) -> KeyringInfo:
    """Why the direct read failed, as `keyring_info` would say it."""
    from wizard.core.dbus_wire import DBusError
    from wizard.core.secret_service import IS_LOCKED

    if isinstance(exc, TimeoutError | _Timeout):
        return _timed_out(timeout)
    if isinstance(exc, DBusError) and exc.name == IS_LOCKED:  # locked since we looked
        return KeyringInfo(False, "Secret Service", Msg("keystore.reason.locked_unasked"), True)
    # A bus left by a closed session, or another user's (the address kept through sudo).
    if isinstance(exc, ConnectionError | FileNotFoundError | PermissionError):
        return KeyringInfo(False, NO_BACKEND, Msg("keystore.reason.no_session"))
    kind, reason = _exception_kind(exc)
    return KeyringInfo(False, "Secret Service", reason, locked=kind == "locked")


def _read_through_keyring(project_root: Path) -> KeptKeys:
    """The same read through keyring's own choice of store (macOS, Windows, KWallet…)."""
    info = keyring_info()
    if not info.usable:
        return KeptKeys(info)
    keys: dict[Slot, Secret] = {}
    try:
        for slot in Slot:
            kept = load_key(slot, project_root)
            if kept is not None:
                keys[slot] = kept
    except WizardError as error:
        return KeptKeys(KeyringInfo(False, info.backend, error.explanation.what))
    return KeptKeys(info, keys)


def _read_direct(accounts: Mapping[Slot, str], deadline: float) -> KeptKeys:
    """keyring's Secret Service read (default collection, `service` and `username`
    attributes) for every slot at once, without unlocking or creating anything: one
    connection of our own (wizard.core.dbus_wire), every wait bounded by `deadline`."""
    from wizard.core import secret_service as service
    from wizard.core.dbus_wire import Connection

    with Connection(deadline).open() as bus:
        if not service.is_available(bus):
            return KeptKeys(KeyringInfo(False, NO_BACKEND, Msg("keystore.reason.no_service")))
        provider = service.program_name(bus)
        backend = f"Secret Service ({provider})" if provider else "Secret Service"
        locked = KeyringInfo(False, backend, Msg("keystore.reason.locked_unasked"), locked=True)
        collection = service.default_collection(bus)  # the default one, as keyring uses
        if collection is None:
            return KeptKeys(KeyringInfo(False, backend, Msg("keystore.reason.no_collection_yet")))
        if service.collection_is_locked(bus, collection):
            return KeptKeys(locked)
        found = {}
        for slot, account in accounts.items():
            items = service.search(bus, collection, {"username": account, "service": SERVICE})
            if items:
                found[slot] = items[0]
        if any(service.item_is_locked(bus, item) for item in found.values()):
            return KeptKeys(locked)
        try:
            values = service.secrets(bus, list(found.values())) if found else {}
        except service.PlainRefused:
            values = _secrets_encrypted(list(found.values()), deadline)
    keys: dict[Slot, Secret] = {}
    for slot, item in found.items():
        value = values[item].decode("utf-8")
        if value:
            keys[slot] = Secret(value)
    return KeptKeys(KeyringInfo(True, backend), keys)


def _secrets_encrypted(items: list[str], deadline: float) -> dict[str, bytes]:
    """The same secrets over an encrypted session (SecretStorage's), for a Secret Service
    that refuses plain ones (KWallet's): one key exchange for all. SecretStorage's calls
    may wait without a limit, so they run in a worker, bounded by `deadline`."""
    import time

    def read() -> dict[str, bytes]:
        from contextlib import closing

        import secretstorage
        from secretstorage.util import open_session

        with closing(secretstorage.dbus_init()) as connection:
            session = open_session(connection)
            return {
                item: bytes(secretstorage.Item(connection, item, session).get_secret())
                for item in items
            }

    return _run(read, max(deadline - time.monotonic(), 0.0))


def save_key(
    slot: Slot, project_root: Path, secret: Secret, *, timeout: float = OPERATION_TIMEOUT
) -> None:
    """Keep `secret` for `slot` of the project at `project_root`, replacing any older one.

    Raises `WizardError("keystore.unavailable" | "keystore.locked" | "keystore.failed" |
    "keystore.timeout")`; the key is never part of the error.
    """
    account = account_name(slot, project_root)
    _call(lambda kr: kr.set_password(SERVICE, account, secret.reveal()), timeout, secret)


def delete_key(slot: Slot, project_root: Path, *, timeout: float = OPERATION_TIMEOUT) -> bool:
    """Forget the key of `slot` for the project: True if one was deleted, False if none was kept.

    Raises the same `WizardError`s as `load_key`.
    """
    from keyring.errors import PasswordDeleteError

    account = account_name(slot, project_root)

    def delete(kr: KeyringBackend) -> bool:
        try:
            kr.delete_password(SERVICE, account)
        except PasswordDeleteError:
            # Backends say "no such password" this way; anything else is a real failure.
            if kr.get_password(SERVICE, account) is None:
                return False
            raise
        return True

    return _call(delete, timeout)


# ----------------------------------------------------------------------------- named secrets


def _named_account(name: str, project_root: Path) -> str:
    """A secret that is not one of the two keys (the Coolify API token): `NAME@/abs/project`."""
    return f"{name}@{Path(project_root).expanduser().resolve()}"


def load_named_secret(
    name: str, project_root: Path, *, timeout: float = OPERATION_TIMEOUT
) -> Secret | None:
    """The secret kept under `name` for the project, or None; raises like `load_key`."""
    account = _named_account(name, project_root)
    value = _call(lambda kr: kr.get_password(SERVICE, account), timeout)
    return Secret(value) if value else None


def save_named_secret(
    name: str, project_root: Path, secret: Secret, *, timeout: float = OPERATION_TIMEOUT
) -> None:
    """Keep `secret` under `name` for the project; raises like `save_key`."""
    account = _named_account(name, project_root)
    _call(lambda kr: kr.set_password(SERVICE, account, secret.reveal()), timeout, secret)
