"""`status`'s Secret Service questions (wizard.core.secret_service) and how `read_kept_keys`
explains a service that answers badly: a stand-in bus answers each call as scripted. The
real service (gnome-keyring) is tests/test_keystore_status_read.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from wizard.core import dbus_wire, keystore, secret_service
from wizard.core.dbus_wire import DBusError, ProtocolError
from wizard.core.keys import Slot

OPENWEBUI_KEY = "sk-" + "0123456789abcdef" * 2
COLLECTION = "/org/freedesktop/secrets/collection/login"

Answer = tuple[object, ...] | Exception | Callable[[tuple[object, ...]], tuple[object, ...]]


def _the_openwebui_key(args: tuple[object, ...]) -> tuple[object, ...]:
    items, session = args
    secret = (session, b"", OPENWEBUI_KEY.encode(), "text/plain")
    return ({item: secret for item in items},)  # type: ignore[attr-defined]


def _only_the_openwebui_key(args: tuple[object, ...]) -> tuple[object, ...]:
    (attributes,) = args
    kept = str(attributes["username"]).startswith("OPENWEBUI_API_KEY@")  # type: ignore[index]
    return ([f"{COLLECTION}/1"] if kept else [],)


class ScriptedBus(dbus_wire.Connection):
    """Answers calls by member name (Get: by property); records what was asked."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        super().__init__(deadline=float("inf"))
        self.answers = {
            "NameHasOwner": (True,),
            "GetConnectionUnixProcessID": (os.getpid(),),
            "ReadAlias": (COLLECTION,),
            "Locked": (("b", False),),
            "SearchItems": _only_the_openwebui_key,
            "OpenSession": (("s", ""), "/org/freedesktop/secrets/session/1"),
            "GetSecrets": _the_openwebui_key,
            "Close": (),
            **answers,
        }
        self.asked: list[str] = []

    def open(self, address: str | None = None) -> ScriptedBus:
        return self

    def call(
        self,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        *args: object,
    ) -> tuple[object, ...]:
        name = str(args[1]) if member == "Get" else member
        self.asked.append(name)
        answer = self.answers[name]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(args)
        return answer


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
    bus = scripted(SearchItems=([],))
    kept = keystore.read_kept_keys(tmp_path)
    assert kept.info.usable and dict(kept.keys) == {}
    assert "OpenSession" not in bus.asked and "GetSecrets" not in bus.asked


@pytest.mark.parametrize(
    ("answers", "reason", "locked"),
    [
        (
            {"NameHasOwner": (False,), "ListActivatableNames": (["org.other"],)},
            "keystore.reason.no_service",
            False,
        ),
        ({"ReadAlias": ("/",)}, "keystore.reason.no_collection_yet", False),
        ({"Locked": (("b", True),)}, "keystore.reason.locked_unasked", True),
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
        ({"GetSecrets": ({f"{COLLECTION}/1": (1, 2)},)}, "keystore.reason.error", False),
        ({"GetSecrets": ({},)}, "keystore.reason.error", False),  # a secret missing
        ({"GetSecrets": (["not", "a", "dict"],)}, "keystore.reason.error", False),
        (
            {"GetSecrets": ({f"{COLLECTION}/1": (COLLECTION, b"", b"\xff\xfe", "text/plain")},)},
            "keystore.reason.error",
            False,
        ),
        ({"ReadAlias": ProtocolError("message too big")}, "keystore.reason.error", False),
        ({"NameHasOwner": ConnectionResetError("closed")}, "keystore.reason.no_session", False),
    ],
    ids=[
        "no-service",
        "no-collection",
        "locked",
        "locked-since",
        "timeout",
        "bad-shape",
        "secret-missing",
        "not-a-dict",
        "not-utf8",
        "hostile-bus",
        "bus-closed",
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
    assert secret_service.program_name(ScriptedBus({"GetConnectionUnixProcessID": ("x",)})) is None
    failing = DBusError("org.freedesktop.DBus.Error.NameHasNoOwner", "no owner")
    assert secret_service.program_name(ScriptedBus({"GetConnectionUnixProcessID": failing})) is None
