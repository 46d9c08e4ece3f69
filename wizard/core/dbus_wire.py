"""Just enough of the D-Bus wire protocol for `status` to ask the Secret Service questions.

`status` may run on a desktop every hour. Importing jeepney (with `typing`) and SecretStorage
(with `cryptography`) cost it more than all its own work; these few method calls need
neither. The program's other keyring work (saving, rotating, unlocking) still goes through
keyring and SecretStorage.

What is here: a session bus reached over a unix socket, EXTERNAL authentication (the
kernel vouches for our user id), method calls and their replies
(https://dbus.freedesktop.org/doc/dbus-specification.html). What the bus sends is hostile
text: every message is bounded in size and nesting, every length and type is checked,
and every wait ends at the connection's deadline.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    import _socket
    from collections.abc import Sequence
    from typing import Any, Literal  # a D-Bus value's type is in its signature, not in Python's

BUS = "org.freedesktop.DBus"
PROPERTIES = "org.freedesktop.DBus.Properties"
MAX_MESSAGE = 1 << 20  # bytes: the answers asked for here are a few hundred
_MAX_DEPTH = 32  # the specification's limit for nested containers
_AUTH_LINE = 512  # bytes: an authentication answer is one short line

_CALL, _RETURN, _ERROR = 1, 2, 3
_PATH, _INTERFACE, _MEMBER, _ERROR_NAME, _REPLY_SERIAL, _DESTINATION = 1, 2, 3, 4, 5, 6
_SIGNATURE = 8
_FIXED = {"y": 1, "b": 4, "n": 2, "q": 2, "i": 4, "u": 4, "x": 8, "t": 8, "h": 4}
_SIGNED = set("nix")
_STRINGS = set("sog")
_BASIC = _FIXED.keys() | _STRINGS
_ALIGN = {**_FIXED, "s": 4, "o": 4, "g": 1, "a": 4, "(": 8, "{": 8, "v": 1}


class ProtocolError(Exception):
    """The peer broke the D-Bus protocol: a message too big, badly formed or unexpected."""


class DBusError(Exception):
    """The called object answered with an error (its name, and its message if it sent one)."""

    def __init__(self, name: str, message: str = "") -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name


# ----------------------------------------------------------------------------- addresses


def session_bus_sockets(address: str | None = None) -> list[str] | None:
    """The unix sockets a bus address names (`DBUS_SESSION_BUS_ADDRESS` by default), in the
    order to try them; an abstract one starts with NUL. None when an entry uses another
    transport (tcp, launchd…): only a full client can judge those."""
    if address is None:
        address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    sockets = []
    for entry in address.split(";"):
        transport, _, raw = entry.partition(":")
        params = dict(item.split("=", 1) for item in raw.split(",") if "=" in item)
        if transport != "unix":
            return None
        if "path" in params:
            sockets.append(_unescape(params["path"]))
        elif "abstract" in params:
            sockets.append("\0" + _unescape(params["abstract"]))
        else:  # `dir=`, `tmpdir=`: where a bus listens, not where to reach one
            return None
    return sockets


def gone(address: str | None = None) -> bool:
    """Every socket the address names is a file that no longer exists: a variable left
    over from a closed desktop session (SSH, sudo, cron). Told without a connection."""
    sockets = session_bus_sockets(address)
    if not sockets:
        return False
    return not any(where.startswith("\0") or os.path.exists(where) for where in sockets)


def reachable(address: str | None = None, timeout: float = 1.0) -> bool | None:
    """Whether a socket of the address accepts a connection; None when the address uses
    another transport. A `path=` socket that no longer exists is dead without a try."""
    sockets = session_bus_sockets(address)
    if sockets is None:
        return None
    for where in sockets:
        if not where.startswith("\0") and not os.path.exists(where):
            continue
        probe = Connection(time.monotonic() + timeout)
        try:
            probe._connect(where)
        except OSError:
            continue
        finally:
            probe.close()
        return True
    return False


def _unescape(value: str) -> str:
    """D-Bus escapes an address's bytes as %XX (a path's UTF-8 bytes, one by one)."""
    if "%" not in value:
        return value
    parts = value.split("%")
    raw = bytearray(os.fsencode(parts[0]))
    for part in parts[1:]:
        if len(part) >= 2 and set(part[:2]) <= _HEX:
            raw.append(int(part[:2], 16))
            raw += os.fsencode(part[2:])
        else:  # not an escape: kept as written
            raw += os.fsencode("%" + part)
    return os.fsdecode(bytes(raw))


_HEX = set("0123456789abcdefABCDEF")


# ----------------------------------------------------------------------------- marshalling


def _complete_types(signature: str) -> tuple[str, ...]:
    """`a{ss}ou` → ("a{ss}", "o", "u"); ProtocolError for a signature that is not one."""
    known = _SPLIT.get(signature)
    if known is not None:
        return known
    types, start = [], 0
    while start < len(signature):
        end = _type_end(signature, start, 0)
        types.append(signature[start:end])
        start = end
    if len(_SPLIT) < 256:  # a hostile peer may send any number of distinct signatures
        _SPLIT[signature] = tuple(types)
    return tuple(types)


_SPLIT: dict[str, tuple[str, ...]] = {}


def _type_end(signature: str, start: int, depth: int, in_array: bool = False) -> int:
    """Where the complete type starting at `start` ends. A dictionary entry is one only as
    an array's element, with a basic type for its key."""
    if depth > _MAX_DEPTH or start >= len(signature):
        raise ProtocolError("bad signature")
    code = signature[start]
    if code in _FIXED or code in _STRINGS or code == "v":
        return start + 1
    if code == "a":
        return _type_end(signature, start + 1, depth + 1, in_array=True)
    if code == "(" or (code == "{" and in_array):
        close = ")" if code == "(" else "}"
        position, members = start + 1, 0
        while position < len(signature) and signature[position] != close:
            position = _type_end(signature, position, depth + 1)
            members += 1
        if position >= len(signature) or members == 0:
            raise ProtocolError("bad signature")
        if code == "{" and (members != 2 or signature[start + 1] not in _BASIC):
            raise ProtocolError("bad signature")
        return position + 1
    raise ProtocolError("bad signature")


