"""`technova-setup login` and `renew`: get a fresh Open WebUI API key into the project.

They ask before every step that changes something (or take `--yes` as consent given up
front) and never ask when nobody can answer: without a terminal and without `--yes` they
stop with a sentence saying so. Passwords are read without echo (or from standard input with
`--password-stdin`) and are never stored, shown or logged.
"""

from __future__ import annotations

import argparse
import getpass
import subprocess
import sys

from wizard.errors import WizardError
from wizard.i18n import Lang, Msg
from wizard.keys import KeyKind, Slot
from wizard.secret import Secret

DEFAULT_BASE_MODEL = "gpt-4o-mini"


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                 project: argparse.ArgumentParser) -> None:
    consent = argparse.ArgumentParser(add_help=False)
    consent.add_argument("--yes", action="store_true",
                         help="agree to every step in advance (scripts, cron)")
    login = commands.add_parser(
        "login", parents=[common, project, consent],
        help="sign in to Open WebUI, make an API key for the backend, check it and save it")
    login.add_argument("--url", help="Open WebUI's address (default: OPENWEBUI_URL of "
                       "backend/.env)")
    login.add_argument("--email", help="your Open WebUI account's email")
    login.add_argument("--password-stdin", action="store_true",
                       help="read the password from standard input instead of asking")
    renew = commands.add_parser(
        "renew", parents=[common, project, consent],
        help="replace the backend's Open WebUI key with a fresh API key, check it and save it")
    renew.add_argument("--key-stdin", action="store_true",
                       help="take the new key from standard input instead of making one")
    renew.add_argument("--email", help="your Open WebUI account's email, if signing in is "
                       "needed")
    renew.add_argument("--password-stdin", action="store_true",
                       help="read the password from standard input if signing in is needed")
    renew.add_argument("--restart-command", metavar="CMD",
                       help="a command that restarts the backend, run after the key is saved")


# --- asking ----------------------------------------------------------------------------------

def say(key: str, lang: Lang, **params: object) -> None:
    print(Msg(key, params).render(lang), flush=True)


