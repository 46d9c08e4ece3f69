"""The stand-ins answer as FACTS.md says OpenAI and Open WebUI 0.12.4 do, row by row."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
import websockets
from websockets.exceptions import InvalidStatus

from wizard.core.probes import ProbeTarget, Timeouts, run_probes
from wizard.core.secret import Secret
from wizard.standins import (
    BackgroundServer,
    OpenAIState,
    OpenWebUIState,
    User,
    make_openai_app,
    make_openwebui_app,
    new_openai_key,
    openai_mask,
    run_in_thread,
    start_demo,
)
from wizard.standins.openai import NO_KEY_MESSAGE

REQUEST_ID = re.compile(r"^req_[0-9a-f]{32}$")
OWUI_KEY = re.compile(r"^sk-[0-9a-f]{32}$")
KEYS_PAGE = "You can find your API key at https://platform.openai.com/account/api-keys."
INVALID_TOKEN = "Your session has expired or the token is invalid. Please sign in again."
PROHIBITED = (
    "You do not have permission to access this resource. Please contact your "
    "administrator for assistance."
)
GOOD = new_openai_key()
OTHER = new_openai_key()


def reset(state: Any) -> None:
    """Put a running stand-in's state back to a fresh one's values (same object)."""
    fresh = type(state)()
    for f in dataclasses.fields(state):
        setattr(state, f.name, getattr(fresh, f.name))


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def openai_server() -> Iterator[tuple[BackgroundServer, OpenAIState]]:
    state = OpenAIState()
    with run_in_thread(make_openai_app(state)) as server:
        yield server, state


@pytest.fixture(scope="module")
def owui_server() -> Iterator[tuple[BackgroundServer, OpenWebUIState]]:
    state = OpenWebUIState()
    with run_in_thread(make_openwebui_app(state)) as server:
        yield server, state


@pytest.fixture
def oai(openai_server: tuple[BackgroundServer, OpenAIState]) -> OpenAIState:
    _, state = openai_server
    reset(state)
    state.valid_keys = {GOOD, OTHER}
    return state


@pytest.fixture
def oai_url(openai_server: tuple[BackgroundServer, OpenAIState], oai: OpenAIState) -> str:
    return openai_server[0].url


@pytest.fixture
def owui(owui_server: tuple[BackgroundServer, OpenWebUIState], oai_url: str) -> OpenWebUIState:
    _, state = owui_server
    reset(state)
    state.openai_base_url = oai_url + "/v1"
    state.openai_key = GOOD
    state.api_keys_enabled = True
    admin = state.add_user("admin@example.com", "admin-pw", role="admin", name="Admin")
    state.create_api_key(admin)
    return state


@pytest.fixture
def owui_url(owui_server: tuple[BackgroundServer, OpenWebUIState], owui: OpenWebUIState) -> str:
    return owui_server[0].url


def admin(state: OpenWebUIState) -> User:
    found = state.user_by_email("admin@example.com")
    assert found is not None
    return found


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def chat_body(model: str = "technova", stream: bool = False, text: str = "Hello") -> dict:
    return {"model": model, "stream": stream, "messages": [{"role": "user", "content": text}]}


def streamed_text(raw: str) -> str:
    lines = [line for line in raw.split("\n") if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])


# --- OpenAI: REST -----------------------------------------------------------------------------


def test_models_lists_the_three_models_with_a_request_id(oai_url: str) -> None:
    r = httpx.get(oai_url + "/v1/models", headers=bearer(GOOD))
    assert r.status_code == 200
    assert REQUEST_ID.match(r.headers["x-request-id"])
    body = r.json()
    assert body["object"] == "list"
    assert {m["id"] for m in body["data"]} >= {"gpt-4o-mini", "gpt-4o", "gpt-realtime"}
    assert set(body["data"][0]) == {"id", "object", "created", "owned_by"}
    assert body["data"][0]["object"] == "model" and body["data"][0]["owned_by"] == "system"


def test_wrong_key_message_masks_like_openai(oai_url: str) -> None:
    wrong = new_openai_key()
    r = httpx.get(oai_url + "/v1/models", headers=bearer(wrong))
    masked = wrong[:8] + "*" * (len(wrong) - 12) + wrong[-4:]
    assert r.status_code == 401
    assert REQUEST_ID.match(r.headers["x-request-id"])
    assert r.json() == {
        "error": {
            "message": f"Incorrect API key provided: {masked}. {KEYS_PAGE}",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }


def test_the_mask_is_taken_from_the_value_as_sent() -> None:
    padded = " sk-proj-abcdefghijklmnopMxYA "  # 30 characters, spaces included
    assert openai_mask(padded) == " sk-proj" + "*" * 18 + "xYA "
    assert openai_mask("sk-proj-" + "a" * 20 + "MxYA") == "sk-proj-" + "*" * 20 + "MxYA"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic x"}])
def test_no_key(oai_url: str, headers: dict[str, str]) -> None:
    r = httpx.get(oai_url + "/v1/models", headers=headers)
    assert r.status_code == 401
    assert r.json() == {
        "error": {
            "message": NO_KEY_MESSAGE,
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    }
    assert NO_KEY_MESSAGE.startswith(
        "You didn't provide an API key. You need to provide your "
        "API key in an Authorization header using Bearer auth"
    )


@pytest.mark.parametrize(
    ("situation", "status", "kind", "code", "start"),
    [
        (
            "no_credit",
            429,
            "insufficient_quota",
            "insufficient_quota",
            "You exceeded your current quota, please check your plan and billing details. For more "
            "information on this error, read the docs: "
            "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        ),
        (
            "rate_limited",
            429,
            "requests",
            "rate_limit_exceeded",
            "Rate limit reached for gpt-4o-mini in organization org-",
        ),
        (
            "missing_scope",
            401,
            "invalid_request_error",
            None,
            "You have insufficient permissions for this operation. Missing scopes: model.request.",
        ),
        (
            "deactivated",
            401,
            "invalid_request_error",
            "account_deactivated",
            "The OpenAI account associated with this API key has been deactivated.",
        ),
        (
            "country",
            403,
            "request_forbidden",
            "unsupported_country_region_territory",
            "Country, region, or territory not supported",
        ),
    ],
)
def test_situations_on_chat(
    oai: OpenAIState,
    oai_url: str,
    situation: str,
    status: int,
    kind: str,
    code: str | None,
    start: str,
) -> None:
    oai.situation = situation
    r = httpx.post(
        oai_url + "/v1/chat/completions", headers=bearer(GOOD), json=chat_body("gpt-4o-mini")
    )
    assert r.status_code == status
    assert REQUEST_ID.match(r.headers["x-request-id"])
    error = r.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert (error["type"], error["code"], error["param"]) == (kind, code, None)
    assert error["message"].startswith(start)


def test_rate_limit_message_shape(oai: OpenAIState, oai_url: str) -> None:
    oai.situation = "rate_limited"
    message = httpx.post(
        oai_url + "/v1/chat/completions", headers=bearer(GOOD), json=chat_body("gpt-4o")
    ).json()["error"]["message"]
    assert re.match(
        r"Rate limit reached for gpt-4o in organization org-\w+ on requests per "
        r"min \(RPM\): Limit 3, Used 3, Requested 1\. Please try again in 20s\. ",
        message,
    )


def test_missing_scope_on_models_names_the_read_scope(oai: OpenAIState, oai_url: str) -> None:
    oai.situation = "missing_scope"
    r = httpx.get(oai_url + "/v1/models", headers=bearer(GOOD))
    assert "Missing scopes: api.model.read." in r.json()["error"]["message"]


def test_a_situation_can_belong_to_one_key(oai: OpenAIState, oai_url: str) -> None:
    oai.key_situations[OTHER] = "deactivated"
    assert httpx.get(oai_url + "/v1/models", headers=bearer(GOOD)).status_code == 200
    assert httpx.get(oai_url + "/v1/models", headers=bearer(OTHER)).status_code == 401


def test_no_credit_is_met_on_chat_not_on_models(oai: OpenAIState, oai_url: str) -> None:
    oai.situation = "no_credit"
    assert httpx.get(oai_url + "/v1/models", headers=bearer(GOOD)).status_code == 200
    frames, code, _ = realtime(oai_url, bearer(GOOD))
    assert code is None and frames[0]["type"] == "session.created"
    oai.quota_on_models = True
    r = httpx.get(oai_url + "/v1/models", headers=bearer(GOOD))
    assert r.status_code == 429 and r.json()["error"]["code"] == "insufficient_quota"


def test_down_is_503_with_an_error_body(oai: OpenAIState, oai_url: str) -> None:
    oai.situation = "down"
    r = httpx.get(oai_url + "/v1/models", headers=bearer(GOOD))
    assert r.status_code == 503
    assert r.json()["error"]["type"] == "server_error"
    assert REQUEST_ID.match(r.headers["x-request-id"])


def test_unknown_model(oai_url: str) -> None:
    r = httpx.post(
        oai_url + "/v1/chat/completions", headers=bearer(GOOD), json=chat_body("gpt-nope")
    )
    assert r.status_code == 404
    assert r.json() == {
        "error": {
            "message": "The model `gpt-nope` does not exist or you do not have access to it.",
            "type": "invalid_request_error",
            "param": None,
            "code": "model_not_found",
        }
    }


def test_chat_completion(oai_url: str) -> None:
    r = httpx.post(
        oai_url + "/v1/chat/completions",
        headers=bearer(GOOD),
        json=chat_body("gpt-4o-mini", text="Ping 42"),
    )
    assert r.status_code == 200
    assert REQUEST_ID.match(r.headers["x-request-id"])
    body = r.json()
    assert body["id"].startswith("chatcmpl-") and body["object"] == "chat.completion"
    assert body["model"] == "gpt-4o-mini" and isinstance(body["created"], int)
    assert body["choices"][0]["message"]["role"] == "assistant"
    assert body["choices"][0]["message"]["content"].endswith("Ping 42")
    assert body["choices"][0]["finish_reason"] == "stop"
    assert set(body["usage"]) == {"prompt_tokens", "completion_tokens", "total_tokens"}


def test_chat_stream(oai_url: str) -> None:
    r = httpx.post(
        oai_url + "/v1/chat/completions",
        headers=bearer(GOOD),
        json=chat_body("gpt-4o-mini", stream=True, text="Ping 43"),
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    assert REQUEST_ID.match(r.headers["x-request-id"])
    assert streamed_text(r.text).endswith("Ping 43")


def test_delay_applies_to_each_request_concurrently(oai: OpenAIState, oai_url: str) -> None:
    oai.delay = 0.4

    async def five() -> list[int]:
        async with httpx.AsyncClient() as client:
            answers = await asyncio.gather(
                *(client.get(oai_url + "/v1/models", headers=bearer(GOOD)) for _ in range(5))
            )
        return [a.status_code for a in answers]

    start = time.monotonic()
    assert asyncio.run(five()) == [200] * 5
    assert 0.4 <= time.monotonic() - start < 1.5


# --- OpenAI: Realtime -------------------------------------------------------------------------


def realtime(
    url: str, headers: dict[str, str], model: str = "gpt-realtime"
) -> tuple[list[dict], int | None, str | None]:
    """Frames received (up to the close or 0.5 s of silence), close code and reason."""

    async def talk() -> tuple[list[dict], int | None, str | None]:
        frames: list[dict] = []
        ws_url = url.replace("http://", "ws://") + f"/v1/realtime?model={model}"
        async with websockets.connect(ws_url, additional_headers=headers) as ws:
            try:
                while True:
                    frames.append(json.loads(await asyncio.wait_for(ws.recv(), 0.5)))
            except TimeoutError:
                return frames, None, None  # still open
            except websockets.ConnectionClosed:
                return frames, ws.close_code, ws.close_reason

    return asyncio.run(talk())


def test_realtime_good_key_gets_session_created_and_stays_open(oai_url: str) -> None:
    frames, code, _ = realtime(oai_url, bearer(GOOD))
    assert code is None  # open until we leave
    assert len(frames) == 1
    event = frames[0]
    assert event["type"] == "session.created" and event["event_id"].startswith("event_")
    session = event["session"]
    assert (session["type"], session["object"], session["model"]) == (
        "realtime",
        "realtime.session",
        "gpt-realtime",
    )
    assert session["id"].startswith("sess_")


def test_realtime_wrong_key(oai_url: str) -> None:
    wrong = new_openai_key()
    frames, code, reason = realtime(oai_url, bearer(wrong))
    assert (code, reason) == (3000, "invalid_request_error.invalid_api_key")
    assert len(frames) == 1
    assert frames[0]["type"] == "error" and frames[0]["event_id"].startswith("event_")
    masked = wrong[:8] + "*" * (len(wrong) - 12) + wrong[-4:]
    assert frames[0]["error"] == {
        "type": "invalid_request_error",
        "code": "invalid_api_key",
        "message": f"Incorrect API key provided: {masked}. {KEYS_PAGE}",
        "param": None,
        "event_id": None,
    }


def test_realtime_beta_header(oai_url: str) -> None:
    frames, code, _ = realtime(oai_url, {**bearer(GOOD), "OpenAI-Beta": "realtime=v1"})
    assert code == 4000
    assert frames[0]["type"] == "error"
    assert frames[0]["error"]["code"] == "beta_api_shape_disabled"
    assert frames[0]["error"]["message"] == (
        "The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API."
    )


def test_realtime_unknown_model(oai_url: str) -> None:
    frames, code, reason = realtime(oai_url, bearer(GOOD), model="gpt-nope")
    assert (frames, code, reason) == ([], 4000, "invalid_model")


def test_realtime_without_access_is_refused_at_the_handshake(
    oai: OpenAIState, oai_url: str
) -> None:
    oai.situation = "no_realtime"
    with pytest.raises(InvalidStatus) as refused:
        realtime(oai_url, bearer(GOOD))
    assert refused.value.response.status_code == 403
    assert httpx.get(oai_url + "/v1/models", headers=bearer(GOOD)).status_code == 200


# --- Open WebUI: who is asking ----------------------------------------------------------------


def test_health(owui_url: str) -> None:
    r = httpx.get(owui_url + "/health")
    assert (r.status_code, r.json()) == (200, {"status": True})


def owui_models(url: str, headers: dict[str, str]) -> tuple[int, Any]:
    r = httpx.get(url + "/api/models", headers=headers)
    assert "www-authenticate" not in r.headers
    return r.status_code, r.json()


def test_refusals_on_models(owui: OpenWebUIState, owui_url: str) -> None:
    boss = admin(owui)
    other_secret = jwt.encode(
        {"id": boss.id, "exp": int(time.time()) + 600}, "x" * 32, algorithm="HS256"
    )
    cases: list[tuple[dict[str, str], int, str]] = [
        ({}, 401, "Not authenticated"),
        (bearer("garbage"), 401, "401 Unauthorized"),
        (bearer(other_secret), 401, "401 Unauthorized"),
        (bearer(owui.make_token(boss, expires_in=-10)), 401, "401 Unauthorized"),
        (bearer("sk-" + "0" * 32), 401, INVALID_TOKEN),
    ]
    for headers, status, detail in cases:
        assert owui_models(owui_url, headers) == (status, {"detail": detail}), headers


def test_revoked_session_and_deleted_user(owui: OpenWebUIState, owui_url: str) -> None:
    boss = admin(owui)
    token = owui.make_token(boss)
    assert owui_models(owui_url, bearer(token))[0] == 200
    owui.revoke_sessions(boss)
    assert owui_models(owui_url, bearer(token)) == (401, {"detail": "Invalid token"})
    bob = owui.add_user("bob@example.com", "pw", role="user")
    bob_token = owui.make_token(bob)
    owui.delete_user(bob)
    assert owui_models(owui_url, bearer(bob_token)) == (
        401,
        {"detail": "Invalid authentication request."},
    )


def test_api_keys_switched_off_or_not_permitted(owui: OpenWebUIState, owui_url: str) -> None:
    key = admin(owui).api_key
    assert key is not None and OWUI_KEY.match(key)
    owui.api_keys_enabled = False
    off = {"detail": "Use of API key is not enabled in the environment."}
    assert owui_models(owui_url, bearer(key)) == (403, off)
    owui.api_keys_enabled = True
    bob = owui.add_user("bob@example.com", "pw", role="user")
    bob_key = owui.create_api_key(bob)
    assert owui_models(owui_url, bearer(bob_key)) == (403, off)
    bob.api_keys_permission = True
    assert owui_models(owui_url, bearer(bob_key)) == (200, {"data": []})


def test_endpoint_restricted_for_api_keys(owui: OpenWebUIState, owui_url: str) -> None:
    owui.admin_config["ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS"] = True
    owui.admin_config["API_KEYS_ALLOWED_ENDPOINTS"] = "/api/chat/completions"
    assert owui_models(owui_url, bearer(admin(owui).api_key or "")) == (403, {"detail": PROHIBITED})


def test_credentials_from_cookie_x_api_key_and_any_scheme(
    owui: OpenWebUIState, owui_url: str
) -> None:
    boss = admin(owui)
    token = owui.make_token(boss)
    assert httpx.get(owui_url + "/api/models", cookies={"token": token}).status_code == 200
    assert owui_models(owui_url, {"x-api-key": boss.api_key or ""})[0] == 200
    assert owui_models(owui_url, {"Authorization": f"Basic {token}"})[0] == 200
    # Authorization comes first: a bad one there wins over a good x-api-key.
    assert owui_models(owui_url, {**bearer("garbage"), "x-api-key": boss.api_key or ""})[0] == 401


def test_human_session_required(owui: OpenWebUIState, owui_url: str) -> None:
    r = httpx.get(owui_url + "/api/v1/auths/", headers=bearer(admin(owui).api_key or ""))
    assert (r.status_code, r.json()) == (403, {"detail": "A human session is required."})
    r = httpx.get(owui_url + "/api/v1/auths/", headers=bearer(owui.make_token(admin(owui))))
    assert r.status_code == 200 and r.json()["email"] == "admin@example.com"


# --- Open WebUI: models and chat --------------------------------------------------------------


def test_models_include_the_custom_model(owui: OpenWebUIState, owui_url: str) -> None:
    status, body = owui_models(owui_url, bearer(admin(owui).api_key or ""))
    assert status == 200 and list(body) == ["data"]  # no top-level "object"
    ids = [m["id"] for m in body["data"]]
    assert ids == ["gpt-4o-mini", "gpt-4o", "gpt-realtime", "technova"]
    technova = body["data"][-1]
    assert (technova["name"], technova["preset"], technova["info"]["base_model_id"]) == (
        "TechNova",
        True,
        "gpt-4o-mini",
    )
    assert {"id", "name", "object", "created", "owned_by"} <= set(body["data"][0])
    assert (
        httpx.get(owui_url + "/api/v1/models", headers=bearer(admin(owui).api_key or "")).json()
        == body
    )


def test_a_non_admin_sees_only_granted_models(owui: OpenWebUIState, owui_url: str) -> None:
    bob = owui.add_user("bob@example.com", "pw", role="user")
    token = owui.make_token(bob)
    assert owui_models(owui_url, bearer(token)) == (200, {"data": []})
    r = httpx.post(owui_url + "/api/chat/completions", headers=bearer(token), json=chat_body())
    assert (r.status_code, r.json()) == (400, {"detail": "Model not found"})
    owui.models[0].access.add(bob.id)
    assert [m["id"] for m in owui_models(owui_url, bearer(token))[1]["data"]] == ["technova"]
    r = httpx.post(owui_url + "/api/chat/completions", headers=bearer(token), json=chat_body())
    assert r.status_code == 200


@pytest.mark.parametrize("path", ["/api/chat/completions", "/api/v1/chat/completions"])
def test_chat_through_both_stand_ins(owui: OpenWebUIState, owui_url: str, path: str) -> None:
    key = bearer(admin(owui).api_key or "")
    r = httpx.post(owui_url + path, headers=key, json=chat_body(text="Bonjour 7"))
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "gpt-4o-mini"
    assert body["choices"][0]["message"]["content"].endswith("Bonjour 7")
    r = httpx.post(owui_url + path, headers=key, json=chat_body(stream=True, text="Salut 8"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert streamed_text(r.text).endswith("Salut 8")


def test_chat_unknown_model(owui: OpenWebUIState, owui_url: str) -> None:
    r = httpx.post(
        owui_url + "/api/chat/completions",
        headers=bearer(admin(owui).api_key or ""),
        json=chat_body("nope"),
    )
    assert (r.status_code, r.json()) == (400, {"detail": "Model not found"})


def test_upstream_error_is_relayed(oai: OpenAIState, owui: OpenWebUIState, owui_url: str) -> None:
    oai.situation = "no_credit"
    owui.cache_models = True
    owui.models_cache = [{"id": "technova"}]  # already known, as after an earlier listing
    owui.openai_models_cache = {"gpt-4o-mini": {"id": "gpt-4o-mini"}}
    r = httpx.post(
        owui_url + "/api/chat/completions",
        headers=bearer(admin(owui).api_key or ""),
        json=chat_body(),
    )
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "insufficient_quota"


def test_wrong_openai_key_inside_open_webui(owui: OpenWebUIState, owui_url: str) -> None:
    key = bearer(admin(owui).api_key or "")
    owui.openai_key = new_openai_key()  # bad from the start
    assert owui_models(owui_url, key) == (200, {"data": []})
    r = httpx.post(owui_url + "/api/chat/completions", headers=key, json=chat_body())
    assert (r.status_code, r.json()) == (400, {"detail": "Model not found"})


def test_openai_key_going_bad_while_running(owui: OpenWebUIState, owui_url: str) -> None:
    key = bearer(admin(owui).api_key or "")
    owui.cache_models = True
    assert len(owui_models(owui_url, key)[1]["data"]) == 4
    wrong = new_openai_key()
    owui.openai_key = wrong
    assert len(owui_models(owui_url, key)[1]["data"]) == 4  # stale list
    r = httpx.post(owui_url + "/api/chat/completions", headers=key, json=chat_body())
    assert r.status_code == 401  # OpenAI's answer, verbatim
    assert r.json()["error"]["message"] == (
        f"Incorrect API key provided: {openai_mask(wrong)}. {KEYS_PAGE}"
    )
    owui.openai_models_cache = None  # OPENAI_MODELS refreshed: the base model is gone
    r = httpx.post(owui_url + "/api/chat/completions", headers=key, json=chat_body())
    assert (r.status_code, r.json()) == (404, {"detail": "Model '' was not found"})


# --- Open WebUI: sign-in and API keys ---------------------------------------------------------


def signin(url: str, email: str, password: str) -> httpx.Response:
    return httpx.post(url + "/api/v1/auths/signin", json={"email": email, "password": password})


def test_signin(owui: OpenWebUIState, owui_url: str) -> None:
    r = signin(owui_url, "Admin@Example.com", "admin-pw")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert list(body)[:9] == [
        "id",
        "name",
        "role",
        "email",
        "profile_image_url",
        "token",
        "token_type",
        "expires_at",
        "permissions",
    ]
    assert (body["token_type"], body["role"], body["email"]) == (
        "Bearer",
        "admin",
        "admin@example.com",
    )
    assert body["token"].startswith("eyJ")
    claims = jwt.decode(body["token"], owui.secret_key, algorithms=["HS256"])
    assert claims["id"] == body["id"] and claims["typ"] == "session"
    assert {
        "exp",
        "iat",
        "jti",
        "auth_method",
        "auth_time",
        "session_stamp",
        "mfa_verified",
    } <= set(claims)
    assert claims["exp"] - claims["iat"] == 2_419_200 == body["expires_at"] - claims["iat"]
    assert owui_models(owui_url, bearer(body["token"]))[0] == 200


def test_signin_never_expiring(owui: OpenWebUIState, owui_url: str) -> None:
    owui.jwt_expires_in = "-1"
    body = signin(owui_url, "admin@example.com", "admin-pw").json()
    assert body["expires_at"] is None
    assert "exp" not in jwt.decode(body["token"], owui.secret_key, algorithms=["HS256"])


def test_signin_wrong_password_and_rate_limit(owui: OpenWebUIState, owui_url: str) -> None:
    wrong = {
        "detail": "The email or password provided is incorrect. Please check for typos "
        "and try logging in again."
    }
    for _ in range(15):
        r = signin(owui_url, "admin@example.com", "nope")
        assert (r.status_code, r.json()) == (400, wrong)
    r = signin(owui_url, "ADMIN@example.com", "admin-pw")  # even the right password now
    assert (r.status_code, r.json()) == (429, {"detail": "API rate limit exceeded"})
    r = httpx.post(owui_url + "/api/v1/auths/signin", json={"email": "x@example.com"})
    assert (r.status_code, r.json()) == (422, {"detail": "Invalid authentication request."})


def test_creating_a_key_replaces_the_old_one(owui: OpenWebUIState, owui_url: str) -> None:
    token = signin(owui_url, "admin@example.com", "admin-pw").json()["token"]
    old = admin(owui).api_key or ""
    r = httpx.post(owui_url + "/api/v1/auths/api_key", headers=bearer(token))
    assert r.status_code == 200 and list(r.json()) == ["api_key"]
    new = r.json()["api_key"]
    assert OWUI_KEY.match(new) and new != old
    assert owui_models(owui_url, bearer(old)) == (401, {"detail": INVALID_TOKEN})
    assert owui_models(owui_url, bearer(new))[0] == 200
    # The real one lets an API key make its own successor.
    newer = httpx.post(owui_url + "/api/v1/auths/api_key", headers=bearer(new)).json()["api_key"]
    assert owui_models(owui_url, bearer(new)) == (401, {"detail": INVALID_TOKEN})
    r = httpx.get(owui_url + "/api/v1/auths/api_key", headers=bearer(token))
    assert r.json() == {"api_key": newer}
    r = httpx.delete(owui_url + "/api/v1/auths/api_key", headers=bearer(token))
    assert (r.status_code, r.json()) == (200, True)
    assert owui_models(owui_url, bearer(newer)) == (401, {"detail": INVALID_TOKEN})
    r = httpx.get(owui_url + "/api/v1/auths/api_key", headers=bearer(token))
    assert r.status_code == 404


def test_creating_a_key_while_keys_are_off(owui: OpenWebUIState, owui_url: str) -> None:
    owui.api_keys_enabled = False
    token = owui.make_token(admin(owui))
    r = httpx.post(owui_url + "/api/v1/auths/api_key", headers=bearer(token))
    assert (r.status_code, r.json()) == (
        403,
        {"detail": "API key creation is not allowed in the environment."},
    )
    assert r.headers["cache-control"] == "no-store"


# --- Open WebUI: admin settings ---------------------------------------------------------------


def test_admin_config_switches_api_keys_on(owui: OpenWebUIState, owui_url: str) -> None:
    owui.api_keys_enabled = False
    token = bearer(owui.make_token(admin(owui)))
    config = httpx.get(owui_url + "/api/v1/auths/admin/config", headers=token).json()
    assert config["ENABLE_API_KEYS"] is False and config["JWT_EXPIRES_IN"] == "4w"
    r = httpx.post(
        owui_url + "/api/v1/auths/admin/config", headers=token, json={"ENABLE_API_KEYS": True}
    )
    assert (r.status_code, r.json()) == (422, {"detail": "Invalid authentication request."})
    r = httpx.post(
        owui_url + "/api/v1/auths/admin/config",
        headers=token,
        json={**config, "ENABLE_API_KEYS": True},
    )
    assert r.status_code == 200
    assert r.json() == {**config, "ENABLE_API_KEYS": True, "sessions_revoked": False}
    assert owui.api_keys_enabled
    bob = owui.add_user("bob@example.com", "pw", role="user")
    r = httpx.get(owui_url + "/api/v1/auths/admin/config", headers=bearer(owui.make_token(bob)))
    assert (r.status_code, r.json()) == (401, {"detail": PROHIBITED})


def test_openai_connection_config(oai_url: str, owui: OpenWebUIState, owui_url: str) -> None:
    token = bearer(owui.make_token(admin(owui)))
    r = httpx.get(owui_url + "/openai/config", headers=token)
    assert r.json() == {
        "ENABLE_OPENAI_API": True,
        "OPENAI_API_BASE_URLS": [oai_url + "/v1"],
        "OPENAI_API_KEYS": [GOOD],
        "OPENAI_API_CONFIGS": {},
    }
    r = httpx.post(
        owui_url + "/openai/config/update", headers=token, json={"ENABLE_OPENAI_API": True}
    )
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["detail"]] == [
        ["body", "OPENAI_API_BASE_URLS"],
        ["body", "OPENAI_API_KEYS"],
        ["body", "OPENAI_API_CONFIGS"],
    ]
    update = {
        "ENABLE_OPENAI_API": True,
        "OPENAI_API_BASE_URLS": [oai_url + "/v1"],
        "OPENAI_API_KEYS": [OTHER, "extra"],
        "OPENAI_API_CONFIGS": {"0": {}, "5": {}},
    }
    r = httpx.post(owui_url + "/openai/config/update", headers=token, json=update)
    assert r.json() == {**update, "OPENAI_API_KEYS": [OTHER], "OPENAI_API_CONFIGS": {"0": {}}}
    assert owui.openai_key == OTHER
    bob = owui.add_user("bob@example.com", "pw", role="user")
    r = httpx.get(owui_url + "/openai/config", headers=bearer(owui.make_token(bob)))
    assert (r.status_code, r.json()) == (401, {"detail": PROHIBITED})


def test_signup_first_user_becomes_admin() -> None:
    state = OpenWebUIState()
    with run_in_thread(make_openwebui_app(state)) as server:
        form = {"name": "Ada", "email": "ada@example.com", "password": "pw"}
        r = httpx.post(server.url + "/api/v1/auths/signup", json=form)
        assert r.status_code == 200 and r.json()["role"] == "admin"
        r = httpx.post(server.url + "/api/v1/auths/signup", json={**form, "email": "b@x.io"})
        assert (r.status_code, r.json()) == (403, {"detail": PROHIBITED})  # signup now off
        state.admin_config["ENABLE_SIGNUP"] = True
        r = httpx.post(server.url + "/api/v1/auths/signup", json=form)
        assert r.status_code == 400 and r.json()["detail"].startswith("Uh-oh! This email")
        r = httpx.post(server.url + "/api/v1/auths/signup", json={**form, "email": "b@x.io"})
        assert r.json()["role"] == "pending"
        r = httpx.get(server.url + "/api/models", headers=bearer(r.json()["token"]))
        assert (r.status_code, r.json()) == (401, {"detail": PROHIBITED})


# --- servers and the demo ---------------------------------------------------------------------


def test_stop_frees_the_port() -> None:
    with run_in_thread(make_openai_app(OpenAIState())) as server:
        port = server.port
        assert httpx.get(server.url + "/v1/models").status_code == 401
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


@pytest.mark.parametrize("version", ["0.12.4", "0.6.18"])
def test_python_m_wizard_standins_prints_urls_and_keys(version: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard.standins", "--openwebui-version", version],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        text = "".join(process.stdout.readline() for _ in range(8))
        owui_url = re.search(r"Open WebUI stand-in: (\S+)", text)
        owui_key = re.search(r"API key: +(sk-[0-9a-f]{32})", text)
        assert owui_url and owui_key and "OpenAI stand-in:" in text
        status, body = owui_models(owui_url[1], bearer(owui_key[1]))
        assert status == 200 and "technova" in [m["id"] for m in body["data"]]
        assert httpx.get(owui_url[1] + "/api/version").json()["version"] == version
    finally:
        process.terminate()
        process.wait(10)


def test_the_demo_passes_every_probe() -> None:
    with start_demo() as demo:
        target = ProbeTarget(
            openwebui_url=demo.openwebui.url,
            openwebui_key=Secret(demo.openwebui_key),
            openai_base_url=demo.openai_base_url,
            openai_key=Secret(demo.openai_key),
        )
        results = asyncio.run(run_probes(target, timeouts=Timeouts(2, 5, 8)))
        assert {r.name: r.diagnosis.code for r in results} == {
            "openwebui": "openwebui-ok",
            "chat": "chat-ok",
            "openai": "openai-ok",
            "realtime": "realtime-ok",
        }
        demo.openai_state.situation = "no_credit"  # chat relays OpenAI's 429 through Open WebUI
        results = asyncio.run(run_probes(target, only=("openai", "chat")))
        assert {r.name: r.diagnosis.code for r in results} == {
            "openai": "openai-ok",
            "chat": "openai-no-credit",
        }


# --- the stand-in as Open WebUI 0.6.18 (FACTS.md, "Open WebUI 0.6.x", row by row) ----------
# The same rows are held against a real 0.6.18 in test_real_openwebui.py.


@pytest.fixture(scope="module")
def legacy_server() -> Iterator[tuple[BackgroundServer, OpenWebUIState]]:
    state = OpenWebUIState.for_version("0.6.18")
    with run_in_thread(make_openwebui_app(state)) as server:
        yield server, state


@pytest.fixture
def legacy(
    legacy_server: tuple[BackgroundServer, OpenWebUIState], oai_url: str
) -> tuple[str, OpenWebUIState]:
    server, state = legacy_server
    fresh = OpenWebUIState.for_version("0.6.18")
    for f in dataclasses.fields(state):
        setattr(state, f.name, getattr(fresh, f.name))
    state.openai_base_url = oai_url + "/v1"
    state.openai_key = GOOD
    admin = state.add_user("admin@example.com", "admin-pw", role="admin", name="Admin")
    state.create_api_key(admin)
    return server.url, state


def legacy_admin(state: OpenWebUIState) -> User:
    found = state.first_admin()
    assert found is not None
    return found


def test_v06_version_and_keys_on_by_default(legacy: tuple[str, OpenWebUIState]) -> None:
    url, state = legacy
    assert httpx.get(url + "/api/version").json() == {"version": "0.6.18"}
    token = state.make_token(legacy_admin(state))
    config = httpx.get(url + "/api/v1/auths/admin/config", headers=bearer(token)).json()
    assert config["ENABLE_API_KEY"] is True and "ENABLE_API_KEYS" not in config
    assert config["JWT_EXPIRES_IN"] == "-1"
    assert httpx.get(url + "/api/config").json()["features"]["enable_api_key"] is True


def test_v06_the_plural_field_is_silently_ignored(legacy: tuple[str, OpenWebUIState]) -> None:
    url, state = legacy
    token = state.make_token(legacy_admin(state))
    config = httpx.get(url + "/api/v1/auths/admin/config", headers=bearer(token)).json()
    answer = httpx.post(
        url + "/api/v1/auths/admin/config",
        headers=bearer(token),
        json={**config, "ENABLE_API_KEY": False},
    )
    assert answer.status_code == 200 and not state.api_keys_enabled
    answer = httpx.post(
        url + "/api/v1/auths/admin/config",
        headers=bearer(token),
        json={**config, "ENABLE_API_KEY": False, "ENABLE_API_KEYS": True},
    )
    assert answer.status_code == 200 and not state.api_keys_enabled


def test_v06_any_user_may_make_a_key(legacy: tuple[str, OpenWebUIState]) -> None:
    url, state = legacy
    user = state.add_user("ann@example.com", "pw", role="user")
    answer = httpx.post(url + "/api/v1/auths/api_key", headers=bearer(state.make_token(user)))
    assert answer.status_code == 200 and OWUI_KEY.match(answer.json()["api_key"])
    features = httpx.post(
        url + "/api/v1/auths/signin", json={"email": "ann@example.com", "password": "pw"}
    ).json()["permissions"]["features"]
    assert "api_keys" not in features


def test_v06_session_tokens_never_expire(legacy: tuple[str, OpenWebUIState]) -> None:
    url, _ = legacy
    answer = httpx.post(
        url + "/api/v1/auths/signin", json={"email": "admin@example.com", "password": "admin-pw"}
    ).json()
    assert answer["expires_at"] is None
    assert set(jwt.decode(answer["token"], options={"verify_signature": False})) == {"id"}


def test_v06_refusals_on_models(legacy: tuple[str, OpenWebUIState]) -> None:
    """No credentials 403; a deleted user's token answered like an unknown key; expired 401."""
    url, state = legacy
    ghost = state.add_user("ghost@example.com", "pw")
    ghost_token = state.make_token(ghost)
    state.delete_user(ghost)
    expired = state.make_token(legacy_admin(state), expires_in=-60)
    cases = {
        None: (403, "Not authenticated"),
        ghost_token: (401, INVALID_TOKEN),
        "sk-" + "0" * 32: (401, INVALID_TOKEN),
        expired: (401, "401 Unauthorized"),
    }
    for token, expected in cases.items():
        answer = httpx.get(url + "/api/models", headers=bearer(token) if token else {})
        assert (answer.status_code, answer.json()["detail"]) == expected, token


