"""Open WebUI's own API, used for the person with their consent: sign in, make or rotate the
API key, switch API keys on, read and fix the OpenAI connection, create the `technova` model.

Synchronous httpx with time limits (the TUI calls it from thread workers, the CLI directly).
Every failure is a `WizardError("account.…")`; passwords and keys travel as `Secret`s and
never reach a message. We never retry a sign-in: Open WebUI allows 15 tries in 3 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from wizard.diagnosis import (
    OWUI_BAD_API_KEY,
    OWUI_KEY_CREATION_OFF,
    OWUI_KEYS_DISABLED,
    openwebui_detail,
)
from wizard.errors import WizardError
from wizard.i18n import Msg
from wizard.secret import Secret

TIMEOUT = httpx.Timeout(20.0, connect=5.0)
# Open WebUI's answers (open_webui/constants.py ERROR_MESSAGES).
INVALID_CRED = ("The email or password provided is incorrect. Please check for typos and try "
                "logging in again.")
RATE_LIMITED = "API rate limit exceeded"
OPENAI_API = "https://api.openai.com/v1"
PUBLIC_READ = [{"principal_type": "user", "principal_id": "*", "permission": "read"}]


@dataclass(frozen=True)
class Session:
    """A signed-in Open WebUI user (the token is a session JWT, kept as a Secret)."""

    url: str
    token: Secret
    user_id: str
    email: str
    name: str
    role: str
    may_make_api_keys: bool  # the `features.api_keys` permission (admins always may)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class KeysSetting:
    """Admin Panel › Settings › Authentication › API keys, and the users' permission."""

    enabled: bool
    users_allowed: bool


@dataclass(frozen=True)
class Connection:
    """Admin Panel › Settings › Connections › OpenAI, as far as TechNova cares."""

    base_urls: list[str]
    masked_keys: list[str]
    models: list[str]  # what the admin's model list shows now

    @property
    def works(self) -> bool:
        return bool(self.models)


def _call(method: str, url: str, path: str, token: Secret | None = None,
          json: Any = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token.reveal()}"} if token is not None else {}
    try:
        with httpx.Client(timeout=TIMEOUT, trust_env=False, follow_redirects=False) as client:
            return client.request(method, url.rstrip("/") + path, headers=headers, json=json)
    except httpx.TimeoutException:
        raise WizardError("account.unreachable", url=url) from None
    except httpx.HTTPError:
        raise WizardError("account.unreachable", url=url) from None


