"""A stand-in for the OpenAI API: `/v1/models`, `/v1/chat/completions`, `/v1/realtime`.

It answers exactly as FACTS.md's "OpenAI: REST answers" and "Realtime API" sections say
(status, JSON error body, `x-request-id`, WebSocket close codes), so the probes and the
`--demo` mode can meet every situation without a real key. Nothing here is secret: the
keys it accepts are made up by `new_openai_key()`.

Situations (`OpenAIState.situation` for every key, `key_situations[key]` for one key):
`"ok"`, `"no_credit"`, `"rate_limited"`, `"deactivated"`, `"missing_scope"`, `"country"`,
`"down"` (503 on every request, before the key is looked at) and `"no_realtime"` (REST works,
the Realtime handshake is refused with HTTP 403). `"no_credit"` and `"rate_limited"` hit chat
only (and `/v1/models` too when `quota_on_models` is set); the Realtime socket still opens.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import string
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

SITUATIONS = (
    "ok",
    "no_credit",
    "rate_limited",
    "deactivated",
    "missing_scope",
    "country",
    "down",
    "no_realtime",
)
DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4o", "gpt-realtime")
KEYS_PAGE = "https://platform.openai.com/account/api-keys"
_KEY_CHARS = string.ascii_letters + string.digits + "_-"
_ID_CHARS = string.ascii_letters + string.digits

NO_KEY_MESSAGE = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with "
    "blank username) if you're accessing the API from your browser and are prompted for a "
    "username and password. You can obtain an API key from "
    "https://platform.openai.com/account/api-keys."
)
NO_CREDIT_MESSAGE = (
    "You exceeded your current quota, please check your plan and billing details. For more "
    "information on this error, read the docs: "
    "https://platform.openai.com/docs/guides/error-codes/api-errors."
)
DEACTIVATED_MESSAGE = (
    "The OpenAI account associated with this API key has been deactivated. If you are the "
    "developer for this OpenAI app, please check your email for more information. If you are "
    "seeing this error while using another app or site, please reach out to them for more help."
)
COUNTRY_MESSAGE = "Country, region, or territory not supported"
BETA_MESSAGE = (
    "The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API."
)


def new_openai_key() -> str:
    """A made-up key of the project-key shape (164 chars, `T3BlbkFJ` in the middle)."""

    def part(n: int) -> str:
        return "".join(secrets.choice(_KEY_CHARS) for _ in range(n))

    return f"sk-proj-{part(74)}T3BlbkFJ{part(74)}"


def openai_mask(key: str) -> str:
    """How OpenAI shows a key in its messages: first 8, one `*` per hidden char, last 4.

    The value is not trimmed first. (Keys of 12 characters or fewer: shown as they are;
    not observed, a guess.)
    """
    if len(key) <= 12:
        return key
    return key[:8] + "*" * (len(key) - 12) + key[-4:]


def _json(value: Any) -> str:
    """Compact JSON, as OpenAI sends it."""
    return json.dumps(value, separators=(",", ":"))


def request_id() -> str:
    return "req_" + uuid.uuid4().hex


def _event_id() -> str:
    return "event_" + "".join(secrets.choice(_ID_CHARS) for _ in range(21))


@dataclass
class OpenAIState:
    """Everything the stand-in answers from; tests change it while the server runs."""

    valid_keys: set[str] = field(default_factory=set)
    situation: str = "ok"  # for every valid key, unless `key_situations` names the key
    key_situations: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before any answer (slow server, concurrency)
    models: list[str] = field(default_factory=lambda: list(DEFAULT_MODELS))
    realtime_model: str = "gpt-realtime"
    organization: str = "org-standin0000000000000000"
    reply_prefix: str = "TechNova stand-in says hello. You wrote: "
    # Does a key without credit (or over its rate) also get its 429 on `/v1/models`? Listing
    # models costs nothing, and accounts without credit have been seen listing them; not
    # verified against OpenAI today, hence a switch.
    quota_on_models: bool = False
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) seen

    def situation_for(self, key: str) -> str:
        return self.key_situations.get(key, self.situation)


def _error(
    status: int,
    message: str,
    kind: str,
    code: str | None,
    param: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def _error_body(
    situation: str, key: str, model: str, scope: str, org: str
) -> tuple[int, dict[str, Any]] | None:
    """The status and `error` object of a key's situation (None when all is well)."""
    if situation == "invalid":
        return 401, {
            "message": f"Incorrect API key provided: {openai_mask(key)}. You can find "
            f"your API key at {KEYS_PAGE}.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    table: dict[str, tuple[int, str, str, str | None]] = {
        "missing_key": (401, NO_KEY_MESSAGE, "invalid_request_error", None),
        "no_credit": (429, NO_CREDIT_MESSAGE, "insufficient_quota", "insufficient_quota"),
        "rate_limited": (
            429,
            f"Rate limit reached for {model} in organization {org} on requests per min (RPM): "
            "Limit 3, Used 3, Requested 1. Please try again in 20s. Visit "
            "https://platform.openai.com/account/rate-limits to learn more.",
            "requests",
            "rate_limit_exceeded",
        ),
        "deactivated": (401, DEACTIVATED_MESSAGE, "invalid_request_error", "account_deactivated"),
        "missing_scope": (
            401,
            "You have insufficient permissions for this operation. Missing scopes: "
            f"{scope}. Check that you have the correct role in your organization (Reader, "
            "Writer, Owner) and project (Member, Owner), and if you're using a restricted API "
            "key, that it has the necessary scopes.",
            "invalid_request_error",
            None,
        ),
        "country": (
            403,
            COUNTRY_MESSAGE,
            "request_forbidden",
            "unsupported_country_region_territory",
        ),
        "down": (503, "The server is overloaded or not ready yet.", "server_error", None),
    }
    if situation not in table:
        return None
    status, message, kind, code = table[situation]
    return status, {"message": message, "type": kind, "param": None, "code": code}


