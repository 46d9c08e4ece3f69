"""`status`, offline: every credential of the project and every problem, with an exit code.

Exit codes follow the monitoring convention (Nagios, Icinga, cron wrappers):
0 ok, 1 warning, 2 critical, 3 unknown (we could not read what we needed).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.expiry import LocalDateTime, RenewalLevel, expiry_of, span_between
from wizard.core.i18n import Msg
from wizard.core.keys import (
    PROBLEM_EXPIRED,
    PROBLEM_WRONG_PLACE,
    KeyKind,
    KeyReport,
    Slot,
    recognise_key,
)
from wizard.core.project import Project, git_state, work_tree_of
from wizard.core.record import field, record, replace
from wizard.core.secret import Secret
from wizard.core.voice_code import BetaHeaderUse

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from datetime import datetime

    from wizard.core.git_exposure import Listing


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"
    UNKNOWN = "unknown"


class ExitCode(IntEnum):
    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


@record
class Problem:
    code: str
    severity: Severity
    message: Msg
    file: str | None = None  # relative to the project root
    slot: Slot | None = None  # the key this problem is about, when it is about one


@record
class Credential:
    """One key found in the project (never its value: only the masked form)."""

    slot: Slot
    file: str  # where it was found: "backend/.env", "websocket-server/.env" or "keyring"
    report: KeyReport
    in_keyring: bool | None  # None when the keyring could not be asked
    severity: Severity = Severity.INFO  # the worst problem about this key
    keyring_matches: bool | None = None  # the keyring holds this very key (None: not asked)

    @property
    def level(self) -> RenewalLevel:
        return expiry_of(self.report).level

    @property
    def usable(self) -> bool:
        """The key works as its program reads it: recognised, and no critical problem."""
        return self.report.usable and self.severity is not Severity.CRITICAL


@record
class StatusReport:
    project: Project
    credentials: list[Credential] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    chat_set_up: bool = False  # backend/.env exists: the chat path is there to test
    voice_set_up: bool = False  # websocket-server/.env holds an OPENAI_API_KEY
    beta_header: BetaHeaderUse | None = None  # the voice code sends the retired beta header

    @property
    def exit_code(self) -> ExitCode:
        return exit_code_for(p.severity for p in self.problems)


_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.UNKNOWN, Severity.CRITICAL)


def worst(severities: object) -> Severity:
    """The most serious of `severities` (INFO when there is none)."""
    found = set(severities)  # type: ignore[call-overload]
    return max(found, key=_SEVERITY_ORDER.index, default=Severity.INFO)


def exit_code_for(severities: object) -> ExitCode:
    """The worst state wins; something known to be broken outranks something we could not read."""
    found = set(severities)  # type: ignore[call-overload]
    if Severity.CRITICAL in found:
        return ExitCode.CRITICAL
    if Severity.UNKNOWN in found:
        return ExitCode.UNKNOWN
    if Severity.WARNING in found:
        return ExitCode.WARNING
    return ExitCode.OK


# Which file holds which key, and what is read from where.
_ENV_SLOTS = ((Slot.OPENWEBUI, "backend_env"), (Slot.OPENAI, "voice_env"))


def project_status(
    project: Project, *, now: datetime | None = None, use_keyring: bool = True
) -> StatusReport:
    """Everything `status` reports, without touching the network. Session tokens are judged
    against `now`, by default the moment each is read."""
    from wizard.core.files.envread import file_mode_problem, node_parse, read_env

    report = StatusReport(project)
    problems = report.problems

    if not project.has_any_file:
        missing = "status.project-not-found" if project.root.is_dir() else "status.folder-not-found"
        problems.append(
            Problem(
                "project-not-found", Severity.UNKNOWN, Msg(missing, {"path": str(project.root)})
            )
        )
        return report

    keyring_values = _keyring_values(project, problems) if use_keyring else None
    listing = _git_listing(project)
    chat_set_up = voice_set_up = False

    for slot, attribute in _ENV_SLOTS:
        path: Path = getattr(project, attribute)
        where = project.relative(path)
        if not path.exists():
            problems.append(_not_set_up(slot, where))
            continue
        try:
            env = read_env(path)
        except WizardError as error:
            problems.append(
                Problem("file-unreadable", Severity.UNKNOWN, error.explanation.what, where)
            )
            continue
        if file_mode_problem(path):
            problems.append(
                Problem(
                    "env-readable-by-others",
                    Severity.WARNING,
                    Msg("status.env-readable-by-others", {"file": where}),
                    where,
                )
            )
        _git_problems(path, where, problems, listing)

        # The value as the project's Node server gets it (dotenv), not as Python reads it.
        value = node_parse(env.text).get(slot.value, "")
        if slot is Slot.OPENWEBUI:
            chat_set_up = True
        if not value.strip():
            if slot is Slot.OPENAI:
                problems.append(_not_set_up(slot, where))
                continue
            problems.append(
                Problem(
                    f"missing-key.{slot.value}",
                    Severity.CRITICAL,
                    Msg(f"status.missing-key.{slot.value}", {"file": where}),
                    where,
                    slot,
                )
            )
            continue
        if slot is Slot.OPENAI:
            voice_set_up = True
        key = recognise_key(value, slot=slot, now=now)
        stored = keyring_values.get(slot) if keyring_values is not None else None
        in_keyring = None if keyring_values is None else stored is not None
        found = _key_problems(key, slot, where, now)
        if keyring_values is not None:
            found += _keyring_problems(key, stored, slot, where)
        problems.extend(found)
        severity = worst(p.severity for p in found)
        matches = None if stored is None else stored.reveal() == key.secret.reveal()
        report.credentials.append(Credential(slot, where, key, in_keyring, severity, matches))

    beta_header = None
    if voice_set_up:
        from wizard.core.voice_code import find_beta_header

        beta_header = find_beta_header(project.root)
        if beta_header is not None:
            problems.append(
                Problem(
                    "voice-beta-header",
                    Severity.CRITICAL,
                    Msg(
                        "status.voice-beta-header",
                        {"file": beta_header.file, "line": beta_header.line},
                    ),
                    beta_header.file,
                )
            )
    _widget_problems(project, problems)
    _exposure_problems(project, problems, listing)
    from wizard.core.deploy.status import deployment_problems  # how the backend restarts

    backend = next((c for c in report.credentials if c.slot is Slot.OPENWEBUI), None)
    has_api_key = backend is not None and backend.report.kind is KeyKind.OPENWEBUI_API_KEY
    problems.extend(deployment_problems(project, has_api_key))
    return replace(
        report, chat_set_up=chat_set_up, voice_set_up=voice_set_up, beta_header=beta_header
    )


def _not_set_up(slot: Slot, where: str) -> Problem:
    """A missing .env, or a voice server without a key: a part of the site not set up (info)."""
    if slot is Slot.OPENAI:
        return Problem("voice-not-set-up", Severity.INFO, Msg("status.voice-not-set-up"), where)
    return Problem(
        f"missing-file.{slot.value}",
        Severity.INFO,
        Msg(f"status.missing-file.{slot.value}", {"file": where}),
        where,
    )


def _keyring_problems(
    key: KeyReport, stored: Secret | None, slot: Slot, where: str
) -> list[Problem]:
    if stored is None:
        return [
            Problem(
                "keyring-missing",
                Severity.INFO,
                Msg("status.keyring-missing", {"file": where}),
                where,
                slot,
            )
        ]
    if stored.reveal() != key.secret.reveal():
        return [
            Problem(
                "keyring-env-mismatch",
                Severity.WARNING,
                Msg(
                    "status.keyring-env-mismatch",
                    {"file": where, "env": key.masked, "keyring": stored.masked},
                ),
                where,
                slot,
            )
        ]
    return []


def _keyring_values(project: Project, problems: list[Problem]) -> dict[Slot, Secret] | None:
    """The keys stored in the keyring for this project, or None when there is no usable keyring."""
    from wizard.core import keystore

    kept = keystore.read_kept_keys(project.root)
    if not kept.info.usable:
        reason = kept.info.reason or Msg("status.keyring-unavailable")
        problems.append(Problem("keyring-unavailable", Severity.INFO, reason))
        return None
    return dict(kept.keys)


def _key_problems(key: KeyReport, slot: Slot, where: str, now: datetime | None) -> list[Problem]:
    found: list[Problem] = []
    if key.fixes and key.usable:
        # The program reads the raw value, space or quote included, and sends it as is.
        extras = Msg(f"status.extras.{key.fixes[0]}")
        found.append(
            Problem(
                "key-with-extras",
                Severity.CRITICAL,
                Msg(
                    "status.key-with-extras",
                    {"file": where, "masked": key.masked, "extras": extras},
                ),
                where,
                slot,
            )
        )
    if PROBLEM_WRONG_PLACE in key.problems:
        found.append(
            Problem(
                "key-in-wrong-file",
                Severity.CRITICAL,
                Msg(
                    f"status.key-in-wrong-file.{slot.value}", {"file": where, "masked": key.masked}
                ),
                where,
                slot,
            )
        )
    blocking = [p for p in key.problems if p not in (PROBLEM_WRONG_PLACE, PROBLEM_EXPIRED)]
    if key.kind is KeyKind.UNKNOWN or (blocking and not key.usable):
        for code in blocking or ["not-a-key"]:
            found.append(
                Problem(
                    "key-unusable",
                    Severity.CRITICAL,
                    Msg(
                        "status.key-unusable",
                        {
                            "file": where,
                            "masked": key.masked,
                            "reason": Msg(f"problem.{code}", {"service": key.other_service or ""}),
                        },
                    ),
                    where,
                    slot,
                )
            )
    # A session token in the voice server's file is only in the wrong place (said above).
    if key.kind is KeyKind.OPENWEBUI_JWT and slot is Slot.OPENWEBUI:
        from datetime import UTC, datetime

        now = now or datetime.now(UTC)
        expiry = expiry_of(key, now)
        if expiry.expires_at is not None:
            expired = expiry.level is RenewalLevel.EXPIRED
            params = {
                "file": where,
                "masked": key.masked,
                "left": span_between(
                    *((expiry.expires_at, now) if expired else (now, expiry.expires_at))
                ),
                "when": LocalDateTime(expiry.expires_at),
            }
            if expiry.level is RenewalLevel.EXPIRED:
                found.append(
                    Problem(
                        "jwt-expired",
                        Severity.CRITICAL,
                        Msg("status.jwt-expired", params),
                        where,
                        slot,
                    )
                )
            elif expiry.level is RenewalLevel.URGENT:
                found.append(
                    Problem(
                        "jwt-expiring",
                        Severity.CRITICAL,
                        Msg("status.jwt-urgent", params),
                        where,
                        slot,
                    )
                )
            elif expiry.level is RenewalLevel.RENEW_SOON:
                found.append(
                    Problem(
                        "jwt-expiring",
                        Severity.WARNING,
                        Msg("status.jwt-renew-soon", params),
                        where,
                        slot,
                    )
                )
        if key.usable:
            found.append(
                Problem(
                    "jwt-instead-of-api-key",
                    Severity.INFO,
                    Msg("status.jwt-instead-of-api-key", {"file": where}),
                    where,
                    slot,
                )
            )
    return found


def _git_listing(project: Project) -> Listing | None:
    """What git publishes in the project, in one `git ls-files` run for every question
    status asks (the two .env files, then every other file): no git, no subprocess."""
    if work_tree_of(project.root / "_") is None:
        return None
    from wizard.core.git_exposure import git_listing

    return git_listing(project.root)


def _git_problems(path: Path, where: str, problems: list[Problem], listing: Listing | None) -> None:
    from_listing = listing.state_of(path) if listing else None
    state = from_listing or git_state(path)
    if not state.in_repository:
        return
    if not state.checked:  # e.g. a repository git refuses to read: never "looks right"
        problems.append(
            Problem(
                "git-could-not-check",
                Severity.UNKNOWN,
                Msg("safety.git-could-not-check", {"file": where}),
                where,
            )
        )
    elif state.tracked:
        problems.append(
            Problem(
                "env-tracked-by-git",
                Severity.CRITICAL,
                Msg("status.env-tracked-by-git", {"file": where}),
                where,
            )
        )
    elif not state.ignored:
        problems.append(
            Problem(
                "env-not-gitignored",
                Severity.WARNING,
                Msg("status.env-not-gitignored", {"file": where}),
                where,
            )
        )


def _exposure_problems(project: Project, problems: list[Problem], listing: Listing | None) -> None:
    """Any other file holding a key that git tracks or would add (old backups, copies)."""
    if work_tree_of(project.root / "_") is None:
        return  # outside git, nothing is published
    from wizard.core.git_exposure import exposed_keys

    skip = frozenset({project.backend_env, project.voice_env, project.widget_config})
    exposure = exposed_keys(project.root, skip, listing)
    if not exposure.checked:
        problems.append(
            Problem(
                "git-could-not-check",
                Severity.UNKNOWN,
                Msg("safety.git-could-not-check", {"file": "."}),
            )
        )
    for found in exposure.found:
        code = "key-tracked-by-git" if found.tracked else "key-would-be-added"
        problems.append(
            Problem(
                code,
                Severity.CRITICAL if found.tracked else Severity.WARNING,
                Msg(f"safety.{code}", {"file": found.file, "masked": found.masked}),
                found.file,
            )
        )


def _widget_problems(project: Project, problems: list[Problem]) -> None:
    path = project.widget_config
    if not path.exists():
        return
    from wizard.core.files.widget_config import (  # its lexer costs ~15 ms
        find_secrets,
        read_widget_config,
    )

    where = project.relative(path)
    try:
        text = read_widget_config(path)
    except WizardError as error:
        problems.append(Problem("file-unreadable", Severity.UNKNOWN, error.explanation.what, where))
        return
    for finding in find_secrets(text):
        # A real key must also be replaced; a stand-in (`owui-…`, `YOUR_KEY`) only removed.
        message = "key" if finding.is_key else finding.kind
        problems.append(
            Problem(
                "secret-in-widget-config",
                Severity.CRITICAL,
                Msg(
                    f"status.widget.{message}",
                    {
                        "file": where,
                        "line": finding.line,
                        "field": finding.field or "?",
                        "masked": finding.masked,
                    },
                ),
                where,
            )
        )


def keys_in_widget(project: Project) -> frozenset[str]:
    """The masked forms of every key technova-config.js holds (an unreadable file: none)."""
    from wizard.core.files.widget_config import find_secrets, read_widget_config

    if not project.widget_config.is_file():
        return frozenset()
    try:
        text = read_widget_config(project.widget_config)
    except WizardError:
        return frozenset()  # status reports the unreadable file
    return frozenset(finding.masked for finding in find_secrets(text))
