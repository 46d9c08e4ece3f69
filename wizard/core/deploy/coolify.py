"""Coolify's API (v4), as FACTS.md reads it: set an application's variable, restart the
application, follow the deployment to its end. Every refusal becomes a `WizardError` that
says which one it is; nothing Coolify sends is shown unmasked."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Literal

import httpx

from wizard.core.deadline import check_seconds
from wizard.core.deploy.scrub import scrub
from wizard.core.errors import WizardError
from wizard.core.record import record
from wizard.core.secret import Secret
from wizard.core.transport import require_safe_transport

FINAL_STATUSES = frozenset({"finished", "failed", "cancelled-by-user"})
DEPLOYMENT_DEADLINE = 600.0  # seconds: a Coolify build can take minutes
LOG_TAIL = 12  # lines of a failed deployment's log shown


@record
class Deployment:
    uuid: str
    status: str
    log_tail: tuple[str, ...]  # its last log lines, masked


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    message = body.get("message") if isinstance(body, dict) else None
    return message if isinstance(message, str) else ""


def _log_lines(logs: object) -> list[str]:
    """Coolify keeps a deployment's log as JSON text (a list of `{output, hidden…}`), or text."""
    if isinstance(logs, str):
        text = logs
        try:
            logs = json.loads(text)
        except ValueError:
            return text.splitlines()
    lines: list[str] = []
    if isinstance(logs, list):
        for entry in logs:
            if isinstance(entry, dict) and not entry.get("hidden"):
                lines += str(entry.get("output", "")).splitlines()
            elif isinstance(entry, str):
                lines += entry.splitlines()
    return [line for line in lines if line.strip()]


