"""What `status` says about the last mile: the deployment it found (technova-setup.toml, or
what the project's files suggest), and backend code that reads the key as a JWT."""

from __future__ import annotations

from wizard.core.deploy.config import CONFIG_NAME, DeployConfig, Way, load_config
from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.project import Project

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from wizard.core.status import Problem


def deployment_message(config: DeployConfig) -> Msg:
    """How the backend restarts, in one sentence."""
    if config.way is Way.COMMAND and config.restart is not None:
        return Msg("status.deployment.command", {"command": config.restart.command})
    if config.way is Way.COOLIFY and config.coolify is not None:
        return Msg(
            "status.deployment.coolify", {"url": config.coolify.url, "app": config.coolify.backend}
        )
    if config.way is Way.COMPOSE and config.compose is not None:
        return Msg("status.deployment.compose", {"command": config.compose.command()})
    return Msg("status.deployment.manual")


def deployment_problems(project: Project, backend_has_api_key: bool) -> list[Problem]:
    """Lines for `status`: the deployment (info), and JWT-decoding backend code (a warning
    once the backend holds an API key, which such code misreads)."""
    from wizard.core.deploy.detect import detect
    from wizard.core.deploy.project_code import jwt_expiry_code
    from wizard.core.status import Problem, Severity

    problems: list[Problem] = []
    try:
        config = load_config(project)
    except WizardError as error:
        problems.append(
            Problem("deploy-config", Severity.WARNING, error.explanation.what, CONFIG_NAME)
        )
        config = None
    if config is not None:
        message = Msg(
            "status.deployment.found", {"file": CONFIG_NAME, "how": deployment_message(config)}
        )
        problems.append(Problem("deployment", Severity.INFO, message, CONFIG_NAME))
    else:
        suggestion = detect(project).suggestion()
        if suggestion is not None:
            how = deployment_message(suggestion)
            message = Msg("status.deployment.detected", {"file": CONFIG_NAME, "how": how})
            problems.append(Problem("deployment", Severity.INFO, message))
    severity = Severity.WARNING if backend_has_api_key else Severity.INFO
    for finding in jwt_expiry_code(project):
        params = {"file": finding.file, "line": finding.line, "excerpt": finding.excerpt}
        message = Msg("status.deployment.jwt-code", params)
        problems.append(Problem("backend-code-decodes-jwt", severity, message, finding.file))
    return problems
