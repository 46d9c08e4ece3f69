"""Every change to a project, planned first with masked values, then applied once.

The one way both faces change a project: the TUI's Review step and the CLI's `login`/`renew`
call `plan_changes` (what would change: each `.env` line, keyring entry, widget edit,
`.gitignore` edit and Open WebUI admin change, described with masked values), show it, and
pass the person's consent to `apply_plan`. The rules hold here, not in the callers:
- a key is a `CheckedKey`, bound to its slot by the recogniser: it can only be written there;
- an old key found in the wrong variable or in `technova-config.js` is reported, never
  "followed" into a place it does not belong;
- a change that needs consent (remove a key from the widget, add `.gitignore`, write the
  `.env` files without a keyring, write a key a live test refused…) is applied only when
  that choice is in the `Consent`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import WizardError
from wizard.core.i18n import Lang, Msg, Renderable
from wizard.core.keys import (
    PROBLEM_WRONG_PLACE,
    CheckedKey,
    Slot,
    recognise_key,
)
from wizard.core.project import Project
from wizard.core.record import field, record

if TYPE_CHECKING:
    from wizard.core.account import Session
    from wizard.core.files.widget_config import SecretFinding
    from wizard.core.keystore import KeyringInfo

URL_VARIABLE = "OPENWEBUI_URL"
MODEL_VARIABLE = "OPENWEBUI_MODEL"


def env_file_for(project: Project, slot: Slot) -> Path:
    """The `.env` file whose program reads this slot's variable."""
    return project.backend_env if slot is Slot.OPENWEBUI else project.voice_env


def backend_url_for(project: Project) -> str:
    """Where the widget finds the backend: its PORT in backend/.env (3001 by default)."""
    from wizard.core.files.envread import read_env

    port = "3001"
    if project.backend_env.exists():
        port = read_env(project.backend_env).values.get("PORT") or port
    return f"http://localhost:{port}"


class Choice(StrEnum):
    """A consent a plan may ask for; the change it guards is applied only when granted."""

    REMOVE_WIDGET_SECRETS = "remove-widget-secrets"
    ADD_GITIGNORE = "add-gitignore"
    ENV_ONLY = "env-only"  # no usable keyring: keep the keys in the .env files alone
    SET_CONNECTION = "set-connection"  # the OpenAI key into Open WebUI's connection (admin)
    WRITE_REFUSED_KEY = "write-refused-key"  # a key its live test refused
    FOLLOW_OUTSIDE_SYMLINK = "follow-outside-symlink"  # a .env that links out of the project


# Choices a person is expected to agree with: the faces tick them by default. Writing a
# refused key, writing without a keyring and writing through a link are never pre-ticked.
RECOMMENDED = frozenset({Choice.REMOVE_WIDGET_SECRETS, Choice.ADD_GITIGNORE})
# Choices without which nothing is written at all (the others only skip their own change).
BLOCKING = frozenset({Choice.ENV_ONLY})


class ChangeKind(StrEnum):
    ENV_LINE = "env-line"
    KEYRING = "keyring"
    WIDGET = "widget"
    GITIGNORE = "gitignore"
    OPENWEBUI_ADMIN = "openwebui-admin"


@record
class Change:
    """One thing `apply_plan` will do, described for a person (values masked)."""

    kind: ChangeKind
    target: str  # "backend/.env", "keyring", "chat-widget/technova-config.js", "Open WebUI"…
    description: Msg
    choice: Choice | None = None  # applied only when this choice is granted
    warning: bool = False  # shown in the warning style (a refused key, a link out…)


@record
class Note:
    """Something the person should know that no change fixes (an exposed key, a key in the
    wrong variable that we leave alone…)."""

    message: Msg
    warning: bool = True


@record
class FailedCheck:
    """A live test that refused a key: the plan puts it next to the change it concerns."""

    slot: Slot
    what: Msg  # the test's own verdict, e.g. "Open WebUI refused the key…"


@record
class PlanInputs:
    """What the person chose: new keys (each bound to its slot) and the backend's settings."""

    keys: tuple[CheckedKey, ...] = ()
    openwebui_url: str | None = None  # OPENWEBUI_URL written with the Open WebUI key
    model: str | None = None  # OPENWEBUI_MODEL written with the Open WebUI key
    connection_key: CheckedKey | None = None  # into Open WebUI's connection (needs a session)
    failed_checks: tuple[FailedCheck, ...] = ()
    create_widget: bool = False  # a first setup writes technova-config.js when it is missing

    def key_for(self, slot: Slot) -> CheckedKey | None:
        return next((key for key in self.keys if key.slot is slot), None)


