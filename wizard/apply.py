"""Put keys and settings where the project's programs read them: keyring, `.env` files, widget.

The one place both faces (TUI, CLI `login`/`renew`) go through to change a project, so the
rules hold everywhere: a key only goes in the slot it belongs to, the `.env` files are edited
line by line (wizard.envfile), the keyring gets a copy when there is a usable one, and the
widget config never receives a secret.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.envfile import EnvWrite, read_env, write_env
from wizard.errors import WizardError
from wizard.i18n import Msg
from wizard.keys import PROBLEM_WRONG_PLACE, KeyReport, Slot, recognise_key
from wizard.project import Project
from wizard.secret import Secret

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
        from wizard.expiry import LocalDateTime

        code = next(iter(report.problems), "not-a-key")
        params: dict[str, object] = {"service": report.other_service or ""}
        if report.expires_at is not None:
            params["when"] = LocalDateTime(report.expires_at)
        raise WizardError("apply.unusable", masked=report.masked or "—",
                          reason=Msg(f"problem.{code}", params))
    return report


def plan_key(project: Project, slot: Slot, key: KeyReport,
             settings: dict[str, str] | None = None) -> list[PlannedChange]:
    """What `save_key` would change, masked, for a preview before anything is written."""
    path = env_file_for(project, slot)
    current = read_env(path).values if path.exists() else {}
    changes: list[PlannedChange] = []
    old = current.get(slot.value)
    if old != key.secret.reveal():
        changes.append(PlannedChange(project.relative(path), slot.value,
                                     recognise_key(old).masked if old else None, key.masked))
    for name, value in (settings or {}).items():
        if current.get(name) != value:
            changes.append(PlannedChange(project.relative(path), name, current.get(name), value))
    return changes


def save_key(project: Project, slot: Slot, key: KeyReport, *, use_keyring: bool = True,
             settings: dict[str, str] | None = None,
             on_wait: Callable[[], None] | None = None) -> SaveResult:
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
    from wizard import keystore

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