def test_v06_restricted_reads_as_keys_off(legacy: tuple[str, OpenWebUIState]) -> None:
    url, state = legacy
    key = legacy_admin(state).api_key
    assert key is not None
    state.admin_config.update(
        {"ENABLE_API_KEY_ENDPOINT_RESTRICTIONS": True, "API_KEY_ALLOWED_ENDPOINTS": "/api/v1/x"}
    )
    restricted = httpx.get(url + "/api/models", headers=bearer(key))
    state.admin_config["ENABLE_API_KEY_ENDPOINT_RESTRICTIONS"] = False
    state.api_keys_enabled = False
    off = httpx.get(url + "/api/models", headers=bearer(key))
    keys_off = (403, "Use of API key is not enabled in the environment.")
    assert (restricted.status_code, restricted.json()["detail"]) == keys_off
    assert (off.status_code, off.json()["detail"]) == keys_off
    assert httpx.get(url + "/api/config").json()["features"]["enable_api_key"] is False


def test_v06_account_page_answers_an_api_key_and_v1_models_is_a_page(
    legacy: tuple[str, OpenWebUIState],
) -> None:
    url, state = legacy
    key = legacy_admin(state).api_key
    assert key is not None
    me = httpx.get(url + "/api/v1/auths/", headers=bearer(key))
    assert me.status_code == 200 and me.json()["role"] == "admin"
    page = httpx.get(url + "/api/v1/models")
    assert page.status_code == 200 and "html" in page.headers["content-type"]