@record
class _EnvEdit:
    """The variables one `.env` file gets, and the choice that guards them (if any)."""

    path: Path
    slot: Slot
    updates: dict[str, str] = field(repr=False, compare=False)
    choice: Choice | None = None


@record
class Plan:
    """What `apply_plan` would do, for a person to read before anything is written."""

    inputs: PlanInputs
    changes: tuple[Change, ...]
    notes: tuple[Note, ...]
    choices: frozenset[Choice]  # the consents this plan asks for
    keyring_usable: bool
    keyring_name: str
    widget_findings: int  # keys found in technova-config.js
    _edits: tuple[_EnvEdit, ...] = field(default=(), repr=False, compare=False)
    _widget_create: bool = field(default=False, repr=False)

    @property
    def recommended(self) -> frozenset[Choice]:
        """The choices the faces tick by default."""
        return self.choices & RECOMMENDED

    def missing(self, consent: Consent) -> frozenset[Choice]:
        """Choices without which `apply_plan` writes nothing."""
        return (self.choices & BLOCKING) - consent.granted

    @property
    def changes_anything(self) -> bool:
        return bool(self.changes)


@record
class Consent:
    """The choices the person agreed to (a CLI's `--yes` grants the recommended ones)."""

    granted: frozenset[Choice] = frozenset()

    def allows(self, choice: Choice | None) -> bool:
        return choice is None or choice in self.granted

    @classmethod
    def of(cls, *choices: Choice) -> Consent:
        return cls(frozenset(choices))


@record
class Outcome:
    """What `apply_plan` did."""

    written: tuple[str, ...] = ()  # files changed, relative to the project
    backups: tuple[Path, ...] = ()
    in_keyring: bool = False
    keyring_problem: Msg | None = None  # why the keyring did not get its copy
    skipped: tuple[Msg, ...] = ()  # changes not made, and why
    connection_set: bool = False
    notes: tuple[Msg, ...] = ()  # what the person should know (a group that can read a key…)


# --- planning -----------------------------------------------------------------------------------


def plan_changes(project: Project, inputs: PlanInputs) -> Plan:
    """Everything `apply_plan` would change for `inputs`, described with masked values.

    Reads the project's files and asks the keyring whether it is usable; writes nothing.
    Raises `WizardError` when a file cannot be read.
    """
    from wizard.core import keystore

    keyring = keystore.keyring_info()
    changes: list[Change] = []
    notes: list[Note] = []
    edits: list[_EnvEdit] = []
    choices: set[Choice] = set()

    for key in inputs.keys:
        edit, key_changes, key_notes = _plan_key(project, inputs, key, keyring)
        if edit is not None:
            edits.append(edit)
            if edit.choice is not None:
                choices.add(edit.choice)
        changes += key_changes
        notes += key_notes
        if keyring.usable:
            changes.append(
                Change(
                    ChangeKind.KEYRING,
                    "keyring",
                    Msg(
                        "plan.keyring.store",
                        {
                            "variable": key.slot.value,
                            "masked": key.masked,
                            "backend": keyring.label,
                        },
                    ),
                )
            )
    if inputs.keys and not keyring.usable:
        choices.add(Choice.ENV_ONLY)
        notes.append(
            Note(
                Msg(
                    "plan.keyring.unusable",
                    {"reason": keyring.reason or Msg("plan.keyring.no-reason")},
                )
            )
        )
    notes += _misplaced_old_keys(project, inputs)

    findings, widget_changes, widget_notes, create = _plan_widget(project, inputs)
    changes += widget_changes
    notes += widget_notes
    if findings:
        choices.add(Choice.REMOVE_WIDGET_SECRETS)

    gitignore = _plan_gitignore(project, inputs)
    if gitignore is not None:
        changes.append(gitignore)
        choices.add(Choice.ADD_GITIGNORE)

    if inputs.connection_key is not None:
        if inputs.connection_key.slot is not Slot.OPENAI:  # Open WebUI's connection: OpenAI's
            raise WizardError(
                f"plan.wrong-slot.{Slot.OPENAI.value}", masked=inputs.connection_key.masked
            )
        choices.add(Choice.SET_CONNECTION)
        changes.append(
            Change(
                ChangeKind.OPENWEBUI_ADMIN,
                "Open WebUI",
                Msg("plan.connection", {"masked": inputs.connection_key.masked}),
                Choice.SET_CONNECTION,
            )
        )
    return Plan(
        inputs,
        tuple(changes),
        tuple(notes),
        frozenset(choices),
        keyring.usable,
        keyring.backend,
        findings,
        tuple(edits),
        create,
    )


