"""From an answer (or a silence) to a diagnosis: what happened, why, and what to do next.

Pure: no network. Every answer interpreted here is one observed on the real servers
(../shared/FACTS.md); each outcome is a catalogue entry `diag.<code>.what|why|next`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from wizard.core.errors import Explanation
from wizard.core.i18n import Msg, catalogue
from wizard.core.openwebui_version import (
    UNKNOWN,
    VARIANT_SUFFIX,
    Generation,
    OpenWebUIVersion,
)
from wizard.core.record import record


class Verdict(StrEnum):
    OK = "ok"
    WARNING = "warning"  # works, or will work again by itself (rate limit)
    CRITICAL = "critical"  # a key or a setting is wrong: the user must act
    UNKNOWN = "unknown"  # the server could not be reached: we do not know if the key works


@record
class Diagnosis:
    code: str  # the catalogue stem: diag.<code>
    verdict: Verdict
    params: dict[str, object]
    # A server generation's own wording (".v0.6"): `diag.<code>.<part><variant>` replaces a
    # part where the catalogue holds one, as a default true on 0.12 may be false on 0.6.
    variant: str = ""

    def __post_init__(self) -> None:
        # Text parameters (a server's `detail`, a header, a URL) come from outside: cleaned of
        # control characters and escape sequences here, however the diagnosis was made.
        from wizard.core.sanitize import clean_text
        from wizard.core.transport import shown_url

        cleaned = {
            name: (
                (shown_url(value) if "://" in value else clean_text(value))
                if isinstance(value, str)
                else value
            )
            for name, value in self.params.items()
        }
        object.__setattr__(self, "params", cleaned)

    @property
    def explanation(self) -> Explanation:
        if not self.variant:
            return Explanation.of(f"diag.{self.code}", **self.params)
        messages = catalogue()
        keys = [f"diag.{self.code}.{part}" for part in ("what", "why", "next")]
        chosen = [k + self.variant if k + self.variant in messages else k for k in keys]
        return Explanation(*(Msg(key, self.params) for key in chosen))

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


def diagnosis(code: str, verdict: Verdict, /, **params: object) -> Diagnosis:
    return Diagnosis(code, verdict, params)


# Open WebUI's `detail` texts (FACTS.md, "answers observed on GET /api/models", and its
# 0.6.x table: same texts, some with another status or meaning there).
OWUI_NOT_AUTHENTICATED = "Not authenticated"
OWUI_UNAUTHORIZED = "401 Unauthorized"
OWUI_INVALID_TOKEN = "Invalid token"
OWUI_DELETED_USER = "Invalid authentication request."
OWUI_BAD_API_KEY = "Your session has expired or the token is invalid. Please sign in again."
OWUI_KEYS_DISABLED = "Use of API key is not enabled in the environment."
OWUI_RESTRICTED = (
    "You do not have permission to access this resource. Please contact your administrator "
    "for assistance."
)
OWUI_HUMAN_SESSION = "A human session is required."
OWUI_KEY_CREATION_OFF = "API key creation is not allowed in the environment."
OWUI_MODEL_NOT_FOUND = "Model not found"
# 0.6.x chat, once the OpenAI key inside Open WebUI went bad (400; 0.12 says 404 "Model ''…").
OWUI_UPSTREAM_MODEL_NOT_FOUND = "404: Model not found"


def parse_json(body: bytes) -> Any:
    """The JSON of a body, or None when it is not JSON (invalid UTF-8, absurd nesting or
    numbers included: see `deadline.loads_bounded`)."""
    from wizard.core.deadline import NotJSON, loads_bounded

    try:
        return loads_bounded(body)
    except NotJSON:
        return None


def openwebui_detail(payload: Any) -> str | None:
    detail = payload.get("detail") if isinstance(payload, dict) else None
    return detail if isinstance(detail, str) else None


def openai_error(payload: Any) -> dict[str, Any] | None:
    """OpenAI's `{"error": {...}}` object, whether it came straight or relayed by Open WebUI."""
    error = payload.get("error") if isinstance(payload, dict) else None
    return error if isinstance(error, dict) else None


