"""`status`'s Secret Service questions (wizard.core.secret_service) and how `read_kept_keys`
explains a service that answers badly: a stand-in bus answers each call as scripted. The
real service (gnome-keyring) is tests/test_keystore_status_read.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from jeepney.low_level import Endianness, Header, HeaderFields, Message, MessageType

from wizard.core import dbus_wire, keystore, secret_service
from wizard.core.dbus_wire import DBusError, ProtocolError
from wizard.core.keys import Slot

OPENWEBUI_KEY = "sk-" + "0123456789abcdef" * 2
COLLECTION = "/org/freedesktop/secrets/collection/login"

# An answer: (signature, values), an exception the wire raises (a timeout, a closed bus), a
# DBusError the service answers, or a function of the call's arguments giving one of these.
Answer = tuple[str, tuple[object, ...]] | Exception | Callable[[tuple[object, ...]], object]


def _the_openwebui_key(args: tuple[object, ...]) -> tuple[str, tuple[object, ...]]:
    items, session = args
    secret = (session, b"", OPENWEBUI_KEY.encode(), "text/plain")
    return "a{o(oayays)}", ({item: secret for item in items},)  # type: ignore[attr-defined]


def _only_the_openwebui_key(args: tuple[object, ...]) -> tuple[str, tuple[object, ...]]:
    (attributes,) = args
    kept = str(attributes["username"]).startswith("OPENWEBUI_API_KEY@")  # type: ignore[index]
    return "ao", ([f"{COLLECTION}/1"] if kept else [],)


class ScriptedBus(dbus_wire.Connection):
    """A Connection whose socket is a script: each call (by member; `Get` by property) is
    answered with a real D-Bus message (made by jeepney), which `call` reads and checks
    as it would a service's. Records what was asked."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        super().__init__(deadline=float("inf"))
        self.answers: dict[str, Answer] = {
            "NameHasOwner": ("b", (True,)),
            "GetConnectionUnixProcessID": ("u", (os.getpid(),)),
            "ReadAlias": ("o", (COLLECTION,)),
            "Locked": ("v", (("b", False),)),
            "SearchItems": _only_the_openwebui_key,
            "OpenSession": ("vo", (("s", ""), "/org/freedesktop/secrets/session/1")),
            "GetSecrets": _the_openwebui_key,
            "Close": ("", ()),
            **answers,
        }
        self.asked: list[str] = []

    def open(self, address: str | None = None) -> ScriptedBus:
        return self

    def _send(self, data: bytes) -> None:
        _, fields, args = dbus_wire.decode_message(data)
        member = fields[3]
        name = str(args[1]) if member == "Get" else member
        self.asked.append(name)
        answer = self.answers[name]
        if callable(answer) and not isinstance(answer, Exception):
            answer = answer(args)
        serial = int.from_bytes(data[8:12], "little")
        if isinstance(answer, DBusError):
            header = {HeaderFields.reply_serial: serial, HeaderFields.error_name: answer.name}
            header[HeaderFields.signature] = "s"
            self._buffer += _message(MessageType.error, header, (str(answer),))
        elif isinstance(answer, Exception):
            raise answer
        else:
            signature, values = answer  # type: ignore[misc]
            header = {HeaderFields.reply_serial: serial}
            if signature:
                header[HeaderFields.signature] = signature
            self._buffer += _message(MessageType.method_return, header, values)


def _message(
    kind: MessageType, fields: dict[HeaderFields, object], body: tuple[object, ...]
) -> bytes:
    return Message(Header(Endianness.little, kind, 0, 1, -1, 1, fields), body).serialise(serial=1)


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Callable[..., ScriptedBus]:
    """`read_kept_keys` on a Linux desktop whose session bus is the scripted one."""

    def install(**answers: Answer) -> ScriptedBus:
        bus = ScriptedBus(answers)
        monkeypatch.setattr(keystore, "_direct_secret_service", lambda: True)
        monkeypatch.setattr(dbus_wire, "gone", lambda: False)
        monkeypatch.setattr(keystore, "_no_session_bus", lambda: False)
        monkeypatch.setattr(dbus_wire, "Connection", lambda deadline: bus)
        return bus

    return install


def test_a_key_is_read_over_one_plain_session(
    scripted: Callable[..., ScriptedBus], tmp_path: Path
) -> None:
    bus = scripted()
    kept = keystore.read_kept_keys(tmp_path)
    assert kept.info.usable and kept.keys[Slot.OPENWEBUI].reveal() == OPENWEBUI_KEY
    assert bus.asked.count("OpenSession") == 1 and bus.asked[-1] == "Close"


def test_nothing_kept_asks_for_no_secret(
    scripted: Callable[..., ScriptedBus], tmp_path: Path
) -> None:
    bus = scripted(SearchItems=("ao", ([],)))
    kept = keystore.read_kept_keys(tmp_path)
    assert kept.info.usable and dict(kept.keys) == {}
    assert "OpenSession" not in bus.asked and "GetSecrets" not in bus.asked


