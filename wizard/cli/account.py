"""`technova-setup login` and `renew`: get a fresh Open WebUI API key into the project.

They ask before every step that changes something (or take `--yes` as consent given up
front) and never ask when nobody can answer: without a terminal and without `--yes` they
stop with a sentence saying so. Passwords are read without echo (or from standard input with
`--password-stdin`) and are never stored, shown or logged. Keys are never taken on the
command line: `--key-stdin` reads one from standard input.
"""

from __future__ import annotations

import argparse
import getpass
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg
from wizard.core.keys import KeyKind, KeyReport, Slot
from wizard.core.secret import Secret

if TYPE_CHECKING:  # the network and file modules are imported when a command runs
    from wizard.core.account import Session
    from wizard.core.checks import ProjectSettings
    from wizard.core.probes import ProbeResult
    from wizard.core.project import Project

DEFAULT_BASE_MODEL = "gpt-4o-mini"
# Errors after which `renew` stops trying the current credential and signs in instead.
_SIGN_IN_INSTEAD = (
    "account.key-refused",
    "account.keys-off",
    "account.rotation-restricted",
    "account.not-allowed",
)


def add_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    project: argparse.ArgumentParser,
    as_json: argparse.ArgumentParser | None = None,
) -> None:
    """Register `login` and `renew`. They talk to a person step by step, so they offer no
    `--json` (`as_json` is accepted for the common call shape and not used)."""
    consent = argparse.ArgumentParser(add_help=False)
    consent.add_argument(
        "--yes", action="store_true", help="agree to every step in advance (scripts, cron)"
    )
    login = commands.add_parser(
        "login",
        parents=[common, project, consent],
        help="sign in to Open WebUI, make an API key for the backend, check it and save it",
    )
    login.add_argument(
        "--url", help="Open WebUI's address (default: OPENWEBUI_URL of backend/.env)"
    )
    login.add_argument("--email", help="your Open WebUI account's email")
    login.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )
    renew = commands.add_parser(
        "renew",
        parents=[common, project, consent],
        help="replace the backend's Open WebUI key with a fresh API key, check it and save it",
    )
    renew.add_argument(
        "--key-stdin",
        action="store_true",
        help="take the new key from standard input instead of making one",
    )
    renew.add_argument("--email", help="your Open WebUI account's email, if signing in is needed")
    renew.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input if signing in is needed",
    )
    renew.add_argument(
        "--restart-command",
        metavar="CMD",
        help="a command that restarts the backend, run after the key is saved",
    )


# --- asking ----------------------------------------------------------------------------------


def say(key: str, lang: Lang, **params: object) -> None:
    print(Msg(key, params).render(lang), flush=True)


def can_ask() -> bool:
    return sys.stdin.isatty()


def agree(question: str, lang: Lang, yes: bool) -> bool:
    """Consent: given up front with --yes, else asked; never asked without a terminal."""
    if yes:
        return True
    if not can_ask():
        raise WizardError("account.needs-terminal")
    answer = input(Msg(question).render(lang)).strip().lower()
    return answer in {"y", "yes", "o", "oui"}


def ask_text(question: str, lang: Lang, params: dict[str, object] | None = None) -> str:
    if not can_ask():
        raise WizardError("account.needs-terminal")
    return input(Msg(question, params or {}).render(lang)).strip()


def read_password(lang: Lang, from_stdin: bool) -> Secret:
    if from_stdin:
        return Secret(sys.stdin.readline().rstrip("\r\n"))
    if not can_ask():
        raise WizardError("account.needs-terminal")
    return Secret(getpass.getpass(Msg("login.password-prompt").render(lang)))


def stop(code: int) -> SystemExit:
    """A planned stop with its exit code (cli.main turns it into the return value)."""
    return SystemExit(code)


# --- the steps both commands share -------------------------------------------------------------


def _project_settings(directory: str) -> tuple[Project, ProjectSettings]:
    from wizard.core.checks import read_settings
    from wizard.core.project import find_project

    project = find_project(directory)
    return project, read_settings(project)


def _files_holding(project: Project, old: Secret | None) -> list[Path]:
    """backend/.env (where the key goes) and any other .env of the project that holds the
    old key: all of them get the new one."""
    from wizard.core.files.envfile import read_env

    files = [project.backend_env]
    if old:
        for path in (project.voice_env,):
            if path.exists() and old.reveal() in read_env(path).values.values():
                files.append(path)
    return files


def _warn_before_replacing(project: Project, old: Secret | None, lang: Lang) -> None:
    names = ", ".join(project.relative(p) for p in _files_holding(project, old))
    say("login.will-replace", lang, files=names)


def _explain_session_token(current: KeyReport | None, lang: Lang) -> None:
    """A session JWT in backend/.env expires and dies with the server's secret: say when."""
    if current is None or current.kind is not KeyKind.OPENWEBUI_JWT:
        return
    from wizard.core.expiry import expiry_message

    say("login.jwt-note", lang, expiry=expiry_message(current, lang).render(lang))


