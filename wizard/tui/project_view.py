"""What the wizard needs to know about a project folder, read in one go by the engine.

Called from workers (and once before the first frame); screens only show its result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.core.checks import ProjectSettings
from wizard.core.project import Project
from wizard.core.status import StatusReport


@dataclass(frozen=True)
class ProjectView:
    project: Project
    settings: ProjectSettings | None  # None when a file could not be read (status says why)
    status: StatusReport
    exposed: frozenset[str]  # masked forms of the keys found in technova-config.js
    existing: tuple[str, ...]  # the project's files that exist, relative to its root


def read_project_view(folder: Path | str) -> ProjectView:
    """Files only (no network): the project, its settings, its problems, its exposed keys."""
    from wizard.core.checks import read_settings
    from wizard.core.errors import WizardError
    from wizard.core.project import find_project
    from wizard.core.status import keys_in_widget, project_status

    project = find_project(Path(folder).expanduser())
    try:
        settings: ProjectSettings | None = read_settings(project)
    except WizardError:
        settings = None
    files = (project.backend_env, project.voice_env, project.widget_config)
    existing = tuple(project.relative(path) for path in files if path.exists())
    return ProjectView(
        project, settings, project_status(project), keys_in_widget(project), existing
    )
