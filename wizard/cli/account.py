"""`technova-setup login` and `renew`: get a fresh Open WebUI API key into the project.

They ask before every step that changes something (or take `--yes` as consent given up
front) and never ask when nobody can answer: without a terminal and without `--yes` they
stop with a sentence saying so. Passwords are read without echo (or from standard input with
`--password-stdin`) and are never stored, shown or logged. Keys are never taken on the
command line: `--key-stdin` reads one from standard input.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg
from wizard.core.keys import KeyKind, KeyReport, Slot
from wizard.core.secret import Secret

if TYPE_CHECKING:  # the network and file modules are imported when a command runs
    from collections.abc import Collection

    from wizard.core.checks import ProjectSettings
    from wizard.core.keyflow import MadeKey, Session
    from wizard.core.keys import CheckedKey
    from wizard.core.plan import Plan
    from wizard.core.project import Project

DEFAULT_BASE_MODEL = "gpt-4o-mini"


def add_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    *,
    wanted: Collection[str] = ("login", "renew"),
) -> None:
    """Register `login` and `renew` (those of them in `wanted`). They talk to a person step by
    step, so they offer no `--json`."""
    if "login" in wanted:
        _add_login(commands)
    if "renew" in wanted:
        _add_renew(commands)


def _shared_options(parser: argparse.ArgumentParser) -> None:
    """What login and renew both take: the common options, the project, and consent."""
    from wizard.cli.main import common_options, project_option

    common_options(parser)
    project_option(parser)
    parser.add_argument(
        "--yes", action="store_true", help="agree to every step in advance (scripts, cron)"
    )
    parser.add_argument(
        "--allow-http",
        action="store_true",
        help="send the key or password over plain http to a server that is not this computer "
        "(anyone on the way can read it; without this option it is refused)",
    )
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="write backend/.env even when it is a link to a file outside the project",
    )


def _add_login(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    login = commands.add_parser(
        "login",
        help="sign in to Open WebUI, make an API key for the backend, check it and save it",
    )
    _shared_options(login)
    login.add_argument(
        "--url", help="Open WebUI's address (default: OPENWEBUI_URL of backend/.env)"
    )
    login.add_argument("--email", help="your Open WebUI account's email")
    login.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )
    login.add_argument(
        "--let-users-make-keys",
        action="store_true",
        help="as an admin, also let every user make an API key (only needed when the "
        "backend's key belongs to a user who is not an admin)",
    )


def _add_renew(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    renew = commands.add_parser(
        "renew",
        help="replace the backend's Open WebUI key with a fresh API key, check it and save it",
    )
    _shared_options(renew)
    renew.add_argument(
        "--key-stdin",
        action="store_true",
        help="take the new key from standard input instead of making one; it replaces the "
        "current key only once Open WebUI accepts it",
    )
    renew.add_argument(
        "--force",
        action="store_true",
        help="with --key-stdin: write the key even if Open WebUI refuses it or cannot be reached",
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


def agree(question: str, lang: Lang, yes: bool, params: dict[str, object] | None = None) -> bool:
    """Consent: given up front with --yes, else asked; never asked without a terminal."""
    if yes:
        return True
    if not can_ask():
        raise WizardError("account.needs-terminal")
    answer = input(Msg(question, params or {}).render(lang)).strip().lower()
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
    return Secret(_ask_hidden(Msg("login.password-prompt").render(lang)))


def _ask_hidden(prompt: str) -> str:
    """What the person types after `prompt`, not echoed (getpass loads only when asking)."""
    import getpass

    return getpass.getpass(prompt)


def stop(code: int) -> SystemExit:
    """A planned stop with its exit code (cli.main turns it into the return value)."""
    return SystemExit(code)


# --- the steps both commands share -------------------------------------------------------------


def _project_settings(directory: str) -> tuple[Project, ProjectSettings]:
    """The project and what its files say; a sentence, before anything is asked, when the
    folder holds no TechNova project."""
    from pathlib import Path

    from wizard.core.checks import read_settings
    from wizard.core.project import find_project

    project = find_project(directory)
    if not project.has_any_file:
        raise WizardError("keyflow.no-project", path=str(Path(directory).expanduser()))
    return project, read_settings(project)


def _explain_session_token(current: KeyReport | None, url: str, lang: Lang) -> None:
    """A session JWT in backend/.env expires and dies with the server's secret: say when
    (in the words of the Open WebUI version that answers: 0.6 tokens never expire)."""
    if current is None or current.kind is not KeyKind.OPENWEBUI_JWT:
        return
    from wizard.core.expiry import expiry_message
    from wizard.core.keyflow import server_version

    note = server_version(url).variant("login.jwt-note")
    say(note, lang, expiry=expiry_message(current, lang).render(lang))


def _server_answers(url: str) -> None:
    """Open WebUI is there before anything is asked (no password typed for nothing)."""
    import asyncio

    from wizard.core.probes import Timeouts, probe_openwebui_address

    result = asyncio.run(probe_openwebui_address(url, Timeouts(connect=5, read=10, total=15)))
    if not result.ok:
        raise WizardError("account.unreachable", url=url)


def _sign_in(url: str, args: argparse.Namespace, lang: Lang) -> Session:
    from wizard.core import keyflow
    from wizard.core.transport import require_safe_transport

    email: str | None = args.email
    require_safe_transport(url, allow_plain_http=args.allow_http)  # before any password typed
    _server_answers(url)
    if not email and can_ask():
        email = ask_text("login.email-prompt", lang)
    if not email:
        raise WizardError("account.no-email")
    password = read_password(lang, args.password_stdin)
    session = keyflow.sign_in(url, email, password, allow_plain_http=args.allow_http)
    say("login.signed-in", lang, url=url, email=session.email, role=session.role)
    return session


def _make_key(session: Session, project: Project, lang: Lang, args: argparse.Namespace) -> MadeKey:
    """A new key for the signed-in person; an admin who agrees switches API keys on first. A
    user who may not make one gets the message for their admin and, at a terminal, the one
    question that grants it: may every user make their own key (an admin signs in once)?"""
    from wizard.core.keyflow import AdminRequest, KeyConsent, obtain_api_key

    yes: bool = args.yes

    try:
        made = obtain_api_key(session, KeyConsent(enable_keys=False), project)
    except WizardError as error:
        if error.code != "account.keys-off" or not session.is_admin:
            raise
        if not agree(session.version.variant("login.ask-enable"), lang, yes):
            say("login.cancelled", lang)
            raise stop(1) from None
        made = obtain_api_key(session, KeyConsent(enable_keys=True), project)
        say("login.enabled", lang)
    if isinstance(made, AdminRequest):
        print(made.reason.render(lang), file=sys.stderr)
        say("login.send-admin", lang)
        print(made.message.render(lang))
        if not (can_ask() and _admin_lets_users(session, lang, args)):
            raise stop(2)
        made = obtain_api_key(session, KeyConsent(enable_keys=False), project)
        if isinstance(made, AdminRequest):
            print(made.reason.render(lang), file=sys.stderr)
            raise stop(2)
    return made


def _admin_lets_users(user: Session, lang: Lang, args: argparse.Namespace) -> bool:
    """The separate, explicit grant (same words as the wizard): an admin signs in once and
    lets every user make their own API key. False when the person says no."""
    from wizard.core import keyflow

    question = Msg("keyflow.grant-question", {"email": user.email}).render(lang)
    if input(question + " " + Msg("keyflow.yes-no").render(lang)).strip().lower() not in {
        "y",
        "yes",
        "o",
        "oui",
    }:
        return False
    email = ask_text("keyflow.admin-email-prompt", lang)
    if not email:
        return False
    admin = keyflow.sign_in(
        user.url, email, read_password(lang, False), allow_plain_http=args.allow_http
    )
    keyflow.let_users_make_keys(admin)
    say("keyflow.granted", lang)
    return True


def _show_plan(plan: Plan, lang: Lang) -> None:
    """The same changes the wizard's Review step shows, one per line, values masked."""
    for change in plan.changes:
        print(f"  {'!' if change.warning else '•'} {change.description.render(lang)}")
    for note in plan.notes:
        print(f"  {'!' if note.warning else '·'} {note.message.render(lang)}")