def _bearer(headers: Any) -> str | None:
    """The key after `Bearer ` (None when there is no usable Authorization header)."""
    value = headers.get("authorization")
    if not isinstance(value, str):
        return None
    scheme, _, key = value.partition(" ")
    if scheme.lower() != "bearer" or not key:
        return None
    return key  # not trimmed: OpenAI masks the value as sent


def make_openai_app(state: OpenAIState) -> Starlette:
    """The stand-in as an ASGI app; `state` may be changed while it runs."""

    def refusal(
        request: Request, model: str, scope: str, billable: bool = True
    ) -> tuple[Response | None, str]:
        """The error answer for this request's key, or None and the key when it may pass.

        Quota and rate limits are met on billable calls (chat), not on `/v1/models`, unless
        `state.quota_on_models` says otherwise."""
        key = _bearer(request.headers)
        if state.situation == "down":
            situation = "down"  # before the key is even looked at
        elif key is None:
            situation = "missing_key"
        elif key not in state.valid_keys:
            situation = "invalid"
        else:
            situation = state.situation_for(key)
            if situation == "no_realtime" or (
                situation in ("no_credit", "rate_limited")
                and not billable
                and not state.quota_on_models
            ):
                situation = "ok"
        found = _error_body(situation, key or "", model, scope, state.organization)
        if found is None:
            return None, key or ""
        status, error = found
        return JSONResponse({"error": error}, status_code=status), key or ""

    def model_object(model_id: str) -> dict[str, Any]:
        return {"id": model_id, "object": "model", "created": 1715367049, "owned_by": "system"}

    async def list_models(request: Request) -> Response:
        state.requests.append(("GET", request.url.path))
        await asyncio.sleep(state.delay)
        refused, _ = refusal(request, "gpt-4o-mini", "api.model.read", billable=False)
        if refused is not None:
            return refused
        return JSONResponse({"object": "list", "data": [model_object(m) for m in state.models]})

    async def chat(request: Request) -> Response:
        state.requests.append(("POST", request.url.path))
        await asyncio.sleep(state.delay)
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            body = None
        model = str(body.get("model", "")) if isinstance(body, dict) else ""
        refused, _ = refusal(request, model or "gpt-4o-mini", "model.request")
        if refused is not None:
            return refused
        if not isinstance(body, dict):
            return _error(
                400,
                "We could not parse the JSON body of your request. (HINT: This "
                "likely means you aren't using your HTTP library correctly. The "
                "OpenAI API expects a JSON payload, but what was sent was not valid "
                "JSON. If you have trouble figuring out how to fix this, please "
                "contact us through our help center at help.openai.com.)",
                "invalid_request_error",
                None,
            )
        if not model:
            return _error(400, "you must provide a model parameter", "invalid_request_error", None)
        if model not in state.models:
            return _error(
                404,
                f"The model `{model}` does not exist or you do not have access to it.",
                "invalid_request_error",
                "model_not_found",
            )
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return _error(
                400,
                "[] is too short - 'messages'",
                "invalid_request_error",
                "empty_array",
                param="messages",
            )
        text = state.reply_prefix + _last_user_text(messages)
        completion_id = "chatcmpl-" + "".join(secrets.choice(_ID_CHARS) for _ in range(29))
        created = int(time.time())
        usage = {
            "prompt_tokens": 9,
            "completion_tokens": len(text.split()),
            "total_tokens": 9 + len(text.split()),
        }
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(
                _stream(completion_id, created, model, text, usage if include_usage else None),
                media_type="text/event-stream",
            )
        return JSONResponse(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {
                            "role": "assistant",
                            "content": text,
                            "refusal": None,
                            "annotations": [],
                        },
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
                "service_tier": "default",
                "system_fingerprint": "fp_standin",
            }
        )

    async def realtime(websocket: WebSocket) -> None:
        state.requests.append(("WS", websocket.url.path))
        await asyncio.sleep(state.delay)
        key = _bearer(websocket.headers)
        protocols = [
            p.strip() for p in websocket.headers.get("sec-websocket-protocol", "").split(",")
        ]
        subprotocol = None
        for protocol in protocols:  # how browsers pass the key: `openai-insecure-api-key.<key>`
            if protocol.startswith("openai-insecure-api-key.") and key is None:
                key = protocol.removeprefix("openai-insecure-api-key.")
                subprotocol = "realtime" if "realtime" in protocols else None
        model = websocket.query_params.get("model", "")
        situation = (
            "down"
            if state.situation == "down"
            else "missing_key"
            if key is None
            else state.situation_for(key)
            if key in state.valid_keys
            else "invalid"
        )
        if situation in ("no_credit", "rate_limited"):
            situation = "ok"  # billing is met later, when a response is asked for
        if situation in ("no_realtime", "country", "down"):
            # Refused at the handshake with an HTTP answer (observed once: 403).
            status, error = _error_body(
                "country" if situation == "no_realtime" else situation,
                key or "",
                model,
                "",
                state.organization,
            ) or (403, {})
            if situation == "no_realtime":
                error = {
                    "message": "You do not have access to the Realtime API.",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": "model_not_found",
                }
            await websocket.send_denial_response(
                JSONResponse(
                    {"error": error}, status_code=status, headers={"x-request-id": request_id()}
                )
            )
            return
        await websocket.accept(subprotocol=subprotocol)
        found = _error_body(situation, key or "", model, "model.request", state.organization)
        if found is not None:
            _, error = found
            ordered = {
                "type": error["type"],
                "code": error["code"],
                "message": error["message"],
                "param": None,
                "event_id": None,
            }  # the order OpenAI sends them in
            await websocket.send_text(
                _json({"type": "error", "event_id": _event_id(), "error": ordered})
            )
            await websocket.close(code=3000, reason=f"{error['type']}.{error['code']}")
            return
        if websocket.headers.get("openai-beta", "").strip().lower().startswith("realtime"):
            await websocket.send_text(
                _json(
                    {
                        "type": "error",
                        "event_id": _event_id(),
                        "error": {
                            "type": "invalid_request_error",
                            "code": "beta_api_shape_disabled",
                            "message": BETA_MESSAGE,
                            "param": None,
                            "event_id": None,
                        },
                    }
                )
            )
            await websocket.close(code=4000, reason="beta_api_shape_disabled")
            return
        if model != state.realtime_model:
            await websocket.close(code=4000, reason="invalid_model")
            return
        session = _session(model)
        await websocket.send_text(
            _json({"type": "session.created", "event_id": _event_id(), "session": session})
        )
        try:
            while True:  # stay open until the client leaves; answer session.update politely
                message = await websocket.receive_text()
                try:
                    event = json.loads(message)
                except ValueError:
                    continue
                if isinstance(event, dict) and event.get("type") == "session.update":
                    update = event.get("session")
                    if isinstance(update, dict):
                        session.update(update)
                    await websocket.send_text(
                        _json(
                            {"type": "session.updated", "event_id": _event_id(), "session": session}
                        )
                    )
        except (WebSocketDisconnect, RuntimeError):
            return

    app = Starlette(
        routes=[
            Route("/v1/models", list_models, methods=["GET"]),
            Route("/v1/chat/completions", chat, methods=["POST"]),
            WebSocketRoute("/v1/realtime", realtime),
        ]
    )
    app.add_middleware(_RequestIdMiddleware)
    app.state.standin = state
    return app


