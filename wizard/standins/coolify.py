"""A stand-in Coolify (v4 API) on loopback, answering as FACTS.md says Coolify does: the
routes, methods, bodies and status codes of its Coolify section, and deployments that go
queued → in_progress → finished (or failed, or cancelled-by-user). Tests and `--demo`.

Coolify itself needs PHP, Docker and Postgres: none of them run here. `state.requests`
records every call (method, path, JSON body) so tests can see exactly what was sent.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

FINAL = ("finished", "failed", "cancelled-by-user")
ROLE_MESSAGE = (
    "This API token has permissions ({abilities}) that exceed your current role as a team "
    "member. Please create a token with fewer permissions."
)


def new_uuid() -> str:
    """Coolify's uuids: 24 lowercase letters and digits."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(24))


@dataclass
class CoolifyToken:
    abilities: frozenset[str] = frozenset({"read", "write", "deploy"})
    team_member: bool = False  # a mere member may not use write or deploy


@dataclass
class CoolifyApp:
    uuid: str
    name: str
    fqdn: str = ""
    envs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class CoolifyDeployment:
    uuid: str
    statuses: list[str]  # the ones still to come; the last stays
    logs: list[dict[str, Any]]
    created_at: str

    @property
    def status(self) -> str:
        return self.statuses[0]


@dataclass
class CoolifyState:
    tokens: dict[str, CoolifyToken] = field(default_factory=dict)
    apps: dict[str, CoolifyApp] = field(default_factory=dict)
    deployments: dict[str, CoolifyDeployment] = field(default_factory=dict)
    api_enabled: bool = True
    allowed_ips: set[str] | None = None  # None: every address may use the API
    # How the next restarts end, and how many polls each passes queued and in progress.
    outcome: str = "finished"
    polls_queued: int = 1
    polls_in_progress: int = 1
    failure_log: tuple[str, ...] = ("Error: container exited with code 1",)
    restarted: list[str] = field(default_factory=list)  # app uuids, in order
    requests: list[tuple[str, str, Any]] = field(default_factory=list)

    def add_token(self, abilities: set[str] | None = None, team_member: bool = False) -> str:
        token = f"{len(self.tokens) + 1}|{secrets.token_hex(20)}"
        self.tokens[token] = CoolifyToken(
            frozenset(abilities or {"read", "write", "deploy"}), team_member
        )
        return token

    def add_app(self, name: str, envs: dict[str, str] | None = None) -> CoolifyApp:
        app = CoolifyApp(new_uuid(), name, f"https://{name}.example.com")
        for key, value in (envs or {}).items():
            app.envs[key] = _variable(key, value)
        self.apps[app.uuid] = app
        return app


