"""The steps of each way a key reaches the backend (Coolify, a restart command, Docker
Compose) and the live checks after them; `deliver` strings them together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import httpx

from wizard.core.deploy.config import CoolifySettings, RestartSettings
from wizard.core.errors import Explanation, WizardError
from wizard.core.i18n import Msg
from wizard.core.keys import Slot
from wizard.core.probes import ProbeResult
from wizard.core.project import Project
from wizard.core.secret import Secret

if TYPE_CHECKING:
    from wizard.core.deploy.config import ComposeSettings
    from wizard.core.deploy.delivery import DeployConsent, _Run
    from wizard.core.deploy.restart import RestartRun

OUTPUT_SHOWN = 15  # last lines of a failed command's output kept in its step


def coolify_steps(
    run: _Run,
    project: Project,
    settings: CoolifySettings,
    consent: DeployConsent,
    pairs: Sequence[tuple[Slot, Secret]],
    token: Secret | None,
    transport: httpx.BaseTransport | None,
    interval: float,
    deadline: float,
) -> None:
    from wizard.core.deploy import DeployStep
    from wizard.core.deploy.coolify import CoolifyClient, coolify_token

    token = token or coolify_token(project.root)
    if token is None:
        run.failed("coolify-token", WizardError("deploy.coolify.no-token", url=settings.url))
        return
    apps = {Slot.OPENWEBUI: settings.backend, Slot.OPENAI: settings.voice}
    with CoolifyClient(settings.url, token, transport=transport) as coolify:
        restart_apps: list[str] = []
        for slot, secret in pairs:
            app = apps.get(slot)
            params = {"key": slot.value, "app": app or "—", "masked": secret.masked}
            if app is None:
                run.add(DeployStep("coolify-variable", None, Msg("deploy.coolify.no-app", params)))
                continue
            if not consent.set_variables:
                run.add(DeployStep("coolify-variable", None, Msg("deploy.coolify.not-set", params)))
                continue
            try:
                done = coolify.set_variable(app, slot.value, secret)
            except WizardError as error:
                run.failed("coolify-variable", error)
                return
            run.add(DeployStep("coolify-variable", True, Msg(f"deploy.coolify.{done}", params)))
            restart_apps.append(app)
        for app in dict.fromkeys(restart_apps or [settings.backend]):
            if not consent.restart:
                message = Msg("deploy.coolify.not-restarted", {"app": app})
                run.add(DeployStep("coolify-restart", None, message))
                continue
            try:
                deployment = coolify.restart(app)
                run.add(
                    DeployStep(
                        "coolify-restart",
                        True,
                        Msg("deploy.coolify.restart-queued", {"app": app, "uuid": deployment}),
                    )
                )
                coolify.follow(
                    deployment,
                    deadline=deadline,
                    interval=interval,
                    on_status=lambda status: run.tell(
                        Msg("deploy.coolify.status", {"status": status})
                    ),
                )
            except WizardError as error:
                lines = error.params.get("lines")
                run.failed(
                    "coolify-deployment", error, tuple(str(lines).splitlines()) if lines else ()
                )
                return
            run.add(
                DeployStep("coolify-deployment", True, Msg("deploy.coolify.finished", {"app": app}))
            )


def _command_result(run: _Run, name: str, done: RestartRun) -> None:
    from wizard.core.deploy import DeployStep

    tail = done.output[-OUTPUT_SHOWN:]
    params = {"command": done.command, "seconds": f"{done.seconds:.0f}"}
    if done.timed_out:
        # Not a failure by itself: a script that ends by following its logs (tail -f) has
        # restarted the backend all the same; the site check below says whether it did.
        problem = Explanation.of("deploy.restart.timed-out", **params)
        run.add(DeployStep(name, None, problem.what, problem, tail))
    elif done.exit_code != 0:
        error = WizardError("deploy.restart.exit-code", status=done.exit_code, **params)
        run.failed(name, error, tail)
    else:
        run.add(DeployStep(name, True, Msg("deploy.restart.done", params), details=tail))
    first_failure = done.failure
    for finding in done.findings:
        if not finding.ok and finding is not first_failure:
            continue  # one refusal says it; the lines after it are its echoes
        where = {"file": finding.file, "line": finding.text, "number": finding.line_number}
        if finding.ok:
            run.add(DeployStep("logs", True, Msg("deploy.log.success", where)))
        else:
            problem = Explanation.of(f"deploy.log.{finding.code}", **where)
            message = Msg("deploy.step.failed", {"what": problem.what})
            run.add(DeployStep("logs", False, message, problem, (finding.text,)))


def command_steps(
    run: _Run,
    project: Project,
    settings: RestartSettings,
    consent: DeployConsent,
    secrets: Sequence[Secret],
) -> None:
    from wizard.core.deploy import DeployStep
    from wizard.core.deploy.restart import run_restart

    if not consent.restart:
        message = Msg("deploy.restart.not-run", {"command": settings.command})
        run.add(DeployStep("command", None, message, details=(settings.command,)))
        return
    run.tell(
        Msg("deploy.restart.running", {"command": settings.command, "root": str(project.root)})
    )
    try:
        done = run_restart(project.root, settings, secrets=secrets, on_output=run.tell)
    except WizardError as error:
        run.failed("command", error)
        return
    _command_result(run, "command", done)


def compose_steps(
    run: _Run,
    project: Project,
    settings: ComposeSettings,
    consent: DeployConsent,
    secrets: Sequence[Secret],
) -> None:
    from wizard.core.deploy import DeployStep
    from wizard.core.deploy.compose import docker_available, run_compose

    command = settings.command()
    if not consent.restart or not docker_available():
        key = "deploy.compose.no-docker" if consent.restart else "deploy.compose.not-agreed"
        run.add(DeployStep("compose", None, Msg(key, {"command": command}), details=(command,)))
        return
    run.tell(Msg("deploy.restart.running", {"command": command, "root": str(project.root)}))
    try:
        done = run_compose(project.root, settings, secrets=secrets, on_output=run.tell)
    except WizardError as error:
        run.failed("compose", error)
        return
    _command_result(run, "compose", done)


def check_step(run: _Run, project: Project, openai_base_url: str | None) -> tuple[ProbeResult, ...]:
    """The live checks of `check`, on what the project's files hold now. The voice probes
    count only when the project has a voice server."""
    import asyncio

    from wizard.core.checks import target_from_project
    from wizard.core.deploy import DeployStep
    from wizard.core.probes import PROBE_NAMES, Timeouts, run_probes

    run.tell(Msg("deploy.step.checking"))
    names = tuple(
        n for n in PROBE_NAMES if project.voice_env.exists() or n not in ("openai", "realtime")
    )
    target = target_from_project(project, openai_base_url)
    results = tuple(asyncio.run(run_probes(target, names, Timeouts(connect=5, read=20, total=40))))
    failed = next((r for r in results if not r.ok), None)
    if failed is None:
        run.add(DeployStep("check", True, Msg("deploy.step.checked")))
    else:
        probe = Msg(f"probe.{failed.name}")
        problem = failed.diagnosis.explanation
        message = Msg("deploy.step.check-failed", {"probe": probe, "what": problem.what})
        run.add(DeployStep(f"check.{failed.name}", False, message, problem))
    return results