def _plan_key(
    project: Project, inputs: PlanInputs, key: CheckedKey, keyring: KeyringInfo
) -> tuple[_EnvEdit | None, list[Change], list[Note]]:
    from wizard.core.files.envread import file_mode_problem, read_env

    path = env_file_for(project, key.slot)
    where = project.relative(path)
    current = read_env(path)
    updates: dict[str, str] = {}
    changes: list[Change] = []
    notes: list[Note] = []

    failed = [check for check in inputs.failed_checks if check.slot is key.slot]
    outside = _links_outside(project, path)
    choice = (
        Choice.WRITE_REFUSED_KEY if failed else Choice.FOLLOW_OUTSIDE_SYMLINK if outside else None
    )
    old = current.values.get(key.slot.value)
    if old != key.secret.reveal():
        updates[key.slot.value] = key.secret.reveal()
        changes.append(
            Change(
                ChangeKind.ENV_LINE,
                where,
                _describe_key_change(where, key, old, current.exists),
                choice,
                warning=bool(failed) or outside,
            )
        )
    if key.slot is Slot.OPENWEBUI:
        for variable, wanted in (
            (URL_VARIABLE, inputs.openwebui_url),
            (MODEL_VARIABLE, inputs.model),
        ):
            if wanted is not None and current.values.get(variable) != wanted:
                updates[variable] = wanted
                changes.append(
                    Change(
                        ChangeKind.ENV_LINE,
                        where,
                        Msg(
                            "plan.env.setting",
                            {
                                "file": where,
                                "variable": variable,
                                "before": current.values.get(variable) or Msg("plan.env.unset"),
                                "after": wanted,
                            },
                        ),
                        choice,
                    )
                )
    for check in failed:
        notes.append(
            Note(
                Msg(
                    "plan.note.refused",
                    {"file": where, "variable": key.slot.value, "what": check.what},
                )
            )
        )
    if outside:
        notes.append(
            Note(
                Msg(
                    "plan.note.link-outside", {"file": where, "target": str(os.path.realpath(path))}
                )
            )
        )
    if updates and current.exists and file_mode_problem(path):
        notes.append(Note(Msg("plan.note.readable-by-others", {"file": where})))
    if not updates:
        return None, changes, notes
    return _EnvEdit(path, key.slot, updates, choice), changes, notes


def _describe_key_change(where: str, key: CheckedKey, old: str | None, exists: bool) -> Msg:
    """ "X → Y", or what cleaning changed when the key itself stays the same."""
    params: dict[str, object] = {"file": where, "variable": key.slot.value, "after": key.masked}
    if old is None:
        return Msg("plan.env.add" if exists else "plan.env.create", params)
    before = recognise_key(old)
    if before.secret == key.secret and before.fixes:
        extras = [Msg(f"status.extras.{fix}") for fix in before.fixes]
        return Msg("plan.env.clean", {**params, "extras": _joined(extras)})
    return Msg("plan.env.replace", {**params, "before": before.masked or "—"})


@record
class _Joined(Renderable):
    """A list of messages joined in the reader's language ("a, b and c" / "a, b et c")."""

    parts: tuple[Msg, ...]

    def render(self, lang: Lang) -> str:
        from wizard.core.i18n import t

        texts = [part.render(lang) for part in self.parts]
        if len(texts) < 2:
            return "".join(texts)
        return t("common.and-list", lang, head=", ".join(texts[:-1]), last=texts[-1])


def _joined(parts: Iterable[Msg]) -> _Joined:
    return _Joined(tuple(parts))


def _links_outside(project: Project, path: Path) -> bool:
    """True when writing `path` would land outside the project (a link, or a linked folder)."""
    from wizard.core.files.guard import write_target

    try:
        return write_target(path, project.root, follow_outside_symlink=True).outside
    except WizardError:  # not a regular file: the write itself will say so
        return False