def test_v06_openai_key_going_bad_while_running(legacy: tuple[str, OpenWebUIState]) -> None:
    url, state = legacy
    key = legacy_admin(state).api_key
    assert key is not None
    assert "technova" in [
        m["id"] for m in httpx.get(url + "/api/models", headers=bearer(key)).json()["data"]
    ]
    state.openai_key = OTHER + "x"  # refused upstream from now on
    chat = httpx.post(url + "/api/chat/completions", headers=bearer(key), json=chat_body())
    assert (chat.status_code, chat.json()) == (400, {"detail": "404: Model not found"})
    assert httpx.get(url + "/api/models", headers=bearer(key)).json() == {"data": []}


def test_v06_no_sign_in_limit(legacy: tuple[str, OpenWebUIState]) -> None:
    url, _ = legacy
    for _ in range(20):
        httpx.post(
            url + "/api/v1/auths/signin", json={"email": "admin@example.com", "password": "x"}
        )
    right = httpx.post(
        url + "/api/v1/auths/signin", json={"email": "admin@example.com", "password": "admin-pw"}
    )
    assert right.status_code == 200


def test_v06_first_sign_up_is_the_admin() -> None:
    state = OpenWebUIState.for_version("0.6.18")
    with run_in_thread(make_openwebui_app(state)) as server:
        first = httpx.post(
            server.url + "/api/v1/auths/signup",
            json={"name": "A", "email": "a@example.com", "password": "pw"},
        )
        assert first.status_code == 200 and first.json()["role"] == "admin"
        assert first.json()["expires_at"] is None