def diagnose_openwebui_refusal(
    status: int,
    detail: str | None,
    *,
    key_kind: str,
    jwt_expired: bool,
    file: str,
    version: OpenWebUIVersion = UNKNOWN,
    keys_switched_on: bool | None = None,
) -> Diagnosis:
    """Open WebUI said no to the backend's key: which of FACTS.md's rows is it?

    `key_kind` is the credential's kind (`recognise_key`): 0.6.x gives a deleted user's
    session token the same answer as an unknown API key, so the kind decides. 0.6.x also
    answers a key outside the allowed endpoints as if keys were off; `keys_switched_on`
    (what its public `/api/config` says, None when it does not say) tells them apart.
    """
    params: dict[str, object] = {"file": file, "status": status}
    variant = VARIANT_SUFFIX[version.generation]
    if version.assumed and keys_switched_on is not None:  # only 0.6 tells anyone: it is 0.6
        variant = VARIANT_SUFFIX[Generation.V0_6]

    def verdict(code: str) -> Diagnosis:
        return Diagnosis(code, Verdict.CRITICAL, params, variant)

    if detail == OWUI_NOT_AUTHENTICATED and status in (401, 403):  # 403 on 0.6.x
        return verdict("openwebui-no-credentials")
    if status == 401:
        if detail == OWUI_BAD_API_KEY:
            deleted = key_kind == "openwebui-jwt"  # only 0.6.x says this to a session token
            return verdict("openwebui-user-deleted" if deleted else "openwebui-api-key-refused")
        if detail == OWUI_INVALID_TOKEN:
            return verdict("openwebui-session-revoked")
        if detail == OWUI_DELETED_USER:
            return verdict("openwebui-user-deleted")
        if detail == OWUI_UNAUTHORIZED:
            if key_kind == "openwebui-jwt":
                return verdict("openwebui-jwt-expired" if jwt_expired else "openwebui-jwt-refused")
            return verdict("openwebui-token-malformed")
    if status == 403:
        if detail == OWUI_KEYS_DISABLED:
            if keys_switched_on is True:  # on, yet refused: only a restriction does that
                return verdict("openwebui-restricted")
            if keys_switched_on is None and version.is_legacy:
                return verdict("openwebui-keys-off-or-restricted")
            return verdict("openwebui-keys-disabled")
        if detail == OWUI_RESTRICTED:
            return verdict("openwebui-restricted")
        if detail == OWUI_HUMAN_SESSION:
            return verdict("openwebui-human-session")
    return Diagnosis(
        "openwebui-refused-other", Verdict.CRITICAL, {"detail": detail or "", **params}, variant
    )


def diagnose_openai_error(status: int, error: dict[str, Any], *, where: str) -> Diagnosis:
    """An OpenAI error body (FACTS.md's REST table); `where` says which key it was."""
    code = error.get("code")
    kind = error.get("type")
    message = str(error.get("message") or "")
    params: dict[str, object] = {
        "where": Msg(f"where.{where}"),
        "place": Msg(f"place.{where}"),
        "status": status,
    }
    if status == 401:
        if code == "invalid_api_key":
            return diagnosis("openai-invalid-key", Verdict.CRITICAL, **params)
        if code == "account_deactivated":
            return diagnosis("openai-deactivated", Verdict.CRITICAL, **params)
        if "Missing scopes" in message or "insufficient permissions" in message:
            return diagnosis("openai-missing-scope", Verdict.CRITICAL, **params)
        if message.startswith("You didn't provide an API key"):
            return diagnosis("openai-no-key", Verdict.CRITICAL, **params)
    if status == 429:
        if code == "insufficient_quota" or kind == "insufficient_quota":
            return diagnosis("openai-no-credit", Verdict.CRITICAL, **params)
        return diagnosis("openai-rate-limited", Verdict.WARNING, **params)
    if status == 404 and code == "model_not_found":
        return diagnosis("openai-model-not-found", Verdict.CRITICAL, **params)
    if status == 403 and code == "unsupported_country_region_territory":
        return diagnosis("openai-country", Verdict.CRITICAL, **params)
    if status >= 500:  # OpenAI's own trouble (overloaded, down): not the key's fault
        return diagnosis("openai-server-error", Verdict.UNKNOWN, **params)
    return diagnosis("openai-other", Verdict.CRITICAL, error=str(code or kind or status), **params)


def diagnose_missing_model(
    model: str, models: list[str], *, file: str, names: dict[str, str] | None = None
) -> Diagnosis:
    """Open WebUI accepted the key and lists models, but not `model`: name the right ids.

    `names` maps display names to ids (`TechNova` → `technova`): the name people read in
    Open WebUI is not the id the API wants. (An empty list is another story: the OpenAI key
    inside Open WebUI, FACTS.md.)
    """
    import difflib

    shown = [m for m in models if m][:20]
    by_folded = {m.casefold(): m for m in shown}
    named = {n.strip().casefold(): i for n, i in (names or {}).items() if i in shown}
    wanted = model.strip().casefold()
    match = (
        by_folded.get(wanted)
        or named.get(wanted)
        or next(
            iter(difflib.get_close_matches(model.casefold(), list(by_folded), n=1, cutoff=0.5)),
            None,
        )
    )
    suggestion = by_folded.get(match, match) if match else None
    closest: object = Msg("diag.closest-model", {"suggestion": suggestion}) if suggestion else ""
    return diagnosis(
        "openwebui-wrong-model-id",
        Verdict.CRITICAL,
        model=model,
        file=file,
        models=", ".join(shown),
        closest=closest,
        suggestion=suggestion or "",
    )
