"""A stand-in for Open WebUI 0.12.4: health, models, chat relay, sign-in, API keys, admin config.
`OpenWebUIState.for_version("0.6.18")` answers as 0.6.18 does instead (FACTS.md, "Open WebUI
0.6.x": the singular `ENABLE_API_KEY`, keys on by default, tokens that never expire…).

Answers follow FACTS.md's Open WebUI tables and the `open_webui` source (routers/auths.py,
utils/auth.py, main.py, routers/openai.py): every error is `{"detail": "…"}` with the real
status. It talks to an OpenAI-compatible server (the OpenAI stand-in, usually) with httpx,
as the real one does: `{base}/models` for the model list, `{base}/chat/completions` for chat.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

# ERROR_MESSAGES of open_webui/constants.py, and literal details of utils/auth.py and friends.
NOT_AUTHENTICATED = "Not authenticated"
UNAUTHORIZED = "401 Unauthorized"
MODEL_ID_TAKEN = (
    "Uh-oh! This model id is already registered. Please choose another model id string."
)
INVALID_TOKEN_JWT = "Invalid token"  # a revoked session (session_stamp changed)
INVALID_AUTH_REQUEST = "Invalid authentication request."  # JWT of a deleted user; bad body
INVALID_TOKEN = "Your session has expired or the token is invalid. Please sign in again."
INVALID_CRED = (
    "The email or password provided is incorrect. Please check for typos and try logging in again."
)
API_KEY_NOT_ALLOWED = "Use of API key is not enabled in the environment."
API_KEY_CREATION_NOT_ALLOWED = "API key creation is not allowed in the environment."
API_KEY_NOT_FOUND = (
    "Oops! It looks like there's a hiccup. The API key is missing. Please make "
    "sure to provide a valid API key to access this feature."
)
ACCESS_PROHIBITED = (
    "You do not have permission to access this resource. Please contact your "
    "administrator for assistance."
)
HUMAN_SESSION_REQUIRED = "A human session is required."
RATE_LIMIT_EXCEEDED = "API rate limit exceeded"
MODEL_NOT_FOUND = "Model not found"
EMAIL_TAKEN = (
    "Uh-oh! This email is already registered. Sign in with your existing account or "
    "choose another email to start anew."
)
SERVER_CONNECTION_ERROR = "Open WebUI: Server Connection Error"

STATE_LIFETIME = object()  # `make_token`'s default: the state's JWT_EXPIRES_IN
SIGNIN_LIMIT = 15  # RateLimiter(limit=5 * 3, window=60 * 3) in routers/auths.py
SIGNIN_WINDOW = 180.0
_DURATION = re.compile(r"^(-1|0|(-?\d+(\.\d+)?)(ms|s|m|h|d|w))$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

# GET /api/v1/auths/admin/config of a fresh 0.12.4 (observed), ENABLE_API_KEYS and
# JWT_EXPIRES_IN excepted: those come from the state.
DEFAULT_ADMIN_CONFIG: dict[str, Any] = {
    "ENABLE_MFA": False,
    "MFA_ALLOW_OAUTH_BYPASS": False,
    "MFA_ALLOW_TRUSTED_HEADER_BYPASS": False,
    "SHOW_ADMIN_DETAILS": True,
    "ADMIN_EMAIL": None,
    "WEBUI_URL": "",
    "ENABLE_LOGIN_FORM": True,
    "ENABLE_SIGNUP": False,
    "ENABLE_API_KEYS": False,
    "ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS": False,
    "API_KEYS_ALLOWED_ENDPOINTS": "",
    "DEFAULT_USER_ROLE": "pending",
    "DEFAULT_GROUP_ID": "",
    "DEFAULT_INTERFACE_SETTINGS": {},
    "I18N": {},
    "JWT_EXPIRES_IN": "4w",
    "ENABLE_COMMUNITY_SHARING": True,
    "ENABLE_MESSAGE_RATING": True,
    "ENABLE_FOLDERS": True,
    "FOLDER_MAX_FILE_COUNT": "",
    "AUTOMATION_MAX_COUNT": "",
    "AUTOMATION_MIN_INTERVAL": "",
    "ENABLE_AUTOMATIONS": True,
    "ENABLE_CHANNELS": False,
    "ENABLE_ENCRYPTED_CHANNELS": False,
    "ENABLE_APPS": False,
    "CHANNEL_MODEL_RESPONSE_MODE": "thread",
    "ENABLE_CALENDAR": True,
    "ENABLE_MEMORIES": True,
    "ENABLE_MEMORY_SYSTEM_CONTEXT": True,
    "ENABLE_SKILL_LAZY_LOADING": False,
    "SKILL_CONTENT_MAX_CHARS": None,
    "SKILL_PREVIEW_MAX_CHARS": None,
    "ENABLE_NOTES": True,
    "ENABLE_USER_WEBHOOKS": False,
    "ENABLE_USER_STATUS": True,
    "PENDING_USER_OVERLAY_TITLE": "",
    "PENDING_USER_OVERLAY_CONTENT": "",
    "RESPONSE_WATERMARK": "",
}
# The fields of `AdminConfig` (routers/auths.py) that have no default: POST needs them all.
ADMIN_CONFIG_REQUIRED = (
    "SHOW_ADMIN_DETAILS",
    "WEBUI_URL",
    "ENABLE_SIGNUP",
    "ENABLE_API_KEYS",
    "ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS",
    "API_KEYS_ALLOWED_ENDPOINTS",
    "DEFAULT_USER_ROLE",
    "DEFAULT_GROUP_ID",
    "JWT_EXPIRES_IN",
    "ENABLE_COMMUNITY_SHARING",
    "ENABLE_MESSAGE_RATING",
    "ENABLE_FOLDERS",
    "ENABLE_AUTOMATIONS",
    "ENABLE_CHANNELS",
    "ENABLE_CALENDAR",
    "ENABLE_MEMORIES",
    "ENABLE_MEMORY_SYSTEM_CONTEXT",
    "ENABLE_NOTES",
    "ENABLE_USER_WEBHOOKS",
    "ENABLE_USER_STATUS",
)
# GET /api/v1/auths/admin/config of a fresh 0.6.18 (observed), ENABLE_API_KEY and
# JWT_EXPIRES_IN excepted (from the state). Every field but the last three is required in POST.
DEFAULT_ADMIN_CONFIG_V06: dict[str, Any] = {
    "SHOW_ADMIN_DETAILS": True,
    "WEBUI_URL": "",
    "ENABLE_SIGNUP": False,
    "ENABLE_API_KEY": True,
    "ENABLE_API_KEY_ENDPOINT_RESTRICTIONS": False,
    "API_KEY_ALLOWED_ENDPOINTS": "",
    "DEFAULT_USER_ROLE": "pending",
    "JWT_EXPIRES_IN": "-1",
    "ENABLE_COMMUNITY_SHARING": True,
    "ENABLE_MESSAGE_RATING": True,
    "ENABLE_CHANNELS": False,
    "ENABLE_NOTES": True,
    "ENABLE_USER_WEBHOOKS": True,
    "PENDING_USER_OVERLAY_TITLE": "",
    "PENDING_USER_OVERLAY_CONTENT": "",
    "RESPONSE_WATERMARK": "",
}
ADMIN_CONFIG_REQUIRED_V06 = tuple(DEFAULT_ADMIN_CONFIG_V06)[:-3]
# `permissions` of a fresh 0.6.18 (observed): no `features.api_keys`, any user may make a key.
DEFAULT_PERMISSIONS_V06: dict[str, Any] = {
    "workspace": {"models": False, "knowledge": False, "prompts": False, "tools": False},
    "sharing": {
        "public_models": False,
        "public_knowledge": False,
        "public_prompts": False,
        "public_tools": False,
    },
    "chat": {
        **{
            k: True
            for k in (
                "controls",
                "system_prompt",
                "file_upload",
                "delete",
                "edit",
                "share",
                "export",
                "stt",
                "tts",
                "call",
                "multiple_models",
                "temporary",
            )
        },
        "temporary_enforced": False,
    },
    "features": {
        "direct_tool_servers": False,
        "web_search": True,
        "image_generation": True,
        "code_interpreter": True,
        "notes": True,
    },
}
# 0.6's `/api/v1/models` is the web app's page, not the API (FACTS.md).
WEB_APP_PAGE = '<!doctype html>\n<html lang="en"><head><title>Open WebUI</title></head></html>\n'
UPSTREAM_MODEL_NOT_FOUND_V06 = "404: Model not found"  # str() of the HTTPException 0.6 wraps
# `permissions` in a sign-in answer: the defaults of a fresh 0.12.4 (observed).
DEFAULT_PERMISSIONS: dict[str, Any] = {
    "workspace": {
        k: False
        for k in (
            "models",
            "knowledge",
            "prompts",
            "tools",
            "skills",
            "models_import",
            "models_export",
            "models_hidden",
            "prompts_import",
            "prompts_export",
            "tools_import",
            "tools_export",
            "skills_import",
            "skills_export",
        )
    },
    "sharing": {
        k: False
        for k in (
            "models",
            "public_models",
            "knowledge",
            "public_knowledge",
            "prompts",
            "public_prompts",
            "tools",
            "public_tools",
            "skills",
            "public_skills",
            "notes",
            "public_notes",
            "folders",
            "public_chats",
            "open_chats",
            "public_calendars",
        )
    },
    "access_grants": {"allow_users": True, "allow_groups": True},
    "chat": {
        **{
            k: True
            for k in (
                "controls",
                "valves",
                "system_prompt",
                "params",
                "file_upload",
                "web_upload",
                "delete",
                "delete_message",
                "continue_response",
                "regenerate_response",
                "rate_response",
                "edit",
                "share",
                "export",
                "import",
                "stt",
                "tts",
                "call",
                "multiple_models",
                "temporary",
            )
        },
        "temporary_enforced": False,
    },
    "features": {
        "api_keys": False,
        "notes": True,
        "folders": True,
        "channels": True,
        "encrypted_channels": False,
        "direct_tool_servers": False,
        "web_search": True,
        "image_generation": True,
        "code_interpreter": True,
        "memories": True,
        "automations": False,
        "calendar": True,
        "webhooks": False,
    },
    "settings": {"interface": True},
}


class HTTPError(Exception):
    """Ends a request with `{"detail": …}` and a status, as FastAPI's HTTPException does."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def new_openwebui_api_key() -> str:
    """`'sk-' + uuid4().hex`, as `utils/auth.py:create_api_key` makes them."""
    return "sk-" + uuid.uuid4().hex


