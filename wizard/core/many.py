"""Many projects in one run: every probe of every project at once, under one cap.

An agency watching dozens of sites runs `check` once an hour from its monitoring. The
projects are independent: each gets its own report, a failure in one never stops the
others, and the whole run lasts about as long as the slowest probe, not their sum.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from wizard.core.checks import CheckReport, check_project
from wizard.core.errors import WizardError
from wizard.core.probes import PROBE_NAMES, Timeouts
from wizard.core.project import Project, find_project
from wizard.core.status import ExitCode, Problem, Severity, StatusReport, project_status

DEFAULT_PARALLEL = 16  # probes in flight at once, all projects together
_COMMENT = re.compile(r"(?:^|\s)#")


def read_project_list(path: Path) -> list[Path]:
    """The folders listed in `path`: one per line, `#` starts a comment (at the start of a line
    or after a space), blank lines skipped.

    A relative folder is relative to the list's own folder, not to wherever cron starts us.
    Raises `WizardError("many.list-unreadable")` when the list cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WizardError(
            "many.list-unreadable", file=str(path), error=type(error).__name__
        ) from None
    folders = []
    for line in text.splitlines():
        # A comment starts a line or follows a space: `/srv/site#2` stays a folder name.
        entry = _COMMENT.split(line, maxsplit=1)[0].strip()
        if entry:
            folder = Path(entry).expanduser()
            folders.append(folder if folder.is_absolute() else path.parent / folder)
    return folders


def distinct_projects(folders: Iterable[Path | str]) -> list[Project]:
    """The project of each folder, in order, each once (two paths to one project count once)."""
    found: dict[Path, Project] = {}
    for folder in folders:
        project = find_project(folder)
        found.setdefault(project.root, project)
    return list(found.values())


def _failed(project: Project, error: WizardError) -> CheckReport:
    """A project we could not check at all: an unknown state, said in its own report."""
    problem = Problem("check-failed", Severity.UNKNOWN, error.explanation.what)
    return CheckReport(StatusReport(project, problems=[problem]), [])


async def check_projects_async(
    projects: Sequence[Project],
    *,
    only: tuple[str, ...] = PROBE_NAMES,
    openai_base_url: str | None = None,
    timeouts: Timeouts = Timeouts(),
    parallel: int = DEFAULT_PARALLEL,
    use_keyring: bool = True,
) -> list[CheckReport]:
    """Every project's check, concurrently, with at most `parallel` probes in flight."""
    if parallel < 1:
        raise WizardError("many.parallel-too-small", value=str(parallel))
    limit = asyncio.Semaphore(parallel)

    async def one(project: Project) -> CheckReport:
        try:
            return await check_project(
                project,
                only=only,
                openai_base_url=openai_base_url,
                timeouts=timeouts,
                use_keyring=use_keyring,
                limit=limit,
            )
        except WizardError as error:
            return _failed(project, error)

    return list(await asyncio.gather(*(one(project) for project in projects)))


def check_projects(
    projects: Sequence[Project],
    *,
    only: tuple[str, ...] = PROBE_NAMES,
    openai_base_url: str | None = None,
    timeouts: Timeouts = Timeouts(),
    parallel: int = DEFAULT_PARALLEL,
    use_keyring: bool = True,
) -> list[CheckReport]:
    """`check` for many projects in one run: one report per project, in the given order."""
    return asyncio.run(
        check_projects_async(
            projects,
            only=only,
            openai_base_url=openai_base_url,
            timeouts=timeouts,
            parallel=parallel,
            use_keyring=use_keyring,
        )
    )


def status_of_projects(
    projects: Sequence[Project], *, parallel: int = DEFAULT_PARALLEL, use_keyring: bool = True
) -> list[StatusReport]:
    """The offline `status` of each project, `parallel` at a time (each waits on git and on
    the keyring, not on the processor)."""
    from concurrent.futures import ThreadPoolExecutor

    if parallel < 1:
        raise WizardError("many.parallel-too-small", value=str(parallel))

    def one(project: Project) -> StatusReport:
        try:
            return project_status(project, use_keyring=use_keyring)
        except WizardError as error:
            return _failed(project, error).status

    if len(projects) == 1:
        return [one(projects[0])]  # no thread pool to start for the common case
    with ThreadPoolExecutor(max_workers=min(parallel, len(projects) or 1)) as pool:
        return list(pool.map(one, projects))


def worst_exit(codes: Iterable[ExitCode]) -> ExitCode:
    """The run's exit code: the worst project's, in the order one project's problems use
    (critical > unknown > warning > ok)."""
    found = set(codes)
    for code in (ExitCode.CRITICAL, ExitCode.UNKNOWN, ExitCode.WARNING):
        if code in found:
            return code
    return ExitCode.OK
