"""Put keys and settings where the project's programs read them: keyring, `.env` files, widget.

The one place both faces (TUI, CLI `login`/`renew`) go through to change a project, so the
rules hold everywhere: a key only goes in the slot it belongs to, the `.env` files are edited
line by line (`wizard.core.files.envfile`), the keyring gets a copy when there is a usable
one, and the widget config never receives a secret.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.files.envfile import EnvWrite, read_env, write_env
from wizard.core.i18n import Msg
from wizard.core.keys import PROBLEM_WRONG_PLACE, KeyReport, Slot, recognise_key
from wizard.core.project import Project
from wizard.core.secret import Secret

if TYPE_CHECKING:
    from wizard.core.files.widget_config import SecretFinding

# Which file holds which key, with the settings that travel with it.
URL_VARIABLE = "OPENWEBUI_URL"
MODEL_VARIABLE = "OPENWEBUI_MODEL"


def env_file_for(project: Project, slot: Slot) -> Path:
    return project.backend_env if slot is Slot.OPENWEBUI else project.voice_env


@dataclass(frozen=True)
class PlannedChange:
    """One variable that will change in one file, shown masked in a preview."""

    file: str  # relative to the project root
    variable: str
    before: str | None  # masked when it is a key; None when the variable is new
    after: str


@dataclass
class SaveResult:
    """What `save_key` did: the files written, and whether the keyring got its copy."""

    writes: list[EnvWrite] = field(default_factory=list)
    in_keyring: bool = False
    keyring_problem: Msg | None = None  # why the keyring was not used, in words


def checked_key(value: str | Secret, slot: Slot) -> KeyReport:
    """The key cleaned and recognised for `slot`; a `WizardError` when it cannot go there.

    Refused: a key of the other kind (an OpenAI key in the Open WebUI slot or the reverse),
    and anything the recogniser finds unusable (cut short, not a key, expired…).
    """
    text = value.reveal() if isinstance(value, Secret) else value
    report = recognise_key(text, slot=slot)
    if PROBLEM_WRONG_PLACE in report.problems:
        raise WizardError(f"apply.wrong-slot.{slot.value}", masked=report.masked)
    if not report.usable:
        from wizard.core.expiry import LocalDateTime

        code = next(iter(report.problems), "not-a-key")
        params: dict[str, object] = {"service": report.other_service or ""}
        if report.expires_at is not None:
            params["when"] = LocalDateTime(report.expires_at)
        raise WizardError(
            "apply.unusable", masked=report.masked or "—", reason=Msg(f"problem.{code}", params)
        )
    return report


def plan_key(
    project: Project, slot: Slot, key: KeyReport, settings: dict[str, str] | None = None
) -> list[PlannedChange]:
    """What `save_key` would change, masked, for a preview before anything is written."""
    path = env_file_for(project, slot)
    current = read_env(path).values if path.exists() else {}
    changes: list[PlannedChange] = []
    old = current.get(slot.value)
    if old != key.secret.reveal():
        changes.append(
            PlannedChange(
                project.relative(path),
                slot.value,
                recognise_key(old).masked if old else None,
                key.masked,
            )
        )
    for name, value in (settings or {}).items():
        if current.get(name) != value:
            changes.append(PlannedChange(project.relative(path), name, current.get(name), value))
    return changes


def save_key(
    project: Project,
    slot: Slot,
    key: KeyReport,
    *,
    use_keyring: bool = True,
    settings: dict[str, str] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> SaveResult:
    """Write `key` to its `.env` file (with `settings`, e.g. OPENWEBUI_URL) and to the keyring.

    The `.env` file is written first: it is what the running programs read. A keyring that is
    missing or refuses is not an error here: the result says so, for the face to explain.
    `on_wait` is called if another run is writing the same file (see `write_env`).
    """
    updates = {slot.value: key.secret.reveal(), **(settings or {})}
    result = SaveResult()
    result.writes.append(write_env(env_file_for(project, slot), updates, on_wait=on_wait))
    if not use_keyring:
        return result
    from wizard.core import keystore

    info = keystore.keyring_info()
    if not info.usable:
        result.keyring_problem = info.reason
        return result
    try:
        keystore.save_key(slot, project.root, key.secret)
    except WizardError as error:
        result.keyring_problem = error.explanation.what
        return result
    result.in_keyring = True
    return result


@dataclass(frozen=True)
class WidgetPlan:
    """What the widget config holds now: whether it exists, and any key found in it."""

    path: Path
    exists: bool
    findings: list[SecretFinding]


def plan_widget(project: Project) -> WidgetPlan:
    from wizard.core.files.widget_config import find_secrets, read_widget_config

    path = project.widget_config
    if not path.exists():
        return WidgetPlan(path, False, [])
    return WidgetPlan(path, True, find_secrets(read_widget_config(path)))


def backend_url_for(project: Project) -> str:
    """Where the widget finds the backend: its PORT in backend/.env (3001 by default)."""
    port = "3001"
    if project.backend_env.exists():
        port = read_env(project.backend_env).values.get("PORT") or port
    return f"http://localhost:{port}"


def apply_widget(project: Project, *, remove_found_secrets: bool, lang: str = "en") -> Path | None:
    """Create the widget config if missing (no secret in it), or remove the keys found in it
    when the person agreed. Returns the backup of a changed file, None otherwise."""
    from wizard.core.files.widget_config import (
        WidgetSettings,
        read_widget_config,
        remove_secrets,
        render_widget_config,
        write_widget_config,
    )

    path = project.widget_config
    if not path.exists():
        settings = WidgetSettings(backend_url_for(project), language=lang)
        return write_widget_config(path, render_widget_config(settings))
    if not remove_found_secrets:
        return None
    cleaned, removed = remove_secrets(read_widget_config(path))
    return write_widget_config(path, cleaned) if removed else None


@dataclass(frozen=True)
class Hygiene:
    """What else the review shows: .env files others can read (writing makes them 0600) and
    .env files git would pick up (fixed with consent)."""

    readable_by_others: list[str]
    not_gitignored: list[str]


def plan_hygiene(project: Project, slots: list[Slot]) -> Hygiene:
    from wizard.core.files.envfile import file_mode_problem
    from wizard.core.files.gitignore import env_files_to_ignore

    paths = [env_file_for(project, slot) for slot in slots]
    return Hygiene(
        [project.relative(p) for p in paths if p.exists() and file_mode_problem(p)],
        [project.relative(p) for p in env_files_to_ignore(project)],
    )