def parse_duration(value: str) -> float | None:
    """`JWT_EXPIRES_IN` in seconds; None for `-1`/`0` (never expires) or an invalid value."""
    match = _DURATION.match(value.strip())
    if not match or value.strip() in ("-1", "0"):
        return None
    return float(match.group(2)) * _UNITS[match.group(4)]


@dataclass
class User:
    id: str
    email: str
    password: str
    name: str
    role: str = "user"  # "admin", "user" or "pending"
    api_key: str | None = None  # one per user: a new one replaces it
    api_keys_permission: bool = False  # the `features.api_keys` permission (non-admins)
    session_stamp: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass
class CustomModel:
    """A Workspace › Models entry: a name and a system prompt over a base model."""

    id: str
    name: str
    base_model_id: str
    owner_id: str | None = None  # None: the first admin
    access: set[str] = field(default_factory=set)  # user ids granted read ("*": everyone)
    description: str = ""
    created_at: int = field(default_factory=lambda: int(time.time()))
    version_id: str = field(default_factory=lambda: str(uuid.uuid4()))


def _default_models() -> list[CustomModel]:
    return [CustomModel("technova", "TechNova", "gpt-4o-mini", description="TechNova assistant")]


@dataclass
class OpenWebUIState:
    """Everything the stand-in answers from; tests change it while the server runs."""

    users: dict[str, User] = field(default_factory=dict)  # by id
    api_keys_enabled: bool = False  # ENABLE_API_KEYS, off by default like the real one
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32))  # WEBUI_SECRET_KEY
    jwt_expires_in: str = "4w"
    openai_base_url: str = "https://api.openai.com/v1"
    openai_key: str = ""
    enable_openai_api: bool = True
    openai_api_configs: dict[str, Any] = field(default_factory=dict)
    models: list[CustomModel] = field(default_factory=_default_models)
    delay: float = 0.0  # seconds before any answer
    # False: every model list is fetched upstream afresh. True: the first good list is kept,
    # like the real server's caches (a key that goes bad later leaves a stale list).
    cache_models: bool = False
    upstream_timeout: float = 10.0
    admin_config: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_ADMIN_CONFIG))
    # Admin Panel › Users › Permissions (`user.permissions`): `features.api_keys` lets every
    # user make an API key, on top of each user's own `api_keys_permission`.
    default_permissions: dict[str, Any] = field(
        default_factory=lambda: copy.deepcopy(DEFAULT_PERMISSIONS)
    )
    signin_attempts: dict[str, list[float]] = field(default_factory=dict)
    models_cache: list[dict[str, Any]] | None = None  # MODELS (what /api/models shows)
    openai_models_cache: dict[str, dict[str, Any]] | None = None  # OPENAI_MODELS (chat)
    version: str = "0.12.4"  # `GET /api/version`; "0.6.x" answers as 0.6.18 (for_version)

    @classmethod
    def for_version(cls, version: str, **fields: Any) -> OpenWebUIState:
        """A fresh state answering as that version: 0.6.x gets 0.6.18's defaults (keys on,
        tokens that never expire, its admin configuration and permissions)."""
        state = cls(version=version, **fields)
        if state.legacy:
            state.api_keys_enabled = fields.get("api_keys_enabled", True)
            state.jwt_expires_in = fields.get("jwt_expires_in", "-1")
            state.admin_config = fields.get("admin_config", dict(DEFAULT_ADMIN_CONFIG_V06))
            state.default_permissions = fields.get(
                "default_permissions", copy.deepcopy(DEFAULT_PERMISSIONS_V06)
            )
        return state

    @property
    def legacy(self) -> bool:
        """Answers as 0.6.x (see FACTS.md's 0.6.x table)."""
        return self.version.startswith("0.6.")

    @property
    def restrictions_field(self) -> tuple[str, str]:
        """The admin configuration's names for the API-key endpoint restrictions."""
        if self.legacy:
            return "ENABLE_API_KEY_ENDPOINT_RESTRICTIONS", "API_KEY_ALLOWED_ENDPOINTS"
        return "ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS", "API_KEYS_ALLOWED_ENDPOINTS"

    # --- helpers for tests and the demo ---------------------------------------------------
    def add_user(
        self,
        email: str,
        password: str,
        role: str = "user",
        name: str | None = None,
        api_keys_permission: bool = False,
    ) -> User:
        user = User(
            str(uuid.uuid4()),
            email.lower(),
            password,
            name or email.split("@")[0],
            role,
            api_keys_permission=api_keys_permission,
        )
        self.users[user.id] = user
        return user

    def user_by_email(self, email: str) -> User | None:
        return next((u for u in self.users.values() if u.email == email.lower()), None)

    def first_admin(self) -> User | None:
        return next((u for u in self.users.values() if u.role == "admin"), None)

    def create_api_key(self, user: User) -> str:
        """A new key for `user`; the old one stops working at once."""
        user.api_key = new_openwebui_api_key()
        return user.api_key

    def make_token(
        self,
        user: User,
        expires_in: float | object | None = STATE_LIFETIME,
    ) -> str:
        """A session JWT as sign-in makes it. `expires_in`: seconds from now (negative: already
        expired), None for no `exp`; by default the state's `jwt_expires_in`."""
        lifetime = (
            parse_duration(self.jwt_expires_in) if expires_in is STATE_LIFETIME else expires_in
        )
        now = int(time.time())
        if self.legacy:  # 0.6: the user id, and `exp` only when a lifetime is set
            legacy: dict[str, Any] = {"id": user.id}
            if isinstance(lifetime, int | float):
                legacy["exp"] = now + int(lifetime)
            return jwt.encode(legacy, self.secret_key, algorithm="HS256")
        payload: dict[str, Any] = {
            "id": user.id,
            "typ": "session",
            "auth_method": "password",
            "auth_time": now,
            "session_stamp": user.session_stamp,
            "mfa_verified": False,
        }
        if isinstance(lifetime, int | float):
            payload["exp"] = now + int(lifetime)
        payload.update({"jti": str(uuid.uuid4()), "iat": now})
        return jwt.encode(payload, self.secret_key, algorithm="HS256")

    def revoke_sessions(self, user: User) -> None:
        """Every JWT of `user` dies (`Invalid token`), as after a password change."""
        user.session_stamp = str(uuid.uuid4())

    def delete_user(self, user: User) -> None:
        self.users.pop(user.id, None)

    def forget_models(self) -> None:
        """Empty both model caches (as a restart or a connection change does)."""
        self.models_cache = None
        self.openai_models_cache = None


