"""`technova-setup` on the command line: the engine's second face, for people, scripts and cron.

Imports stay lazy so that `status` and `identify` start fast and never load Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Collection, Sequence

from wizard.cli.parser import Parser
from wizard.core.errors import WizardError
from wizard.core.i18n import LANGS, Lang, Msg, detect_lang
from wizard.core.sanitize import dumps_json

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from typing import NoReturn, TextIO

# Where each `identify --for` target puts a key, as `belongs_in` names it.
_TARGETS = {
    "backend": ("OPENWEBUI_API_KEY", "backend/.env"),
    "voice": ("OPENAI_API_KEY", "websocket-server/.env"),
    "connection": ("OPENAI_API_KEY", "Open WebUI › Admin › Connections"),
}
_PROBE_NAMES = ("openwebui", "chat", "openai", "realtime")
_ICONS = {"info": "·", "warning": "!", "critical": "✗", "unknown": "?"}


COMMANDS = ("identify", "status", "check", "login", "renew", "restart")


def common_options(parser: argparse.ArgumentParser) -> None:
    """--lang and --debug, on the program and on every command (either place works)."""
    parser.add_argument("--lang", choices=LANGS, help="language of messages (default: locale)")
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,  # so that `--debug COMMAND` is not reset by the command
        help="say more on standard error (which Open WebUI answered, what was assumed) and, "
        "on an unexpected fault, write its details with keys masked to a private file "
        "(also: TECHNOVA_SETUP_DEBUG=1)",
    )


def project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        metavar="DIR",
        default=".",
        help="the TechNova project folder (default: the current folder)",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def build_parser(commands_named: Collection[str] = COMMANDS) -> argparse.ArgumentParser:
    """The whole command line, or only the commands in `commands_named` (each argparse parser
    costs, and `status` starts hourly from cron). Building a command that is not used is
    harmless, so a word that merely looks like a command costs nothing but time.

    Options shared by several commands are added by functions, not argparse `parents`: a
    parent is one more whole parser to build at every start, for nothing but a copy."""
    wanted = set(commands_named)
    parser = Parser(
        prog="technova-setup",
        description="Set up, check and renew the two API keys of a TechNova chat widget. "
        "Without a command, opens the step-by-step wizard.",
    )
    common_options(parser)
    project_option(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="try the wizard on a made-up project with local stand-in servers: "
        "no real key, no network, nothing of yours is touched",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    if "identify" in wanted:
        _add_identify(commands)
    if wanted & {"status", "check"}:
        _add_status_and_check(commands, wanted)
    if wanted & {"login", "renew"}:
        from wizard.cli.account import add_commands

        add_commands(commands, wanted=wanted)
    if "restart" in wanted:
        from wizard.cli.deploy import add_command as add_restart_command

        add_restart_command(commands)
    return parser


def _add_identify(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    identify = commands.add_parser(
        "identify",
        help="say what kind of key is given on standard input (never on the command line)",
    )
    common_options(identify)
    _json_option(identify)
    identify.add_argument(
        "--for",
        dest="target",
        choices=sorted(_TARGETS),
        help="where you mean to put it: backend (Open WebUI key), voice or connection (OpenAI key)",
    )


def _add_status_and_check(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    wanted: set[str],
) -> None:
    from wizard.cli.formats import many_projects_options

    if "status" in wanted:
        status = commands.add_parser(
            "status",
            help="what keys the project has and what is wrong, without the network",
        )
        for options in (common_options, many_projects_options, _json_option):
            options(status)
    if "check" not in wanted:
        return
    check = commands.add_parser(
        "check",
        help="status, then test both keys live against their servers",
    )
    for options in (common_options, many_projects_options, _json_option):
        options(check)
    check.add_argument(
        "--only",
        action="append",
        choices=_PROBE_NAMES,
        metavar="PROBE",
        help="run only this probe: " + ", ".join(_PROBE_NAMES) + " (repeatable)",
    )
    check.add_argument(
        "--openai-url", metavar="URL", help="OpenAI's API base (default: https://api.openai.com/v1)"
    )
    check.add_argument(
        "--timeout",
        type=float,  # finite, above zero, at most a day: checked by Timeouts (exit 3 with why)
        default=15.0,
        metavar="SECONDS",
        help="how long to wait for each server's answer (default: 15)",
    )


# Commands that only read and print (and write --output whole before returning).
_REPORTS = frozenset({"status", "check", "identify"})
# Short and offline: they run without the cyclic garbage collector (see entry.run).
_WITHOUT_COLLECTOR = frozenset({"status", "identify"})
_command_run: str | None = None  # what main() last ran, for run()


def run() -> NoReturn:
    """The program (`technova-setup`, `python -m wizard`, through `entry.run`): `main()`,
    then exit.

    After a report (status, check, identify), with its output flushed, the process ends
    without Python's teardown, which frees every loaded module one by one: about 5 ms of
    processor for `status`, which cron starts on every site every hour. Anything else (the
    wizard, login, renew, restart) exits normally, so that its clean-ups (the demo's
    temporary folder, its stand-in servers) run.
    """
    code = main()
    if _command_run in _REPORTS:
        with contextlib.suppress(OSError, ValueError):  # a reader gone: nothing left to say
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    global _command_run
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _early_lang(args_list)
    if _holds_a_key(args_list):
        _print_error(WizardError("cli.key_on_command_line"), lang)
        return 2
    Parser.lang = lang
    # Only the command(s) named; all of them when none is (the wizard, or --help listing them).
    named = [word for word in args_list if word in COMMANDS]
    args = build_parser(named or COMMANDS).parse_args(args_list)
    collect_garbage_for(args.command)
    lang = args.lang or lang
    from wizard.cli.formats import for_many_projects

    handlers: dict[str | None, Callable[[argparse.Namespace, Lang], int]] = {
        "identify": run_identify,
        "status": for_many_projects(run_status, live=False),
        "check": for_many_projects(run_check, live=True),
        "login": _account_command("run_login"),
        "renew": _account_command("run_renew"),
        "restart": _restart_command,
    }
    handler = handlers.get(args.command, run_wizard)
    _command_run = args.command
    code: int | None = None
    try:
        code = handler(args, lang)
        sys.stdout.flush()  # here, so that a closed pipe is met while we can still handle it
        return code
    except BrokenPipeError:
        # `check | head -1`: the reader left. Stop quietly, keeping the verdict when we have it.
        _silence_stdout()
        return code if code is not None else 141
    except WizardError as error:
        _print_error(error, lang)
        return 3
    except SystemExit as stop:  # a command that stopped on purpose, with its exit code
        return int(stop.code or 0)
    except KeyboardInterrupt:
        print(Msg("cli.interrupted").render(lang), file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: no traceback reaches users
        # Only the exception's class: its text could quote a value we were handling.
        _print_error(WizardError("cli.internal_error", error=type(error).__name__), lang)
        _report_fault(error, args, lang)
        return 3


def collect_garbage_for(command: str | None) -> None:
    """The cyclic garbage collector back on (`entry.run` pauses it for the start), except for
    the short offline reports: the wizard, `check` and the others run long enough to need it."""
    if command not in _WITHOUT_COLLECTOR:
        import gc

        gc.enable()


def _debug(args: argparse.Namespace) -> bool:
    from wizard.core.faultlog import debug_wanted

    return debug_wanted(bool(getattr(args, "debug", False)))


def _report_fault(error: Exception, args: argparse.Namespace, lang: Lang) -> None:
    """With --debug, the fault's details go to a private file (keys masked): say where."""
    if not _debug(args):
        print(Msg("faults.log-hint").render(lang), file=sys.stderr)
        return
    from wizard.core.faultlog import write_fault_log

    try:
        path = write_fault_log(error, args.command or "wizard")
    except OSError as failure:
        print(
            Msg("faults.log-failed", {"error": type(failure).__name__}).render(lang),
            file=sys.stderr,
        )
        return
    print(Msg("faults.log-written", {"path": str(path)}).render(lang), file=sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's last flush does not complain either."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _restart_command(args: argparse.Namespace, lang: Lang) -> int:
    """`restart`, imported only when run."""
    from wizard.cli.deploy import run_restart

    return run_restart(args, lang)


def _account_command(name: str) -> Callable[[argparse.Namespace, Lang], int]:
    """login/renew, imported only when run (they bring in the network code)."""

    def run(args: argparse.Namespace, lang: Lang) -> int:
        from wizard.cli import account as cli_account

        return int(getattr(cli_account, name)(args, lang))

    return run


def _early_lang(args: list[str]) -> Lang:
    """The language asked with --lang, even before the arguments are validated."""
    for index, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        for lang in LANGS:
            if value == lang:
                return lang
    return detect_lang()


def _holds_a_key(args: list[str]) -> bool:
    from wizard.core.keys import recognise_key

    # `--option=value` too: whatever follows the `=` could be a pasted key.
    values = (
        arg.split("=", 1)[1] if arg.startswith("--") and "=" in arg else arg
        for arg in args
        if not arg.startswith("--") or "=" in arg
    )
    return any(recognise_key(value).looks_like_secret for value in values)


def _print_error(error: WizardError, lang: Lang, stream: TextIO | None = None) -> None:
    print(error.render(lang), file=stream or sys.stderr)


def _read_key_from_stdin(lang: Lang) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(Msg("cli.paste_prompt").render(lang))
    # One key: the whole input (a pasted key may span lines; cleaning joins it back). The final
    # line break ends the input; it was not pasted, so it is not reported as a fix.
    text = sys.stdin.read()
    return text.removesuffix("\n").removesuffix("\r")


def run_wizard(args: argparse.Namespace, lang: Lang) -> int:
    """No command: the step-by-step Textual wizard (imported only now: it is the heavy part)."""
    from wizard.tui import run_wizard as run_tui

    if getattr(args, "demo", False):
        return run_demo(lang)
    return run_tui(project_dir=args.project, lang=lang, renew=False)


def run_demo(lang: Lang) -> int:
    """The wizard on a temporary project and stand-in servers, all removed on exit."""
    from wizard.core.demo import start_demo_environment
    from wizard.tui import run_wizard as run_tui

    print(Msg("demo.starting").render(lang), flush=True)
    with start_demo_environment(lang) as demo:
        try:
            code = run_tui(project_dir=str(demo.project), lang=lang, renew=False, demo=demo)
        finally:
            where = str(demo.project)
    print(Msg("demo.finished", {"project": where}).render(lang))
    return code


def run_identify(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.expiry import expiry_message, format_utc
    from wizard.core.keys import PROBLEM_WRONG_PLACE, KeyKind, Slot, recognise_key

    target = _TARGETS.get(args.target) if args.target else None
    slot = Slot(target[0]) if target else None
    report = recognise_key(_read_key_from_stdin(lang), slot=slot)
    place = (target[1] if target else report.belongs_in) if report.usable else None

    if args.json:
        print(
            json.dumps(
                {
                    "kind": report.kind.value,
                    "masked": report.masked,
                    "fixes": list(report.fixes),
                    "problems": list(report.problems),
                    "expires_at": format_utc(report.expires_at) if report.expires_at else None,
                    "belongs_in": place,
                }
            )
        )
        return 0 if report.usable else 2

    if report.kind is KeyKind.UNKNOWN:
        lines = [Msg("identify.unknown", {"masked": report.masked or "—"}).render(lang)]
    else:
        lines = [
            Msg(
                "identify.is", {"kind": Msg(f"kind.{report.kind.value}"), "masked": report.masked}
            ).render(lang)
        ]
    lines += [f"  ✓ {Msg(f'fix.{code}').render(lang)}" for code in report.fixes]
    for code in report.problems:
        key = f"problem.{code}"
        if code == PROBLEM_WRONG_PLACE and slot is not None:
            key = f"problem.wrong-place.{'openai' if slot is Slot.OPENAI else 'openwebui'}"
        params: dict[str, object] = {"service": report.other_service or ""}
        if report.expires_at is not None:
            from wizard.core.expiry import LocalDateTime

            params["when"] = LocalDateTime(report.expires_at)
        lines.append(f"  ✗ {Msg(key, params).render(lang)}")
    if report.kind is not KeyKind.UNKNOWN and not {"truncated", "expired"} & set(report.problems):
        lines.append(f"  {expiry_message(report, lang).render(lang)}")
    if place:
        lines.append(f"  → {Msg('identify.belongs_in', {'place': place}).render(lang)}")
        if report.kind.is_openai and target is None:
            lines.append(f"  → {Msg('identify.openai_also_in_openwebui').render(lang)}")
    elif report.kind is not KeyKind.UNKNOWN and not report.usable:
        lines.append(f"  {Msg('identify.unusable').render(lang)}")
    print("\n".join(lines))
    return 0 if report.usable else 2


def run_status(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.project import find_project
    from wizard.core.status import project_status

    report = project_status(find_project(args.project))
    if args.json:
        print(dumps_json(status_json(report, lang)))
        return int(report.exit_code)
    print(render_status(report, lang))
    return int(report.exit_code)


def status_json(report: object, lang: Lang) -> dict[str, object]:
    from wizard.core.expiry import expiry_of, format_utc
    from wizard.core.status import StatusReport

    assert isinstance(report, StatusReport)
    credentials = []
    for credential in report.credentials:
        key = credential.report
        credentials.append(
            {
                "variable": credential.slot.value,
                "file": credential.file,
                "kind": key.kind.value,
                "masked": key.masked,
                "expires_at": format_utc(key.expires_at) if key.expires_at else None,
                "level": expiry_of(key).level.value,
                "severity": credential.severity.value,
                "usable": credential.usable,
                "in_keyring": credential.in_keyring,
            }
        )
    problems = []
    for problem in report.problems:
        entry: dict[str, object] = {"code": problem.code, "severity": problem.severity.value}
        if problem.file:
            entry["file"] = problem.file
        entry["message"] = problem.message.render(lang)
        problems.append(entry)
    return {
        "project": str(report.project.root),
        "credentials": credentials,
        "problems": problems,
        "exit": int(report.exit_code),
    }


def render_status(report: object, lang: Lang, closing: bool = True) -> str:
    from wizard.core.expiry import expiry_message
    from wizard.core.status import Severity, StatusReport

    assert isinstance(report, StatusReport)
    lines = [Msg("status.heading", {"root": str(report.project.root)}).render(lang), ""]
    if report.credentials:
        lines.append(Msg("status.credentials").render(lang))
        for credential in report.credentials:
            key = credential.report
            # "Also in the keyring" only when the keyring holds this very key.
            keyring = (
                Msg("status.credential.in-keyring").render(lang)
                if credential.keyring_matches
                else ""
            )
            icon = "✓" if credential.usable else _ICONS[credential.severity.value]
            text = Msg(
                "status.credential",
                {
                    "file": credential.file,
                    "variable": credential.slot.value,
                    "kind": Msg(f"kind.{key.kind.value}"),
                    "masked": key.masked,
                    "expiry": expiry_message(key, lang),
                    "keyring": keyring,
                },
            ).render(lang)
            lines.append(f"  {icon} {text}")
    else:
        lines.append(Msg("status.no-credentials").render(lang))
    order = [Severity.CRITICAL, Severity.UNKNOWN, Severity.WARNING, Severity.INFO]
    shown = sorted(report.problems, key=lambda p: order.index(p.severity))
    if shown:
        lines += ["", Msg("status.problems").render(lang)]
        for problem in shown:
            label = Msg(f"severity.{problem.severity.value}")
            line = Msg("status.problem-line", {"label": label, "message": problem.message})
            lines.append(f"  {_ICONS[problem.severity.value]} {line.render(lang)}")
    if closing and int(report.exit_code) == 0:
        lines += ["", Msg("status.all-good").render(lang)]
    return "\n".join(lines)


def run_check(args: argparse.Namespace, lang: Lang) -> int:
    from wizard.core.checks import run_check as check_project
    from wizard.core.probes import Timeouts
    from wizard.core.project import find_project

    timeouts = Timeouts(connect=min(args.timeout, 5.0), read=args.timeout, total=args.timeout * 2)
    only = tuple(dict.fromkeys(args.only)) if args.only else _PROBE_NAMES
    report = check_project(
        find_project(args.project), only=only, openai_base_url=args.openai_url, timeouts=timeouts
    )
    from wizard.core.probes import openwebui_version_of

    version = openwebui_version_of(report.results)
    if _debug(args) and version is not None:
        print(Msg("check.debug-version", {"version": version.label}).render(lang), file=sys.stderr)
    if args.json:
        print(dumps_json(check_json(report, lang)))
        return int(report.exit_code)
    print(render_check(report, lang, only))
    return int(report.exit_code)


def check_json(report: object, lang: Lang) -> dict[str, object]:
    """One project's `check --json` object (never a key)."""
    from wizard.core.checks import CheckReport
    from wizard.core.probes import openwebui_version_of, result_json

    assert isinstance(report, CheckReport)
    version = openwebui_version_of(report.results)
    data = status_json(report.status, lang)
    for entry in data["credentials"]:  # type: ignore[attr-defined]
        # Each key's verdict with its live probes: the same as `status` unless a server says no.
        severity = report.credential_severity(entry["variable"])
        entry["severity"] = severity.value
        entry["usable"] = entry["usable"] and severity.value != "critical"
    data["openwebui_version"] = version.reported if version is not None else None
    data["checks"] = [result_json(result, lang) for result in report.results]
    data["exit"] = int(report.exit_code)
    return data


def render_check(report: object, lang: Lang, only: tuple[str, ...] = _PROBE_NAMES) -> str:
    """One project's `check` report, as text."""
    from wizard.core.checks import CheckReport

    assert isinstance(report, CheckReport)
    lines = [
        render_status(report.status, lang, closing=False),
        "",
        Msg("check.label.heading").render(lang),
    ]
    for result in report.results:
        parts = result.diagnosis.explanation.render(lang)
        icon = {"ok": "✓", "warning": "!", "critical": "✗", "unknown": "?"}[
            result.diagnosis.verdict.value
        ]
        name = Msg(f"probe.{result.name}")
        line = Msg(
            "check.result-line", {"name": name, "ms": result.elapsed_ms, "what": parts["what"]}
        )
        lines.append(f"  {icon} {line.render(lang)}")
        if not result.ok:
            lines.append(f"      {Msg('check.label.because').render(lang)} {parts['why']}")
            lines.append(f"      {Msg('check.label.todo').render(lang)} {parts['next']}")
    ran = {result.name for result in report.results}
    if int(report.exit_code) == 0 and set(only) == set(_PROBE_NAMES) and ran:
        # A chat-only site is whole: say what works, not "both paths".
        voice = bool(ran & {"openai", "realtime"})
        chat = bool(ran & {"openwebui", "chat"})
        closing = "check.all-good" if voice and chat else "check.all-good.chat-only"
        if voice and not chat:
            closing = "check.all-good.voice-only"
        lines += ["", Msg(closing).render(lang)]
    return "\n".join(lines)