def _misplaced_old_keys(project: Project, inputs: PlanInputs) -> list[Note]:
    """Keys sitting in the other service's variable: reported, never changed by this plan."""
    from wizard.core.files.envread import read_env

    notes: list[Note] = []
    for slot in Slot:
        path = env_file_for(project, slot)
        try:
            value = read_env(path).values.get(slot.value)
        except WizardError:
            continue
        if not value:
            continue
        report = recognise_key(value, slot=slot)
        if PROBLEM_WRONG_PLACE in report.problems:
            notes.append(
                Note(
                    Msg(
                        f"plan.note.wrong-variable.{slot.value}",
                        {
                            "file": project.relative(path),
                            "variable": slot.value,
                            "masked": report.masked,
                        },
                    )
                )
            )
    return notes


def _plan_widget(
    project: Project, inputs: PlanInputs
) -> tuple[int, list[Change], list[Note], bool]:
    from wizard.core.files.widget_config import find_secrets, read_widget_config

    path = project.widget_config
    where = project.relative(path)
    if not path.exists():
        if not inputs.create_widget:
            return 0, [], [], False
        change = Change(ChangeKind.WIDGET, where, Msg("plan.widget.create", {"file": where}))
        return 0, [change], [], True
    findings = find_secrets(read_widget_config(path))
    changes = [
        Change(
            ChangeKind.WIDGET,
            where,
            Msg(
                "plan.widget.remove",
                {
                    "file": where,
                    "line": finding.line,
                    "field": finding.field or "?",
                    "masked": finding.masked,
                },
            ),
            Choice.REMOVE_WIDGET_SECRETS,
            warning=True,
        )
        for finding in findings
    ]
    notes = [Note(_exposed_note(findings, inputs, where))] if findings else []
    return len(findings), changes, notes, False


def _exposed_note(findings: Sequence[SecretFinding], inputs: PlanInputs, where: str) -> Msg:
    """What to do about keys every visitor could read. When they are all OpenAI keys and this
    plan writes a new one, say that it takes their place and that the old one still works
    until it is revoked, rather than ask for a replacement the person is already giving."""
    new_openai = {key.report.masked for key in inputs.keys if key.slot is Slot.OPENAI}
    replaced = bool(new_openai) and all(
        finding.kind.startswith("openai-") and finding.masked not in new_openai
        for finding in findings
    )
    key = "plan.note.widget-exposed-replaced" if replaced else "plan.note.widget-exposed"
    return Msg(key, {"file": where})


def _plan_gitignore(project: Project, inputs: PlanInputs) -> Change | None:
    from wizard.core.files.gitignore import env_files_to_ignore

    files = [project.relative(path) for path in env_files_to_ignore(project)]
    if inputs.keys:
        # The files this plan creates will need it too.
        from wizard.core.project import git_state

        for key in inputs.keys:
            path = env_file_for(project, key.slot)
            relative = project.relative(path)
            if relative in files or path.exists():
                continue
            state = git_state(path)
            if state.in_repository and not state.ignored:
                files.append(relative)
    if not files:
        return None
    return Change(
        ChangeKind.GITIGNORE,
        ".gitignore",
        Msg("plan.gitignore", {"files": ", ".join(files)}),
        Choice.ADD_GITIGNORE,
    )


# --- applying -----------------------------------------------------------------------------------


