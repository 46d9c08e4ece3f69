"""Misbehaving servers on loopback: silent, slow, HTML, redirects, cut connections."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def raw_server(handle: Callable[[socket.socket], None]) -> Iterator[str]:
    """A TCP server on a free loopback port; `handle` gets each connection. Yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    stop = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            connections.append(conn)
            threading.Thread(target=_guarded, args=(handle, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join()
        listener.close()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.close()


def _guarded(handle: Callable[[socket.socket], None], conn: socket.socket) -> None:
    with contextlib.suppress(OSError):
        handle(conn)


def _read_request(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
        if data.startswith(b"\x16"):  # a TLS hello: a plain HTTP server answers at once
            break
    return data


def answer(
    status: str,
    body: bytes,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Callable[[socket.socket], None]:
    """Every request gets this answer."""

    def handle(conn: socket.socket) -> None:
        _read_request(conn)
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}"
            f"\r\nConnection: close\r\n{extra}\r\n".encode()
            + body
        )
        conn.close()

    return handle


def silent(conn: socket.socket) -> None:
    """Accepts, reads the request, and never answers."""
    _read_request(conn)
    time.sleep(60)


def slow_body(conn: socket.socket) -> None:
    """Sends headers, then one byte of body every half second, forever."""
    _read_request(conn)
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    )
    for _ in range(200):
        conn.sendall(b" ")
        time.sleep(0.5)


def slow_headers(conn: socket.socket) -> None:
    """Starts the status line, then sends one header byte every half second, forever."""
    _read_request(conn)
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
        conn.sendall(bytes([byte]))
        time.sleep(0.5)


def huge_body(conn: socket.socket) -> None:
    """A 200 with a 50 MB body: far more than any answer we ask for."""
    _read_request(conn)
    size = 50_000_000
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {size}\r\n\r\n".encode()
        + b'{"data": ['
    )
    chunk = b"0," * 32768
    sent = 0
    while sent < size:
        conn.sendall(chunk)
        sent += len(chunk)


def redirect_loop(conn: socket.socket) -> None:
    """Every request is sent to the same address again."""
    request = _read_request(conn)
    path = request.split(b" ", 2)[1].decode() if request.count(b" ") >= 2 else "/"
    conn.sendall(
        f"HTTP/1.1 301 Moved Permanently\r\nLocation: {path}\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
    )
    conn.close()


def reset(conn: socket.socket) -> None:
    """Reads the request, then cuts the connection mid-answer."""
    _read_request(conn)
    conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"data": [')
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    conn.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