@pytest.mark.parametrize(
    ("answers", "reason", "locked"),
    [
        (
            {"NameHasOwner": ("b", (False,)), "ListActivatableNames": ("as", (["org.other"],))},
            "keystore.reason.no_service",
            False,
        ),
        ({"ReadAlias": ("o", ("/",))}, "keystore.reason.no_collection_yet", False),
        ({"Locked": ("v", (("b", True),))}, "keystore.reason.locked_unasked", True),
        # Locked between our look and our read: said the same way.
        (
            {
                "GetSecrets": DBusError(
                    secret_service.IS_LOCKED, "Cannot get secret of a locked object"
                )
            },
            "keystore.reason.locked_unasked",
            True,
        ),
        ({"GetSecrets": TimeoutError("timed out")}, "keystore.reason.timeout", False),
        (
            {"GetSecrets": ("a{o(ii)}", ({f"{COLLECTION}/1": (1, 2)},))},
            "keystore.reason.error",
            False,
        ),
        ({"GetSecrets": ("a{o(oayays)}", ({},))}, "keystore.reason.error", False),  # one missing
        (
            {"SearchItems": ("s", ("/org/freedesktop/secrets/collection/login/1",))},
            "keystore.reason.error",
            False,
        ),
        ({"OpenSession": ("vu", (("s", ""), 7))}, "keystore.reason.error", False),
        ({"ReadAlias": ("", ())}, "keystore.reason.error", False),  # no value at all
        ({"GetSecrets": ("as", (["not", "a", "dict"],))}, "keystore.reason.error", False),
        (
            {
                "GetSecrets": (
                    "a{o(oayays)}",
                    ({f"{COLLECTION}/1": (COLLECTION, b"", b"\xff\xfe", "text/plain")},),
                )
            },
            "keystore.reason.error",
            False,
        ),
        ({"ReadAlias": ProtocolError("message too big")}, "keystore.reason.error", False),
        ({"NameHasOwner": ConnectionResetError("closed")}, "keystore.reason.no_session", False),
        ({"NameHasOwner": PermissionError(13, "denied")}, "keystore.reason.no_session", False),
    ],
    ids=[
        "no-service",
        "no-collection",
        "locked",
        "locked-since",
        "timeout",
        "bad-shape",
        "secret-missing",
        "search-not-a-list",
        "session-not-a-path",
        "empty-answer",
        "not-a-dict",
        "not-utf8",
        "hostile-bus",
        "bus-closed",
        "another-users-bus",
    ],
)
def test_a_service_that_cannot_be_read_is_explained(
    answers: dict[str, Answer],
    reason: str,
    locked: bool,
    scripted: Callable[..., ScriptedBus],
    tmp_path: Path,
) -> None:
    scripted(**answers)
    kept = keystore.read_kept_keys(tmp_path)
    assert not kept.info.usable and dict(kept.keys) == {}
    assert kept.info.reason is not None and kept.info.reason.key == reason
    assert kept.info.locked is locked
    for lang in ("en", "fr"):
        assert kept.info.reason.render(lang)


def test_a_service_that_refuses_plain_sessions_is_read_encrypted(
    scripted: Callable[..., ScriptedBus], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted(OpenSession=DBusError("org.freedesktop.DBus.Error.NotSupported", "plain"))
    asked: list[list[str]] = []

    def encrypted(items: list[str], deadline: float) -> dict[str, bytes]:
        asked.append(items)
        return {item: OPENWEBUI_KEY.encode() for item in items}

    monkeypatch.setattr(keystore, "_secrets_encrypted", encrypted)
    kept = keystore.read_kept_keys(tmp_path)
    assert kept.keys[Slot.OPENWEBUI].reveal() == OPENWEBUI_KEY
    assert asked == [[f"{COLLECTION}/1"]]


def test_a_service_error_never_shows_a_key(
    scripted: Callable[..., ScriptedBus], tmp_path: Path
) -> None:
    hostile = DBusError("org.example.Error.Failed", f"cannot read {OPENWEBUI_KEY}\x1b[2J")
    scripted(GetSecrets=hostile)
    kept = keystore.read_kept_keys(tmp_path)
    assert kept.info.reason is not None
    for lang in ("en", "fr"):
        said = kept.info.reason.render(lang)
        assert OPENWEBUI_KEY not in said and "\x1b" not in said


def test_the_program_answering_is_named_as_people_know_it() -> None:
    comm = Path("/proc/self/comm").read_text().strip()
    assert secret_service.program_name(ScriptedBus({})) == comm  # unknown: as it calls itself
    not_a_pid = ScriptedBus({"GetConnectionUnixProcessID": ("s", ("x",))})
    assert secret_service.program_name(not_a_pid) is None
    failing = DBusError("org.freedesktop.DBus.Error.NameHasNoOwner", "no owner")
    assert secret_service.program_name(ScriptedBus({"GetConnectionUnixProcessID": failing})) is None