def _save(
    project: Project,
    key: CheckedKey,
    url: str | None,
    lang: Lang,
    args: argparse.Namespace,
    recovery: object = None,
) -> None:
    """The key into its own slot through the one plan-and-apply path both faces use. Other
    files and variables are never changed because they held the old value: a key found in
    the wrong variable is reported by the plan and left alone."""
    from wizard.core.plan import RECOMMENDED, Choice, Consent, PlanInputs, apply_plan, plan_changes

    plan = plan_changes(project, PlanInputs(keys=(key,), openwebui_url=url))
    _show_plan(plan, lang)
    # The person agreed to save the key; keeping it in the .env alone when no keyring works
    # is part of that (the old key is already dead: it must be written somewhere).
    yes: bool = args.yes
    granted = {Choice.ENV_ONLY}
    if args.follow_symlinks:
        granted.add(Choice.FOLLOW_OUTSIDE_SYMLINK)
    for choice in sorted(plan.choices - {Choice.ENV_ONLY}):
        if choice in RECOMMENDED and agree(
            "plan.ask", lang, yes, {"choice": Msg(f"plan.choice.{choice}")}
        ):
            granted.add(choice)
    try:
        outcome = apply_plan(
            project,
            plan,
            Consent(frozenset(granted)),
            lang=lang,
            on_wait=lambda: say("login.waiting", lang, file=project.relative(project.backend_env)),
        )
    except WizardError as error:
        print(error.render(lang), file=sys.stderr)
        if recovery is not None:
            say(
                "keyflow.kept-safe",
                lang,
                path=str(recovery),
                file=project.relative(project.backend_env),
            )
        raise stop(3) from None
    keyring = Msg("login.and-keyring").render(lang) if outcome.in_keyring else ""
    say("login.saved", lang, file=", ".join(outcome.written) or "—", keyring=keyring)
    if outcome.keyring_problem is not None:
        say("login.keyring-skipped", lang, reason=outcome.keyring_problem)
    for line in (*outcome.skipped, *outcome.notes):
        print(f"  ! {line.render(lang)}")


