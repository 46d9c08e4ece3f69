"""Open WebUI's own API, used for the person with their consent: sign in, make or rotate the
API key, switch API keys on, read and fix the OpenAI connection, create the `technova` model.

Synchronous httpx with time limits (the TUI calls it from thread workers, the CLI directly).
Every failure is a `WizardError("account.…")`; passwords and keys travel as `Secret`s and
never reach a message. We never retry a sign-in: Open WebUI 0.12 allows 15 tries in 3
minutes per email, and every try counts, good or bad (routers/auths.py `signin_rate_limiter`).

What each call needs, read in open_webui 0.12.4 and 0.6.18 (FACTS.md, "Open WebUI 0.6.x"):
- `POST /api/v1/auths/api_key`: any signed-in user (session JWT *or* API key, so a key can
  make its successor) when API keys are on (`ENABLE_API_KEYS` on 0.12, `ENABLE_API_KEY` on
  0.6) and, on 0.12 only, the user is an admin or has the permission `features.api_keys`;
  else 403 "API key creation is not allowed…".
- `/api/v1/auths/admin/config`, `/api/v1/users/default/permissions`, `/openai/config*`:
  admins only; anyone else gets 401 "You do not have permission…".
- `POST /api/v1/models/create`: admins, or users with `workspace.models`.
Settings are changed through the field names the server itself returns, and read back: 0.6
silently ignores a field it does not know (200, nothing changes).
"""

from __future__ import annotations

from typing import Any

import httpx

from wizard.core.deadline import NotJSON, loads_bounded, run_within
from wizard.core.diagnosis import (
    OWUI_BAD_API_KEY,
    OWUI_KEY_CREATION_OFF,
    OWUI_KEYS_DISABLED,
    OWUI_RESTRICTED,
    openwebui_detail,
)
from wizard.core.errors import WizardError
from wizard.core.i18n import Msg
from wizard.core.openwebui_version import UNKNOWN, OpenWebUIVersion, parse_version
from wizard.core.probes import Timeouts
from wizard.core.record import record
from wizard.core.sanitize import clean_text
from wizard.core.secret import Secret, mask

TIMEOUTS = Timeouts(connect=5.0, read=20.0, total=40.0)
_MAX_BODY = 2_000_000  # bytes: Open WebUI's answers here are small; more is not Open WebUI
# Open WebUI's own words (open_webui/constants.py ERROR_MESSAGES).
INVALID_CRED = (
    "The email or password provided is incorrect. Please check for typos and try logging in again."
)
RATE_LIMITED = "API rate limit exceeded"
PASSWORD_SIGN_IN_OFF = "The requested action has been restricted as a security measure."
MODEL_ID_TAKEN = (
    "Uh-oh! This model id is already registered. Please choose another model id string."
)
OPENAI_API = "https://api.openai.com/v1"
TECHNOVA_MODEL = "technova"
# Every user may read the model: the backend's key may belong to someone other than the admin.
PUBLIC_READ = [{"principal_type": "user", "principal_id": "*", "permission": "read"}]
# The admin configuration's switch for API keys: 0.12 names it in the plural, 0.6 singular.
KEYS_FIELDS = ("ENABLE_API_KEYS", "ENABLE_API_KEY")
USERS_PERMISSION = "api_keys"  # `features.api_keys` (0.12 only: on 0.6 any user may make a key)


@record
class Session:
    """A signed-in Open WebUI user (the token is a session JWT, kept as a Secret)."""

    url: str
    token: Secret
    user_id: str
    email: str
    name: str
    role: str
    # At sign-in: `features.api_keys` where it exists (0.12; admins never need it); True
    # where the server has no such permission (0.6: any user may make a key).
    may_make_api_keys: bool = False
    version: OpenWebUIVersion = UNKNOWN  # `GET /api/version`, read before signing in

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@record
class KeysSetting:
    """API keys as the admin configuration reports them: the switch, under the name this
    server uses, and whether ordinary users may make a key."""

    enabled: bool
    users_allowed: bool  # `features.api_keys`; True where no such permission exists (0.6)
    field_name: str = "ENABLE_API_KEYS"  # "ENABLE_API_KEY" on 0.6
    permission_exists: bool = True  # False: offer no "let every user make keys" choice