def _sign_in(url: str, email: str | None, password_stdin: bool, lang: Lang) -> Session:
    from wizard.core import account

    if not email and can_ask():
        email = ask_text("login.email-prompt", lang)
    if not email:
        raise WizardError("account.no-email")
    session = account.sign_in(url, email, read_password(lang, password_stdin))
    say("login.signed-in", lang, url=url, email=session.email, role=session.role)
    return session


def _make_key(session: Session, lang: Lang, yes: bool) -> Secret:
    """A new key for the signed-in user; an admin who agrees switches API keys on first, a
    user gets the message to send to their admin."""
    from wizard.core import account

    try:
        return account.create_api_key(session)
    except WizardError as error:
        if error.code != "account.keys-off":
            raise
        if not session.is_admin:
            print(error.render(lang), file=sys.stderr)
            say("login.send-admin", lang)
            print(account.admin_request_message(session.email, session.url).render(lang))
            raise stop(2) from None
        if not agree("login.ask-enable", lang, yes):
            say("login.cancelled", lang)
            raise stop(1) from None
        account.enable_api_keys(session)
        say("login.enabled", lang)
        return account.create_api_key(session)


def _fix_open_webui(session: Session, model: str, key: Secret, lang: Lang, yes: bool) -> None:
    """As an admin: an empty model list (the OpenAI key inside Open WebUI is wrong) or a
    missing model, fixed with the person's input; without a terminal, said and left."""
    from wizard.core import account

    if not session.is_admin:
        return
    state = account.openai_connection(session, model)
    if state.models_empty:
        say(
            "login.connection",
            lang,
            urls=", ".join(state.base_urls) or "—",
            keys=", ".join(state.masked_keys) or "—",
        )
        pasted = (
            getpass.getpass(Msg("login.openai-connection-empty").render(lang)).strip()
            if can_ask()
            else ""
        )
        if not pasted:
            say("login.connection-left", lang)
            return
        from wizard.core.plan import checked_key

        account.set_openai_key(session, checked_key(pasted, Slot.OPENAI).secret)
        state = account.openai_connection(session, model)
        if state.models_empty:
            say("login.connection-still-empty", lang)
            return
        say("login.connection-fixed", lang, count=len(state.models))
    if state.technova_present:
        return
    base, prompt = _model_choice(state.models, model, lang, yes)
    if base is None:
        say("login.model-left", lang, model=model)
        return
    account.create_model(session, model, base, prompt)
    say("login.model-created", lang, model=model, base=base)
    if not account.model_visible(session.url, key, model):
        say("login.model-invisible", lang, model=model)


def _model_choice(models: list[str], model: str, lang: Lang, yes: bool) -> tuple[str | None, str]:
    """(base model, system prompt) from the person, or the defaults under --yes without a
    terminal; (None, "") when they skip."""
    default = DEFAULT_BASE_MODEL if DEFAULT_BASE_MODEL in models else models[0]
    default_prompt = Msg("login.default-system-prompt").render(lang)
    if not can_ask():
        return (default, default_prompt) if yes else (None, "")
    base = ask_text("login.model-missing", lang, {"model": model, "base": default})
    if base.lower() in {"skip", "passer"}:
        return None, ""
    return base or default, ask_text("login.system-prompt", lang) or default_prompt


def _verify(url: str, model: str, key: KeyReport) -> ProbeResult:
    """`/api/models` (and the model) with the key, as the `check` command does."""
    import asyncio  # here: the parser imports this module, and `status` must start fast

    from wizard.core.probes import ProbeTarget, Timeouts, probe_openwebui

    return asyncio.run(
        probe_openwebui(
            ProbeTarget(openwebui_url=url, openwebui_key=key.secret, model=model),
            Timeouts(connect=5, read=20, total=40),
        )
    )


def _save(
    project: Project, url_setting: dict[str, str], key: KeyReport, old: Secret | None, lang: Lang
) -> None:
    """The key into backend/.env and the keyring, and into every other file that held the
    old key; only those lines change."""
    from wizard.core.files.envfile import read_env, write_env
    from wizard.core.plan import save_key

    others = _files_holding(project, old)[1:]
    saved = save_key(
        project,
        Slot.OPENWEBUI,
        key,
        settings=url_setting,
        on_wait=lambda: say("login.waiting", lang, file=project.relative(project.backend_env)),
    )
    for path in others:
        stale = {
            name: key.secret.reveal()
            for name, value in read_env(path).values.items()
            if old is not None and value == old.reveal()
        }
        write_env(path, stale)
    files = ", ".join(project.relative(p) for p in [project.backend_env, *others])
    keyring = Msg("login.and-keyring").render(lang) if saved.in_keyring else ""
    say("login.saved", lang, file=files, keyring=keyring)
    if saved.keyring_problem is not None:
        say("login.keyring-skipped", lang, reason=saved.keyring_problem)


