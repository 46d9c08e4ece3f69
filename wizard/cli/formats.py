"""`status` and `check` for many projects, and the monitoring formats (Prometheus, Nagios).

One project asked for in text or JSON on the terminal keeps the single-project path of
`main.py` (its output is unchanged); everything else comes here: several `--project`,
`--projects-from FILE`, `--format prometheus|nagios`, or `--output FILE`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg
from wizard.core.sanitize import dumps_json

FORMATS = ("text", "json", "prometheus", "nagios")
Handler = Callable[[argparse.Namespace, Lang], int]


def many_projects_options(parser: argparse.ArgumentParser) -> None:
    """The options `status` and `check` share: which projects, how many at once, which format."""
    parser.add_argument(
        "--project",
        metavar="DIR",
        action="append",
        dest="projects",
        help="a TechNova project folder (default: the current folder); repeatable",
    )
    parser.add_argument(
        "--projects-from",
        metavar="FILE",
        help="a file listing project folders, one per line (# starts a comment)",
    )
    parser.add_argument(
        "--parallel",
        type=int,
        default=16,
        metavar="N",
        help="at most N checks at the same time, all projects together (default: 16)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), json, prometheus (node_exporter textfile) or nagios (plugin output)",
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE (replaced at once) instead of standard output; "
        "with --format prometheus it must end in .prom",
    )


def _folders(args: argparse.Namespace) -> list[Path]:
    folders = [Path(folder) for folder in args.projects or []]
    if args.projects_from:
        from wizard.core.many import read_project_list

        listed = read_project_list(Path(args.projects_from))
        if not listed:
            raise WizardError("many.list-empty", file=args.projects_from)
        folders += listed
    return folders or [Path(getattr(args, "project", None) or ".")]


def for_many_projects(single: Handler, *, live: bool) -> Handler:
    """`status`/`check` (`single`) extended to many projects and to the monitoring formats."""

    def run(args: argparse.Namespace, lang: Lang) -> int:
        fmt = args.format or ("json" if args.json else "text")
        try:
            folders = _folders(args)
            many = len(folders) > 1 or bool(args.projects_from)
            if not many and fmt in ("text", "json") and args.output is None:
                args.project = str(folders[0])
                args.json = fmt == "json"
                return single(args, lang)
            return _run_many(args, lang, folders, fmt=fmt, many=many, live=live)
        except WizardError as error:
            if fmt != "nagios":
                raise
            # A plugin always answers on standard output, even when it could not check.
            from wizard.core.monitoring import unknown_output

            _emit(unknown_output(error).render(lang), None)
            return 3

    return run


def _run_many(
    args: argparse.Namespace, lang: Lang, folders: list[Path], *, fmt: str, many: bool, live: bool
) -> int:
    from wizard.core.checks import CheckReport
    from wizard.core.many import check_projects, distinct_projects, status_of_projects, worst_exit

    if fmt == "prometheus" and args.output and not args.output.endswith(".prom"):
        raise WizardError("monitoring.not-prom", file=args.output)
    if args.parallel < 1:
        raise WizardError("many.parallel-too-small", value=str(args.parallel))
    projects = distinct_projects(folders)
    # Monitoring reports the sites, not the keyring of whoever runs it: the same series from
    # cron (no desktop session) and from a systemd user timer (one), and no unlock window.
    use_keyring = fmt in ("text", "json")
    if live:
        from wizard.cli.main import _PROBE_NAMES
        from wizard.core.probes import Timeouts

        only = tuple(dict.fromkeys(args.only)) if args.only else _PROBE_NAMES
        timeouts = Timeouts(
            connect=min(args.timeout, 5.0), read=args.timeout, total=args.timeout * 2
        )
        reports = check_projects(
            projects,
            only=only,
            openai_base_url=args.openai_url,
            timeouts=timeouts,
            parallel=args.parallel,
            use_keyring=use_keyring,
        )
    else:
        only = ()
        reports = [
            CheckReport(status, [])
            for status in status_of_projects(
                projects, parallel=args.parallel, use_keyring=use_keyring
            )
        ]
    text = render(reports, fmt, lang, many=many, live=live, only=only)
    _emit(text, args.output)
    return int(worst_exit(report.exit_code for report in reports))


def render(
    reports: Sequence[object],
    fmt: str,
    lang: Lang,
    *,
    many: bool,
    live: bool,
    only: tuple[str, ...] = (),
) -> str:
    """The reports in one of FORMATS (a list in JSON when many projects were asked for)."""
    from wizard.cli.main import check_json, render_check, render_status, status_json
    from wizard.core.checks import CheckReport

    checks = [report for report in reports if isinstance(report, CheckReport)]
    if fmt == "prometheus":
        from wizard.core.monitoring import prometheus_text

        return prometheus_text(checks)
    if fmt == "nagios":
        from wizard.core.monitoring import plugin_output

        return plugin_output(checks).render(lang)
    if fmt == "json":
        objects = [
            check_json(report, lang) if live else status_json(report.status, lang)
            for report in checks
        ]
        return dumps_json(objects if many else objects[0])
    blocks = [
        render_check(report, lang, only) if live else render_status(report.status, lang)
        for report in checks
    ]
    if len(checks) > 1:
        blocks.append(Msg("many.heading", {"count": len(checks)}).render(lang))
    return "\n\n".join(blocks)


def _emit(text: str, output: str | None) -> None:
    if output is None:
        print(text)
        return
    from wizard.core.monitoring import write_output

    write_output(Path(output), text + "\n")
