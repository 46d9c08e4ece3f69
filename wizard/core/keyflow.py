"""Getting a new Open WebUI API key for the backend: once, for both faces.

Open WebUI keeps one API key per user, so the moment a new key is made the old one stops
working. Hence the order every face follows through these functions:
1. `ensure_writable` before asking for anything: the files that will receive the key can be
   written and nobody else is writing them (otherwise nothing is made and nothing changes);
2. a key is made (`obtain_api_key` after signing in, or `successor_from_current` with the
   credential the backend already holds) and at once kept safe in a private recovery file;
3. the faces plan and apply it (`wizard.core.plan`), which deletes the recovery file.

Least privilege: an admin making their own key never grants anything to other users. Letting
every user make API keys is a separate, explicit step (`let_users_make_keys`), offered only
when the key is for a non-admin, who cannot do it themself.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from wizard.core import account
from wizard.core.account import Session as Session  # re-exported: the faces take it from here
from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.keys import CheckedKey, KeyKind, KeyReport, Slot, check_key
from wizard.core.openwebui_version import OpenWebUIVersion
from wizard.core.plan import env_file_for
from wizard.core.project import Project
from wizard.core.record import record
from wizard.core.secret import Secret

# Refusals after which signing in is the way (the current credential cannot make a key).
_SIGN_IN_INSTEAD = frozenset(
    {
        "account.key-refused",
        "account.rotation-restricted",
        "account.keys-off",
        "account.not-allowed",
    }
)


@record
class KeyConsent:
    """What the signed-in person agreed to while a key is made for them."""

    enable_keys: bool = False  # an admin switches API keys on for the server if they are off


@record
class MadeKey:
    """A new key, made by Open WebUI and kept safe until it is written."""

    key: CheckedKey
    recovery: Path | None  # the private file that holds it meanwhile (None if none could be made)
    switched_on: bool = False  # API keys were switched on to make it
    how: Msg | None = None  # how it was made ("rotated with the current key"…), for the faces


@record
class AdminRequest:
    """No key: only an admin can allow it. What happened, and the message for the admin."""

    reason: Msg
    message: Msg


@record
class SignInNeeded:
    """The backend's current credential cannot make its successor; `why` says why (if known)."""

    why: Msg | None = None


def ensure_writable(
    project: Project,
    slots: tuple[Slot, ...] = (Slot.OPENWEBUI,),
    *,
    follow_outside_symlink: bool = False,
) -> None:
    """Refuse before a key is made if a file that will receive it cannot be written.

    Checks each `.env` file (or, for a new one, its folder) for write permission and takes
    then releases the folder's lock, so a run already writing is found now, not after the old
    key died; a file that is not a regular file, or a link out of the project the person did
    not allow, is refused now too. Raises `WizardError("keyflow.not-writable" |
    "keyflow.busy" | "safety.…")`.
    """
    from wizard.core.files.guard import write_target

    for slot in slots:
        path = env_file_for(project, slot)
        where = project.relative(path)
        write_target(path, project.root, follow_outside_symlink=follow_outside_symlink)
        target = Path(os.path.realpath(path))
        folder = target.parent
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        writable = os.access(existing, os.W_OK | os.X_OK)
        if target.exists():
            writable = writable and os.access(target, os.W_OK)
        if not writable:
            raise WizardError("keyflow.not-writable", file=where)
        if folder.is_dir():
            _try_lock(folder, where)