class CoolifyClient:
    """One Coolify, one token. `with CoolifyClient(url, token) as coolify: …`."""

    def __init__(
        self,
        url: str,
        token: Secret,
        *,
        timeout: float = 20.0,
        transport: httpx.BaseTransport | None = None,
        allow_plain_http: bool = False,
    ) -> None:
        # The dashboard's address; one pasted with its API path (…/api/v1) is the same Coolify.
        self.url = re.sub(r"/api(?:/v1)?/?$", "", url.rstrip("/"))
        # The API token is a secret: over TLS, or to this computer only.
        require_safe_transport(self.url, allow_plain_http=allow_plain_http)
        self._token = token
        self._deadline = check_seconds(timeout) * 1.5
        self._client = httpx.Client(
            base_url=f"{self.url}/api/v1",
            headers={"Authorization": f"Bearer {token.reveal()}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> CoolifyClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(
        self, method: str, path: str, body: dict[str, object] | None = None
    ) -> httpx.Response:
        """One request under one total deadline (connect, headers and body together): a
        Coolify that trickles its answer byte by byte cannot hold the person."""
        outcome: dict[str, object] = {}

        def request() -> None:
            try:
                outcome["response"] = self._client.request(method, path, json=body)
            except BaseException as error:  # carried to the caller below
                outcome["error"] = error

        worker = threading.Thread(target=request, name="technova-coolify", daemon=True)
        worker.start()
        worker.join(self._deadline)
        if worker.is_alive():
            self._client.close()  # ends the exchange still running
            raise WizardError("deploy.coolify.timeout", url=self.url)
        error = outcome.get("error")
        if isinstance(error, httpx.TimeoutException):
            raise WizardError("deploy.coolify.timeout", url=self.url)
        if isinstance(error, httpx.HTTPError):
            raise WizardError(
                "deploy.coolify.unreachable", url=self.url, detail=type(error).__name__
            )
        if isinstance(error, BaseException):
            raise error
        response = outcome["response"]
        assert isinstance(response, httpx.Response)
        return response

    def _refusal(self, response: httpx.Response, app: str | None = None) -> WizardError:
        """The diagnosis of an answer that is not a success (FACTS.md, Coolify)."""
        status, message = response.status_code, _message(response)
        shown = scrub(message, (self._token,))
        if status == 401:
            return WizardError("deploy.coolify.unauthenticated", url=self.url)
        if status == 403:
            if message == "API is disabled.":
                return WizardError("deploy.coolify.api-disabled", url=self.url)
            if message == "You are not allowed to access the API.":
                return WizardError("deploy.coolify.ip-not-allowed", url=self.url)
            if message.startswith("Missing required permissions:"):
                abilities = scrub(message.split(":", 1)[1].strip().rstrip("."))
                return WizardError("deploy.coolify.missing-permissions", abilities=abilities)
            if "exceed your current role" in message:
                return WizardError("deploy.coolify.role", message=shown)
            return WizardError("deploy.coolify.forbidden", message=shown or "—")
        if status == 404 and message == "Application not found":
            return WizardError("deploy.coolify.app-not-found", app=scrub(app or ""), url=self.url)
        if status == 404:
            return WizardError("deploy.coolify.not-found", url=self.url)
        if status == 405:
            return WizardError("deploy.coolify.method", url=self.url)
        if status == 422:
            return WizardError("deploy.coolify.invalid", detail=self._errors(response) or shown)
        return WizardError("deploy.coolify.unexpected", status=status, message=shown or "—")

    def _errors(self, response: httpx.Response) -> str:
        try:
            errors = response.json().get("errors")
        except (ValueError, AttributeError):
            return ""
        if not isinstance(errors, dict):
            return ""
        return scrub("; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in errors.items()))

    def set_variable(self, app: str, key: str, value: Secret) -> Literal["updated", "created"]:
        """Set `key` of application `app`: PATCH, or POST when Coolify has no such variable."""
        path = f"/applications/{app}/envs"
        body: dict[str, object] = {"key": key, "value": value.reveal(), "is_preview": False}
        response = self._send("PATCH", path, body)
        if response.status_code in (200, 201):
            return "updated"
        if response.status_code == 404 and _message(response) == "Environment variable not found.":
            created = self._send("POST", path, {"key": key, "value": value.reveal()})
            if created.status_code in (200, 201):
                return "created"
            raise self._refusal(created, app)
        raise self._refusal(response, app)

    def restart(self, app: str) -> str:
        """Ask Coolify to restart `app`; the uuid of the deployment that does it."""
        response = self._send("POST", f"/applications/{app}/restart")
        if response.status_code != 200:
            raise self._refusal(response, app)
        try:
            uuid = response.json()["deployment_uuid"]
        except (ValueError, KeyError, TypeError):
            uuid = None
        if not isinstance(uuid, str) or not uuid:
            raise WizardError("deploy.coolify.unexpected", status=200, message="deployment_uuid")
        return uuid

    def deployment(self, uuid: str) -> Deployment:
        response = self._send("GET", f"/deployments/{uuid}")
        if response.status_code != 200:
            raise self._refusal(response)
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("status"), str):
            raise WizardError("deploy.coolify.unexpected", status=200, message="status")
        tail = _log_lines(body.get("logs"))[-LOG_TAIL:]
        return Deployment(uuid, body["status"], tuple(scrub(line, (self._token,)) for line in tail))

    def follow(
        self,
        uuid: str,
        *,
        deadline: float = DEPLOYMENT_DEADLINE,
        interval: float = 2.0,
        on_status: Callable[[str], None] | None = None,
    ) -> Deployment:
        """Poll the deployment until finished, failed or cancelled; `on_status` hears every
        change. Raises `deploy.coolify.deployment-*` unless it finished."""
        started = time.monotonic()
        seen = ""
        while True:
            current = self.deployment(uuid)
            if current.status != seen and on_status is not None:
                on_status(scrub(current.status))
            seen = current.status
            if current.status == "finished":
                return current
            if current.status == "failed":
                raise WizardError(
                    "deploy.coolify.deployment-failed",
                    url=self.url,
                    lines="\n".join(current.log_tail) or "—",
                )
            if current.status == "cancelled-by-user":
                raise WizardError("deploy.coolify.deployment-cancelled", url=self.url)
            if time.monotonic() - started > deadline:
                raise WizardError(
                    "deploy.coolify.deployment-timeout",
                    seconds=f"{deadline:g}",
                    status=scrub(current.status),
                )
            time.sleep(interval)


TOKEN_ENV = "COOLIFY_TOKEN"
TOKEN_NAME = "COOLIFY_TOKEN"  # its keyring entry, per project


def coolify_token(project_root: Path) -> Secret | None:
    """The Coolify API token: `COOLIFY_TOKEN` (scripts), else the keyring; None when neither
    has one or the keyring cannot be read."""
    import os

    from wizard.core.keystore import load_named_secret

    from_env = os.environ.get(TOKEN_ENV, "").strip()
    if from_env:
        return Secret(from_env)
    try:
        return load_named_secret(TOKEN_NAME, project_root, timeout=10)
    except WizardError:
        return None


def save_coolify_token(project_root: Path, token: Secret) -> None:
    """Keep the token in the keyring (never in technova-setup.toml); raises `keystore.*`."""
    from wizard.core.keystore import save_named_secret

    save_named_secret(TOKEN_NAME, project_root, token)
