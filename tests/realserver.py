"""A real Open WebUI on loopback, 0.12.4 or 0.6.18, with our OpenAI stand-in as its upstream.

`.ci/run` installs each into its own cached virtual environment and exports
TECHNOVA_OPENWEBUI_BIN (0.12.4) and TECHNOVA_OPENWEBUI06_BIN (0.6.18); locally, the same
default cache paths are tried. One server per version per test session (~20 s to start,
~0.8 GB); tests that change its settings put them back.

0.6.18 differs in how it starts (FACTS.md, "Open WebUI 0.6.x"): it ignores `WEBUI_ADMIN_*`,
so the first sign-up becomes the admin, and its switch is `ENABLE_API_KEY` (singular).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from wizard.standins.openai import OpenAIState, make_openai_app
from wizard.standins.server import BackgroundServer, run_in_thread

VERSIONS = ("0.12.4", "0.6.18")  # the newest we verified, and the folk guides' era
_BIN_VARIABLE = {"0.12.4": "TECHNOVA_OPENWEBUI_BIN", "0.6.18": "TECHNOVA_OPENWEBUI06_BIN"}
DEFAULT_BIN = Path.home() / ".cache/technova-setup/openwebui-0.12.4/bin/open-webui"
ADMIN_EMAIL = "admin@example.com"
MODEL_ID = "technova"
BASE_MODEL = "gpt-4o-mini"


def openwebui_bin(version: str = "0.12.4") -> Path | None:
    """The `open-webui` program of that version: from .ci/run's variable, else the cache."""
    configured = os.environ.get(_BIN_VARIABLE[version])
    default = Path.home() / f".cache/technova-setup/openwebui-{version}/bin/open-webui"
    candidate = Path(configured) if configured else default
    return candidate if candidate.is_file() else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RealOpenWebUI:
    """A running Open WebUI, its admin's credentials, and the OpenAI stand-in behind it."""

    url: str
    admin_password: str
    openai: BackgroundServer
    openai_state: OpenAIState
    openai_key: str  # the key Open WebUI's connection uses; the stand-in accepts it
    process: subprocess.Popen[bytes]
    data_dir: Path
    secret_key: str = ""  # WEBUI_SECRET_KEY: lets a test forge a token the server would accept
    version: str = "0.12.4"
    admin_id: str = ""
    admin_token: str = ""
    admin_api_key: str = ""
    users: dict[str, str] = field(default_factory=dict)  # email -> password

    @property
    def legacy(self) -> bool:
        """0.6.x: see FACTS.md's 0.6.x table."""
        return self.version.startswith("0.6.")

    @property
    def keys_field(self) -> str:
        return "ENABLE_API_KEY" if self.legacy else "ENABLE_API_KEYS"

    # -- the API, as a person's browser would use it ----------------------------------------
    def request(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.request(method, self.url + path, headers=headers, timeout=60, **kwargs)

    def signin(self, email: str, password: str) -> str:
        answer = self.request(
            "POST", "/api/v1/auths/signin", json={"email": email, "password": password}
        )
        answer.raise_for_status()
        return str(answer.json()["token"])

    def create_api_key(self, token: str) -> str:
        answer = self.request("POST", "/api/v1/auths/api_key", token)
        answer.raise_for_status()
        return str(answer.json()["api_key"])

    def add_user(self, email: str, role: str = "user") -> tuple[str, str]:
        """A new user made by the admin; returns (email, password)."""
        password = "Pw-" + secrets.token_urlsafe(12)
        answer = self.request(
            "POST",
            "/api/v1/auths/add",
            self.admin_token,
            json={"name": email.split("@")[0], "email": email, "password": password, "role": role},
        )
        answer.raise_for_status()
        self.users[email] = password
        return email, password

    def admin_config(self) -> dict[str, Any]:
        answer = self.request("GET", "/api/v1/auths/admin/config", self.admin_token)
        answer.raise_for_status()
        return dict(answer.json())

    def set_api_keys_enabled(self, enabled: bool) -> None:
        config = self.admin_config()
        config[self.keys_field] = enabled
        answer = self.request("POST", "/api/v1/auths/admin/config", self.admin_token, json=config)
        answer.raise_for_status()
        assert self.admin_config()[self.keys_field] is enabled

    def restrict_api_keys(self, allowed: str | None) -> dict[str, Any]:
        """Limit API keys to `allowed` paths (comma-separated; None: no limit), under this
        version's names; returns the old values for `update_admin_config`."""
        prefix = "API_KEY" if self.legacy else "API_KEYS"
        return self.update_admin_config(
            **{
                f"ENABLE_{prefix}_ENDPOINT_RESTRICTIONS": allowed is not None,
                f"{prefix}_ALLOWED_ENDPOINTS": allowed or "",
            }
        )

    def update_admin_config(self, **changes: Any) -> dict[str, Any]:
        """Change some of Admin Panel › Settings › Authentication; returns the old values of
        what changed, to pass back here afterwards."""
        config = self.admin_config()
        previous = {name: config.get(name) for name in changes}
        config.update(changes)
        answer = self.request("POST", "/api/v1/auths/admin/config", self.admin_token, json=config)
        answer.raise_for_status()
        return previous

    def openai_connection(self) -> dict[str, Any]:
        answer = self.request("GET", "/openai/config", self.admin_token)
        answer.raise_for_status()
        return dict(answer.json())

    def set_openai_key(self, key: str) -> None:
        """Point Open WebUI's OpenAI connection at the stand-in with `key`, as the admin would."""
        config = self.openai_connection()
        config["OPENAI_API_BASE_URLS"] = [self.openai.url + "/v1"]
        config["OPENAI_API_KEYS"] = [key]
        answer = self.request("POST", "/openai/config/update", self.admin_token, json=config)
        answer.raise_for_status()

    def model_ids(self, token: str) -> list[str]:
        answer = self.request("GET", "/api/models", token)
        answer.raise_for_status()
        return [m["id"] for m in answer.json()["data"]]

    def create_model(self, model_id: str = MODEL_ID, public: bool = True) -> None:
        grants = [{"principal_type": "user", "principal_id": "*", "permission": "read"}]
        answer = self.request(
            "POST",
            "/api/v1/models/create",
            self.admin_token,
            json={
                "id": model_id,
                "base_model_id": BASE_MODEL,
                "name": "TechNova",
                "meta": {"description": "TechNova assistant"},
                "params": {"system": "You are TechNova's assistant."},
                "access_grants": grants if public else [],  # 0.12
                "access_control": None if public else {},  # 0.6: null is public
            },
        )
        answer.raise_for_status()

    def delete_model(self, model_id: str = MODEL_ID) -> None:
        if self.legacy:  # 0.6: DELETE with the id in the query
            answer = self.request(
                "DELETE", "/api/v1/models/model/delete", self.admin_token, params={"id": model_id}
            )
        else:
            answer = self.request(
                "POST", "/api/v1/models/model/delete", self.admin_token, json={"id": model_id}
            )
        answer.raise_for_status()
        assert model_id not in self.model_ids(self.admin_token)

    # -- life cycle --------------------------------------------------------------------------
    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.openai.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        log = self.data_dir / "server.log"
        if not log.exists():
            return ""
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def start_real_openwebui(
    binary: Path, version: str = "0.12.4", startup_timeout: float = 180.0
) -> RealOpenWebUI:
    """Start Open WebUI as FACTS.md's recipe says, then sign in (0.6: sign up, which makes
    the first user the admin) and make `technova`. API keys start switched on."""
    openai_key = "sk-proj-" + secrets.token_urlsafe(55)[:74] + "T3BlbkFJ" + "A" * 74
    openai_state = OpenAIState(valid_keys={openai_key})
    openai = run_in_thread(make_openai_app(openai_state))
    openai.start()
    data_dir = Path(tempfile.mkdtemp(prefix="technova-openwebui-"))
    port = _free_port()
    password = "Admin-" + secrets.token_urlsafe(12)
    secret_key = secrets.token_hex(32)
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "WEBUI_SECRET_KEY": secret_key,
        "OFFLINE_MODE": "true",
        "HF_HUB_OFFLINE": "1",
        "RAG_EMBEDDING_MODEL_AUTO_UPDATE": "false",
        "ENABLE_OLLAMA_API": "false",
        "ENABLE_VERSION_UPDATE_CHECK": "false",
        "ENABLE_API_KEYS": "true",
        "ENABLE_API_KEY": "true",  # 0.6's name
        "OPENAI_API_BASE_URL": openai.url + "/v1",
        "OPENAI_API_KEY": openai_key,
    }
    if not version.startswith("0.6."):  # 0.6 ignores these: its first sign-up is the admin
        env |= {
            "WEBUI_ADMIN_EMAIL": ADMIN_EMAIL,
            "WEBUI_ADMIN_PASSWORD": password,
            "WEBUI_ADMIN_NAME": "Admin",
        }
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - the process owns it
    process = subprocess.Popen(
        [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=data_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = RealOpenWebUI(
        f"http://127.0.0.1:{port}",
        password,
        openai,
        openai_state,
        openai_key,
        process,
        data_dir,
        version=version,
    )
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = server.log_tail()
            server.stop()
            raise RuntimeError(f"Open WebUI exited at startup:\n{tail}")
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    else:
        tail = server.log_tail()
        server.stop()
        raise RuntimeError(f"Open WebUI did not answer in {startup_timeout:.0f} s:\n{tail}")
    server.secret_key = secret_key
    reported = httpx.get(server.url + "/api/version", timeout=10).json().get("version")
    if reported != version:
        server.stop()
        raise RuntimeError(f"{binary} is Open WebUI {reported}, not {version}")
    if server.legacy:
        server.request(
            "POST",
            "/api/v1/auths/signup",
            json={"name": "Admin", "email": ADMIN_EMAIL, "password": password},
        ).raise_for_status()
    server.admin_token = server.signin(ADMIN_EMAIL, password)
    server.admin_id = str(server.request("GET", "/api/v1/auths/", server.admin_token).json()["id"])
    server.admin_api_key = server.create_api_key(server.admin_token)
    server.create_model()
    return server