class _Writer:
    """Values to bytes, little-endian, aligned from the start of the message."""

    def __init__(self) -> None:
        self.data = bytearray()

    def pad(self, alignment: int) -> None:
        self.data += bytes(-len(self.data) % alignment)

    def write(self, kind: str, value: Any, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise ProtocolError("too deep")
        code = kind[0]
        self.pad(_ALIGN[code])
        if code in _FIXED:
            size = _FIXED[code]
            number = int(value)
            self.data += number.to_bytes(size, "little", signed=code in _SIGNED)
        elif code in _STRINGS:
            encoded = str(value).encode()
            if code == "g":
                self.data.append(len(encoded))
            else:
                self.data += len(encoded).to_bytes(4, "little")
            self.data += encoded + b"\0"
        elif code == "v":
            inner, content = value
            self.write("g", inner)
            self.write(inner, content, depth + 1)
        elif code == "a":
            self._write_array(kind[1:], value, depth)
        else:  # a struct or a dict entry
            for member, item in zip(_complete_types(kind[1:-1]), value, strict=True):
                self.write(member, item, depth + 1)

    def _write_array(self, element: str, value: Any, depth: int) -> None:
        at = len(self.data)
        self.data += bytes(4)
        self.pad(_ALIGN[element[0]])
        start = len(self.data)
        if element == "y":
            self.data += bytes(value)
        else:
            items = value.items() if isinstance(value, dict) else value
            for item in items:
                self.write(element, item, depth + 1)
        self.data[at : at + 4] = (len(self.data) - start).to_bytes(4, "little")


class _Reader:
    """Bytes to values, either byte order, every length and offset checked."""

    def __init__(self, data: bytes, order: Literal["little", "big"], offset: int = 0) -> None:
        self.data, self.order, self.position = data, order, offset

    def take(self, size: int) -> bytes:
        end = self.position + size
        if size < 0 or end > len(self.data):
            raise ProtocolError("message cut short")
        chunk = self.data[self.position : end]
        self.position = end
        return chunk

    def align(self, alignment: int) -> None:
        padding = -self.position % alignment
        if padding and self.take(padding) != bytes(padding):
            raise ProtocolError("padding is not zero")

    def number(self, code: str) -> int:
        self.align(_FIXED[code])
        raw = self.take(_FIXED[code])
        return int.from_bytes(raw, self.order, signed=code in _SIGNED)

    def read(self, kind: str, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise ProtocolError("too deep")
        code = kind[0]
        if code == "b":
            flag = self.number("u")
            if flag > 1:
                raise ProtocolError("bad boolean")
            return bool(flag)
        if code in _FIXED:
            return self.number(code)
        if code in _STRINGS:
            size = self.take(1)[0] if code == "g" else self.number("u")
            text = self.take(size)
            if self.take(1) != b"\0":
                raise ProtocolError("string not terminated")
            try:
                return text.decode()
            except UnicodeDecodeError:
                raise ProtocolError("string not UTF-8") from None
        if code == "v":
            inner = str(self.read("g"))
            if len(_complete_types(inner)) != 1:
                raise ProtocolError("bad variant")
            return (inner, self.read(inner, depth + 1))
        if code == "a":
            return self._read_array(kind[1:], depth)
        self.align(8)
        return tuple(self.read(member, depth + 1) for member in _complete_types(kind[1:-1]))

    def _read_array(self, element: str, depth: int) -> Any:
        size = self.number("u")
        if size > MAX_MESSAGE:
            raise ProtocolError("array too long")
        self.align(_ALIGN[element[0]])
        end = self.position + size
        if element == "y":
            return self.take(size)
        items = []
        while self.position < end:
            items.append(self.read(element, depth + 1))
        if self.position != end:
            raise ProtocolError("array length does not match its items")
        return dict(items) if element[0] == "{" else items


def encode_call(
    serial: int,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str = "",
    args: Sequence[object] = (),
) -> bytes:
    """A method call: header (little-endian, version 1), then its body."""
    content = _Writer()
    for kind, value in zip(_complete_types(signature), args, strict=True):
        content.write(kind, value)
    # The header's fields, each a (code, variant) struct; all strings here, so written
    # directly: from offset 16, a struct starts 8-aligned and its string 4-aligned.
    fields = bytearray()
    for code, kind, text in (
        (_PATH, "o", path),
        (_INTERFACE, "s", interface),
        (_MEMBER, "s", member),
        (_DESTINATION, "s", destination),
        (_SIGNATURE, "g", signature),
    ):
        if code == _SIGNATURE and not signature:
            continue
        encoded = text.encode()
        fields += bytes(-len(fields) % 8) + bytes((code, 1, ord(kind), 0))
        size = bytes((len(encoded),)) if kind == "g" else len(encoded).to_bytes(4, "little")
        fields += size + encoded + b"\0"
    head = b"l" + bytes((_CALL, 0, 1)) + len(content.data).to_bytes(4, "little")
    head += serial.to_bytes(4, "little") + len(fields).to_bytes(4, "little")
    return head + fields + bytes(-len(fields) % 8) + content.data


def _header_fields(reader: _Reader, end: int) -> dict[int, Any]:
    """The header's (code, variant) structs up to `end`, by code: read one by one rather
    than as a whole `a(yv)` array, which costs every call a few layers of `_Reader.read`."""
    fields = {}
    while reader.position < end:
        reader.align(8)
        code = reader.take(1)[0]
        kind = reader.read("g")
        if len(_complete_types(kind)) != 1:
            raise ProtocolError("bad variant")
        fields[code] = reader.read(kind, 1)
    if reader.position != end:
        raise ProtocolError("header length does not match its fields")
    return fields


def message_size(head: bytes) -> tuple[Literal["little", "big"], int]:
    """A message's byte order and whole size, told by its first 16 bytes."""
    if len(head) < 16 or head[0] not in b"lB" or head[3] != 1:
        raise ProtocolError("not a D-Bus message")
    order: Literal["little", "big"] = "little" if head[0] == ord("l") else "big"
    body_size = int.from_bytes(head[4:8], order)
    fields_size = int.from_bytes(head[12:16], order)
    total = 16 + fields_size + (-fields_size % 8) + body_size
    if total > MAX_MESSAGE:
        raise ProtocolError("message too big")
    return order, total


def decode_message(message: bytes) -> tuple[int, dict[int, Any], tuple[Any, ...]]:
    """One whole message: its type, header fields (by code) and body values."""
    order, total = message_size(message[:16])
    if len(message) != total:
        raise ProtocolError("message cut short")
    reader = _Reader(message, order, 16)
    fields = _header_fields(reader, 16 + int.from_bytes(message[12:16], order))
    reader.align(8)
    signature = fields.get(_SIGNATURE, "")
    if not isinstance(signature, str):
        raise ProtocolError("bad signature")
    values = tuple(reader.read(kind) for kind in _complete_types(signature))
    if reader.position != total:
        raise ProtocolError("body length does not match its values")
    return message[1], fields, values


# ----------------------------------------------------------------------------- connection


class Connection:
    """One connection to the session bus; every wait ends at `deadline` (time.monotonic)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._socket: _socket.socket | None = None
        self._buffer = b""
        self._serial = 0

    # Opening --------------------------------------------------------------------------

    def open(self, address: str | None = None) -> Connection:
        """Connect to the first socket of the address that answers, authenticate, say Hello.
        OSError (ConnectionError, FileNotFoundError, TimeoutError) when none can be reached."""
        sockets = session_bus_sockets(address)
        if not sockets:
            raise ConnectionError("no unix socket in the session bus address")
        failure: OSError | None = None
        for where in sockets:
            try:
                self._connect(where)
                break
            except OSError as error:
                failure = error
        else:
            assert failure is not None
            raise failure
        try:
            self._authenticate()
            self.call(BUS, "/org/freedesktop/DBus", BUS, "Hello")
        except BaseException:
            self.close()
            raise
        return self

    def _connect(self, where: str) -> None:
        # `_socket`, not `socket`: socket.py builds its enums when imported (~3 ms on every
        # status), and a unix stream socket is all this needs.
        import _socket

        if sys.platform != "linux" and where.startswith("\0"):
            raise FileNotFoundError("abstract sockets exist on Linux only")
        connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            connection.settimeout(self._remaining())
            connection.connect(where)
        except BaseException:
            connection.close()
            raise
        self._socket = connection

    def _authenticate(self) -> None:
        uid = str(os.geteuid()).encode().hex().encode()
        self._send(b"\0AUTH EXTERNAL " + uid + b"\r\n")
        answer = self._line()
        if not answer.startswith(b"OK "):
            raise ConnectionRefusedError("the session bus refused our user id")
        self._send(b"BEGIN\r\n")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Calls ----------------------------------------------------------------------------

    def call(
        self,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        *args: object,
        reply: str | None = None,
    ) -> tuple[Any, ...]:
        """Call a method and wait for its answer: the reply's values, or DBusError. With
        `reply`, an answer of another signature is a ProtocolError."""
        self._serial += 1
        call = encode_call(self._serial, destination, path, interface, member, signature, args)
        self._send(call)
        while True:  # signals (NameAcquired…) may come first: skipped, up to the deadline
            kind, fields_read, values = self._receive()
            if fields_read.get(_REPLY_SERIAL) != self._serial or kind not in (_RETURN, _ERROR):
                continue
            if kind == _ERROR:
                name = str(fields_read.get(_ERROR_NAME, "org.freedesktop.DBus.Error.Failed"))
                text = values[0] if values and isinstance(values[0], str) else ""
                raise DBusError(name, text)
            if reply is not None and fields_read.get(_SIGNATURE, "") != reply:
                raise ProtocolError(f"{member} answered a value of another type than {reply!r}")
            return values

    def get_property(self, destination: str, path: str, interface: str, name: str) -> object:
        """One property's value (org.freedesktop.DBus.Properties.Get)."""
        (variant,) = self.call(
            destination, path, PROPERTIES, "Get", "ss", interface, name, reply="v"
        )
        return variant[1]

    # Bytes ----------------------------------------------------------------------------

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the session bus did not answer in time")
        return left

    def _send(self, data: bytes) -> None:
        assert self._socket is not None
        self._socket.settimeout(self._remaining())
        self._socket.sendall(data)

    def _fill(self, size: int) -> None:
        """Read until the buffer holds `size` bytes."""
        while len(self._buffer) < size:
            if self._socket is None:
                raise ConnectionResetError("the connection is closed")
            self._socket.settimeout(self._remaining())
            chunk = self._socket.recv(max(4096, size - len(self._buffer)))
            if not chunk:
                raise ConnectionResetError("the session bus closed the connection")
            self._buffer += chunk

    def _line(self) -> bytes:
        while b"\r\n" not in self._buffer:
            if len(self._buffer) > _AUTH_LINE:
                raise ProtocolError("authentication answer too long")
            self._fill(len(self._buffer) + 1)
        line, _, self._buffer = self._buffer.partition(b"\r\n")
        return line

    def _receive(self) -> tuple[int, dict[int, Any], tuple[Any, ...]]:
        """The next whole message (see `decode_message`)."""
        self._fill(16)
        _, total = message_size(self._buffer[:16])
        self._fill(total)
        message, self._buffer = self._buffer[:total], self._buffer[total:]
        return decode_message(message)