def agree(question: str, lang: Lang, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise WizardError("account.needs-terminal")
    answer = input(Msg(question).render(lang)).strip().lower()
    return answer in {"y", "yes", "o", "oui"}


def ask_text(question: str, lang: Lang, params: dict[str, object] | None = None) -> str:
    if not sys.stdin.isatty():
        raise WizardError("account.needs-terminal")
    return input(Msg(question, params or {}).render(lang)).strip()


def read_password(lang: Lang, from_stdin: bool) -> Secret:
    if from_stdin:
        return Secret(sys.stdin.readline().rstrip("\r\n"))
    if not sys.stdin.isatty():
        raise WizardError("account.needs-terminal")
    return Secret(getpass.getpass(Msg("login.password-prompt").render(lang)))


# --- the steps both commands share -------------------------------------------------------------

def _project_settings(directory: str):  # type: ignore[no-untyped-def]
    from wizard.checks import read_settings
    from wizard.project import find_project

    project = find_project(directory)
    return project, read_settings(project)


def _sign_in(url: str, email: str | None, password_stdin: bool, lang: Lang):  # type: ignore[no-untyped-def]
    from wizard import account

    if not email:
        email = ask_text("login.email-prompt", lang) if sys.stdin.isatty() else None
    if not email:
        raise WizardError("account.no-email")
    session = account.sign_in(url, email, read_password(lang, password_stdin))
    say("login.signed-in", lang, url=url, email=session.email, role=session.role)
    return session


def _make_key(session, lang: Lang, yes: bool) -> Secret:  # type: ignore[no-untyped-def]
    """A new key for the signed-in user; switches API keys on first if an admin agrees."""
    from wizard import account

    try:
        return account.create_api_key(session.url, session.token)
    except WizardError as error:
        if error.code != "account.keys-off":
            raise
        if not session.is_admin:
            print(error.render(lang), file=sys.stderr)
            say("login.send-admin", lang)
            print(account.admin_request(session.email, session.url).render(lang))
            raise SystemExit(2) from None
        if not agree("login.ask-enable", lang, yes):
            say("login.cancelled", lang)
            raise SystemExit(1) from None
        account.enable_api_keys(session, for_users=True)
        say("login.enabled", lang)
        return account.create_api_key(session.url, session.token)


def _fix_open_webui(session, model: str, lang: Lang, yes: bool) -> None:  # type: ignore[no-untyped-def]
    """As an admin, in a terminal: an empty model list or a missing model, fixed on request."""
    from wizard import account

    if not session.is_admin or not sys.stdin.isatty() or yes:
        return
    state = account.connection(session)
    if not state.works:
        pasted = getpass.getpass(Msg("login.openai-connection-empty").render(lang)).strip()
        if pasted:
            from wizard.apply import checked_key

            key = checked_key(pasted, Slot.OPENAI)
            account.set_openai_key(session, key.secret)
            state = account.connection(session)
    if state.works and model not in state.models:
        base = ask_text("login.model-missing", lang, {"model": model, "base": DEFAULT_BASE_MODEL})
        if base.lower() in {"skip", "passer"}:
            return
        prompt = ask_text("login.system-prompt", lang) or \
            Msg("login.default-system-prompt").render(lang)
        account.create_model(session, model, base or DEFAULT_BASE_MODEL, prompt)
        say("login.model-created", lang, model=model)


def _save_and_verify(project, settings, url: str, key: Secret, lang: Lang,  # type: ignore[no-untyped-def]
                     old_key: Secret | None) -> int:
    """Check the key on the server, write it everywhere the old one was, say what is next."""
    import asyncio  # here: the parser imports this module, and `status` must start fast

    from wizard.apply import checked_key, save_key
    from wizard.envfile import read_env, write_env
    from wizard.probes import ProbeTarget, Timeouts, probe_openwebui

    report = checked_key(key, Slot.OPENWEBUI)
    result = asyncio.run(probe_openwebui(
        ProbeTarget(openwebui_url=url, openwebui_key=report.secret, model=settings.model),
        Timeouts(connect=5, read=20, total=40)))
    saved = save_key(project, Slot.OPENWEBUI, report, settings={"OPENWEBUI_URL": url},
                     on_wait=lambda: say("login.waiting", lang,
                                         file=project.relative(project.backend_env)))
    # Any other .env of the project that still holds the old key gets the new one too.
    if old_key is not None:
        for path in (project.backend_env, project.voice_env):
            if path.exists():
                values = read_env(path).values
                stale = {name: report.secret.reveal() for name, value in values.items()
                         if value == old_key.reveal()}
                if stale:
                    write_env(path, stale)
    keyring = Msg("login.and-keyring").render(lang) if saved.in_keyring else ""
    say("login.saved", lang, file=project.relative(project.backend_env), keyring=keyring)
    if saved.keyring_problem is not None:
        say("login.keyring-skipped", lang, reason=saved.keyring_problem)
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


# --- the commands ------------------------------------------------------------------------------

def run_login(args: argparse.Namespace, lang: Lang) -> int:
    project, settings = _project_settings(args.project)
    url = (args.url or settings.openwebui_url).rstrip("/")
    session = _sign_in(url, args.email, args.password_stdin, lang)
    say("login.will-replace", lang, files=project.relative(project.backend_env))
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    key = _make_key(session, lang, args.yes)
    say("login.created", lang, masked=key.masked)
    _fix_open_webui(session, settings.model, lang, args.yes)
    old = settings.keys.get(Slot.OPENWEBUI)
    code = _save_and_verify(project, settings, url, key, lang,
                            old.secret if old is not None else None)
    say("login.restart", lang)
    return code


def run_renew(args: argparse.Namespace, lang: Lang) -> int:
    from wizard import account

    project, settings = _project_settings(args.project)
    url = settings.openwebui_url.rstrip("/")
    current = settings.keys.get(Slot.OPENWEBUI)
    old = current.secret if current is not None else None
    if args.key_stdin:
        pasted = sys.stdin.read().removesuffix("\n")
        code = _save_and_verify(project, settings, url, Secret(pasted), lang, old)
        return max(code, _restart(args.restart_command, lang))
    say("login.will-replace", lang, files=project.relative(project.backend_env))
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    key = None
    if current is not None and current.kind is KeyKind.OPENWEBUI_API_KEY and current.usable:
        try:
            key = account.create_api_key(url, current.secret)  # the key makes its successor
            say("login.rotating", lang)
        except WizardError as error:
            if error.code not in ("account.key-refused", "account.keys-off",
                                  "account.not-allowed"):
                raise
    if key is None:
        session = _sign_in(url, args.email, args.password_stdin, lang)
        key = _make_key(session, lang, args.yes)
    say("login.created", lang, masked=key.masked)
    code = _save_and_verify(project, settings, url, key, lang, old)
    return max(code, _restart(args.restart_command, lang))