def _variable(key: str, value: str) -> dict[str, Any]:
    return {
        "uuid": new_uuid(),
        "key": key,
        "value": value,
        "is_preview": False,
        "is_literal": False,
        "is_multiline": False,
        "is_runtime": True,
        "is_buildtime": True,
        "is_shown_once": False,
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _message(text: str, status: int, **extra: Any) -> JSONResponse:
    return JSONResponse({**extra, "message": text}, status_code=status)


def make_coolify_app(state: CoolifyState) -> Starlette:
    """The stand-in's ASGI app over `state` (changed by the requests it answers)."""

    async def body_of(request: Request) -> Any:
        raw = await request.body()
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return raw.decode("utf-8", "replace")

    async def refusal(request: Request, ability: str) -> Response | None:
        """Coolify's answers to a caller it will not serve, in the order it checks them."""
        state.requests.append((request.method, request.url.path, await body_of(request)))
        if not state.api_enabled:
            return _message("API is disabled.", 403, success=True)
        host = request.client.host if request.client else ""
        if state.allowed_ips is not None and host not in state.allowed_ips:
            return _message("You are not allowed to access the API.", 403, success=True)
        header = request.headers.get("authorization", "")
        token = state.tokens.get(header[7:]) if header.startswith("Bearer ") else None
        if token is None:
            return _message("Unauthenticated.", 401)
        if not ({ability, "root"} & token.abilities):
            return _message(f"Missing required permissions: {ability}", 403)
        risky = sorted(token.abilities & {"write", "deploy", "root"})
        if token.team_member and risky:
            return _message(ROLE_MESSAGE.format(abilities=", ".join(risky)), 403)
        return None

    def app_of(request: Request) -> CoolifyApp | None:
        return state.apps.get(request.path_params["uuid"])

    async def health(request: Request) -> Response:
        return PlainTextResponse("OK")

    async def applications(request: Request) -> Response:
        if (refused := await refusal(request, "read")) is not None:
            return refused
        listed = [{"uuid": a.uuid, "name": a.name, "fqdn": a.fqdn} for a in state.apps.values()]
        return JSONResponse(listed)

    async def envs(request: Request) -> Response:
        needed = "read" if request.method == "GET" else "write"
        if (refused := await refusal(request, needed)) is not None:
            return refused
        app = app_of(request)
        if app is None:
            return _message("Application not found", 404)
        if request.method == "GET":
            header = request.headers.get("authorization", "")[7:]
            sensitive = {"read:sensitive", "root"} & state.tokens[header].abilities
            shown = [
                v if sensitive else {k: x for k, x in v.items() if k != "value"}
                for v in app.envs.values()
            ]
            return JSONResponse(shown)
        body = await body_of(request)
        body = body if isinstance(body, dict) else {}
        missing = {
            name: [f"The {name} field is required."]
            for name in ("key", "value")
            if not isinstance(body.get(name), str) or not body.get(name)
        }
        if missing:
            return _message("Validation failed.", 422, errors=missing)
        key, value = body["key"], body["value"]
        if request.method == "PATCH":
            if key not in app.envs:
                return _message("Environment variable not found.", 404)
            app.envs[key]["value"] = value
            return JSONResponse(app.envs[key], status_code=201)
        app.envs[key] = _variable(key, value)
        return JSONResponse({"uuid": app.envs[key]["uuid"]}, status_code=201)

    async def restart(request: Request) -> Response:
        if request.method == "GET":  # the old way (older v4 betas)
            state.requests.append(("GET", request.url.path, None))
            return JSONResponse(
                {"message": "This endpoint has changed to a POST request."},
                status_code=405,
                headers={"Allow": "POST"},
            )
        if (refused := await refusal(request, "deploy")) is not None:
            return refused
        app = app_of(request)
        if app is None:
            return _message("Application not found", 404)
        statuses = ["queued"] * state.polls_queued + ["in_progress"] * state.polls_in_progress
        logs = [
            {
                "command": None,
                "output": "Restarting container.",
                "type": "stdout",
                "hidden": False,
                "batch": 1,
                "order": 1,
            }
        ]
        if state.outcome == "failed":
            logs += [
                {
                    "command": None,
                    "output": line,
                    "type": "stderr",
                    "hidden": False,
                    "batch": 1,
                    "order": n + 2,
                }
                for n, line in enumerate(state.failure_log)
            ]
        deployment = CoolifyDeployment(new_uuid(), [*statuses, state.outcome], logs, _now())
        state.deployments[deployment.uuid] = deployment
        state.restarted.append(app.uuid)
        return JSONResponse(
            {"message": "Restart request queued.", "deployment_uuid": deployment.uuid}
        )

    async def deployment(request: Request) -> Response:
        if (refused := await refusal(request, "read")) is not None:
            return refused
        found = state.deployments.get(request.path_params["uuid"])
        if found is None:
            return _message("Deployment not found.", 404)
        answer = {
            "deployment_uuid": found.uuid,
            "status": found.status,
            "logs": json.dumps(found.logs),
            "created_at": found.created_at,
            "updated_at": _now(),
        }
        if len(found.statuses) > 1:  # each look moves it one step on
            found.statuses.pop(0)
        return JSONResponse(answer)

    async def not_found(request: Request) -> Response:
        return _message("Not found.", 404)

    routes = [
        Route("/api/health", health, methods=["GET"]),
        Route("/api/v1/health", health, methods=["GET"]),
        Route("/api/v1/applications", applications, methods=["GET"]),
        Route("/api/v1/applications/{uuid}/envs", envs, methods=["GET", "PATCH", "POST"]),
        Route("/api/v1/applications/{uuid}/restart", restart, methods=["GET", "POST"]),
        Route("/api/v1/deployments/{uuid}", deployment, methods=["GET"]),
        Route("/{path:path}", not_found, methods=["GET", "POST", "PATCH", "PUT", "DELETE"]),
    ]
    return Starlette(routes=routes)


def start_demo_coolify(project_root: Any, backend_url: str) -> Any:
    """For `--demo`: a Coolify stand-in where the demo's backend "runs", its token in the
    (demo) keyring and `technova-setup.toml` saying so. Returns the running server."""
    from pathlib import Path

    from wizard.core.deploy.config import CoolifySettings, DeployConfig, Way, write_config
    from wizard.core.deploy.coolify import save_coolify_token
    from wizard.core.project import find_project
    from wizard.core.secret import Secret
    from wizard.standins.server import run_in_thread

    state = CoolifyState(polls_queued=2, polls_in_progress=3)
    token = state.add_token()
    app = state.add_app("technova-backend", {"OPENWEBUI_MODEL": "technova"})
    server = run_in_thread(make_coolify_app(state)).start()
    project = find_project(Path(project_root))
    settings = CoolifySettings(server.url, app.uuid)
    write_config(project, DeployConfig(Way.COOLIFY, coolify=settings, backend_url=backend_url))
    save_coolify_token(project.root, Secret(token))
    return server
