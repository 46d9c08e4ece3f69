"""`deliver`: the keys to the running backend, the restart, the logs, the site proven."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import httpx

from wizard.core.deploy.config import DeployConfig, Way
from wizard.core.deploy.detect import backend_url_from_widget
from wizard.core.deploy.project_code import CodeFinding, jwt_expiry_code
from wizard.core.deploy.site import SiteAnswer, prove_site
from wizard.core.errors import Explanation, WizardError
from wizard.core.i18n import Msg
from wizard.core.keys import Slot
from wizard.core.probes import ProbeResult
from wizard.core.project import Project
from wizard.core.record import field, record
from wizard.core.secret import Secret

# What progress hears: a step's message as it starts or ends, or a masked output line.
Progress = Callable[[Msg | str], None]


class NewKey(Protocol):
    """A key to deliver (`wizard.core.keys.CheckedKey` is one)."""

    @property
    def slot(self) -> Slot: ...

    @property
    def secret(self) -> Secret: ...


@record
class KeyToDeliver:
    """A key and its place, for a face that holds them apart (the wizard's state)."""

    slot: Slot
    secret: Secret


@record
class DeployConsent:
    set_variables: bool = False  # Coolify: write the keys into the application's variables
    restart: bool = False  # run the restart command, recreate the service, restart the app


@record
class DeployStep:
    name: str  # "coolify-variable", "coolify-restart", "command", "logs", "compose", "check"…
    ok: bool | None  # None: left to the person (not agreed, or nothing to run here)
    message: Msg
    problem: Explanation | None = None
    details: tuple[str, ...] = ()  # masked lines: output, a log's tail, a command to type


@record
class DeployOutcome:
    way: Way
    steps: tuple[DeployStep, ...]
    site: SiteAnswer | None
    probes: tuple[ProbeResult, ...] = ()
    code_findings: tuple[CodeFinding, ...] = field(default_factory=tuple)

    @property
    def failing_step(self) -> DeployStep | None:
        return next((step for step in self.steps if step.ok is False), None)

    @property
    def site_answers(self) -> bool:
        return self.site is not None and self.site.ok

    @property
    def verdict(self) -> Explanation:
        """ "The site answers", or the exact step that still fails and what to do."""
        failing = self.failing_step
        if failing is not None and failing.problem is not None:
            return failing.problem
        if self.site is not None:
            return self.site.explanation
        return Explanation.of("deploy.verdict.unproven")


def _keys_from_files(project: Project) -> list[tuple[Slot, Secret]]:
    """The usable keys the project's .env files hold now (what `restart` alone delivers)."""
    from wizard.core.checks import read_settings

    try:
        found = read_settings(project).keys
    except WizardError:  # an unreadable .env: nothing to deliver, the checks will say why
        return []
    return [(slot, report.secret) for slot, report in found.items() if report.usable]


class _Run:
    """One delivery: the steps so far, told to `progress` as they happen."""

    def __init__(self, progress: Progress | None) -> None:
        self.steps: list[DeployStep] = []
        self.progress = progress

    def tell(self, item: Msg | str) -> None:
        if self.progress is not None:
            self.progress(item)

    def add(self, step: DeployStep) -> DeployStep:
        self.steps.append(step)
        self.tell(step.message)
        return step

    def failed(self, name: str, error: WizardError, details: tuple[str, ...] = ()) -> None:
        message = Msg("deploy.step.failed", {"what": error.explanation.what})
        self.add(DeployStep(name, False, message, error.explanation, details))

    @property
    def broken(self) -> bool:
        return any(step.ok is False for step in self.steps)


def deliver(
    project: Project,
    config: DeployConfig,
    consent: DeployConsent,
    progress: Progress | None = None,
    *,
    keys: Sequence[NewKey] = (),
    coolify_token: Secret | None = None,
    checks: bool = True,
    openai_base_url: str | None = None,
    site_deadline: float = 30.0,
    coolify_interval: float = 2.0,
    coolify_deadline: float = 600.0,
    transport: httpx.BaseTransport | None = None,
) -> DeployOutcome:
    """Bring the project's keys to its running backend, the way `config` says, then prove
    the site. `keys`: the keys just saved (default: the usable keys of the .env files).
    Never raises a `WizardError`: each one becomes the failing step of the outcome."""
    pairs = [(k.slot, k.secret) for k in keys] or _keys_from_files(project)
    secrets = [secret for _, secret in pairs]
    run = _Run(progress)
    if config.way is Way.COOLIFY and config.coolify is not None:
        from wizard.core.deploy.steps import coolify_steps

        coolify_steps(
            run,
            project,
            config.coolify,
            consent,
            pairs,
            coolify_token,
            transport,
            coolify_interval,
            coolify_deadline,
        )
    elif config.way is Way.COMMAND and config.restart is not None:
        from wizard.core.deploy.steps import command_steps

        command_steps(run, project, config.restart, consent, secrets)
    elif config.way is Way.COMPOSE and config.compose is not None:
        from wizard.core.deploy.steps import compose_steps

        compose_steps(run, project, config.compose, consent, secrets)
    else:
        run.add(DeployStep("manual", None, Msg("deploy.step.manual")))
    probes: tuple[ProbeResult, ...] = ()
    site = None
    if checks and not run.broken:
        from wizard.core.deploy.steps import check_step

        try:
            probes = check_step(run, project, openai_base_url)
        except WizardError as error:  # a .env that cannot be read: the step that fails
            run.failed("check", error)
    if checks and not run.broken:
        url = config.backend_url or backend_url_from_widget(project)
        run.tell(Msg("deploy.step.site", {"url": url or "—"}))
        site = prove_site(url, deadline=site_deadline)
        run.tell(site.explanation.what)
    return DeployOutcome(
        config.way, tuple(run.steps), site, probes, tuple(jwt_expiry_code(project))
    )