@record
class ConnectionState:
    """Admin Panel › Settings › Connections › OpenAI, and what the admin's model list shows."""

    enabled: bool  # ENABLE_OPENAI_API
    base_urls: list[str]
    masked_keys: list[str]  # never a full key
    models: list[str]
    model_id: str = TECHNOVA_MODEL

    @property
    def models_empty(self) -> bool:
        """No model at all: usually the OpenAI key inside Open WebUI is wrong (FACTS.md)."""
        return not self.models

    @property
    def works(self) -> bool:
        return bool(self.models)

    @property
    def technova_present(self) -> bool:
        return self.model_id in self.models


# --- one request ------------------------------------------------------------------------------


@record
class _Answer:
    status_code: int
    content: bytes

    def json(self, url: str) -> Any:
        # Bounded: invalid UTF-8, absurd nesting or numbers are "not Open WebUI", never a crash.
        try:
            return loads_bounded(self.content)
        except NotJSON:
            raise WizardError("account.not-openwebui", url=url) from None

    def detail(self, url: str) -> str | None:
        return openwebui_detail(self.json(url)) if self.content else None


def _call(
    method: str,
    url: str,
    path: str,
    credential: Secret | None = None,
    json: Any = None,
    timeouts: Timeouts = TIMEOUTS,
) -> _Answer:
    """One request, bounded: connect and read limits, and ONE deadline for the whole
    exchange (connection, headers and body), so a server that trickles bytes, even header
    bytes, cannot hold the wizard past `timeouts.total`."""
    headers = {"Authorization": f"Bearer {credential.reveal()}"} if credential else {}
    limits = httpx.Timeout(timeouts.read, connect=timeouts.connect)

    async def exchange() -> _Answer:
        async with (
            httpx.AsyncClient(timeout=limits, trust_env=False, follow_redirects=False) as client,
            client.stream(method, url.rstrip("/") + path, headers=headers, json=json) as answer,
        ):
            body = bytearray()
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > _MAX_BODY:
                    raise WizardError("account.not-openwebui", url=url)
            return _Answer(answer.status_code, bytes(body))

    try:
        return run_within(exchange, timeouts.total)
    except TimeoutError:
        raise WizardError("account.timeout", url=url, seconds=f"{timeouts.total:g}") from None
    except httpx.TimeoutException:
        raise WizardError("account.timeout", url=url, seconds=f"{timeouts.read:g}") from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError, UnicodeError):  # a refused address
        raise WizardError("account.unreachable", url=url) from None


def _refused(answer: _Answer, url: str, version: OpenWebUIVersion = UNKNOWN) -> WizardError:
    """The error for an answer we did not expect, naming Open WebUI's own words."""
    detail = answer.detail(url)
    if answer.status_code == 403 and detail in (OWUI_KEY_CREATION_OFF, OWUI_KEYS_DISABLED):
        return WizardError(
            "account.keys-off",
            url=url,
            detail=detail,
            reason=version.msg("account.keys-off-reason"),
        )
    if answer.status_code in (401, 403):
        return WizardError(
            "account.not-allowed", url=url, status=answer.status_code, detail=detail or ""
        )
    return WizardError("account.refused", url=url, status=answer.status_code, detail=detail or "")


def _ok(answer: _Answer, url: str, version: OpenWebUIVersion = UNKNOWN) -> Any:
    if answer.status_code != 200:
        raise _refused(answer, url, version)
    return answer.json(url)


def _base(url: str) -> str:
    return url.strip().rstrip("/")


# --- signing in and API keys -------------------------------------------------------------------


def server_version(url: str, *, timeouts: Timeouts = TIMEOUTS) -> OpenWebUIVersion:
    """`GET /api/version` (no credentials needed): which Open WebUI this is. A server that
    does not say is `UNKNOWN`, treated as the newest known version."""
    try:
        answer = _call("GET", _base(url), "/api/version", timeouts=timeouts)
        payload = answer.json(url) if answer.status_code == 200 else None
    except WizardError as error:
        if error.code == "account.unreachable":
            raise
        return UNKNOWN
    return parse_version(payload)


def public_keys_switch(url: str, *, timeouts: Timeouts = TIMEOUTS) -> bool | None:
    """Whether API keys are on, as the public `/api/config` tells anyone on 0.6
    (`features.enable_api_key`); None where it does not say (0.12 tells sessions only)."""
    try:
        answer = _call("GET", _base(url), "/api/config", timeouts=timeouts)
        config = answer.json(url) if answer.status_code == 200 else None
    except WizardError:
        return None
    features = config.get("features") if isinstance(config, dict) else None
    value = features.get("enable_api_key") if isinstance(features, dict) else None
    return value if isinstance(value, bool) else None


