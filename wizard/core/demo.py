"""`--demo`: the whole product on a made-up project, with no real key and no network.

Starts the OpenAI and Open WebUI stand-ins and a tiny TechNova backend with its chat page on
free loopback ports, writes a temporary project holding the three mistakes people really
make (an expired session token in `backend/.env`, the OpenAI key pasted with a trailing
space in `websocket-server/.env`, a key in the public `technova-config.js`), and swaps the
keyring for one in memory, so the person's real keyring is never touched. `stop()` undoes
all of it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from keyring.backend import KeyringBackend

from wizard.standins.server import BackgroundServer, Demo, run_in_thread, start_demo


class DemoKeyring(KeyringBackend):
    """A keyring that lives in memory for the demo's lifetime and is forgotten on exit."""

    priority = 1
    # Never picked by keyring's own discovery (it scans every subclass): only `--demo` sets it.
    viable = False

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's __init__ is untyped
        self._passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self._passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@dataclass
class DemoEnvironment:
    """Everything the demo started; the wizard shows the keys on its help panel."""

    project: Path
    servers: Demo
    backend: BackgroundServer
    previous_keyring: Any
    coolify: BackgroundServer | None = None  # a Coolify stand-in: the restart step's path
    # A second OpenAI key the stand-in accepts: the seeded one sits in the public widget file
    # (exposed, to be replaced), so the help panel offers this one, as a person would make a
    # new key at platform.openai.com.
    fresh_openai_key: str = ""

    @property
    def openwebui_url(self) -> str:
        return self.servers.openwebui.url

    @property
    def openwebui_key(self) -> str:
        """A working Open WebUI API key (the admin's): the one to paste in the wizard."""
        return self.servers.openwebui_key

    @property
    def openai_key(self) -> str:
        """A working OpenAI key that was never exposed: the one to paste in the wizard."""
        return self.fresh_openai_key or self.servers.openai_key

    @property
    def admin_email(self) -> str:
        return self.servers.admin_email

    @property
    def admin_password(self) -> str:
        return self.servers.admin_password

    @property
    def chat_page_url(self) -> str:
        """The demo's chat page: type a message, the answer comes back through the chain."""
        return self.backend.url + "/"

    def stop(self) -> None:
        import keyring

        self.backend.stop()
        if self.coolify is not None:
            self.coolify.stop()
        self.servers.stop()
        keyring.set_keyring(self.previous_keyring)
        shutil.rmtree(self.project, ignore_errors=True)

    def __enter__(self) -> DemoEnvironment:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def seed_project(root: Path, servers: Demo, backend_url: str, lang: str = "en") -> None:
    """The seeds' real mistakes, in a project laid out like a TechNova checkout (the widget
    speaks the person's language)."""
    state = servers.openwebui_state
    expired = state.make_token(state.first_admin(), expires_in=-3 * 86400)
    _write(
        root / "backend/.env",
        "# TechNova backend\n"
        "PORT=3001\n"
        f"OPENWEBUI_URL={servers.openwebui.url}\n"
        f"OPENWEBUI_API_KEY={expired}\n"
        "OPENWEBUI_MODEL=technova\n",
        0o600,
    )
    _write(
        root / "websocket-server/.env",
        f'OPENAI_API_KEY="{servers.openai_key} "\n'  # pasted with a trailing space
        'PUBLIC_URL=""\n'
        f"OPENAI_BASE_URL={servers.openai_base_url}\n",
        0o600,
    )
    _write(
        root / "chat-widget/technova-config.js",
        "// TechNova widget settings\n"
        "window.TechNovaConfig = {\n"
        f'  backendUrl: "{backend_url}",\n'
        f'  apiKey: "{servers.openai_key}",\n'  # every visitor can read this
        '  assistantName: "TechNova",\n'
        f'  language: "{lang}",\n'
        "};\n",
        0o644,
    )


def start_demo_environment(lang: str = "en") -> DemoEnvironment:
    """Start everything the demo needs; call `stop()` (or use `with`) to undo it all."""
    import keyring

    from wizard.standins.backend import make_backend_app

    servers = start_demo()
    project = Path(tempfile.mkdtemp(prefix="technova-demo-"))
    try:
        backend = run_in_thread(make_backend_app(project)).start()
        seed_project(project, servers, backend.url, lang)
    except BaseException:
        servers.stop()
        shutil.rmtree(project, ignore_errors=True)
        raise
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    from wizard.standins.coolify import start_demo_coolify

    coolify = start_demo_coolify(project, backend.url)  # after the swap: its token is the demo's
    from wizard.standins.openai import new_openai_key

    fresh = new_openai_key()
    servers.openai_state.valid_keys.add(fresh)
    return DemoEnvironment(project, servers, backend, previous, coolify, fresh)
