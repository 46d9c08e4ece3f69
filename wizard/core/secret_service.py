"""The questions `status` asks the Secret Service, over `dbus_wire`: is one there, which
program answers, where the default collection is, what is locked, which items an account
has, and their secrets (https://specifications.freedesktop.org/secret-service/latest/).

It never unlocks or creates anything: `status` may run unattended, where an unlock window
would wait for nobody.

Secrets come over a "plain" session. The specification says why that is enough here: the
session's encryption "is not envisioned to withstand man in the middle attacks, or other
active attacks", only to keep plain secrets out of memory and swap, and "for applications
unable to prevent their own memory from being paged to disk (eg: Java, C# or Python apps),
transferring encrypted secrets would be an exercise of questionable value". The key is in
the project's `.env` files in plain text anyway. A service that refuses plain sessions
(KWallet's) raises `PlainRefused`; the caller then reads through SecretStorage, encrypted.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from wizard.core.dbus_wire import Connection

BUS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
_SERVICE = "org.freedesktop.Secret.Service"
_COLLECTION = "org.freedesktop.Secret.Collection"
_ITEM = "org.freedesktop.Secret.Item"
_SESSION = "org.freedesktop.Secret.Session"
IS_LOCKED = "org.freedesktop.Secret.Error.IsLocked"
_NOT_SUPPORTED = "org.freedesktop.DBus.Error.NotSupported"

_PROGRAMS = {
    "gnome-keyring-d": "GNOME Keyring",  # /proc/PID/comm is cut at 15 characters
    "gnome-keyring-daemon": "GNOME Keyring",
    "kwalletd5": "KWallet",
    "kwalletd6": "KWallet",
    "ksecretd": "KWallet",
    "keepassxc": "KeePassXC",
    "keepassxc-proxy": "KeePassXC",
}


class PlainRefused(Exception):
    """The service hands secrets over encrypted only."""


def is_available(bus: Connection) -> bool:
    """A Secret Service is running, or D-Bus can start one (as SecretStorage decides)."""
    from wizard.core.dbus_wire import BUS

    path = "/org/freedesktop/DBus"
    if bus.call(BUS, path, BUS, "NameHasOwner", "s", BUS_NAME, reply="b") == (True,):
        return True
    (names,) = bus.call(BUS, path, BUS, "ListActivatableNames", reply="as")
    return BUS_NAME in names


def program_name(bus: Connection) -> str | None:
    """Which program answers on the Secret Service's name, as a person knows it (Linux only;
    None when it cannot be told: a nicer name is not worth an error)."""
    from wizard.core.dbus_wire import BUS, DBusError, ProtocolError

    try:
        (pid,) = bus.call(
            BUS,
            "/org/freedesktop/DBus",
            BUS,
            "GetConnectionUnixProcessID",
            "s",
            BUS_NAME,
            reply="u",
        )
        with open(f"/proc/{pid}/comm", "rb") as comm_file:
            comm = comm_file.read(64).decode("utf-8", "replace").strip()
    except (DBusError, ProtocolError, OSError):
        return None
    return _PROGRAMS.get(comm, comm or None)


def default_collection(bus: Connection) -> str | None:
    """The default collection's object path, or None when there is none yet."""
    (path,) = bus.call(BUS_NAME, SERVICE_PATH, _SERVICE, "ReadAlias", "s", "default", reply="o")
    return path if path != "/" else None


def collection_is_locked(bus: Connection, collection: str) -> bool:
    return bool(bus.get_property(BUS_NAME, collection, _COLLECTION, "Locked"))


def item_is_locked(bus: Connection, item: str) -> bool:
    return bool(bus.get_property(BUS_NAME, item, _ITEM, "Locked"))


def search(bus: Connection, collection: str, attributes: Mapping[str, str]) -> list[str]:
    """The items of `collection` whose attributes include all of `attributes`."""
    (items,) = bus.call(
        BUS_NAME, collection, _COLLECTION, "SearchItems", "a{ss}", attributes, reply="ao"
    )
    return list(items)


def secrets(bus: Connection, items: Sequence[str]) -> dict[str, bytes]:
    """Each item's secret, over one plain session, in one call. PlainRefused when the
    service only sends secrets encrypted. After a failure the session is left to the
    service, which closes it with our connection."""
    from wizard.core.dbus_wire import DBusError, ProtocolError

    try:
        _, session = bus.call(
            BUS_NAME, SERVICE_PATH, _SERVICE, "OpenSession", "sv", "plain", ("s", ""), reply="vo"
        )
    except DBusError as error:
        if error.name == _NOT_SUPPORTED:
            raise PlainRefused from None
        raise
    (sent,) = bus.call(
        BUS_NAME,
        SERVICE_PATH,
        _SERVICE,
        "GetSecrets",
        "aoo",
        list(items),
        session,
        reply="a{o(oayays)}",
    )
    if not set(items) <= sent.keys():
        raise ProtocolError("the service did not send every secret asked for")
    bus.call(BUS_NAME, session, _SESSION, "Close", reply="")
    return {item: sent[item][2] for item in items}