def sign_in(url: str, email: str, password: Secret, *, timeouts: Timeouts = TIMEOUTS) -> Session:
    """`POST /api/v1/auths/signin`, exactly once (a retry would spend the user's 15 tries).
    The server's version is read first: the session carries it for the faces' wording."""
    url = _base(url)
    version = server_version(url, timeouts=timeouts)
    answer = _call(
        "POST",
        url,
        "/api/v1/auths/signin",
        json={"email": email, "password": password.reveal()},
        timeouts=timeouts,
    )
    if answer.status_code == 400 and answer.detail(url) == INVALID_CRED:
        raise WizardError(
            "account.wrong-password", email=email, limit=version.msg("account.signin-limit")
        )
    if answer.status_code == 429:
        raise WizardError("account.rate-limited", email=email)
    if answer.status_code == 403 and answer.detail(url) == PASSWORD_SIGN_IN_OFF:
        raise WizardError("account.password-sign-in-off", url=url)
    data = _ok(answer, url)
    try:
        features = (data.get("permissions") or {}).get("features") or {}
        return Session(
            url=url,
            token=Secret(data["token"]),
            user_id=str(data["id"]),
            email=clean_text(str(data.get("email") or email), limit=320),
            name=clean_text(str(data.get("name") or ""), limit=200),
            role=clean_text(str(data.get("role") or "user"), limit=50),
            may_make_api_keys=bool(features.get(USERS_PERMISSION, True)),
            version=version,
        )
    except (KeyError, TypeError, AttributeError):
        raise WizardError("account.not-openwebui", url=url) from None


def create_api_key(
    session_or_url: Session | str, token: Secret | None = None, *, timeouts: Timeouts = TIMEOUTS
) -> Secret:
    """A new API key for the user behind the credential: `create_api_key(session)`, or
    `create_api_key(url, token)` with a session token or the user's current API key.

    One key per user: the old key stops working at once (warn the person before calling).
    """
    version: OpenWebUIVersion | None = None
    if isinstance(session_or_url, Session):
        url, credential = session_or_url.url, token or session_or_url.token
        version = session_or_url.version
    elif token is None:
        raise TypeError("create_api_key(url, token): the token is missing")
    else:
        url, credential = _base(session_or_url), token
    answer = _call("POST", url, "/api/v1/auths/api_key", credential, timeouts=timeouts)
    if answer.status_code == 401 and answer.detail(url) == OWUI_BAD_API_KEY:
        raise WizardError("account.key-refused", url=url)
    if answer.status_code != 200 and version is None:  # the wording of a refusal may depend
        version = server_version(url, timeouts=timeouts)
    key = (_ok(answer, url, version or UNKNOWN) or {}).get("api_key")
    if not isinstance(key, str) or not key:
        raise WizardError("account.not-openwebui", url=url)
    return Secret(key)


def rotate_api_key(url: str, current_key: Secret, *, timeouts: Timeouts = TIMEOUTS) -> Secret:
    """The current API key makes its own successor, no password needed (open_webui lets any
    credential call `POST /api/v1/auths/api_key`). It fails with `account.key-refused`
    (replaced or unknown key), `account.keys-off`, or `account.rotation-restricted` (the admin
    limited what API keys may call): then sign in instead.

    0.6 answers a path outside the allowed ones as if keys were off; its public
    `/api/config` then says keys are on, which makes it a restriction."""
    try:
        return create_api_key(url, current_key, timeouts=timeouts)
    except WizardError as error:
        if error.code == "account.not-allowed" and error.params.get("detail") == OWUI_RESTRICTED:
            raise WizardError("account.rotation-restricted", url=_base(url)) from None
        if (
            error.code == "account.keys-off"
            and error.params.get("detail") == OWUI_KEYS_DISABLED
            and public_keys_switch(url, timeouts=timeouts) is True
        ):
            raise WizardError("account.rotation-restricted", url=_base(url)) from None
        raise


def api_keys_enabled(session: Session, *, timeouts: Timeouts = TIMEOUTS) -> bool:
    """Whether this user may make an API key right now: switched on for the server
    (`/api/config`: `enable_api_keys` for a session on 0.12, `enable_api_key` for anyone on
    0.6) and, for a non-admin where the permission exists (0.12), `features.api_keys` (read
    afresh from `/api/v1/auths/`, as the admin may just have granted it)."""
    config = _ok(
        _call("GET", session.url, "/api/config", session.token, timeouts=timeouts), session.url
    )
    features = (config or {}).get("features") or {}
    if not (features.get("enable_api_keys") or features.get("enable_api_key")):
        return False
    if session.is_admin:
        return True
    me = _ok(
        _call("GET", session.url, "/api/v1/auths/", session.token, timeouts=timeouts), session.url
    )
    permissions = (((me or {}).get("permissions") or {}).get("features")) or {}
    return bool(permissions.get(USERS_PERMISSION, True))


