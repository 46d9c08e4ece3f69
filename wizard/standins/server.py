"""Run an ASGI app on a free loopback port in a background thread (tests and `--demo`)."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import uvicorn


class _DenialNoise(logging.Filter):
    """uvicorn's `websockets-sansio` protocol sends our HTTP 403 at a refused Realtime
    handshake correctly, then logs an error as if the app had sent nothing (uvicorn 0.54).
    That one line is dropped; anything else uvicorn logs still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "ASGI callable returned without completing handshake."


logging.getLogger("uvicorn.error").addFilter(_DenialNoise())


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signals to the main program (it runs in a thread)."""

    def install_signal_handlers(self) -> None:  # uvicorn < 0.29 calls this
        return

    def capture_signals(self) -> Any:  # uvicorn >= 0.29 calls this instead
        import contextlib

        return contextlib.nullcontext()


class BackgroundServer:
    """An app served on `127.0.0.1:<port>` by uvicorn in its own thread and event loop.

    `with run_in_thread(app) as server: server.url` — or `.start()` / `.stop()` by hand.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))  # bound now, so the port is ours before uvicorn starts
        self.port: int = self._socket.getsockname()[1]
        # log_config=None: uvicorn leaves the program's logging alone (errors still show).
        config = uvicorn.Config(
            app,
            log_level="warning",
            log_config=None,
            lifespan="off",
            ws="websockets-sansio",
            timeout_graceful_shutdown=1,
        )
        self._server = _QuietServer(config)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        """`http://127.0.0.1:<port>` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        """Start serving; returns once the server accepts connections."""

        def serve() -> None:
            try:
                asyncio.run(self._server.serve(sockets=[self._socket]))
            except BaseException as error:  # reported to the starting thread
                self._error = error

        self._thread = threading.Thread(target=serve, name=f"standin-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(
                    f"the stand-in on port {self.port} did not start"
                ) from self._error
            if time.monotonic() > deadline:
                raise TimeoutError(f"the stand-in on port {self.port} did not start in time")
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and wait for the thread (open WebSockets are closed)."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # a stuck connection: force it
                self._server.force_exit = True
                self._thread.join(timeout)
        self._socket.close()

    def __enter__(self) -> BackgroundServer:
        return self.start() if self._thread is None else self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def run_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0) -> BackgroundServer:
    """A `BackgroundServer` for `app`, started when the `with` block is entered."""
    return BackgroundServer(app, host, port)


@dataclass
class Demo:
    """Both stand-ins running and wired together, with a signed-in admin and keys."""

    openai: BackgroundServer
    openwebui: BackgroundServer
    openai_state: Any  # OpenAIState
    openwebui_state: Any  # OpenWebUIState
    openai_key: str  # accepted by the OpenAI stand-in (also the one inside Open WebUI)
    openwebui_key: str  # an Open WebUI API key of the admin
    admin_email: str
    admin_password: str

    @property
    def openai_base_url(self) -> str:
        return self.openai.url + "/v1"

    def stop(self) -> None:
        self.openwebui.stop()
        self.openai.stop()

    def __enter__(self) -> Demo:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def start_demo(
    openai_port: int = 0,
    openwebui_port: int = 0,
    api_keys_enabled: bool = True,
    openwebui_version: str = "0.12.4",
) -> Demo:
    """Start the OpenAI stand-in and an Open WebUI stand-in that uses it (tests, `--demo`).

    The Open WebUI side has an admin (`admin@example.com` / `demo-password`) with an API key,
    API keys switched on, and the `technova` model over gpt-4o-mini. `openwebui_version`
    "0.6.x" makes the Open WebUI side answer as 0.6.18.
    """
    from wizard.standins.openai import OpenAIState, make_openai_app, new_openai_key
    from wizard.standins.openwebui import OpenWebUIState, make_openwebui_app

    openai_key = new_openai_key()
    openai_state = OpenAIState(valid_keys={openai_key})
    openai_server = run_in_thread(make_openai_app(openai_state), port=openai_port).start()
    owui_state = OpenWebUIState.for_version(
        openwebui_version,
        api_keys_enabled=api_keys_enabled,
        openai_base_url=openai_server.url + "/v1",
        openai_key=openai_key,
    )
    admin = owui_state.add_user("admin@example.com", "demo-password", role="admin", name="Admin")
    owui_key = owui_state.create_api_key(admin)
    try:
        owui_server = run_in_thread(make_openwebui_app(owui_state), port=openwebui_port).start()
    except BaseException:
        openai_server.stop()
        raise
    return Demo(
        openai_server,
        owui_server,
        openai_state,
        owui_state,
        openai_key,
        owui_key,
        admin.email,
        admin.password,
    )
