"""`check`: the offline status plus the live probes, for one project."""

from __future__ import annotations

import asyncio
from pathlib import Path

from wizard.core.diagnosis import Verdict
from wizard.core.keys import KeyReport, Slot, recognise_key
from wizard.core.probes import (
    DEFAULT_OPENAI_BASE_URL,
    PROBE_NAMES,
    ProbeResult,
    ProbeTarget,
    Timeouts,
    run_probes,
)
from wizard.core.project import DEFAULT_MODEL, DEFAULT_OPENWEBUI_URL, Project
from wizard.core.record import record, replace
from wizard.core.secret import Secret
from wizard.core.status import (
    ExitCode,
    Problem,
    Severity,
    StatusReport,
    exit_code_for,
    project_status,
    worst,
)

# The variable a project may use to point the voice server at another OpenAI-compatible base.
OPENAI_BASE_URL_VARIABLE = "OPENAI_BASE_URL"


def target_from_project(project: Project, openai_base_url: str | None = None) -> ProbeTarget:
    """What the probes test: the values the project's servers themselves read from their .env
    (as Node's `dotenv` reads them: that is what the servers send)."""
    from wizard.core.files.envread import node_parse, read_env

    def values(path: Path) -> dict[str, str]:
        return node_parse(read_env(path).text) if path.exists() else {}

    backend, voice = values(project.backend_env), values(project.voice_env)

    def secret(value: str | None) -> Secret | None:
        return Secret(value) if value else None

    return ProbeTarget(
        openwebui_url=backend.get("OPENWEBUI_URL") or DEFAULT_OPENWEBUI_URL,
        openwebui_key=secret(backend.get("OPENWEBUI_API_KEY")),
        model=backend.get("OPENWEBUI_MODEL") or DEFAULT_MODEL,
        openai_base_url=openai_base_url
        or voice.get(OPENAI_BASE_URL_VARIABLE)
        or DEFAULT_OPENAI_BASE_URL,
        openai_key=secret(voice.get("OPENAI_API_KEY")),
        backend_file=project.relative(project.backend_env),
        voice_file=project.relative(project.voice_env),
    )


CHAT_PROBES = ("openwebui", "chat")
VOICE_PROBES = ("openai", "realtime")


def probes_for(project: Project, target: ProbeTarget) -> tuple[str, ...]:
    """The probes of the parts this site has: the chat when backend/.env exists, the voice
    when websocket-server/.env holds an OPENAI_API_KEY (the same rule as `status`)."""
    names: tuple[str, ...] = ()
    if not project.has_any_file:
        return names
    if project.backend_env.exists():
        names += CHAT_PROBES
    if target.openai_key is not None and target.openai_key.reveal().strip():
        names += VOICE_PROBES
    return names


@record
class ProjectSettings:
    """What the project's files say today: the wizard starts from it."""

    openwebui_url: str
    model: str
    keys: dict[Slot, KeyReport]  # the keys found in the .env files, recognised


def read_settings(project: Project) -> ProjectSettings:
    """The backend's address and model, and each key the .env files hold (as KeyReports)."""
    target = target_from_project(project)
    keys = {}
    for slot, secret in ((Slot.OPENWEBUI, target.openwebui_key), (Slot.OPENAI, target.openai_key)):
        if secret is not None:
            keys[slot] = recognise_key(secret.reveal(), slot=slot)
    return ProjectSettings(target.openwebui_url, target.model, keys)


_PROBE_SLOTS = {
    "openwebui": Slot.OPENWEBUI,
    "chat": Slot.OPENWEBUI,
    "openai": Slot.OPENAI,
    "realtime": Slot.OPENAI,
}
_NOT_ABOUT_THE_KEY = frozenset({"realtime-code-beta-header", "realtime-beta-header"})

_VERDICT_SEVERITY = {
    Verdict.OK: Severity.INFO,
    Verdict.WARNING: Severity.WARNING,
    Verdict.CRITICAL: Severity.CRITICAL,
    Verdict.UNKNOWN: Severity.UNKNOWN,
}


@record
class CheckReport:
    status: StatusReport
    results: list[ProbeResult]

    def credential_severity(self, variable: str) -> Severity:
        """A key's verdict, offline and live: the worst of `status` and its probes.

        Diagnoses about the code rather than the key (the voice server's beta header) do not
        count against the key.
        """
        slot = Slot(variable)
        offline = [c.severity for c in self.status.credentials if c.slot is slot]
        live = [
            _VERDICT_SEVERITY[r.diagnosis.verdict]
            for r in self.results
            if _PROBE_SLOTS.get(r.name) is slot and r.diagnosis.code not in _NOT_ABOUT_THE_KEY
        ]
        return worst(offline + live)

    @property
    def exit_code(self) -> ExitCode:
        severities = [p.severity for p in self.status.problems]
        severities += [_VERDICT_SEVERITY[r.diagnosis.verdict] for r in self.results]
        return exit_code_for(severities)


def run_check(
    project: Project,
    *,
    only: tuple[str, ...] = PROBE_NAMES,
    openai_base_url: str | None = None,
    timeouts: Timeouts = Timeouts(),
    use_keyring: bool = True,
) -> CheckReport:
    return asyncio.run(
        check_project(
            project,
            only=only,
            openai_base_url=openai_base_url,
            timeouts=timeouts,
            use_keyring=use_keyring,
        )
    )


async def check_project(
    project: Project,
    *,
    only: tuple[str, ...] = PROBE_NAMES,
    openai_base_url: str | None = None,
    timeouts: Timeouts = Timeouts(),
    use_keyring: bool = True,
    limit: asyncio.Semaphore | None = None,
) -> CheckReport:
    """`run_check` inside a running loop; `limit` caps probes shared with other projects.

    A part of the site that is not set up (no backend/.env; no voice server or no
    OPENAI_API_KEY) is not probed: `status` calls it "not set up" and `check` agrees.
    """
    target = target_from_project(project, openai_base_url)
    # No project here (exit 3, like `status`), or a part not set up: nothing to probe there.
    only = tuple(name for name in only if name in probes_for(project, target))
    if "realtime" in only:
        from wizard.core.voice_code import find_beta_header

        found = await asyncio.to_thread(find_beta_header, project.root)
        if found is not None:
            target = replace(target, beta_header_at=f"{found.file}:{found.line}")
    # The offline status (files, git, keyring) waits in a thread while the probes wait on
    # the network: with many projects, neither queues behind the other.
    status_task = asyncio.create_task(
        asyncio.to_thread(project_status, project, use_keyring=use_keyring)
    )

    async def one(name: str) -> ProbeResult:
        if limit is None:
            return (await run_probes(target, (name,), timeouts))[0]
        async with limit:
            return (await run_probes(target, (name,), timeouts))[0]

    results = list(await asyncio.gather(*(one(name) for name in only)))
    status = await status_task
    status.problems.extend(plain_http_problems(target))
    return CheckReport(status, results)


def plain_http_problems(target: ProbeTarget) -> list[Problem]:
    """A key the project sends over plain http to another computer: readable on the way."""
    from wizard.core.i18n import Msg
    from wizard.core.transport import secret_may_go_to, shown_url

    found = []
    for url, key, file in (
        (target.openwebui_url, target.openwebui_key, target.backend_file),
        (target.openai_base_url, target.openai_key, target.voice_file),
    ):
        if key is not None and not secret_may_go_to(url):
            message = Msg("safety.check-plain-http", {"file": file, "url": shown_url(url)})
            found.append(Problem("secret-over-plain-http", Severity.WARNING, message, file))
    return found
