"""`technova-setup restart`: bring the keys to the running backend the way
`technova-setup.toml` says (asking once, when it does not exist yet), then prove the site.

`deliver_after_save(...)` is the same last step for `login` and `renew`, after a key is saved.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg

if TYPE_CHECKING:
    from wizard.core.deploy import DeployConfig, DeployOutcome, NewKey
    from wizard.core.project import Project
    from wizard.core.secret import Secret

_WAYS = ("command", "coolify", "compose", "manual")


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from wizard.cli.main import common_options, project_option

    restart = commands.add_parser(
        "restart",
        help="restart the backend the way technova-setup.toml says, then test the running site",
    )
    common_options(restart)
    project_option(restart)
    restart.add_argument(
        "--yes", action="store_true", help="agree to every step in advance (scripts, cron)"
    )


def say(key: str, lang: Lang, **params: object) -> None:
    print(Msg(key, params).render(lang), flush=True)


def _agree(key: str, lang: Lang, yes: bool, **params: object) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise WizardError("deploy.cli.needs-terminal")
    answer = input(Msg(key, params).render(lang)).strip().lower()
    return answer in {"y", "yes", "o", "oui"}


def _ask(key: str, lang: Lang, default: str = "") -> str:
    answer = input(Msg(key, {"default": default or "—"}).render(lang)).strip()
    return answer or default


def _ask_config(project: Project, lang: Lang) -> DeployConfig:
    """Where the backend runs, asked once in a terminal."""
    from wizard.core.deploy.config import (
        ComposeSettings,
        CoolifySettings,
        DeployConfig,
        RestartSettings,
        Way,
    )
    from wizard.core.deploy.detect import detect

    found = detect(project)
    choice = _ask("deploy.cli.ask-way", lang, "1")
    way = Way(_WAYS[int(choice) - 1]) if choice in {"1", "2", "3", "4"} else Way.MANUAL
    url = found.backend_url
    if way is Way.COMMAND:
        command = _ask("deploy.cli.ask-command", lang, found.scripts[0] if found.scripts else "")
        restart = RestartSettings(command, found.logs)
        return DeployConfig(way, restart=restart, backend_url=url)
    if way is Way.COOLIFY:
        coolify = CoolifySettings(
            _ask("deploy.cli.ask-coolify-url", lang).rstrip("/"),
            _ask("deploy.cli.ask-coolify-backend", lang),
            _ask("deploy.cli.ask-coolify-voice", lang) or None,
        )
        return DeployConfig(way, coolify=coolify, backend_url=url)
    if way is Way.COMPOSE:
        service = found.backend_service
        file = service.file if service else "docker-compose.yml"
        name = _ask("deploy.cli.ask-compose-service", lang, service.service if service else "")
        return DeployConfig(way, compose=ComposeSettings(file, name), backend_url=url)
    return DeployConfig(Way.MANUAL, backend_url=url)


def _describe(config: DeployConfig, lang: Lang) -> None:
    from wizard.core.deploy.status import deployment_message

    say("deploy.cli.found", lang, how=deployment_message(config))


def settle_config(project: Project, lang: Lang, yes: bool) -> DeployConfig | None:
    """The project's settings: read, or detected / asked and written with consent. None when
    none exists and nobody can be asked."""
    from wizard.core.deploy.config import CONFIG_NAME, load_config, write_config
    from wizard.core.deploy.detect import detect

    config = load_config(project)
    if config is not None:
        return config
    suggestion = detect(project).suggestion()
    if suggestion is None and not sys.stdin.isatty():
        return None
    if suggestion is not None and (yes or not sys.stdin.isatty()):
        config = suggestion
    else:
        if suggestion is not None:
            _describe(suggestion, lang)
        if suggestion is not None and _agree("deploy.cli.ask-use-detected", lang, False):
            config = suggestion
        else:
            config = _ask_config(project, lang)
    _describe(config, lang)
    if (yes or sys.stdin.isatty()) and _agree("deploy.cli.ask-write", lang, yes, file=CONFIG_NAME):
        write_config(project, config)
        say("deploy.cli.written", lang, file=CONFIG_NAME)
    return config


def _coolify_token(project: Project, lang: Lang, yes: bool) -> Secret | None:
    """The token from COOLIFY_TOKEN or the keyring; else asked (hidden) and kept with consent."""
    from wizard.core.deploy.coolify import coolify_token, save_coolify_token
    from wizard.core.secret import Secret

    token = coolify_token(project.root)
    if token is not None or not sys.stdin.isatty():
        return token
    import getpass  # only when asking

    typed = getpass.getpass(Msg("deploy.cli.ask-coolify-token").render(lang)).strip()
    if not typed:
        return None
    token = Secret(typed)
    if _agree("deploy.cli.ask-save-token", lang, yes):
        try:
            save_coolify_token(project.root, token)
            say("deploy.cli.token-saved", lang)
        except WizardError as error:
            print(error.render(lang), file=sys.stderr)
    return token


def _progress(lang: Lang) -> Callable[[Msg | str], None]:
    def tell(item: Msg | str) -> None:
        if isinstance(item, Msg):
            print(item.render(lang), flush=True)
        else:
            print(f"    │ {item}", flush=True)

    return tell


def render_outcome(outcome: DeployOutcome, lang: Lang) -> list[str]:
    """The end of the story: details of what failed, the project's code, the verdict."""
    from wizard.core.errors import Explanation

    lines: list[str] = []
    failing = outcome.failing_step
    if failing is not None and failing.details:
        lines += [f"    │ {line}" for line in failing.details]
    for step in outcome.steps:  # left undone or cut short, without failing: say why
        if step.ok is None and step.problem is not None:
            note = step.problem.render(lang)
            lines += ["", f"! {note['what']}", f"  {note['why']}", f"  → {note['next']}"]
    for finding in outcome.code_findings:
        code = Explanation.of(
            "deploy.code.jwt-decode", file=finding.file, line=finding.line, excerpt=finding.excerpt
        ).render(lang)
        lines += ["", f"! {code['what']}", f"  {code['why']}", f"  → {code['next']}"]
    verdict = outcome.verdict.render(lang)
    icon = "✓" if outcome.site_answers else "✗"
    lines += ["", f"{icon} {verdict['what']}"]
    if not outcome.site_answers:
        lines.append(f"  {Msg('check.label.because').render(lang)} {verdict['why']}")
        lines.append(f"  {Msg('check.label.todo').render(lang)} {verdict['next']}")
    return lines


