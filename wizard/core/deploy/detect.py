"""What the project itself says about how its backend runs: a restart script at its root,
log files, a Docker Compose service that reads `backend/.env`, the backend's address."""

from __future__ import annotations

import re
from pathlib import Path

from wizard.core.deploy.compose_file import compose_files, read_env_files
from wizard.core.deploy.config import ComposeSettings, DeployConfig, RestartSettings, Way
from wizard.core.project import Project
from wizard.core.record import record

# Patterns as text, compiled by `re` (and kept in its cache) when first used: `status` runs
# every hour, and most projects have no restart script or widget for them to read.
_SCRIPT = r"(?i)^[\w.-]*(?:restart|start|deploy|reload)[\w.-]*\.(?:sh|bash)$"
_BACKEND_URL = (
    r"""(?i)\b(?:backendUrl|backend_url|apiUrl|api_url|serverUrl|server_url)['"]?\s*[:=]\s*"""
    r"""(['"`])(https?://[^'"`\s]+)\1"""
)
_MAX_LOGS = 6


@record
class ComposeService:
    file: str  # the compose file, relative to the project root
    service: str
    reads: str  # the project's .env it reads: "backend/.env" or "websocket-server/.env"


@record
class Detected:
    scripts: tuple[str, ...]  # "./restart-with-logs.sh", best first
    logs: tuple[str, ...]  # "logs/backend.log"
    compose: tuple[ComposeService, ...]
    backend_url: str | None  # from the widget's technova-config.js

    @property
    def backend_service(self) -> ComposeService | None:
        return next((s for s in self.compose if s.reads == "backend/.env"), None)

    def suggestion(self) -> DeployConfig | None:
        """The settings to offer: Compose when a service reads backend/.env, else a script."""
        service = self.backend_service
        if service is not None:
            voice = next((s.service for s in self.compose if s.reads != "backend/.env"), None)
            compose = ComposeSettings(service.file, service.service, voice)
            return DeployConfig(Way.COMPOSE, compose=compose, backend_url=self.backend_url)
        if self.scripts:
            restart = RestartSettings(self.scripts[0], self.logs)
            return DeployConfig(Way.COMMAND, restart=restart, backend_url=self.backend_url)
        return None


def _scripts(root: Path) -> tuple[str, ...]:
    try:
        names = [p.name for p in root.iterdir() if p.is_file() and re.match(_SCRIPT, p.name)]
    except OSError:
        return ()
    # "restart" first (restart-with-logs.sh), then the others by name.
    names.sort(key=lambda name: ("restart" not in name.lower(), name))
    return tuple(f"./{name}" for name in names)


_LOG_IN_SCRIPT = r"(?<![\w$./-])((?:[\w-]+/)*[\w.-]+\.log)\b"


def _logs_named_in(script: Path) -> list[str]:
    """The log files a restart script writes (`> logs/backend.log`), relative to the root."""
    try:
        text = script.read_text("utf-8", errors="replace")[:100_000]
    except OSError:
        return []
    return list(dict.fromkeys(m.group(1) for m in re.finditer(_LOG_IN_SCRIPT, text)))


def _logs(root: Path, scripts: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = _logs_named_in(root / scripts[0]) if scripts else []
    for folder in (root / "logs", root):
        try:
            logs = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".log")
        except OSError:
            continue
        found += [p.relative_to(root).as_posix() for p in logs]
    return tuple(dict.fromkeys(found))[:_MAX_LOGS]


def _compose(project: Project) -> tuple[ComposeService, ...]:
    wanted = {
        project.backend_env.resolve(): "backend/.env",
        project.voice_env.resolve(): "websocket-server/.env",
    }
    found = []
    for compose_file in compose_files(project.root):
        for pair in read_env_files(compose_file):
            reads = wanted.get(pair.env_file.resolve())
            if reads is not None:
                found.append(ComposeService(compose_file.name, pair.service, reads))
    return tuple(found)


def backend_url_from_widget(project: Project) -> str | None:
    """The backend's address as the widget knows it (`backendUrl` in technova-config.js)."""
    try:
        text = project.widget_config.read_text("utf-8", errors="replace")[:200_000]
    except OSError:
        return None
    match = re.search(_BACKEND_URL, text)
    return match.group(2).rstrip("/") if match else None


def detect(project: Project) -> Detected:
    """Everything the project's files show about how it runs (nothing is run or changed)."""
    root, scripts = project.root, _scripts(project.root)
    return Detected(
        scripts, _logs(root, scripts), _compose(project), backend_url_from_widget(project)
    )
