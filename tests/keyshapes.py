"""Fake keys of every real shape (FACTS.md): random each time, never a real secret."""

from __future__ import annotations

import secrets
import string
import time

import jwt

_OPENAI_CHARS = string.ascii_letters + string.digits + "_-"
_LEGACY_CHARS = string.ascii_letters + string.digits
MARKER = "T3BlbkFJ"


def _random(n: int, alphabet: str = _OPENAI_CHARS) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def openai_project(half: int = 74) -> str:
    return f"sk-proj-{_random(half)}{MARKER}{_random(half)}"  # 164 (or 132 with half=58)


def openai_service_account() -> str:
    return f"sk-svcacct-{_random(74)}{MARKER}{_random(74)}"  # 167


def openai_admin() -> str:
    return f"sk-admin-{_random(58)}{MARKER}{_random(58)}"  # 133


def openai_legacy() -> str:
    return f"sk-{_random(20, _LEGACY_CHARS)}{MARKER}{_random(20, _LEGACY_CHARS)}"  # 51


def openwebui_api_key() -> str:
    return f"sk-{secrets.token_hex(16)}"  # 'sk-' + uuid4().hex: 35


def openwebui_jwt(exp: float | None = None, secret: str = "x" * 32, **claims: object) -> str:
    payload: dict[str, object] = {"id": "8c9a3c9e-5f0e-4b3e-9d61-2f1f6e0c4a11", **claims}
    if exp is not None:
        payload["exp"] = int(exp)
    return jwt.encode(payload, secret, algorithm="HS256")


def openwebui_jwt_in(seconds: float) -> str:
    """A session token that expires `seconds` from now (negative: already expired)."""
    return openwebui_jwt(exp=time.time() + seconds)


def every_kind() -> dict[str, str]:
    return {
        "openai-project": openai_project(),
        "openai-service-account": openai_service_account(),
        "openai-admin": openai_admin(),
        "openai-legacy": openai_legacy(),
        "openwebui-api-key": openwebui_api_key(),
        "openwebui-jwt": openwebui_jwt_in(20 * 86400),
    }
