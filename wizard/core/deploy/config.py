"""`technova-setup.toml`: how the project's backend runs and restarts, in a file people can
read and commit. It never holds a secret (the Coolify token lives in the keyring or in
`COOLIFY_TOKEN`).

```toml
[deploy]
way = "command"                        # command | coolify | compose | manual
backend_url = "http://localhost:3001"  # optional: where the running backend answers

[restart]
command = "./restart-with-logs.sh"     # run from the project root
logs = ["logs/backend.log", "logs/websocket-server.log"]

[coolify]
url = "https://coolify.example.com"
backend = "<application uuid>"
voice = "<application uuid>"           # optional

[compose]
file = "docker-compose.yml"
service = "backend"
```
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.project import Project
from wizard.core.record import record

CONFIG_NAME = "technova-setup.toml"
DEFAULT_RESTART_TIMEOUT = 120.0  # seconds a restart command may take before we stop waiting


class Way(StrEnum):
    """Where the backend runs, hence how a new key reaches it."""

    COMMAND = "command"  # on this computer, restarted by a command (restart-with-logs.sh)
    COOLIFY = "coolify"  # deployed on Coolify: the variables live in Coolify
    COMPOSE = "compose"  # Docker Compose: the service reads backend/.env through env_file
    MANUAL = "manual"  # the person restarts it themselves


@record
class RestartSettings:
    command: str
    logs: tuple[str, ...] = ()
    timeout: float = DEFAULT_RESTART_TIMEOUT


@record
class CoolifySettings:
    url: str
    backend: str  # the application whose variables hold OPENWEBUI_*
    voice: str | None = None  # the websocket server's application, if it has one


@record
class ComposeSettings:
    file: str  # relative to the project root
    service: str  # the service that reads backend/.env
    voice_service: str | None = None

    def command(self) -> str:
        """The command that recreates the backend (and the voice server, when it has a
        service): what `status` shows, and what `run_compose` runs."""
        import shlex

        services = [self.service]
        if self.voice_service and self.voice_service != self.service:
            services.append(self.voice_service)
        return shlex.join(
            ["docker", "compose", "-f", self.file, "up", "-d", "--force-recreate", *services]
        )


@record
class DeployConfig:
    way: Way
    restart: RestartSettings | None = None
    coolify: CoolifySettings | None = None
    compose: ComposeSettings | None = None
    backend_url: str | None = None


def config_path(project: Project) -> Path:
    return project.root / CONFIG_NAME


def _text(table: dict[str, object], name: str, where: str) -> str | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name=f"{where}.{name}")
    return value.strip()


def _table(data: dict[str, object], name: str) -> dict[str, object] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name=name)
    return value


def _restart(table: dict[str, object]) -> RestartSettings:
    command = _text(table, "command", "restart")
    if command is None:
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name="restart.command")
    logs = table.get("logs", [])
    if not isinstance(logs, list) or not all(isinstance(item, str) for item in logs):
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name="restart.logs")
    timeout = table.get("timeout", DEFAULT_RESTART_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < 1e6:
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name="restart.timeout")
    return RestartSettings(command, tuple(logs), float(timeout))


def _coolify(table: dict[str, object]) -> CoolifySettings:
    url = _text(table, "url", "coolify")
    backend = _text(table, "backend", "coolify")
    if url is None or not url.startswith(("http://", "https://")):
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name="coolify.url")
    if backend is None:
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name="coolify.backend")
    return CoolifySettings(url.rstrip("/"), backend, _text(table, "voice", "coolify"))


def _compose(table: dict[str, object]) -> ComposeSettings:
    file = _text(table, "file", "compose")
    service = _text(table, "service", "compose")
    if file is None or service is None:
        name = "compose.file" if file is None else "compose.service"
        raise WizardError("deploy.config.bad-value", file=CONFIG_NAME, name=name)
    return ComposeSettings(file, service, _text(table, "voice_service", "compose"))


def parse_config(text: str) -> DeployConfig:
    """The settings in a `technova-setup.toml`'s text; `WizardError` names what is wrong."""
    import tomllib  # here: only a project that has the file pays for the parser

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # TOML's message names a line and column, never a value.
        raise WizardError("deploy.config.unreadable", file=CONFIG_NAME, detail=str(error)) from None
    deploy = _table(data, "deploy") or {}
    restart = _table(data, "restart")
    coolify = _table(data, "coolify")
    compose = _table(data, "compose")
    settings = {
        Way.COMMAND: _restart(restart) if restart is not None else None,
        Way.COOLIFY: _coolify(coolify) if coolify is not None else None,
        Way.COMPOSE: _compose(compose) if compose is not None else None,
    }
    way_text = _text(deploy, "way", "deploy")
    if way_text is None:  # the short form: the one table present says the way
        present = [way for way in (Way.COOLIFY, Way.COMPOSE, Way.COMMAND) if settings[way]]
        way = present[0] if present else Way.MANUAL
    else:
        try:
            way = Way(way_text)
        except ValueError:
            raise WizardError(
                "deploy.config.bad-value", file=CONFIG_NAME, name="deploy.way"
            ) from None
        if way is not Way.MANUAL and settings[way] is None:
            raise WizardError("deploy.config.missing-table", file=CONFIG_NAME, table=_TABLE[way])
    return DeployConfig(
        way=way,
        restart=settings[Way.COMMAND],  # type: ignore[arg-type]
        coolify=settings[Way.COOLIFY],  # type: ignore[arg-type]
        compose=settings[Way.COMPOSE],  # type: ignore[arg-type]
        backend_url=_text(deploy, "backend_url", "deploy"),
    )


