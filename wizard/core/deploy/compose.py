"""Docker Compose: a service reading `backend/.env` through `env_file` gets a new key only
when its container is recreated — `docker compose up -d --force-recreate SERVICE`. A plain
`docker compose restart` keeps the old environment (FACTS.md), so it is never used."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from wizard.core.deploy.config import ComposeSettings, RestartSettings
from wizard.core.deploy.restart import RestartRun, run_restart
from wizard.core.secret import Secret

COMPOSE_TIMEOUT = 300.0  # seconds: recreating may pull or build an image


def docker_available() -> bool:
    return shutil.which("docker") is not None


def run_compose(
    root: Path,
    settings: ComposeSettings,
    *,
    secrets: Iterable[Secret] = (),
    on_output: Callable[[str], None] | None = None,
) -> RestartRun:
    """Recreate the services from `root` (the compose file's paths are relative to it)."""
    restart = RestartSettings(settings.command(), (), COMPOSE_TIMEOUT)
    return run_restart(root, restart, secrets=secrets, on_output=on_output, log_seconds=0)