def _detail(status: int, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _token_from(request: Request) -> str | None:
    """Bearer header, then the `token` cookie, then what the middleware stashed: the
    Authorization header with any scheme (split on one space), the cookie, `x-api-key`."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
    if request.cookies.get("token"):
        return request.cookies["token"]
    if header:
        parts = header.split(" ")
        if len(parts) == 2:
            return parts[1]
    return request.headers.get("x-api-key") or None


def make_openwebui_app(state: OpenWebUIState) -> Starlette:
    """The stand-in as an ASGI app; `state` may be changed while it runs."""

    # --- who is asking ------------------------------------------------------------------
    def current_user(request: Request) -> tuple[User, str, dict[str, Any]]:
        """(user, "api_key" or "jwt", claims), or HTTPError as `get_current_user` raises."""
        if state.legacy:
            return current_user_v06(request)
        token = _token_from(request)
        if token is None:
            raise HTTPError(401, NOT_AUTHENTICATED)
        if token.startswith("sk-"):
            user = next((u for u in state.users.values() if u.api_key == token), None)
            if user is None:
                raise HTTPError(401, INVALID_TOKEN)
            if not state.api_keys_enabled:
                raise HTTPError(403, API_KEY_NOT_ALLOWED)
            if user.role != "admin" and not may_make_api_keys(user):
                raise HTTPError(403, API_KEY_NOT_ALLOWED)
            if state.admin_config.get("ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS"):
                allowed = [
                    p.strip()
                    for p in str(state.admin_config.get("API_KEYS_ALLOWED_ENDPOINTS", "")).split(
                        ","
                    )
                    if p.strip()
                ]
                path = request.url.path
                if not any(path == a or path.startswith(a + "/") for a in allowed):
                    raise HTTPError(403, ACCESS_PROHIBITED)
            return user, "api_key", {}
        try:
            claims = jwt.decode(token, state.secret_key, algorithms=["HS256"])
        except jwt.PyJWTError:
            raise HTTPError(401, UNAUTHORIZED) from None
        if not isinstance(claims, dict) or "id" not in claims:
            raise HTTPError(401, UNAUTHORIZED)
        user = state.users.get(str(claims["id"]))
        if user is None:
            raise HTTPError(401, INVALID_AUTH_REQUEST)
        if claims.get("session_stamp") != user.session_stamp:
            raise HTTPError(401, INVALID_TOKEN_JWT)
        if claims.get("typ", "session") not in ("session", "automation", "subagent"):
            raise HTTPError(401, INVALID_TOKEN_JWT)
        return user, "jwt", claims

    def current_user_v06(request: Request) -> tuple[User, str, dict[str, Any]]:
        """0.6.18's `get_current_user`: 403 without credentials; for keys, the switch and the
        restrictions come before the key is even looked up, both answered "not enabled"; a
        JWT is only decoded (no session stamp), and a deleted user's one gets the unknown
        key's text."""
        token = _token_from_v06(request)
        if token is None:
            raise HTTPError(403, NOT_AUTHENTICATED)
        if token.startswith("sk-"):
            if not state.api_keys_enabled:
                raise HTTPError(403, API_KEY_NOT_ALLOWED)
            switch, paths = state.restrictions_field
            if state.admin_config.get(switch):
                allowed = [p.strip() for p in str(state.admin_config.get(paths, "")).split(",")]
                path = request.url.path
                if not any(path == a or path.startswith(a + "/") for a in allowed):
                    raise HTTPError(403, API_KEY_NOT_ALLOWED)
            user = next((u for u in state.users.values() if u.api_key == token), None)
            if user is None:
                raise HTTPError(401, INVALID_TOKEN)
            return user, "api_key", {}
        try:
            claims = jwt.decode(token, state.secret_key, algorithms=["HS256"])
        except jwt.PyJWTError:
            raise HTTPError(401, UNAUTHORIZED) from None
        if not isinstance(claims, dict) or "id" not in claims:
            raise HTTPError(401, UNAUTHORIZED)
        user = state.users.get(str(claims["id"]))
        if user is None:
            raise HTTPError(401, INVALID_TOKEN)
        return user, "jwt", claims

    def verified_user(request: Request) -> User:
        user, _, _ = current_user(request)
        if user.role not in ("user", "admin"):
            raise HTTPError(401, ACCESS_PROHIBITED)
        return user

    def admin_user(request: Request) -> User:
        user, _, _ = current_user(request)
        if user.role != "admin":
            raise HTTPError(401, ACCESS_PROHIBITED)
        return user

    def may_make_api_keys(user: User) -> bool:
        return user.api_keys_permission or bool(
            state.default_permissions.get("features", {}).get("api_keys")
        )

    def check_api_key_permission(user: User) -> None:
        if state.legacy and not state.api_keys_enabled:  # 0.6: the switch alone
            raise HTTPError(403, API_KEY_CREATION_NOT_ALLOWED)
        if state.legacy:
            return
        if not state.api_keys_enabled or (user.role != "admin" and not may_make_api_keys(user)):
            raise HTTPError(403, API_KEY_CREATION_NOT_ALLOWED)

    # --- models -------------------------------------------------------------------------
    async def fetch_upstream() -> dict[str, dict[str, Any]]:
        """`{base}/models` with the configured key: {id: upstream model}; {} on any failure."""
        if not state.enable_openai_api or not state.openai_base_url:
            return {}
        url = state.openai_base_url.rstrip("/") + "/models"
        headers = {"Authorization": f"Bearer {state.openai_key}"} if state.openai_key else {}
        try:
            async with httpx.AsyncClient(timeout=state.upstream_timeout, trust_env=False) as client:
                response = await client.get(url, headers=headers)
            payload = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return {}
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, list):
            return {}
        return {str(m["id"]): m for m in data if isinstance(m, dict) and "id" in m}

    def base_entry(model: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": model["id"],
            "object": "model",
            "created": model.get("created", 0),
            "owned_by": "openai",
            "connection_type": "external",
            "name": model["id"],
            "openai": {**model, "connection_type": "external"},
            "provider": "",
            "urlIdx": 0,
            "actions": [],
            "filters": [],
            "tags": [],
        }

    def custom_entry(model: CustomModel) -> dict[str, Any]:
        owner = model.owner_id or (state.first_admin() or User("", "", "", "")).id
        info = {
            "version_id": model.version_id,
            "id": model.id,
            "user_id": owner,
            "base_model_id": model.base_model_id,
            "name": model.name,
            "params": {},
            "meta": {
                "background_image_url": None,
                "description": model.description,
                "i18n": None,
                "capabilities": None,
                "knowledge": None,
                "voice": None,
                "voice_avatar": None,
            },
            "access_grants": [],
            "is_active": True,
            "updated_at": model.created_at,
            "created_at": model.created_at,
        }
        return {
            "id": model.id,
            "name": model.name,
            "object": "model",
            "created": model.created_at,
            "owned_by": "openai",
            "connection_type": "external",
            "preset": True,
            "info": info,
            "actions": [],
            "filters": [],
            "tags": [],
        }

    async def openai_models(refresh: bool = False) -> dict[str, dict[str, Any]]:
        if state.cache_models and state.openai_models_cache and not refresh:
            return state.openai_models_cache
        upstream = await fetch_upstream()
        if state.cache_models and upstream:
            state.openai_models_cache = upstream
        return upstream

    async def all_models() -> list[dict[str, Any]]:
        if state.cache_models and state.models_cache:
            return state.models_cache
        upstream = await openai_models(refresh=True)
        entries = [base_entry(m) for m in upstream.values()]
        entries += [custom_entry(m) for m in state.models if m.base_model_id in upstream]
        if state.cache_models and entries:
            state.models_cache = entries
        return entries

    def may_see(user: User, entry: dict[str, Any]) -> bool:
        if user.role == "admin":
            return True
        info = entry.get("info")
        if not info:
            return False  # models without a Workspace entry: admins only
        custom = next((m for m in state.models if m.id == entry["id"]), None)
        return custom is not None and (
            info.get("user_id") == user.id or user.id in custom.access or "*" in custom.access
        )

    # --- handlers -----------------------------------------------------------------------
    async def health(request: Request) -> Response:
        return JSONResponse({"status": True})

    async def version(request: Request) -> Response:
        if state.legacy:
            return JSONResponse({"version": state.version})
        return JSONResponse({"version": state.version, "deployment_id": ""})

    async def web_app_page(request: Request) -> Response:
        return Response(WEB_APP_PAGE, media_type="text/html")

    async def app_config(request: Request) -> Response:
        """main.py `/api/config`: public facts, plus `enable_api_keys` for a signed-in
        user's session token (an invalid one is 401 `Invalid token`; API keys count as
        nobody, as there)."""
        if state.legacy:  # 0.6 tells anyone whether keys are on
            return JSONResponse(
                {
                    "status": True,
                    "name": "Open WebUI",
                    "version": state.version,
                    "features": {
                        "auth": True,
                        "auth_trusted_header": False,
                        "enable_ldap": False,
                        "enable_api_key": state.api_keys_enabled,
                        "enable_signup": bool(state.admin_config.get("ENABLE_SIGNUP")),
                        "enable_login_form": True,
                        "enable_websocket": True,
                        "enable_version_update_check": False,
                    },
                }
            )
        features: dict[str, Any] = {
            "auth": True,
            "enable_signup": bool(state.admin_config.get("ENABLE_SIGNUP")),
            "enable_login_form": True,
        }
        token = _token_from(request)
        if token and not token.startswith("sk-"):
            try:
                claims = jwt.decode(token, state.secret_key, algorithms=["HS256"])
            except jwt.PyJWTError:
                raise HTTPError(401, INVALID_TOKEN_JWT) from None
            user = state.users.get(str(claims.get("id")))
            if user is not None and claims.get("session_stamp") == user.session_stamp:
                features["enable_api_keys"] = state.api_keys_enabled
        return JSONResponse(
            {"status": True, "name": "Open WebUI", "version": state.version, "features": features}
        )

    async def list_models(request: Request) -> Response:
        user = verified_user(request)
        if state.legacy:  # 0.6 lists afresh, so a bad key empties the list at once; chat
            # keeps using the last list that held models (observed on 0.6.18)
            state.openai_models_cache = None
            upstream = await openai_models(refresh=True)
            entries = [base_entry(m) for m in upstream.values()]
            entries += [custom_entry(m) for m in state.models if m.base_model_id in upstream]
            if entries:
                state.models_cache = entries
            return JSONResponse({"data": [m for m in entries if may_see(user, m)]})
        return JSONResponse({"data": [m for m in await all_models() if may_see(user, m)]})

    async def chat(request: Request) -> Response:
        user = verified_user(request)
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise HTTPError(
                422,
                [
                    {
                        "type": "dict_type",
                        "loc": ["body"],
                        "msg": "Input should be a valid dictionary",
                        "input": None,
                    }
                ],
            )
        model_id = body.get("model")
        listed = state.models_cache if state.legacy and state.models_cache else await all_models()
        entry = next((m for m in listed if m["id"] == model_id), None)
        if entry is None or not may_see(user, entry):
            raise HTTPError(400, MODEL_NOT_FOUND)
        custom = next((m for m in state.models if m.id == model_id), None)
        base_id = custom.base_model_id if custom else str(model_id)
        known = await openai_models(refresh=state.legacy)  # 0.6 asks upstream each time
        if base_id not in known:
            known = await openai_models(refresh=True)
        if base_id not in known and state.legacy:
            raise HTTPError(400, UPSTREAM_MODEL_NOT_FOUND_V06)
        if base_id not in known:
            raise HTTPError(404, "Model '' was not found")
        payload = {**body, "model": base_id}
        url = state.openai_base_url.rstrip("/") + "/chat/completions"
        headers = {
            "Authorization": f"Bearer {state.openai_key}",
            "Content-Type": "application/json",
        }
        client = httpx.AsyncClient(timeout=httpx.Timeout(300, connect=10), trust_env=False)
        try:
            upstream = await client.send(
                client.build_request("POST", url, json=payload, headers=headers), stream=True
            )
        except httpx.HTTPError:
            await client.aclose()
            raise HTTPError(500, SERVER_CONNECTION_ERROR) from None

        async def close() -> None:
            await upstream.aclose()
            await client.aclose()

        if upstream.status_code >= 400 or not body.get("stream"):
            raw = await upstream.aread()
            await close()
            try:
                data = json.loads(raw)
            except ValueError:
                return _detail(
                    upstream.status_code if upstream.status_code >= 400 else 500,
                    raw.decode("utf-8", "replace"),
                )
            return JSONResponse(data, status_code=upstream.status_code)
        relay = {k: v for k, v in upstream.headers.items() if k.lower() == "x-request-id"}
        return StreamingResponse(
            upstream.aiter_raw(),
            status_code=upstream.status_code,
            media_type="text/event-stream",
            headers=relay,
            background=BackgroundTask(close),
        )

    async def signin(request: Request) -> Response:
        body = await _json_body(request)
        email, password = body.get("email"), body.get("password")
        if not isinstance(email, str) or not isinstance(password, str):
            raise HTTPError(422, INVALID_AUTH_REQUEST)
        now = time.monotonic()
        tries = [t for t in state.signin_attempts.get(email.lower(), []) if now - t < SIGNIN_WINDOW]
        tries.append(now)  # every attempt counts, good or bad, before the password is checked
        state.signin_attempts[email.lower()] = tries
        if len(tries) > SIGNIN_LIMIT and not state.legacy:  # 0.6 has no sign-in limit
            raise HTTPError(429, RATE_LIMIT_EXCEEDED)
        user = state.user_by_email(email)
        if user is None or not secrets.compare_digest(user.password, password):
            raise HTTPError(400, INVALID_CRED)
        return JSONResponse(session_answer(user, state.make_token(user)))

    def session_answer(user: User, token: str) -> dict[str, Any]:
        if state.legacy:  # an API key is answered back too (`GET /api/v1/auths/`)
            claims = (
                {}
                if token.startswith("sk-")
                else jwt.decode(token, options={"verify_signature": False})
            )
            return {
                "id": user.id,
                "email": user.email,
                "name": user.name,
                "role": user.role,
                "profile_image_url": "/user.png",
                "token": token,
                "token_type": "Bearer",
                "expires_at": claims.get("exp"),
                "permissions": copy.deepcopy(state.default_permissions),
            }
        claims = jwt.decode(token, options={"verify_signature": False})
        permissions = copy.deepcopy(DEFAULT_PERMISSIONS)
        permissions["features"]["api_keys"] = may_make_api_keys(user)
        return {
            "id": user.id,
            "name": user.name,
            "role": user.role,
            "email": user.email,
            "profile_image_url": f"/api/v1/users/{user.id}/profile/image",
            "token": token,
            "token_type": "Bearer",
            "expires_at": claims.get("exp"),
            "permissions": permissions,
        }

    async def signup(request: Request) -> Response:
        body = await _json_body(request)
        name, email, password = body.get("name"), body.get("email"), body.get("password")
        if not (isinstance(name, str) and isinstance(email, str) and isinstance(password, str)):
            raise HTTPError(422, INVALID_AUTH_REQUEST)
        if state.users and not state.admin_config.get("ENABLE_SIGNUP"):
            raise HTTPError(403, ACCESS_PROHIBITED)
        if state.user_by_email(email):
            raise HTTPError(400, EMAIL_TAKEN)
        first = not state.users
        role = "admin" if first else str(state.admin_config.get("DEFAULT_USER_ROLE", "pending"))
        user = state.add_user(email, password, role, name)
        if first:
            state.admin_config["ENABLE_SIGNUP"] = False
        return JSONResponse(session_answer(user, state.make_token(user)))

    async def session_user(request: Request) -> Response:
        user, kind, claims = current_user(request)
        if state.legacy:  # any credential, an API key too (its own token answered back)
            return JSONResponse(session_answer(user, _token_from_v06(request) or ""))
        if kind != "jwt" or claims.get("typ", "session") != "session":
            raise HTTPError(403, HUMAN_SESSION_REQUIRED)
        signed_in = session_answer(user, _token_from(request) or "")
        return JSONResponse(
            {  # the order and fields of routers/auths.py:get_session_user
                "token": signed_in["token"],
                "token_type": "Bearer",
                "expires_at": signed_in["expires_at"],
                "id": user.id,
                "email": user.email,
                "name": user.name,
                "role": user.role,
                "profile_image_url": "/user.png",
                "bio": None,
                "gender": None,
                "date_of_birth": None,
                "status_emoji": None,
                "status_message": None,
                "status_expires_at": None,
                "permissions": signed_in["permissions"],
            }
        )

    async def api_key(request: Request) -> Response:
        user, _, _ = current_user(request)
        check_api_key_permission(user)
        if request.method == "POST":
            return JSONResponse({"api_key": state.create_api_key(user)})
        if request.method == "DELETE":
            had = user.api_key is not None
            user.api_key = None
            return JSONResponse(had)
        if user.api_key is None:
            raise HTTPError(404, API_KEY_NOT_FOUND)
        return JSONResponse({"api_key": user.api_key})

    def admin_config_now() -> dict[str, Any]:
        if state.legacy:
            return {
                **{k: state.admin_config.get(k, v) for k, v in DEFAULT_ADMIN_CONFIG_V06.items()},
                "ENABLE_API_KEY": state.api_keys_enabled,
                "JWT_EXPIRES_IN": state.jwt_expires_in,
            }
        return {
            **state.admin_config,
            "ENABLE_API_KEYS": state.api_keys_enabled,
            "JWT_EXPIRES_IN": state.jwt_expires_in,
        }

    async def admin_config(request: Request) -> Response:
        admin_user(request)
        if request.method == "GET":
            return JSONResponse(admin_config_now())
        body = await _json_body(request)
        if state.legacy:  # fields it does not know (ENABLE_API_KEYS) are ignored, silently
            if any(name not in body for name in ADMIN_CONFIG_REQUIRED_V06):
                raise HTTPError(422, INVALID_AUTH_REQUEST)
            for name in DEFAULT_ADMIN_CONFIG_V06:
                if name in body:
                    state.admin_config[name] = body[name]
            state.api_keys_enabled = bool(body["ENABLE_API_KEY"])
            if _DURATION.match(str(body["JWT_EXPIRES_IN"])):
                state.jwt_expires_in = str(body["JWT_EXPIRES_IN"])
            return JSONResponse(admin_config_now())
        if any(name not in body for name in ADMIN_CONFIG_REQUIRED):
            raise HTTPError(422, INVALID_AUTH_REQUEST)
        for name in DEFAULT_ADMIN_CONFIG:
            if name in body:
                state.admin_config[name] = body[name]
        state.api_keys_enabled = bool(body["ENABLE_API_KEYS"])
        if _DURATION.match(str(body["JWT_EXPIRES_IN"])):
            state.jwt_expires_in = str(body["JWT_EXPIRES_IN"])
        return JSONResponse({**admin_config_now(), "sessions_revoked": False})

    async def default_permissions(request: Request) -> Response:
        """routers/users.py `/default/permissions`: the whole table, read and replaced."""
        admin_user(request)
        if request.method == "POST":
            body = await _json_body(request)
            defaults = DEFAULT_PERMISSIONS_V06 if state.legacy else DEFAULT_PERMISSIONS
            state.default_permissions = {
                part: {**defaults[part], **(body.get(part) or {})} for part in defaults
            }
        return JSONResponse(state.default_permissions)

    async def create_model(request: Request) -> Response:
        """routers/models.py `/create`: a Workspace model over a base model."""
        user = verified_user(request)
        workspace = state.default_permissions.get("workspace") or {}
        if user.role != "admin" and not workspace.get("models"):
            raise HTTPError(401, UNAUTHORIZED)
        body = await _json_body(request)
        model_id = body.get("id")
        if not isinstance(model_id, str) or not model_id or any(c.isspace() for c in model_id):
            raise HTTPError(422, INVALID_AUTH_REQUEST)
        if any(m.id == model_id for m in state.models):
            raise HTTPError(401, MODEL_ID_TAKEN)
        access = {
            str(g.get("principal_id"))
            for g in body.get("access_grants") or []
            if isinstance(g, dict) and g.get("permission") == "read"
        }
        if state.legacy:  # 0.6 reads `access_control`: none at all (null) is public
            control = body.get("access_control")
            read = (control.get("read") or {}) if isinstance(control, dict) else {}
            access = {"*"} if control is None else {str(u) for u in read.get("user_ids") or []}
        model = CustomModel(
            model_id,
            str(body.get("name") or model_id),
            str(body.get("base_model_id") or ""),
            owner_id=user.id,
            access=access,
            description=str((body.get("meta") or {}).get("description") or ""),
        )
        state.models.append(model)
        state.forget_models()
        return JSONResponse(
            {
                "id": model.id,
                "user_id": user.id,
                "base_model_id": model.base_model_id,
                "name": model.name,
                "created_at": model.created_at,
                "updated_at": model.created_at,
            }
        )

    def openai_config_now() -> dict[str, Any]:
        urls = [state.openai_base_url] if state.openai_base_url else []
        return {
            "ENABLE_OPENAI_API": state.enable_openai_api,
            "OPENAI_API_BASE_URLS": urls,
            "OPENAI_API_KEYS": [state.openai_key] if urls else [],
            "OPENAI_API_CONFIGS": state.openai_api_configs,
        }

    async def openai_config(request: Request) -> Response:
        admin_user(request)
        return JSONResponse(openai_config_now())

    async def openai_config_update(request: Request) -> Response:
        admin_user(request)
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise HTTPError(
                422,
                [
                    {
                        "type": "model_attributes_type",
                        "loc": ["body"],
                        "msg": "Input should be a valid dictionary or object to "
                        "extract fields from",
                        "input": body,
                    }
                ],
            )
        missing = [
            {"type": "missing", "loc": ["body", name], "msg": "Field required", "input": body}
            for name in ("OPENAI_API_BASE_URLS", "OPENAI_API_KEYS", "OPENAI_API_CONFIGS")
            if name not in body
        ]
        if missing:
            raise HTTPError(422, missing)
        urls = [str(u) for u in body["OPENAI_API_BASE_URLS"]]
        keys = [str(k) for k in body["OPENAI_API_KEYS"]][: len(urls)]
        keys += [""] * (len(urls) - len(keys))
        configs = {
            k: v
            for k, v in dict(body["OPENAI_API_CONFIGS"]).items()
            if k in {str(i) for i in range(len(urls))}
        }
        enable = body.get("ENABLE_OPENAI_API")
        state.enable_openai_api = bool(enable)
        state.openai_base_url = urls[0] if urls else ""
        state.openai_key = keys[0] if keys else ""
        state.openai_api_configs = configs
        state.openai_models_cache = None
        if not state.legacy:  # 0.12 drops its model list; 0.6 keeps it for chat
            state.models_cache = None
        return JSONResponse(
            {
                "ENABLE_OPENAI_API": enable,
                "OPENAI_API_BASE_URLS": urls,
                "OPENAI_API_KEYS": keys,
                "OPENAI_API_CONFIGS": configs,
            }
        )

    def guarded(handler: Any, no_store: bool = False) -> Any:
        """HTTPError → `{"detail": …}`; routes of routers/auths.py add `Cache-Control:
        no-store` to every answer, as its `MfaRoute` does."""

        async def endpoint(request: Request) -> Response:
            await asyncio.sleep(state.delay)
            try:
                response: Response = await handler(request)
            except HTTPError as error:
                response = _detail(error.status, error.detail)
            if no_store:
                response.headers["Cache-Control"] = "no-store"
            return response

        return endpoint

    routes = [
        Route("/health", guarded(health), methods=["GET"]),
        Route("/api/config", guarded(app_config), methods=["GET"]),
        Route("/api/models", guarded(list_models), methods=["GET"]),
        Route("/api/version", guarded(version), methods=["GET"]),
        Route(
            "/api/v1/models",
            guarded(web_app_page if state.legacy else list_models),
            methods=["GET"],
        ),
        Route("/api/chat/completions", guarded(chat), methods=["POST"]),
        Route("/api/v1/chat/completions", guarded(chat), methods=["POST"]),
        Route("/api/v1/auths/", guarded(session_user, True), methods=["GET"]),
        Route("/api/v1/auths/signin", guarded(signin, True), methods=["POST"]),
        Route("/api/v1/auths/signup", guarded(signup, True), methods=["POST"]),
        Route("/api/v1/auths/api_key", guarded(api_key, True), methods=["GET", "POST", "DELETE"]),
        Route("/api/v1/auths/admin/config", guarded(admin_config, True), methods=["GET", "POST"]),
        Route(
            "/api/v1/users/default/permissions",
            guarded(default_permissions),
            methods=["GET", "POST"],
        ),
        Route("/api/v1/models/create", guarded(create_model), methods=["POST"]),
        Route("/openai/config", guarded(openai_config), methods=["GET"]),
        Route("/openai/config/update", guarded(openai_config_update), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.standin = state
    return app


def _token_from_v06(request: Request) -> str | None:
    """0.6.18: a Bearer header (FastAPI's HTTPBearer), else the `token` cookie; nothing else."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get("token") or None


async def _json_body(request: Request) -> dict[str, Any]:
    """The JSON object of a request to routers/auths.py; a bad body is its 422."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise HTTPError(422, INVALID_AUTH_REQUEST)
    return body