def _report(result: ProbeResult, lang: Lang) -> int:
    parts = result.diagnosis.explanation.render(lang)
    if result.ok:
        say("login.verified", lang, what=parts["what"])
        return 0
    say("login.not-verified", lang, what=parts["what"], next=parts["next"])
    return 2


def _restart(command: str | None, lang: Lang) -> int:
    if not command:
        say("login.restart", lang)
        return 0
    say("login.restarting", lang, command=command)
    done = subprocess.run(command, shell=True, check=False)  # the person's own command
    if done.returncode != 0:
        say("login.restart-failed", lang, code=done.returncode)
        return 1
    return 0


def _url_setting(url: str, settings: ProjectSettings) -> dict[str, str]:
    """OPENWEBUI_URL is rewritten only when the key comes from another address."""
    return {} if url == settings.openwebui_url.rstrip("/") else {"OPENWEBUI_URL": url}


# --- the commands ------------------------------------------------------------------------------


def run_login(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.plan import checked_key

    project, settings = _project_settings(args.project)
    url = (args.url or settings.openwebui_url).strip().rstrip("/")
    current = settings.keys.get(Slot.OPENWEBUI)
    old = current.secret if current is not None else None
    _explain_session_token(current, lang)
    session = _sign_in(url, args.email, args.password_stdin, lang)
    _warn_before_replacing(project, old, lang)
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    key = _make_key(session, lang, args.yes)
    say("login.created", lang, masked=key.masked)
    report = checked_key(key, Slot.OPENWEBUI)
    # The old key died when this one was made: save the new one before anything else.
    _save(project, _url_setting(url, settings), report, old, lang)
    try:
        _fix_open_webui(session, settings.model, key, lang, args.yes)
    except WizardError as error:  # the key is saved; the check below says what remains
        print(error.render(lang), file=sys.stderr)
    code = _report(_verify(url, settings.model, report), lang)
    say("login.restart", lang)
    return code


def run_renew(args: argparse.Namespace, lang: Lang) -> int:
    project, settings = _project_settings(args.project)
    url = settings.openwebui_url.strip().rstrip("/")
    current = settings.keys.get(Slot.OPENWEBUI)
    old = current.secret if current is not None else None
    if args.key_stdin:
        return _renew_with_pasted_key(project, settings, url, old, lang, args.restart_command)
    _explain_session_token(current, lang)
    _warn_before_replacing(project, old, lang)
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    key = _key_from_current(url, current, lang)
    if key is None:
        session = _sign_in(url, args.email, args.password_stdin, lang)
        key = _make_key(session, lang, args.yes)
    say("login.created", lang, masked=key.masked)
    from wizard.core.plan import checked_key

    report = checked_key(key, Slot.OPENWEBUI)
    _save(project, {}, report, old, lang)  # first: the old key already stopped working
    code = _report(_verify(url, settings.model, report), lang)
    return max(code, _restart(args.restart_command, lang))


def _key_from_current(url: str, current: KeyReport | None, lang: Lang) -> Secret | None:
    """A new API key made with the credential the backend already has (an API key makes
    its successor; a live session token makes one too), or None: then sign in."""
    from wizard.core import account

    if current is None or not current.usable:
        return None
    try:
        if current.kind is KeyKind.OPENWEBUI_API_KEY:
            key = account.rotate_api_key(url, current.secret)
            say("login.rotating", lang)
            return key
        if current.kind is KeyKind.OPENWEBUI_JWT:
            key = account.create_api_key(url, current.secret)
            say("login.from-session", lang)
            return key
    except WizardError as error:
        if error.code not in _SIGN_IN_INSTEAD:
            raise
        say("login.sign-in-instead", lang, why=error.explanation.what.render(lang))
    return None


def _renew_with_pasted_key(
    project: Project,
    settings: ProjectSettings,
    url: str,
    old: Secret | None,
    lang: Lang,
    restart_command: str | None,
) -> int:
    """A key the person made themselves: checked on the server before it replaces anything,
    since the current key may still work."""
    from wizard.core.plan import checked_key

    if can_ask():
        pasted = getpass.getpass(Msg("renew.paste-prompt").render(lang))
    else:
        pasted = sys.stdin.read().removesuffix("\n")
    report = checked_key(pasted, Slot.OPENWEBUI)
    result = _verify(url, settings.model, report)
    if result.http_status in (401, 403):
        parts = result.diagnosis.explanation.render(lang)
        raise WizardError(
            "account.pasted-key-refused", url=url, masked=report.masked, reason=parts["what"]
        )
    _save(project, {}, report, old, lang)
    code = _report(result, lang)
    return max(code, _restart(restart_command, lang))