def _json(response: httpx.Response, url: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise WizardError("account.not-openwebui", url=url) from None


def _refused(response: httpx.Response, url: str) -> WizardError:
    """The error for an answer we did not expect, naming Open WebUI's own words."""
    detail = openwebui_detail(_json(response, url)) if response.content else None
    if response.status_code == 403 and detail in (OWUI_KEY_CREATION_OFF, OWUI_KEYS_DISABLED):
        return WizardError("account.keys-off", url=url)
    if response.status_code in (401, 403):
        return WizardError("account.not-allowed", url=url, status=response.status_code,
                           detail=detail or "")
    return WizardError("account.refused", url=url, status=response.status_code,
                       detail=detail or "")


def sign_in(url: str, email: str, password: Secret) -> Session:
    """`POST /api/v1/auths/signin`, exactly once."""
    answer = _call("POST", url, "/api/v1/auths/signin",
                   json={"email": email, "password": password.reveal()})
    if answer.status_code == 400 and openwebui_detail(_json(answer, url)) == INVALID_CRED:
        raise WizardError("account.wrong-password", email=email)
    if answer.status_code == 429:
        raise WizardError("account.rate-limited", email=email)
    if answer.status_code != 200:
        raise _refused(answer, url)
    data = _json(answer, url)
    try:
        features = (data.get("permissions") or {}).get("features") or {}
        return Session(url=url, token=Secret(data["token"]), user_id=str(data["id"]),
                       email=str(data.get("email") or email), name=str(data.get("name") or ""),
                       role=str(data.get("role") or "user"),
                       may_make_api_keys=bool(features.get("api_keys")))
    except (KeyError, TypeError, AttributeError):
        raise WizardError("account.not-openwebui", url=url) from None


def create_api_key(url: str, credential: Secret) -> Secret:
    """A new API key for the user behind `credential` (a session token, or the current API
    key: Open WebUI lets a key make its successor). The user's old key stops at once."""
    answer = _call("POST", url, "/api/v1/auths/api_key", credential)
    if answer.status_code == 401 and openwebui_detail(_json(answer, url)) == OWUI_BAD_API_KEY:
        raise WizardError("account.key-refused", url=url)
    if answer.status_code != 200:
        raise _refused(answer, url)
    key = (_json(answer, url) or {}).get("api_key")
    if not isinstance(key, str) or not key:
        raise WizardError("account.not-openwebui", url=url)
    return Secret(key)


def keys_setting(session: Session) -> KeysSetting:
    """Whether API keys are on, and whether ordinary users may make one (admins only)."""
    config = _admin_config(session)
    permissions = _default_permissions(session)
    features = permissions.get("features") or {}
    return KeysSetting(bool(config.get("ENABLE_API_KEYS")), bool(features.get("api_keys")))


def enable_api_keys(session: Session, *, for_users: bool) -> None:
    """Switch API keys on (and, with `for_users`, let every user make one), as the admin
    would in Admin Panel › Settings › Authentication and › Users › Permissions."""
    config = _admin_config(session)
    if not config.get("ENABLE_API_KEYS"):
        config["ENABLE_API_KEYS"] = True
        answer = _call("POST", session.url, "/api/v1/auths/admin/config", session.token, config)
        if answer.status_code != 200:
            raise _refused(answer, session.url)
    if for_users:
        permissions = _default_permissions(session)
        if not (permissions.get("features") or {}).get("api_keys"):
            permissions.setdefault("features", {})["api_keys"] = True
            answer = _call("POST", session.url, "/api/v1/users/default/permissions",
                           session.token, permissions)
            if answer.status_code != 200:
                raise _refused(answer, session.url)


def _admin_config(session: Session) -> dict[str, Any]:
    answer = _call("GET", session.url, "/api/v1/auths/admin/config", session.token)
    if answer.status_code != 200:
        raise _refused(answer, session.url)
    return dict(_json(answer, session.url))


def _default_permissions(session: Session) -> dict[str, Any]:
    answer = _call("GET", session.url, "/api/v1/users/default/permissions", session.token)
    if answer.status_code != 200:
        raise _refused(answer, session.url)
    return dict(_json(answer, session.url))


def admin_request(email: str, url: str) -> Msg:
    """What a non-admin sends to their admin, ready to copy."""
    return Msg("account.ask-admin", {"email": email, "url": url})


def connection(session: Session) -> Connection:
    """The OpenAI connection as configured, and whether it yields models (admin only)."""
    from wizard.secret import mask

    answer = _call("GET", session.url, "/openai/config", session.token)
    if answer.status_code != 200:
        raise _refused(answer, session.url)
    config = _json(answer, session.url)
    models = model_ids(session.url, session.token)
    return Connection(list(config.get("OPENAI_API_BASE_URLS") or []),
                      [mask(k) if k else "—" for k in config.get("OPENAI_API_KEYS") or []],
                      models)


def set_openai_key(session: Session, key: Secret, base_url: str | None = None) -> None:
    """Put `key` in the connection to `base_url` (added if there is none), keeping the rest.

    Without `base_url`: the connection to OpenAI itself if there is one, else the only one
    configured, else a new connection to https://api.openai.com/v1.
    """
    answer = _call("GET", session.url, "/openai/config", session.token)
    if answer.status_code != 200:
        raise _refused(answer, session.url)
    config = dict(_json(answer, session.url))
    urls = list(config.get("OPENAI_API_BASE_URLS") or [])
    keys = list(config.get("OPENAI_API_KEYS") or [])
    keys += [""] * (len(urls) - len(keys))
    if base_url is None:
        official = [i for i, u in enumerate(urls) if "api.openai.com" in u]
        base_url = urls[official[0]] if official else urls[0] if len(urls) == 1 \
            else OPENAI_API
    index = next((i for i, u in enumerate(urls) if u.rstrip("/") == base_url.rstrip("/")),
                 None)
    if index is None:
        urls.append(base_url)
        keys.append("")
        index = len(urls) - 1
    keys[index] = key.reveal()
    config.update({"OPENAI_API_BASE_URLS": urls, "OPENAI_API_KEYS": keys,
                   "OPENAI_API_CONFIGS": config.get("OPENAI_API_CONFIGS") or {},
                   "ENABLE_OPENAI_API": True})
    answer = _call("POST", session.url, "/openai/config/update", session.token, config)
    if answer.status_code != 200:
        raise _refused(answer, session.url)


def model_ids(url: str, credential: Secret) -> list[str]:
    """The models this credential's user sees (`/api/models`)."""
    answer = _call("GET", url, "/api/models", credential)
    if answer.status_code != 200:
        raise _refused(answer, url)
    data = (_json(answer, url) or {}).get("data") or []
    return [str(m.get("id")) for m in data if isinstance(m, dict)]


def create_model(session: Session, model_id: str, base_model: str, system_prompt: str,
                 name: str = "TechNova") -> None:
    """Workspace › Models › New: `model_id` over `base_model`, readable by every user (the
    backend's key may belong to someone other than the admin)."""
    answer = _call("POST", session.url, "/api/v1/models/create", session.token, {
        "id": model_id, "base_model_id": base_model, "name": name,
        "meta": {"description": "The TechNova website assistant"},
        "params": {"system": system_prompt}, "access_grants": PUBLIC_READ})
    if answer.status_code != 200:
        raise _refused(answer, session.url)