def apply_plan(
    project: Project,
    plan: Plan,
    consent: Consent,
    *,
    session: Session | None = None,
    on_wait: Callable[[], None] | None = None,
    lang: Lang = "en",
) -> Outcome:
    """Do what `plan` says, within `consent`: the `.env` files first (what the programs read),
    then the keyring copies, the widget, `.gitignore` and Open WebUI's connection.

    `on_wait` is called if another run is writing the same file. Raises `WizardError`: when
    nothing was written yet, the error says so; when something was, `plan.partly-applied`
    names what was and what failed.
    """
    missing = plan.missing(consent)
    if missing:
        raise WizardError("plan.consent-missing", choice=Msg(f"plan.choice.{min(missing)}"))
    written: list[str] = []
    backups: list[Path] = []
    skipped: list[Msg] = []
    notes: list[Msg] = []

    def step(action: Callable[[], None]) -> None:
        try:
            action()
        except WizardError as error:
            if not written:
                raise
            raise WizardError(
                "plan.partly-applied", done=", ".join(written), error=error.explanation.what
            ) from None

    for edit in plan._edits:
        where = project.relative(edit.path)
        if not consent.allows(edit.choice):
            skipped.append(Msg(f"plan.skipped.{edit.choice}", {"file": where}))
            continue

        def write(edit: _EnvEdit = edit, where: str = where) -> None:
            from wizard.core.files.envfile import write_env

            result = write_env(
                edit.path,
                edit.updates,
                on_wait=on_wait,
                root=project.root,
                follow_outside_symlink=consent.allows(Choice.FOLLOW_OUTSIDE_SYMLINK),
            )
            if result.changed:
                written.append(where)
            if result.backup is not None:
                backups.append(result.backup)
            notes.extend(result.notes)

        step(write)

    in_keyring, keyring_problem = _store_in_keyring(project, plan, consent)

    if plan._widget_create or (
        plan.widget_findings and consent.allows(Choice.REMOVE_WIDGET_SECRETS)
    ):
        step(lambda: _apply_widget(project, plan, written, backups, lang))
    elif plan.widget_findings:
        skipped.append(
            Msg(
                "plan.skipped.remove-widget-secrets",
                {"file": project.relative(project.widget_config)},
            )
        )

    if Choice.ADD_GITIGNORE in plan.choices:
        if consent.allows(Choice.ADD_GITIGNORE):
            step(lambda: _apply_gitignore(project, written))
        else:
            skipped.append(Msg("plan.skipped.add-gitignore"))

    connection_set = False
    key = plan.inputs.connection_key
    if key is not None and consent.allows(Choice.SET_CONNECTION):
        if session is None or not session.is_admin:
            skipped.append(Msg("plan.skipped.set-connection"))
        else:
            from wizard.core import account
            from wizard.core.checks import target_from_project

            base = target_from_project(project).openai_base_url
            step(lambda: account.set_openai_key(session, key.secret, base))
            connection_set = True
    _forget_recovered(project, plan, consent)
    return Outcome(
        tuple(written),
        tuple(backups),
        in_keyring,
        keyring_problem,
        tuple(skipped),
        connection_set,
        tuple(notes),
    )


def _store_in_keyring(project: Project, plan: Plan, consent: Consent) -> tuple[bool, Msg | None]:
    """A keyring copy of each key written; a keyring that refuses is said, not an error."""
    keys = [
        key
        for key in plan.inputs.keys
        if any(edit.slot is key.slot and consent.allows(edit.choice) for edit in plan._edits)
        or not any(edit.slot is key.slot for edit in plan._edits)
    ]
    if not keys:
        return False, None
    if not plan.keyring_usable:
        return False, Msg("plan.keyring.env-only")
    from wizard.core import keystore

    try:
        for key in keys:
            keystore.save_key(key.slot, project.root, key.secret)
    except WizardError as error:
        return False, error.explanation.what
    return True, None


def _apply_widget(
    project: Project, plan: Plan, written: list[str], backups: list[Path], lang: Lang
) -> None:
    from wizard.core.files.widget_config import (
        WidgetSettings,
        read_widget_config,
        remove_secrets,
        render_widget_config,
        write_widget_config,
    )

    path = project.widget_config
    if plan._widget_create and not path.exists():
        settings = WidgetSettings(backend_url_for(project), language=lang)
        backup = write_widget_config(path, render_widget_config(settings), root=project.root)
    else:
        cleaned, removed = remove_secrets(read_widget_config(path))
        if not removed:
            return
        backup = write_widget_config(path, cleaned, root=project.root)
    written.append(project.relative(path))
    if backup is not None:
        backups.append(backup)


def _apply_gitignore(project: Project, written: list[str]) -> None:
    from wizard.core.files.gitignore import ignore_env_files

    changed = ignore_env_files(project)
    if changed is not None:
        written.append(project.relative(changed))


def _forget_recovered(project: Project, plan: Plan, consent: Consent) -> None:
    """A key kept safe while it was not yet written (see keyflow) is no longer needed."""
    from wizard.core.recovery import forget

    for edit in plan._edits:
        key = plan.inputs.key_for(edit.slot)
        if key is not None and consent.allows(edit.choice):
            forget(project, key)