def deliver_after_save(
    project: Project,
    lang: Lang,
    *,
    yes: bool,
    keys: Sequence[NewKey] = (),
    restart_command: str | None = None,
) -> int:
    """After `login`/`renew` saved a key: bring it to the running backend and prove the site.

    `restart_command` (renew's `--restart-command`) runs from the project root, like
    `[restart] command`. Returns 0 when the site answers, 1 when a step was left to the
    person, 2 when a step fails."""
    from wizard.core.deploy import DeployConsent, deliver
    from wizard.core.deploy.config import DeployConfig, RestartSettings, Way

    if restart_command:
        config: DeployConfig | None = DeployConfig(Way.COMMAND, RestartSettings(restart_command))
    else:
        config = settle_config(project, lang, yes)
    if config is None:
        say("login.restart", lang)
        return 0
    if config.way is Way.MANUAL and keys:
        # Just saved, and the person restarts the backend: testing the site now would only
        # meet the old key. Say what to do; `technova-setup restart` tests it afterwards.
        say("deploy.cli.restart-yourself", lang)
        return 0
    token = _coolify_token(project, lang, yes) if config.way is Way.COOLIFY else None
    agreed = config.way is Way.MANUAL or _agree(
        "deploy.cli.ask-restart", lang, yes, how=_how(config)
    )
    consent = DeployConsent(set_variables=agreed, restart=agreed)
    outcome = deliver(
        project,
        config,
        consent,
        _progress(lang),
        keys=keys,
        coolify_token=token,
        checks=agreed or not keys,  # not restarted: the running site still has the old key
    )
    print("\n".join(render_outcome(outcome, lang)), flush=True)
    if outcome.site_answers:
        return 0
    return 2 if outcome.failing_step is not None else 1


def _how(config: DeployConfig) -> Msg:
    from wizard.core.deploy.status import deployment_message

    return deployment_message(config)


def run_restart(args: argparse.Namespace, lang: Lang) -> int:
    """`technova-setup restart [--project DIR] [--yes]`."""
    from wizard.core.project import find_project

    project = find_project(args.project)
    if not project.has_any_file:
        raise WizardError("deploy.cli.no-project", path=str(project.root))
    if not sys.stdin.isatty():
        from wizard.core.deploy.config import CONFIG_NAME, load_config
        from wizard.core.deploy.detect import detect

        if load_config(project) is None and detect(project).suggestion() is None:
            raise WizardError("deploy.cli.no-config", file=CONFIG_NAME)
    return deliver_after_save(project, lang, yes=args.yes)
