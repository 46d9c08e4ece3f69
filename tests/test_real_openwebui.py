"""The probes and `check` against a real Open WebUI 0.12.4, and the stand-in held to it.

For every case both servers share, the real one and the stand-in must answer with the same
status and the same `detail`: the stand-in is only worth what this parity proves.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import keyshapes
import pytest
from realserver import RealOpenWebUI

from wizard.cli.main import main
from wizard.core.probes import ProbeTarget, Timeouts, probe_chat_both_ways, probe_openwebui
from wizard.core.secret import Secret
from wizard.standins.server import Demo, start_demo

pytestmark = pytest.mark.openwebui
TIMEOUTS = Timeouts(connect=5, read=30, total=60)


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


@pytest.fixture
def keys_back_on(real_openwebui: RealOpenWebUI, demo: Demo) -> Iterator[None]:
    yield
    real_openwebui.set_api_keys_enabled(True)
    demo.openwebui_state.api_keys_enabled = True


def target(url: str, key: str, model: str = "technova") -> ProbeTarget:
    return ProbeTarget(openwebui_url=url, openwebui_key=Secret(key), model=model)


def forged_token(secret: str, user_id: str, expires_in: float) -> str:
    """A session token as Open WebUI signs it, with an `exp` of our choosing."""
    now = int(time.time())
    return jwt.encode(
        {"id": user_id, "exp": now + int(expires_in), "iat": now}, secret, algorithm="HS256"
    )


# Each case: how to get the Authorization value from (server's secret, user id, API key).
Case = Callable[[str, str, str], str | None]
CASES: dict[str, Case] = {
    "no header": lambda secret, uid, key: None,
    "unknown api key": lambda secret, uid, key: keyshapes.openwebui_api_key(),
    "token signed elsewhere": lambda secret, uid, key: keyshapes.openwebui_jwt_in(86400),
    "expired token": lambda secret, uid, key: forged_token(secret, uid, -3600),
    "token of nobody": lambda secret, uid, key: forged_token(secret, "no-such-user", 3600),
    "garbage": lambda secret, uid, key: "not-a-token",
}


def answer(url: str, token: str | None, path: str = "/api/models") -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    response = httpx.get(url + path, headers=headers, timeout=30)
    try:
        return response.status_code, response.json().get("detail")
    except ValueError:
        return response.status_code, response.text[:80]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_stand_in_refuses_like_the_real_server(
    real_openwebui: RealOpenWebUI, demo: Demo, case: str
) -> None:
    real = answer(
        real_openwebui.url,
        CASES[case](
            real_openwebui.secret_key, real_openwebui.admin_id, real_openwebui.admin_api_key
        ),
    )
    admin = demo.openwebui_state.first_admin()
    stand_in = answer(
        demo.openwebui.url,
        CASES[case](demo.openwebui_state.secret_key, admin.id, demo.openwebui_key),
    )
    assert stand_in == real


def test_keys_switched_off_parity(
    real_openwebui: RealOpenWebUI, demo: Demo, keys_back_on: None
) -> None:
    real_openwebui.set_api_keys_enabled(False)
    demo.openwebui_state.api_keys_enabled = False
    real = answer(real_openwebui.url, real_openwebui.admin_api_key)
    assert real == (403, "Use of API key is not enabled in the environment.")
    assert answer(demo.openwebui.url, demo.openwebui_key) == real
    for path in ("/api/v1/auths/api_key",):
        real_create = httpx.post(
            real_openwebui.url + path,
            timeout=30,
            headers={"Authorization": f"Bearer {real_openwebui.admin_token}"},
        )
        demo_token = demo.openwebui_state.make_token(demo.openwebui_state.first_admin())
        demo_create = httpx.post(
            demo.openwebui.url + path, timeout=30, headers={"Authorization": f"Bearer {demo_token}"}
        )
        assert (demo_create.status_code, demo_create.json()) == (
            real_create.status_code,
            real_create.json(),
        )


def test_health_and_model_list_shapes_match(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    assert (
        httpx.get(real_openwebui.url + "/health").json()
        == httpx.get(demo.openwebui.url + "/health").json()
        == {"status": True}
    )
    real = httpx.get(
        real_openwebui.url + "/api/models",
        timeout=30,
        headers={"Authorization": f"Bearer {real_openwebui.admin_api_key}"},
    ).json()
    ours = httpx.get(
        demo.openwebui.url + "/api/models",
        timeout=30,
        headers={"Authorization": f"Bearer {demo.openwebui_key}"},
    ).json()
    assert set(real) == set(ours) == {"data"}
    real_technova = next(m for m in real["data"] if m["id"] == "technova")
    ours_technova = next(m for m in ours["data"] if m["id"] == "technova")
    assert {"id", "name", "object", "owned_by"} <= set(real_technova) & set(ours_technova)


# --- probes on the real server --------------------------------------------------------------


def probe(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_a_good_api_key_works_on_both_paths(real_openwebui: RealOpenWebUI) -> None:
    good = target(real_openwebui.url, real_openwebui.admin_api_key)
    assert probe(probe_openwebui(good, TIMEOUTS)).diagnosis.code == "openwebui-ok"
    chat = probe(probe_chat_both_ways(good, TIMEOUTS))
    assert chat.diagnosis.code == "chat-ok", chat
    assert chat.details["streamed"] is True


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("unknown api key", "openwebui-api-key-refused"),
        ("expired token", "openwebui-jwt-expired"),
        ("token signed elsewhere", "openwebui-jwt-refused"),
    ],
)
def test_refusals_are_diagnosed_on_the_real_server(
    real_openwebui: RealOpenWebUI, case: str, code: str
) -> None:
    key = CASES[case](real_openwebui.secret_key, real_openwebui.admin_id, "")
    assert key is not None
    result = probe(probe_openwebui(target(real_openwebui.url, key), TIMEOUTS))
    assert result.diagnosis.code == code


def test_technova_missing_on_the_real_server(real_openwebui: RealOpenWebUI) -> None:
    result = probe(
        probe_openwebui(
            target(real_openwebui.url, real_openwebui.admin_api_key, model="technova-sales"),
            TIMEOUTS,
        )
    )
    assert result.diagnosis.code == "openwebui-model-missing"
    assert "technova" in result.details["models"]


def test_a_wrong_openai_key_inside_open_webui(real_openwebui: RealOpenWebUI) -> None:
    """FACTS.md: a bad upstream key empties the model list (or breaks chat on a stale one)."""
    try:
        real_openwebui.set_openai_key(keyshapes.openai_project())
        good = target(real_openwebui.url, real_openwebui.admin_api_key)
        listing = probe(probe_openwebui(good, TIMEOUTS))
        chat = probe(probe_chat_both_ways(good, TIMEOUTS))
        assert listing.diagnosis.code in {
            "openwebui-no-models",
            "openwebui-model-missing",
            "openwebui-ok",
        }
        assert chat.diagnosis.code in {
            "openwebui-chat-model-not-found",
            "openai-invalid-key",
            "openwebui-chat-upstream-went-bad",
        }, chat
        assert not chat.ok
    finally:
        real_openwebui.set_openai_key(real_openwebui.openai_key)


# --- `check --json` on the real server ------------------------------------------------------


def check_json(
    root: Path, url: str, key: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    (root / "backend").mkdir(exist_ok=True)
    env = root / "backend/.env"
    env.write_text(f"OPENWEBUI_URL={url}\nOPENWEBUI_API_KEY={key}\n")
    env.chmod(0o600)
    code = main(
        [
            "check",
            "--project",
            str(root),
            "--json",
            "--only",
            "openwebui",
            "--only",
            "chat",
            "--timeout",
            "30",
        ]
    )
    out = capsys.readouterr().out
    assert key not in out
    return code, json.loads(out)


def test_check_json_good_key(
    real_openwebui: RealOpenWebUI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = check_json(tmp_path, real_openwebui.url, real_openwebui.admin_api_key, capsys)
    assert [(c["name"], c["ok"]) for c in data["checks"]] == [("openwebui", True), ("chat", True)]
    assert code == data["exit"] in (0, 1)


@pytest.mark.parametrize(
    ("case", "code"),
    [("unknown api key", "openwebui-api-key-refused"), ("expired token", "openwebui-jwt-expired")],
)
def test_check_json_refused_keys(
    real_openwebui: RealOpenWebUI,
    tmp_path: Path,
    case: str,
    code: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = CASES[case](real_openwebui.secret_key, real_openwebui.admin_id, "")
    assert key is not None
    exit_code, data = check_json(tmp_path, real_openwebui.url, key, capsys)
    assert data["checks"][0]["status"] == code
    assert exit_code == data["exit"] == 2


def test_check_json_keys_switched_off(
    real_openwebui: RealOpenWebUI,
    demo: Demo,
    tmp_path: Path,
    keys_back_on: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_openwebui.set_api_keys_enabled(False)
    exit_code, data = check_json(tmp_path, real_openwebui.url, real_openwebui.admin_api_key, capsys)
    assert [c["status"] for c in data["checks"]] == ["openwebui-keys-disabled"] * 2
    assert "Admin" in data["checks"][0]["diagnosis"]["next"]
    assert exit_code == 2


# --- every refusal the real server gives maps to its own diagnosis ---------------------------


@pytest.mark.parametrize(
    ("case", "kind", "code"),
    [
        ("no header", "openwebui-api-key", "openwebui-no-credentials"),
        ("unknown api key", "openwebui-api-key", "openwebui-api-key-refused"),
        ("token signed elsewhere", "openwebui-jwt", "openwebui-jwt-refused"),
        (
            "expired token",
            "openwebui-jwt",
            "openwebui-jwt-refused",
        ),  # kind known, exp not read here
        ("token of nobody", "openwebui-jwt", "openwebui-user-deleted"),
        ("garbage", "unknown", "openwebui-token-malformed"),
    ],
)
def test_each_real_refusal_has_its_diagnosis(
    real_openwebui: RealOpenWebUI, case: str, kind: str, code: str
) -> None:
    from wizard.core.diagnosis import diagnose_openwebui_refusal

    status, detail = answer(
        real_openwebui.url,
        CASES[case](
            real_openwebui.secret_key, real_openwebui.admin_id, real_openwebui.admin_api_key
        ),
    )
    verdict = diagnose_openwebui_refusal(
        status, detail, key_kind=kind, jwt_expired=False, file="backend/.env"
    )
    assert verdict.code == code
    for lang in ("en", "fr"):
        assert all(verdict.explanation.render(lang).values())


@pytest.fixture
def restrictions_back_off(real_openwebui: RealOpenWebUI) -> Iterator[None]:
    yield
    config = real_openwebui.admin_config()
    config["ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS"] = False
    real_openwebui.request(
        "POST", "/api/v1/auths/admin/config", real_openwebui.admin_token, json=config
    ).raise_for_status()


def test_api_key_restricted_to_other_endpoints(
    real_openwebui: RealOpenWebUI, restrictions_back_off: None
) -> None:
    config = real_openwebui.admin_config()
    config["ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS"] = True
    config["API_KEYS_ALLOWED_ENDPOINTS"] = "/api/v1/chats"
    real_openwebui.request(
        "POST", "/api/v1/auths/admin/config", real_openwebui.admin_token, json=config
    ).raise_for_status()
    result = probe(
        probe_openwebui(target(real_openwebui.url, real_openwebui.admin_api_key), TIMEOUTS)
    )
    assert result.diagnosis.code == "openwebui-restricted", result