def _try_lock(folder: Path, where: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        raise WizardError("keyflow.not-writable", file=where) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise WizardError("keyflow.busy", file=where) from None
            raise WizardError("keyflow.not-writable", file=where) from None
    finally:
        os.close(fd)  # closing releases the lock


def server_version(url: str) -> OpenWebUIVersion:
    """Which Open WebUI answers at `url` (its sentences differ between 0.6 and 0.12)."""
    return account.server_version(url)


def sign_in(url: str, email: str, password: Secret, *, allow_plain_http: bool = False) -> Session:
    """Sign in once (every try counts against Open WebUI's rate limit). A password goes only
    over TLS or to this machine, unless the person allowed plain http."""
    from wizard.core.transport import require_safe_transport

    require_safe_transport(url, allow_plain_http=allow_plain_http)
    return account.sign_in(url, email, password)


def _kept(
    project: Project, secret: Secret, switched_on: bool = False, how: Msg | None = None
) -> MadeKey:
    """Bind a key the server just made to its slot and keep it safe at once."""
    from wizard.core.recovery import keep_safe

    key = check_key(secret, Slot.OPENWEBUI)
    recovery: Path | None = None
    with contextlib.suppress(OSError):
        recovery = keep_safe(project, key)
    return MadeKey(key, recovery, switched_on, how)


def obtain_api_key(
    session: Session, consent: KeyConsent, project: Project
) -> MadeKey | AdminRequest:
    """A new API key for the signed-in person, kept safe until written.

    API keys switched off: an admin who agreed (`consent.enable_keys`) switches them on
    first; a non-admin gets an `AdminRequest` (keys off, or not allowed for users).
    """
    try:
        return _kept(project, account.create_api_key(session))
    except WizardError as error:
        if error.code != "account.keys-off":
            raise
        if not session.is_admin:
            return AdminRequest(
                error.explanation.what,
                account.admin_request_message(session.email, session.url, session.version),
            )
        if not consent.enable_keys:
            raise
    account.enable_api_keys(session)
    return _kept(project, account.create_api_key(session), switched_on=True)


def let_users_make_keys(admin: Session) -> None:
    """Switch API keys on and let every user make one (Admin Panel › Users › Permissions).

    Only for a key that belongs to a non-admin: an admin never needs it for their own key.
    """
    if not admin.is_admin:
        raise WizardError("keyflow.admin-only")
    account.enable_api_keys(admin, for_users=True)  # the permission only where it exists


def successor_from_current(
    project: Project, url: str, current: KeyReport | None, *, allow_plain_http: bool = False
) -> MadeKey | SignInNeeded:
    """A new key made with the credential the backend already has: an API key makes its own
    successor, a live session token makes one too. Otherwise: sign in."""
    from wizard.core.transport import require_safe_transport

    if current is None or not current.usable:
        return SignInNeeded()
    require_safe_transport(url, allow_plain_http=allow_plain_http)
    try:
        if current.kind is KeyKind.OPENWEBUI_API_KEY:
            return _kept(
                project, account.rotate_api_key(url, current.secret), how=Msg("keyflow.rotated")
            )
        if current.kind is KeyKind.OPENWEBUI_JWT:
            return _kept(
                project,
                account.create_api_key(url, current.secret),
                how=Msg("keyflow.from-session"),
            )
    except WizardError as error:
        if error.code not in _SIGN_IN_INSTEAD:
            raise
        return SignInNeeded(error.explanation.what)
    return SignInNeeded()


def verify_key(
    url: str, model: str, key: CheckedKey, *, allow_plain_http: bool = False
) -> ProbeVerdict:
    """`/api/models` with the key, as `check` does: does Open WebUI accept it and offer the
    model? Bounded in time; raises only `transport.plain-http` (a key never goes over plain
    http to another machine unless the person allowed it)."""
    import asyncio

    from wizard.core.transport import require_safe_transport

    require_safe_transport(url, allow_plain_http=allow_plain_http)

    from wizard.core.probes import ProbeTarget, Timeouts, probe_openwebui

    result = asyncio.run(
        probe_openwebui(
            ProbeTarget(openwebui_url=url, openwebui_key=key.secret, model=model),
            Timeouts(connect=5, read=20, total=40),
        )
    )
    refused = result.http_status in (401, 403)
    reached = result.http_status is not None
    return ProbeVerdict(
        result.ok,
        refused,
        reached,
        result.diagnosis.explanation.what,
        result.diagnosis.explanation.next,
    )


@record
class ProbeVerdict:
    """Whether Open WebUI accepted a key, in words."""

    ok: bool
    refused: bool  # Open WebUI answered 401/403: this key does not work there
    reached: bool  # Open WebUI answered at all
    what: Msg
    next: Msg


# --- an admin fixes what the chat needs inside Open WebUI ----------------------------------------


def connection_state(session: Session, model: str) -> account.ConnectionState:
    """Open WebUI's OpenAI connection (keys masked) and the models it yields (admin)."""
    return account.openai_connection(session, model)


def set_connection_key(session: Session, key: CheckedKey, base_url: str | None = None) -> None:
    """The OpenAI key into Open WebUI's connection: only a key checked for the OpenAI slot."""
    if key.slot is not Slot.OPENAI:
        raise WizardError(f"plan.wrong-slot.{Slot.OPENAI.value}", masked=key.masked)
    account.set_openai_key(session, key.secret, base_url)


def create_model(session: Session, model: str, base_model: str, system_prompt: str) -> None:
    """Workspace › Models › New: `model` over `base_model`, readable by every user."""
    account.create_model(session, model, base_model, system_prompt)


def model_visible(url: str, key: CheckedKey, model: str) -> bool:
    """Whether the user behind the backend's key sees `model`."""
    return account.model_visible(url, key.secret, model)