def keys_field(config: dict[str, Any], url: str) -> str:
    """The name this server gives the API-keys switch in its admin configuration."""
    found = next((name for name in KEYS_FIELDS if isinstance(config.get(name), bool)), None)
    if found is None:
        raise WizardError("account.not-openwebui", url=url)
    return found


def keys_setting(session: Session, *, timeouts: Timeouts = TIMEOUTS) -> KeysSetting:
    """Whether API keys are on, and whether ordinary users may make one (admins only), as
    the server reports them."""
    config = _admin_config(session, timeouts)
    field_name = keys_field(config, session.url)
    features = _default_permissions(session, timeouts).get("features") or {}
    exists = USERS_PERMISSION in features
    return KeysSetting(
        enabled=bool(config[field_name]),
        users_allowed=bool(features[USERS_PERMISSION]) if exists else True,
        field_name=field_name,
        permission_exists=exists,
    )


def enable_api_keys(
    session: Session, *, for_users: bool = False, timeouts: Timeouts = TIMEOUTS
) -> KeysSetting:
    """Switch API keys on, as the Admin Panel does: read the whole admin configuration,
    change the switch under the name the server returned (`ENABLE_API_KEYS` on 0.12,
    `ENABLE_API_KEY` on 0.6), send it all back (the endpoint replaces everything it is
    given). With `for_users`, also grant every user `features.api_keys` where that
    permission exists (0.12; admins never need it; 0.6 has none: every user may already).

    Returns the setting as read back afterwards; raises `account.keys-not-switched-on` or
    `account.permission-not-granted`, saying what the server reported, when it did not
    take the change."""
    config = _admin_config(session, timeouts)
    field_name = keys_field(config, session.url)
    if not config[field_name]:
        config[field_name] = True
        config.pop("sessions_revoked", None)  # part of the answer, not of the settings
        _ok(
            _call(
                "POST", session.url, "/api/v1/auths/admin/config", session.token, config, timeouts
            ),
            session.url,
        )
    if for_users:
        permissions = _default_permissions(session, timeouts)
        features = permissions.get("features") or {}
        if USERS_PERMISSION in features and not features[USERS_PERMISSION]:
            permissions["features"] = {**features, USERS_PERMISSION: True}
            _ok(
                _call(
                    "POST",
                    session.url,
                    "/api/v1/users/default/permissions",
                    session.token,
                    permissions,
                    timeouts,
                ),
                session.url,
            )
    now = keys_setting(session, timeouts=timeouts)
    if not now.enabled:
        raise WizardError(
            "account.keys-not-switched-on",
            url=session.url,
            field=now.field_name,
            answered=_shown(_admin_config(session, timeouts).get(now.field_name)),
        )
    if for_users and not now.users_allowed:
        raise WizardError("account.permission-not-granted", url=session.url)
    return now