_TABLE = {Way.COMMAND: "restart", Way.COOLIFY: "coolify", Way.COMPOSE: "compose"}


def load_config(project: Project) -> DeployConfig | None:
    """The project's `technova-setup.toml`, or None when it has none."""
    path = config_path(project)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise WizardError(
            "deploy.config.unreadable", file=CONFIG_NAME, detail=type(error).__name__
        ) from None
    return parse_config(text)


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string: quotes, backslashes, control characters escaped.
    return json.dumps(value, ensure_ascii=False)


def render_config(config: DeployConfig) -> str:
    """The file's text for `config` (the fixed shape above; no secret can be part of it)."""
    lines = ["# How technova-setup brings a new key to the running backend. No secret here.", ""]
    lines += ["[deploy]", f"way = {_string(config.way.value)}"]
    if config.backend_url:
        lines.append(f"backend_url = {_string(config.backend_url)}")
    if config.restart is not None:
        logs = ", ".join(_string(log) for log in config.restart.logs)
        lines += ["", "[restart]", f"command = {_string(config.restart.command)}"]
        lines += [f"logs = [{logs}]", f"timeout = {config.restart.timeout:g}"]
    if config.coolify is not None:
        lines += ["", "[coolify]", f"url = {_string(config.coolify.url)}"]
        lines.append(f"backend = {_string(config.coolify.backend)}")
        if config.coolify.voice:
            lines.append(f"voice = {_string(config.coolify.voice)}")
    if config.compose is not None:
        lines += ["", "[compose]", f"file = {_string(config.compose.file)}"]
        lines.append(f"service = {_string(config.compose.service)}")
        if config.compose.voice_service:
            lines.append(f"voice_service = {_string(config.compose.voice_service)}")
    return "\n".join(lines) + "\n"


def write_config(project: Project, config: DeployConfig) -> Path:
    """Write `technova-setup.toml` (only after the person agreed); returns its path."""
    from wizard.core.files.atomic import atomic_write  # here: status only reads the file
    from wizard.core.keys import recognise_key

    text = render_config(config)
    for word in text.replace('"', " ").split():
        if recognise_key(word).looks_like_secret:  # a pasted key in a uuid field
            raise WizardError("deploy.config.secret-refused", file=CONFIG_NAME)
    path = config_path(project)
    try:
        atomic_write(path, text.encode("utf-8"), 0o644)
    except OSError as error:
        raise WizardError(
            "deploy.config.not-written", file=CONFIG_NAME, detail=type(error).__name__
        ) from None
    return path
