"""The Realtime probe against every way a voice socket can end: each close code, a server that
closes at once, one that never sends an event, one that sends nonsense. Always a verdict in
words, never a crash of ours (`probe-failed`), always within the deadline."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import keyshapes
import pytest
from websockets.asyncio.server import ServerConnection, serve

from wizard.core.probes import ProbeTarget, Timeouts, probe_realtime
from wizard.core.secret import Secret

FAST = Timeouts(connect=1.0, read=1.0, total=3.0)
Handler = Callable[[ServerConnection], Awaitable[None]]


@contextmanager
def voice_server(handler: Handler) -> Iterator[str]:
    """A WebSocket server on loopback running `handler` for each connection."""
    ready = threading.Event()
    stop: dict[str, object] = {}

    def run() -> None:
        async def main() -> None:
            finished = asyncio.Event()
            stop["loop"], stop["event"] = asyncio.get_running_loop(), finished
            async with serve(handler, "127.0.0.1", 0) as server:
                stop["port"] = next(iter(server.sockets)).getsockname()[1]
                ready.set()
                await finished.wait()

        asyncio.run(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(5)
    try:
        yield f"http://127.0.0.1:{stop['port']}/v1"
    finally:
        loop = stop["loop"]
        loop.call_soon_threadsafe(stop["event"].set)  # type: ignore[attr-defined]
        thread.join(5)


def probe(url: str) -> tuple[str, str, str, float]:
    target = ProbeTarget(openai_base_url=url, openai_key=Secret(keyshapes.openai_project()))
    start = time.monotonic()
    result = asyncio.run(probe_realtime(target, FAST))
    elapsed = time.monotonic() - start
    parts = result.diagnosis.explanation.render("en")
    return result.diagnosis.code, result.diagnosis.verdict.value, parts["what"], elapsed


def closes_at_once(code: int, reason: str = "") -> Handler:
    async def handler(connection: ServerConnection) -> None:
        await connection.close(code, reason)

    return handler


def error_then_close(code: int, error: dict[str, object], reason: str = "") -> Handler:
    async def handler(connection: ServerConnection) -> None:
        await connection.send(json.dumps({"type": "error", "error": error}))
        await connection.close(code, reason)

    return handler


async def never_speaks(connection: ServerConnection) -> None:
    await asyncio.sleep(30)


async def nonsense(connection: ServerConnection) -> None:
    await connection.send(b"\x00\xff not json")
    await connection.close(1011, "oops")


@pytest.mark.parametrize(
    "code", [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 3001, 3003, 4001, 4999]
)
def test_every_other_close_code_is_named_in_words(code: int) -> None:
    with voice_server(closes_at_once(code, "server says no")) as url:
        name, verdict, what, elapsed = probe(url)
    assert name == "realtime-closed" and verdict == "critical"
    assert f"code {code}" in what and "server says no" in what
    assert elapsed < FAST.total + 1


def test_close_3000_alone_means_a_refused_key() -> None:
    with voice_server(closes_at_once(3000, "invalid_request_error.invalid_api_key")) as url:
        name, verdict, _, _ = probe(url)
    assert (name, verdict) == ("openai-invalid-key", "critical")


def test_close_4000_alone_is_the_model() -> None:
    with voice_server(closes_at_once(4000, "invalid_model")) as url:
        assert probe(url)[0] == "realtime-invalid-model"


@pytest.mark.parametrize("code", [1011, 3000, 4000, 4321])
def test_an_unknown_error_event_then_any_close_is_a_verdict(code: int) -> None:
    error = {"type": "server_error", "code": "something_new", "message": "new"}
    with voice_server(error_then_close(code, error)) as url:
        name, verdict, what, _ = probe(url)
    assert name != "probe-failed" and verdict in ("critical", "unknown") and what


def test_the_beta_header_error_event_is_named() -> None:
    error = {
        "type": "invalid_request_error",
        "code": "beta_api_shape_disabled",
        "message": "The Realtime Beta API is no longer supported.",
    }
    with voice_server(error_then_close(4000, error)) as url:
        assert probe(url)[0] == "realtime-beta-header"


def test_a_server_that_never_sends_an_event_ends_within_the_deadline() -> None:
    with voice_server(never_speaks) as url:
        name, verdict, _, elapsed = probe(url)
    assert name == "timeout" and verdict == "unknown"
    assert elapsed < FAST.total + 1


def test_a_frame_that_is_not_json_is_a_verdict_not_a_crash() -> None:
    with voice_server(nonsense) as url:
        name, verdict, _, _ = probe(url)
    assert name == "realtime-closed" and verdict == "critical"
