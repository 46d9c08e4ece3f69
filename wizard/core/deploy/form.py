"""The answers to "where does the backend run?" (the wizard's form) as settings: where to
start from, and the settings the answers make, keeping what the person did not see."""

from __future__ import annotations

from collections.abc import Mapping

from wizard.core.deploy.config import (
    CONFIG_NAME,
    ComposeSettings,
    CoolifySettings,
    DeployConfig,
    RestartSettings,
    Way,
    load_config,
)
from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.project import Project


def starting_point(project: Project) -> tuple[DeployConfig, Msg]:
    """technova-setup.toml, else what the files suggest, else "I restart it myself"; and the
    sentence that says which."""
    from wizard.core.deploy.detect import detect
    from wizard.core.deploy.status import deployment_message

    try:
        config = load_config(project)
    except WizardError as error:
        return DeployConfig(Way.MANUAL), error.explanation.what
    key = "tui.deploy.from-file"
    if config is None:
        config, key = detect(project).suggestion(), "tui.deploy.detected"
    if config is None:
        return DeployConfig(Way.MANUAL), Msg("tui.deploy.nothing-detected")
    return config, Msg(key, {"file": CONFIG_NAME, "how": deployment_message(config)})


def config_from_answers(way: Way, answers: Mapping[str, str], first: DeployConfig) -> DeployConfig:
    """The settings for `way` from the form's `answers` (command, url, app, service); the
    logs, the voice application, the compose file and the backend's address of `first` are
    kept. Missing answers mean "I restart it myself"."""
    value = {name: text.strip() for name, text in answers.items()}
    url = first.backend_url
    if way is Way.COMMAND and value.get("command"):
        logs = first.restart.logs if first.restart else ()
        timeout = first.restart.timeout if first.restart else RestartSettings("x").timeout
        restart = RestartSettings(value["command"], logs, timeout)
        return DeployConfig(way, restart=restart, backend_url=url)
    if way is Way.COOLIFY and value.get("url") and value.get("app"):
        voice = first.coolify.voice if first.coolify else None
        coolify = CoolifySettings(value["url"].rstrip("/"), value["app"], voice)
        return DeployConfig(way, coolify=coolify, backend_url=url)
    if way is Way.COMPOSE and value.get("service"):
        file = first.compose.file if first.compose else "docker-compose.yml"
        voice_service = first.compose.voice_service if first.compose else None
        compose = ComposeSettings(file, value["service"], voice_service)
        return DeployConfig(way, compose=compose, backend_url=url)
    return DeployConfig(Way.MANUAL, backend_url=url)