def _fix_open_webui(session: Session, model: str, key: CheckedKey, lang: Lang, yes: bool) -> None:
    """As an admin: an empty model list (the OpenAI key inside Open WebUI is wrong) or a
    missing model, fixed with the person's input; without a terminal, said and left."""
    from wizard.core import keyflow
    from wizard.core.keys import check_key

    if not session.is_admin:
        return
    state = keyflow.connection_state(session, model)
    if state.models_empty:
        say(
            "login.connection",
            lang,
            urls=", ".join(state.base_urls) or "—",
            keys=", ".join(state.masked_keys) or "—",
        )
        pasted = (
            _ask_hidden(Msg("login.openai-connection-empty").render(lang)).strip()
            if can_ask()
            else ""
        )
        if not pasted:
            say("login.connection-left", lang)
            return
        keyflow.set_connection_key(session, check_key(pasted, Slot.OPENAI))
        state = keyflow.connection_state(session, model)
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
    keyflow.create_model(session, model, base, prompt)
    say("login.model-created", lang, model=model, base=base)
    if not keyflow.model_visible(session.url, key, model):
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


def _report(url: str, model: str, key: CheckedKey, lang: Lang, allow_http: bool) -> int:
    from wizard.core.keyflow import verify_key

    verdict = verify_key(url, model, key, allow_plain_http=allow_http)
    if verdict.ok:
        say("login.verified", lang, what=verdict.what)
        return 0
    say("login.not-verified", lang, what=verdict.what, next=verdict.next)
    return 2


def _deliver(project: Project, key: CheckedKey, lang: Lang, args: argparse.Namespace) -> int:
    """The saved key to the running backend (restart command, Coolify, Compose, as the
    project's technova-setup.toml says or as detected), then the running site proven."""
    from wizard.cli.deploy import deliver_after_save

    return deliver_after_save(
        project,
        lang,
        yes=args.yes,
        keys=(key,),
        restart_command=getattr(args, "restart_command", None),
    )


