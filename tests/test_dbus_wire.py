"""`wizard.core.dbus_wire`: our few D-Bus calls, checked against jeepney (the reference each
way, in both byte orders), a real dbus-daemon, and peers that misbehave on purpose."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jeepney.low_level import Endianness, Header, HeaderFields, Message, MessageType, Parser
from jeepney.wrappers import DBusAddress, new_error, new_method_return, new_signal
from test_keystore_status_read import _BUS_WITHOUT_SERVICES

from wizard.core import dbus_wire
from wizard.core.dbus_wire import (
    Connection,
    DBusError,
    ProtocolError,
    decode_message,
    encode_call,
    session_bus_sockets,
)

# ----------------------------------------------------------------------------- values

_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"))
_PATH_PART = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1)
_OBJECT_PATH = st.one_of(
    st.just("/"), st.lists(_PATH_PART, min_size=1, max_size=4).map(lambda p: "/" + "/".join(p))
)
_BASIC = {
    "y": st.integers(0, 255),
    "b": st.booleans(),
    "n": st.integers(-(2**15), 2**15 - 1),
    "q": st.integers(0, 2**16 - 1),
    "i": st.integers(-(2**31), 2**31 - 1),
    "u": st.integers(0, 2**32 - 1),
    "x": st.integers(-(2**63), 2**63 - 1),
    "t": st.integers(0, 2**64 - 1),
    "s": _TEXT,
    "o": _OBJECT_PATH,
}
_KEYS = st.sampled_from(sorted(_BASIC))
_TYPES = st.recursive(
    _KEYS,
    lambda inner: st.one_of(
        inner.map(lambda t: "a" + t),
        st.lists(inner, min_size=1, max_size=3).map(lambda ts: "(" + "".join(ts) + ")"),
        st.tuples(_KEYS, inner).map(lambda kv: "a{" + kv[0] + kv[1] + "}"),
        st.just("v"),
    ),
    max_leaves=6,
)


def _values(kind: str) -> st.SearchStrategy[object]:
    if kind in _BASIC:
        return _BASIC[kind]
    if kind == "v":
        return _TYPES.flatmap(lambda t: st.tuples(st.just(t), _values(t)))
    if kind == "ay":
        return st.binary(max_size=40)
    if kind.startswith("a{"):
        key, value = kind[2], kind[3:-1]
        return st.dictionaries(_BASIC[key], _values(value), max_size=3)
    if kind.startswith("a"):
        return st.lists(_values(kind[1:]), max_size=3)
    members = dbus_wire._complete_types(kind[1:-1])
    return st.tuples(*(_values(member) for member in members))


_BODIES = st.lists(_TYPES, min_size=0, max_size=3).flatmap(
    lambda types: st.tuples(st.just("".join(types)), st.tuples(*(_values(t) for t in types)))
)
_CHECKS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- jeepney agrees


@_CHECKS
@given(_BODIES)
def test_our_calls_read_back_in_jeepney(body: tuple[str, tuple[object, ...]]) -> None:
    signature, values = body
    data = encode_call(
        7, "org.example.Peer", "/org/example", "org.example.I", "Do", signature, values
    )
    message = Message.from_buffer(data)
    assert message.header.serial == 7 and message.header.message_type is MessageType.method_call
    fields = message.header.fields
    assert fields[HeaderFields.path] == "/org/example"
    assert fields[HeaderFields.destination] == "org.example.Peer"
    assert fields[HeaderFields.interface] == "org.example.I"
    assert fields[HeaderFields.member] == "Do"
    assert fields.get(HeaderFields.signature, "") == signature
    assert message.body == values


@_CHECKS
@given(_BODIES, st.sampled_from([Endianness.little, Endianness.big]))
def test_jeepneys_messages_read_back_here(
    body: tuple[str, tuple[object, ...]], order: Endianness
) -> None:
    signature, values = body
    fields = {HeaderFields.reply_serial: 3}
    if signature:
        fields[HeaderFields.signature] = signature
    header = Header(order, MessageType.method_return, 0, 1, -1, 9, fields)
    kind, read_fields, read_values = decode_message(Message(header, values).serialise(serial=9))
    assert kind == 2 and read_fields[5] == 3
    assert read_values == values


@settings(max_examples=2000, deadline=None)
@given(st.binary(min_size=16, max_size=300), st.data())
def test_any_bytes_are_a_message_or_a_protocol_error(raw: bytes, data: st.DataObject) -> None:
    """A hostile bus can send anything: it never raises anything but ProtocolError."""
    for message in (raw, _well_framed(raw), _mutated(data)):
        with contextlib.suppress(ProtocolError):
            decode_message(message)


def _well_framed(raw: bytes) -> bytes:
    """`raw` with a header whose sizes match its length, so the parser reads on."""
    body = raw[16:]
    fields = len(body) - len(body) % 8
    return (
        b"l\x02\x00\x01"
        + (0).to_bytes(4, "little")
        + bytes(4)
        + fields.to_bytes(4, "little")
        + body[:fields]
    )


def _mutated(data: st.DataObject) -> bytes:
    body = data.draw(_BODIES)
    valid = bytearray(encode_call(1, "a.b", "/", "a.b", "C", *body))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(valid) - 1))
        valid[at] = data.draw(st.integers(0, 255))
    return bytes(valid)


@pytest.mark.parametrize(
    ("message", "why"),
    [
        (b"l\x02\x00\x01" + (2**31).to_bytes(4, "little") + bytes(8), "too big"),
        (b"X\x02\x00\x01" + bytes(12), "not a D-Bus message"),
        (b"l\x02\x00\x02" + bytes(12), "not a D-Bus message"),
    ],
)
def test_a_header_is_judged_before_its_body_is_read(message: bytes, why: str) -> None:
    with pytest.raises(ProtocolError, match=why):
        dbus_wire.message_size(message)


@pytest.mark.parametrize(
    "signature",
    ["a", "(", "()", "a{vs}", "a{sss}", "{ss}x", "z", "a" * 40 + "s", "(" * 40 + "s" + ")" * 40],
)
def test_signatures_that_are_not_are_refused(signature: str) -> None:
    with pytest.raises(ProtocolError):
        dbus_wire._complete_types(signature)


def test_a_string_that_is_not_utf8_or_not_terminated_is_refused() -> None:
    good = Message(
        Header(
            Endianness.little,
            MessageType.method_return,
            0,
            1,
            -1,
            1,
            {HeaderFields.signature: "s", HeaderFields.reply_serial: 1},
        ),
        ("abc",),
    ).serialise(serial=1)
    for bad in (good[:-4] + b"\xff\xfe\xfd\x00", good[:-1] + b"x"):
        with pytest.raises(ProtocolError):
            decode_message(bad)


# ----------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("address", "sockets"),
    [
        ("unix:path=/run/user/1000/bus", ["/run/user/1000/bus"]),
        ("unix:path=/tmp/a%20b%2cc,guid=0123", ["/tmp/a b,c"]),
        ("unix:abstract=/tmp/dbus-X,guid=1", ["\0/tmp/dbus-X"]),
        ("unix:path=/a;unix:abstract=b", ["/a", "\0b"]),
        ("unix:path=/tmp/100%", ["/tmp/100%"]),  # not an escape: kept
        ("unix:path=/tmp/%zz%4", ["/tmp/%zz%4"]),
        ("unix:path=/tmp/%+1", ["/tmp/%+1"]),
        ("unix:path=/home/ren%c3%a9e/bus", ["/home/renée/bus"]),  # UTF-8, byte by byte
        ("tcp:host=localhost,port=1234", None),
        ("unix:path=/a;tcp:host=h,port=1", None),
        ("unix:dir=/tmp", None),
        ("", None),
    ],
)
def test_session_bus_addresses(address: str, sockets: list[str] | None) -> None:
    assert session_bus_sockets(address) == sockets


# ----------------------------------------------------------------------------- a real bus


@pytest.fixture
def real_bus(tmp_path: Path) -> Iterator[str]:
    """A real dbus-daemon with no services: its address."""
    if not shutil.which("dbus-daemon"):
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon not installed (.ci/run installs it)")
        pytest.skip("dbus-daemon not installed")
    config = tmp_path / "bus.conf"
    config.write_text(_BUS_WITHOUT_SERVICES.format(folder=tmp_path))
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.kill()
        daemon.wait()


def test_a_real_bus_answers_our_calls(real_bus: str) -> None:
    bus_path = "/org/freedesktop/DBus"
    with Connection(time.monotonic() + 5).open(real_bus) as bus:
        assert bus.call(
            dbus_wire.BUS, bus_path, dbus_wire.BUS, "NameHasOwner", "s", dbus_wire.BUS
        ) == (True,)
        assert bus.call(
            dbus_wire.BUS, bus_path, dbus_wire.BUS, "NameHasOwner", "s", "org.freedesktop.secrets"
        ) == (False,)
        (names,) = bus.call(dbus_wire.BUS, bus_path, dbus_wire.BUS, "ListActivatableNames")
        assert dbus_wire.BUS in names
        (pid,) = bus.call(
            dbus_wire.BUS, bus_path, dbus_wire.BUS, "GetConnectionUnixProcessID", "s", dbus_wire.BUS
        )
        assert isinstance(pid, int) and pid > 0
        with pytest.raises(DBusError) as raised:
            bus.call(dbus_wire.BUS, bus_path, dbus_wire.BUS, "NoSuchMethod")
        assert raised.value.name == "org.freedesktop.DBus.Error.UnknownMethod"
        with pytest.raises(DBusError) as raised:
            bus.call("org.example.Nobody", "/", "org.example.I", "M")
        assert raised.value.name == "org.freedesktop.DBus.Error.ServiceUnknown"
    assert dbus_wire.reachable(real_bus) is True


def test_a_bus_that_is_gone(tmp_path: Path) -> None:
    gone = f"unix:path={tmp_path}/no-such-socket"
    assert dbus_wire.gone(gone) and dbus_wire.gone(f"{gone};{gone}2")
    alive = f"unix:path={tmp_path}"  # exists: only a connection can tell
    for unknown in (alive, f"{gone};{alive}", "unix:abstract=x", "tcp:host=h,port=1", ""):
        assert not dbus_wire.gone(unknown)
    assert dbus_wire.reachable(gone) is False
    with pytest.raises(FileNotFoundError):
        Connection(time.monotonic() + 5).open(gone)
    refusing = tmp_path / "refusing"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(refusing))  # bound, never listening: connections are refused
    try:
        assert dbus_wire.reachable(f"unix:path={refusing}") is False
        with pytest.raises(ConnectionRefusedError):
            Connection(time.monotonic() + 5).open(f"unix:path={refusing}")
    finally:
        listener.close()
    assert dbus_wire.reachable("tcp:host=localhost,port=1") is None


# ----------------------------------------------------------------------------- peers that misbehave


def _peer(tmp_path: Path, behave: Callable[[socket.socket], None]) -> str:
    """A bus of our own on a unix socket that serves one connection with `behave`."""
    where = str(tmp_path / "peer")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(where)
    listener.listen(1)

    def serve() -> None:
        with listener:
            client, _ = listener.accept()
            with client, contextlib.suppress(OSError):
                behave(client)

    threading.Thread(target=serve, daemon=True).start()
    return f"unix:path={where}"


def _authenticated(client: socket.socket) -> Parser:
    """Read our AUTH line and BEGIN, say OK: the parser that reads what comes next."""
    received = b""
    while b"BEGIN\r\n" not in received:
        if (
            b"AUTH" in received
            and b"\r\n" in received.split(b"AUTH", 1)[1]
            and b"OK" not in received
        ):
            client.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
            received += b"OK"
        chunk = client.recv(4096)
        if not chunk:
            raise OSError("closed")
        received += chunk
    parser = Parser()
    parser.add_data(received.split(b"BEGIN\r\n", 1)[1])
    return parser


def _next_call(client: socket.socket, parser: Parser) -> Message:
    while (message := parser.get_next_message()) is None:
        parser.add_data(client.recv(4096))
    return message


def _hello_then(then: Callable[[socket.socket, Parser], None]) -> Callable[[socket.socket], None]:
    def behave(client: socket.socket) -> None:
        parser = _authenticated(client)
        hello = _next_call(client, parser)
        client.sendall(new_method_return(hello, "s", (":1.1",)).serialise(serial=1))
        then(client, parser)

    return behave


def test_signals_before_the_answer_are_skipped(tmp_path: Path) -> None:
    def answer(client: socket.socket, parser: Parser) -> None:
        call = _next_call(client, parser)
        signal = new_signal(
            DBusAddress("/org/freedesktop/DBus", interface="org.freedesktop.DBus"),
            "NameAcquired",
            "s",
            (":1.1",),
        )
        client.sendall(signal.serialise(serial=2))
        not_ours = new_method_return(call, "s", ("the answer to another call",))
        not_ours.header.fields[HeaderFields.reply_serial] = call.header.serial + 100
        client.sendall(not_ours.serialise(serial=3))
        client.sendall(new_method_return(call, "as", (["a", "b"],)).serialise(serial=4))

    with Connection(time.monotonic() + 5).open(_peer(tmp_path, _hello_then(answer))) as bus:
        assert bus.call("x.y", "/", "x.y", "M") == (["a", "b"],)


def test_an_error_answer_is_a_dbus_error_with_its_name(tmp_path: Path) -> None:
    def answer(client: socket.socket, parser: Parser) -> None:
        call = _next_call(client, parser)
        client.sendall(
            new_error(call, "org.freedesktop.Secret.Error.IsLocked", "s", ("locked",)).serialise(
                serial=2
            )
        )

    peer = _peer(tmp_path, _hello_then(answer))
    with Connection(time.monotonic() + 5).open(peer) as bus, pytest.raises(DBusError) as raised:
        bus.call("x.y", "/", "x.y", "M")
    assert raised.value.name == "org.freedesktop.Secret.Error.IsLocked"


def _answering(answer: bytes, then_close: bool = False) -> Callable[[socket.socket], None]:
    """After Hello, answer our call with `answer` (and close, or stay silent)."""

    def then(client: socket.socket, parser: Parser) -> None:
        _next_call(client, parser)
        client.sendall(answer)
        if not then_close:
            time.sleep(3)

    return _hello_then(then)


_HUGE = b"l\x02\x00\x01" + (2**30).to_bytes(4, "little") + bytes(8)  # says 1 GiB follows


@pytest.mark.parametrize(
    ("behave", "error"),
    [
        (lambda client: time.sleep(3), TimeoutError),  # says nothing
        (_hello_then(lambda client, parser: time.sleep(3)), TimeoutError),  # never answers
        (
            lambda client: client.sendall(b"REJECTED EXTERNAL\r\n") or time.sleep(1),
            ConnectionRefusedError,
        ),
        (lambda client: client.sendall(b"O" * 4096) or time.sleep(1), ProtocolError),  # no line end
        (lambda client: client.close(), ConnectionError),  # reset, or a broken pipe
        (_answering(_HUGE), ProtocolError),  # refused before a byte of it is awaited
        (_answering(b"l\x02\x00\x01" + bytes(5), then_close=True), ConnectionError),
        (_answering(b"l\x02\x00\x01" + bytes(5)), TimeoutError),  # the rest never comes
    ],
    ids=[
        "silent",
        "no-answer",
        "rejected",
        "endless-line",
        "closed",
        "huge-message",
        "cut-short",
        "stalls",
    ],
)
def test_a_peer_that_misbehaves_ends_the_call_in_time(
    behave: Callable[[socket.socket], None], error: type[Exception], tmp_path: Path
) -> None:
    started = time.monotonic()
    peer = _peer(tmp_path, behave)
    with pytest.raises(error), Connection(time.monotonic() + 0.5).open(peer) as bus:
        bus.call("x.y", "/", "x.y", "M")
    assert time.monotonic() - started < 2.5  # the deadline (0.5 s) ended every wait


def test_an_escaped_address_reaches_its_socket(tmp_path: Path) -> None:
    """dbus-daemon escapes a path's other bytes as %XX: a folder with a space, a comma and
    an accent is reached all the same."""
    from urllib.parse import quote

    folder = tmp_path / "bus of renée, 2"
    folder.mkdir()
    address = _peer(folder, _hello_then(lambda client, parser: time.sleep(0.5)))
    escaped = "unix:path=" + quote(os.fsencode(address.removeprefix("unix:path=")), safe="/-_.*")
    assert "%20" in escaped and "%C3%A9" in escaped and "%2C" in escaped
    with Connection(time.monotonic() + 5).open(escaped):
        pass  # authenticated and said Hello


def test_variants_nested_past_the_limit_are_refused_not_recursed() -> None:
    """A hostile peer can nest a variant in a variant at will: refused at 32 levels, long
    before Python's own recursion limit."""
    shallow = encode_call(1, "a.b", "/", "a.b", "C", "v", [("y", 5)])
    header = shallow[: len(shallow) - 4]  # the body of ("y", 5) is 4 bytes: \x01 y \x00 \x05
    for depth, refused in ((30, False), (40, True), (5000, True)):
        body = b"\x01v\x00" * depth + b"\x01y\x00\x05"
        message = header[:4] + len(body).to_bytes(4, "little") + header[8:] + body
        if refused:
            with pytest.raises(ProtocolError):
                decode_message(message)
        else:
            value = decode_message(message)[2][0]
            for _ in range(depth):
                assert value[0] == "v"
                value = value[1]
            assert value == ("y", 5)