class _RequestIdMiddleware:
    """`x-request-id: req_<32 hex>` on every HTTP answer, success or error, like OpenAI."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id().encode()))
                headers.append((b"openai-version", b"2020-10-01"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_id)


def _last_user_text(messages: list[Any]) -> str:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):  # [{"type":"text","text":...}, ...]
                return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


async def _stream(
    completion_id: str, created: int, model: str, text: str, usage: dict[str, int] | None
) -> AsyncIterator[bytes]:
    def chunk(delta: dict[str, Any], finish: str | None) -> bytes:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": "fp_standin",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }
        if usage is not None:
            body["usage"] = None
        return b"data: " + _json(body).encode() + b"\n\n"

    yield chunk({"role": "assistant", "content": "", "refusal": None}, None)
    words = text.split(" ")
    for i, word in enumerate(words):
        yield chunk({"content": word if i == 0 else " " + word}, None)
        await asyncio.sleep(0)
    yield chunk({}, "stop")
    if usage is not None:
        tail = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [],
            "usage": usage,
        }
        yield b"data: " + _json(tail).encode() + b"\n\n"
    yield b"data: [DONE]\n\n"


def _session(model: str) -> dict[str, Any]:
    """A GA `session.created` session, as OpenAI sends it first on a good key."""
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": "sess_" + "".join(secrets.choice(_ID_CHARS) for _ in range(21)),
        "model": model,
        "output_modalities": ["audio"],
        "instructions": "",
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "prompt": None,
        "expires_at": int(time.time()) + 3600,
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": None,
                "noise_reduction": None,
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 200,
                    "idle_timeout_ms": None,
                    "create_response": True,
                    "interrupt_response": True,
                },
            },
            "output": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "voice": "alloy",
                "speed": 1.0,
            },
        },
        "include": None,
    }