def _url_setting(url: str, settings: ProjectSettings) -> str | None:
    """OPENWEBUI_URL is rewritten only when the key comes from another address."""
    return None if url == settings.openwebui_url.rstrip("/") else url


def _warn_before_replacing(project: Project, lang: Lang) -> None:
    say("login.will-replace", lang, files=project.relative(project.backend_env))


# --- the commands ------------------------------------------------------------------------------


def run_login(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.keyflow import ensure_writable, let_users_make_keys

    project, settings = _project_settings(args.project)
    url = (args.url or settings.openwebui_url).strip().rstrip("/")
    _explain_session_token(settings.keys.get(Slot.OPENWEBUI), url, lang)
    ensure_writable(project, follow_outside_symlink=args.follow_symlinks)
    session = _sign_in(url, args, lang)
    _warn_before_replacing(project, lang)
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    if args.let_users_make_keys:
        let_users_make_keys(session)
        say("keyflow.granted", lang)
    made = _make_key(session, project, lang, args)
    say("login.created", lang, masked=made.key.masked)
    # The old key died when this one was made: save the new one before anything else.
    _save(project, made.key, _url_setting(url, settings), lang, args, made.recovery)
    try:
        _fix_open_webui(session, settings.model, made.key, lang, args.yes)
    except WizardError as error:  # the key is saved; the check below says what remains
        print(error.render(lang), file=sys.stderr)
    code = _report(url, settings.model, made.key, lang, args.allow_http)
    return max(code, _deliver(project, made.key, lang, args))


def run_renew(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.keyflow import SignInNeeded, ensure_writable, successor_from_current

    project, settings = _project_settings(args.project)
    url = settings.openwebui_url.strip().rstrip("/")
    current = settings.keys.get(Slot.OPENWEBUI)
    if args.key_stdin:
        return _renew_with_pasted_key(project, settings, url, lang, args)
    _explain_session_token(current, url, lang)
    ensure_writable(project, follow_outside_symlink=args.follow_symlinks)
    _warn_before_replacing(project, lang)
    if not agree("login.ask-continue", lang, args.yes):
        say("login.cancelled", lang)
        return 1
    made = successor_from_current(project, url, current, allow_plain_http=args.allow_http)
    if isinstance(made, SignInNeeded):
        if made.why is not None:
            say("login.sign-in-instead", lang, why=made.why.render(lang))
        session = _sign_in(url, args, lang)
        made = _make_key(session, project, lang, args)
    elif made.how is not None:
        print(made.how.render(lang))
    say("login.created", lang, masked=made.key.masked)
    _save(project, made.key, None, lang, args, made.recovery)  # first: the old key is dead
    code = _report(url, settings.model, made.key, lang, args.allow_http)
    return max(code, _deliver(project, made.key, lang, args))


def _renew_with_pasted_key(
    project: Project, settings: ProjectSettings, url: str, lang: Lang, args: argparse.Namespace
) -> int:
    """A key the person made themselves: checked on the server before it replaces anything,
    since the current key may still work. Refused or unreachable: the current key stays,
    unless --force."""
    from wizard.core.keyflow import verify_key
    from wizard.core.keys import check_key

    if can_ask():
        pasted = _ask_hidden(Msg("renew.paste-prompt").render(lang))
    else:
        pasted = sys.stdin.read().removesuffix("\n")
    key = check_key(pasted, Slot.OPENWEBUI)
    verdict = verify_key(url, settings.model, key, allow_plain_http=args.allow_http)
    if not verdict.ok and not args.force and (verdict.refused or not verdict.reached):
        refusal = (
            "account.pasted-key-refused" if verdict.refused else "keyflow.pasted-key-unchecked"
        )
        raise WizardError(refusal, url=url, masked=key.masked, reason=verdict.what)
    _save(project, key, None, lang, args)
    if verdict.ok:
        say("login.verified", lang, what=verdict.what)
        code = 0
    else:
        say("login.not-verified", lang, what=verdict.what, next=verdict.next)
        code = 2
    return max(code, _deliver(project, key, lang, args))