def _shown(value: object) -> str:
    """A server's value, short and printable, to quote in a sentence (it is hostile text)."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    return "".join(c for c in text if c.isprintable())[:60]


def _admin_config(session: Session, timeouts: Timeouts) -> dict[str, Any]:
    return dict(
        _ok(
            _call(
                "GET", session.url, "/api/v1/auths/admin/config", session.token, timeouts=timeouts
            ),
            session.url,
        )
    )


def _default_permissions(session: Session, timeouts: Timeouts) -> dict[str, Any]:
    return dict(
        _ok(
            _call(
                "GET",
                session.url,
                "/api/v1/users/default/permissions",
                session.token,
                timeouts=timeouts,
            ),
            session.url,
        )
    )


def admin_request_message(
    session_email: str, url: str, version: OpenWebUIVersion | None = None
) -> Msg:
    """What a non-admin sends to their admin, ready to copy, in the words of the server's
    own Admin Panel (0.6 has one switch and no permission). Give `session.version`; without
    it the server is asked (`GET /api/version`, newest wording if it cannot say)."""
    if version is None:
        try:
            version = server_version(url)
        except WizardError:
            version = UNKNOWN
    return version.msg("account.ask-admin", email=session_email, url=_base(url))


# --- the OpenAI connection inside Open WebUI, and the model ----------------------------------


def openai_connection(
    session: Session, model_id: str = TECHNOVA_MODEL, *, timeouts: Timeouts = TIMEOUTS
) -> ConnectionState:
    """The OpenAI connection as configured (keys masked) and the models it yields (admin)."""
    config = (
        _ok(
            _call("GET", session.url, "/openai/config", session.token, timeouts=timeouts),
            session.url,
        )
        or {}
    )
    keys = [str(k) for k in config.get("OPENAI_API_KEYS") or []]
    return ConnectionState(
        bool(config.get("ENABLE_OPENAI_API")),
        [str(u) for u in config.get("OPENAI_API_BASE_URLS") or []],
        [mask(k) if k else "—" for k in keys],
        model_ids(session.url, session.token, timeouts=timeouts),
        model_id,
    )


def set_openai_key(
    session: Session, key: Secret, base_url: str | None = None, *, timeouts: Timeouts = TIMEOUTS
) -> None:
    """Put `key` in the connection to `base_url` (added if there is none), keeping the rest,
    and switch the OpenAI API on.

    Without `base_url`: the connection to OpenAI itself if there is one, else the only one
    configured, else a new connection to https://api.openai.com/v1.
    """
    config = dict(
        _ok(
            _call("GET", session.url, "/openai/config", session.token, timeouts=timeouts),
            session.url,
        )
    )
    urls = [str(u) for u in config.get("OPENAI_API_BASE_URLS") or []]
    keys = [str(k) for k in config.get("OPENAI_API_KEYS") or []]
    keys += [""] * (len(urls) - len(keys))
    if base_url is None:
        official = [u for u in urls if "api.openai.com" in u]
        base_url = official[0] if official else urls[0] if len(urls) == 1 else OPENAI_API
    index = next((i for i, u in enumerate(urls) if u.rstrip("/") == base_url.rstrip("/")), None)
    if index is None:
        urls.append(base_url)
        keys.append("")
        index = len(urls) - 1
    keys[index] = key.reveal()
    config.update(
        {
            "OPENAI_API_BASE_URLS": urls,
            "OPENAI_API_KEYS": keys,
            "OPENAI_API_CONFIGS": config.get("OPENAI_API_CONFIGS") or {},
            "ENABLE_OPENAI_API": True,
        }
    )
    _ok(
        _call("POST", session.url, "/openai/config/update", session.token, config, timeouts),
        session.url,
    )


def model_ids(url: str, credential: Secret, *, timeouts: Timeouts = TIMEOUTS) -> list[str]:
    """The models this credential's user sees (`/api/models`)."""
    url = _base(url)
    data = (_ok(_call("GET", url, "/api/models", credential, timeouts=timeouts), url) or {}).get(
        "data"
    ) or []
    if not isinstance(data, list):
        raise WizardError("account.not-openwebui", url=url)
    # Names from the server: shown to the person, so cleaned of escape sequences here.
    return [clean_text(str(m.get("id")), limit=200) for m in data[:10_000] if isinstance(m, dict)]


def model_visible(url: str, key: Secret, model_id: str, *, timeouts: Timeouts = TIMEOUTS) -> bool:
    """Whether the user behind `key` sees `model_id` in their model list."""
    return model_id in model_ids(url, key, timeouts=timeouts)


def create_model(
    session: Session,
    model_id: str,
    base_model: str,
    system_prompt: str,
    name: str = "TechNova",
    *,
    timeouts: Timeouts = TIMEOUTS,
) -> None:
    """Workspace › Models › New: `model_id` over `base_model` with `system_prompt`, readable
    by every user. For an admin, the base model must be in their list now: a custom model
    over a missing base model is hidden by Open WebUI, so creating it would change nothing
    visible. (A user's list shows no plain base model: those are for admins only.)"""
    if session.is_admin:
        available = model_ids(session.url, session.token, timeouts=timeouts)
        if base_model not in available:
            raise WizardError(
                "account.base-model-unknown",
                model=base_model,
                available=", ".join(m for m in available if m != model_id)[:300] or "—",
            )
    answer = _call(
        "POST",
        session.url,
        "/api/v1/models/create",
        session.token,
        {
            "id": model_id,
            "base_model_id": base_model,
            "name": name,
            "meta": {"description": "The TechNova website assistant"},
            "params": {"system": system_prompt},
            "access_grants": PUBLIC_READ,
        },
        timeouts,
    )
    if answer.status_code == 401 and answer.detail(session.url) == MODEL_ID_TAKEN:
        raise WizardError("account.model-exists", model=model_id, url=session.url)
    _ok(answer, session.url)
