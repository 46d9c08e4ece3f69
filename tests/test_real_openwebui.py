"""The probes and `check` against a real Open WebUI, 0.12.4 and 0.6.18, and the stand-in
held to each (the `real_openwebui` fixture runs every test once per version, and `demo` is
the stand-in answering as the same version).

For every case both servers share, the real one and the stand-in must answer with the same
status and the same `detail`: the stand-in is only worth what this parity proves.
"""

from __future__ import annotations

import asyncio
import json
import secrets
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
def demo(real_openwebui: RealOpenWebUI) -> Iterator[Demo]:
    with start_demo(openwebui_version=real_openwebui.version) as running:
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
    # A near miss of an existing id gets its own verdict (issue of the wrong model).
    assert result.diagnosis.code in {"openwebui-model-missing", "openwebui-wrong-model-id"}
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
    assert data["openwebui_version"] == real_openwebui.version


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
    real_openwebui.restrict_api_keys(None)


def test_api_key_restricted_to_other_endpoints(
    real_openwebui: RealOpenWebUI, restrictions_back_off: None
) -> None:
    """0.6 answers this as if keys were off; its public /api/config says they are on."""
    real_openwebui.restrict_api_keys("/api/v1/chats")
    result = probe(
        probe_openwebui(target(real_openwebui.url, real_openwebui.admin_api_key), TIMEOUTS)
    )
    assert result.diagnosis.code == "openwebui-restricted", result
    assert result.openwebui_version is not None
    assert result.openwebui_version.reported == real_openwebui.version


# --- FACTS.md's "Open WebUI 0.6.x" table, row by row: the real server and the stand-in of the
# same version answer alike (each test runs on 0.12.4 and on 0.6.18) ------------------------


def demo_admin_token(demo: Demo) -> str:
    return str(demo.openwebui_state.make_token(demo.openwebui_state.first_admin()))


def shape(response: httpx.Response) -> tuple[int, Any]:
    """Status and `detail` (or "html" for a web page, or the JSON's keys)."""
    if "html" in response.headers.get("content-type", ""):
        return response.status_code, "html"
    payload = response.json()
    if isinstance(payload, dict) and "detail" in payload:
        return response.status_code, payload["detail"]
    return response.status_code, sorted(payload) if isinstance(payload, dict) else payload


def test_version_is_read_without_credentials(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    from wizard.core.probes import read_openwebui_version

    real = httpx.get(real_openwebui.url + "/api/version", timeout=30).json()
    assert real == httpx.get(demo.openwebui.url + "/api/version").json()
    assert real["version"] == real_openwebui.version
    read = probe(read_openwebui_version(real_openwebui.url, TIMEOUTS))
    assert read.reported == real_openwebui.version and not read.assumed
    assert read.is_legacy is real_openwebui.legacy


def test_row_keys_switch_name_and_who_is_told(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """The switch's name in the admin configuration, and `/api/config` telling anyone (0.6)
    or only sessions (0.12) whether keys are on."""
    real = real_openwebui.admin_config()
    ours = httpx.get(
        demo.openwebui.url + "/api/v1/auths/admin/config",
        headers={"Authorization": f"Bearer {demo_admin_token(demo)}"},
    ).json()
    assert set(ours) == set(real) - {"sessions_revoked"}
    assert real[real_openwebui.keys_field] is True
    other = "ENABLE_API_KEYS" if real_openwebui.legacy else "ENABLE_API_KEY"
    assert other not in real
    anonymous = httpx.get(real_openwebui.url + "/api/config", timeout=30).json()["features"]
    ours_anonymous = httpx.get(demo.openwebui.url + "/api/config").json()["features"]
    assert ("enable_api_key" in anonymous) is real_openwebui.legacy
    assert ("enable_api_key" in ours_anonymous) is real_openwebui.legacy


@pytest.fixture
def keys_back_on_real(real_openwebui: RealOpenWebUI) -> Iterator[RealOpenWebUI]:
    yield real_openwebui
    real_openwebui.set_api_keys_enabled(True)


def test_row_the_other_name_is_silently_ignored(
    keys_back_on_real: RealOpenWebUI, demo: Demo
) -> None:
    """Sending the other version's field changes nothing, with a 200: read back, never assume."""
    server = keys_back_on_real
    other = "ENABLE_API_KEYS" if server.legacy else "ENABLE_API_KEY"
    for url, token in ((server.url, server.admin_token), (demo.openwebui.url, None)):
        token = token or demo_admin_token(demo)
        headers = {"Authorization": f"Bearer {token}"}
        config = httpx.get(url + "/api/v1/auths/admin/config", headers=headers, timeout=30).json()
        config.pop("sessions_revoked", None)
        answer = httpx.post(
            url + "/api/v1/auths/admin/config",
            headers=headers,
            json={**config, other: False, server.keys_field: True},
            timeout=30,
        )
        assert answer.status_code == 200
        after = httpx.get(url + "/api/v1/auths/admin/config", headers=headers, timeout=30).json()
        assert after[server.keys_field] is True and other not in after


def test_row_users_permission_for_keys(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """0.12: `features.api_keys`, off by default, so a user cannot make a key; 0.6: no such
    permission, and any user may."""
    email, password = real_openwebui.add_user(f"perm-{secrets.token_hex(4)}@example.com")
    real_token = real_openwebui.signin(email, password)
    user = demo.openwebui_state.add_user(f"perm-{secrets.token_hex(4)}@example.com", "pw")
    ours_token = demo.openwebui_state.make_token(user)
    real_permissions = real_openwebui.request(
        "GET", "/api/v1/users/default/permissions", real_openwebui.admin_token
    ).json()
    ours_permissions = httpx.get(
        demo.openwebui.url + "/api/v1/users/default/permissions",
        headers={"Authorization": f"Bearer {demo_admin_token(demo)}"},
    ).json()
    assert ("api_keys" in real_permissions["features"]) is not real_openwebui.legacy
    assert set(ours_permissions["features"]) == set(real_permissions["features"])
    real = shape(real_openwebui.request("POST", "/api/v1/auths/api_key", real_token))
    ours = shape(
        httpx.post(
            demo.openwebui.url + "/api/v1/auths/api_key",
            headers={"Authorization": f"Bearer {ours_token}"},
        )
    )
    assert ours == real
    assert (real[0] == 200) is real_openwebui.legacy


def test_row_session_token_lifetime(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """0.6: `expires_at` null and a payload of `id` alone; 0.12: four weeks, more claims."""
    real = real_openwebui.request(
        "POST",
        "/api/v1/auths/signin",
        json={"email": "admin@example.com", "password": real_openwebui.admin_password},
    ).json()
    ours = httpx.post(
        demo.openwebui.url + "/api/v1/auths/signin",
        json={"email": demo.admin_email, "password": demo.admin_password},
    ).json()
    assert (real["expires_at"] is None) is real_openwebui.legacy
    assert (ours["expires_at"] is None) is real_openwebui.legacy
    claims = [jwt.decode(a["token"], options={"verify_signature": False}) for a in (real, ours)]
    assert set(claims[0]) == set(claims[1])
    if real_openwebui.legacy:
        assert set(claims[0]) == {"id"}


def test_row_endpoint_restriction(
    real_openwebui: RealOpenWebUI, demo: Demo, restrictions_back_off: None
) -> None:
    """0.6 answers a path outside the allowed ones with the "keys off" text; 0.12 with its own."""
    real_openwebui.restrict_api_keys("/api/v1/chats")
    names = demo.openwebui_state.restrictions_field
    demo.openwebui_state.admin_config.update({names[0]: True, names[1]: "/api/v1/chats"})
    try:
        real = answer(real_openwebui.url, real_openwebui.admin_api_key)
        ours = answer(demo.openwebui.url, demo.openwebui_key)
    finally:
        demo.openwebui_state.admin_config.update({names[0]: False, names[1]: ""})
    assert ours == real
    keys_off_text = "Use of API key is not enabled in the environment."
    assert (real == (403, keys_off_text)) is real_openwebui.legacy


def test_row_account_page_with_an_api_key(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """`GET /api/v1/auths/` with an API key: 0.6 answers the user, 0.12 wants a person."""
    real = shape(real_openwebui.request("GET", "/api/v1/auths/", real_openwebui.admin_api_key))
    ours = shape(
        httpx.get(
            demo.openwebui.url + "/api/v1/auths/",
            headers={"Authorization": f"Bearer {demo.openwebui_key}"},
        )
    )
    assert ours == real
    assert (real[0] == 200) is real_openwebui.legacy


def test_row_v1_models_path(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """0.6's `/api/v1/models` is the web app's page, even without credentials."""
    for token in (None, "key"):
        real = shape(
            real_openwebui.request("GET", "/api/v1/models", token and real_openwebui.admin_api_key)
        )
        ours = shape(
            httpx.get(
                demo.openwebui.url + "/api/v1/models",
                headers={"Authorization": f"Bearer {demo.openwebui_key}"} if token else {},
            )
        )
        assert ours == real
        assert (real == (200, "html")) is real_openwebui.legacy


def test_row_sign_in_rate_limit(real_openwebui: RealOpenWebUI, demo: Demo) -> None:
    """16 wrong passwords, then the right one: 0.12 refuses it (429), 0.6 has no limit."""
    email, password = real_openwebui.add_user(f"limit-{secrets.token_hex(4)}@example.com")
    demo.openwebui_state.add_user(email, password)
    outcomes = []
    for url in (real_openwebui.url, demo.openwebui.url):
        for _ in range(16):
            httpx.post(
                url + "/api/v1/auths/signin", json={"email": email, "password": "wrong"}, timeout=30
            )
        right = httpx.post(
            url + "/api/v1/auths/signin", json={"email": email, "password": password}, timeout=30
        )
        outcomes.append(right.status_code)
    assert outcomes[0] == outcomes[1] == (200 if real_openwebui.legacy else 429)


def put_openai_key(url: str, admin_token: str, base_url: str, key: str) -> None:
    """Admin Panel › Settings › Connections, as the admin's browser saves it."""
    headers = {"Authorization": f"Bearer {admin_token}"}
    config = httpx.get(url + "/openai/config", headers=headers, timeout=30).json()
    config.update({"OPENAI_API_BASE_URLS": [base_url], "OPENAI_API_KEYS": [key]})
    httpx.post(
        url + "/openai/config/update", headers=headers, json=config, timeout=30
    ).raise_for_status()


@pytest.fixture
def openai_key_back(real_openwebui: RealOpenWebUI, demo: Demo) -> Iterator[None]:
    yield
    real_openwebui.set_openai_key(real_openwebui.openai_key)
    put_openai_key(
        demo.openwebui.url, demo_admin_token(demo), demo.openai_base_url, demo.openai_key
    )


def test_row_openai_key_goes_bad_while_running(
    real_openwebui: RealOpenWebUI, demo: Demo, openai_key_back: None
) -> None:
    """A chat, the model list and a chat again right after the admin saves a wrong OpenAI
    key: 0.6 answers 400 "404: Model not found" and empties its list at once; 0.12 drops
    its list, so 400 "Model not found"."""
    body = {"model": "technova", "messages": [{"role": "user", "content": "Hi"}]}
    servers = (
        (real_openwebui.url, real_openwebui.admin_api_key, real_openwebui.admin_token),
        (demo.openwebui.url, demo.openwebui_key, demo_admin_token(demo)),
    )
    bases = (real_openwebui.openai.url + "/v1", demo.openai_base_url)
    results = []
    for (url, key, admin_token), base in zip(servers, bases, strict=True):
        headers = {"Authorization": f"Bearer {key}"}
        assert httpx.get(url + "/api/models", headers=headers, timeout=30).status_code == 200
        chat = httpx.post(url + "/api/chat/completions", headers=headers, json=body, timeout=60)
        assert chat.status_code == 200
        put_openai_key(url, admin_token, base, keyshapes.openai_project())
        first = shape(
            httpx.post(url + "/api/chat/completions", headers=headers, json=body, timeout=60)
        )
        listing = httpx.get(url + "/api/models", headers=headers, timeout=30).json()["data"]
        again = shape(
            httpx.post(url + "/api/chat/completions", headers=headers, json=body, timeout=60)
        )
        results.append((first, [m["id"] for m in listing], again))
    assert results[1] == results[0]
    if real_openwebui.legacy:
        assert results[0] == ((400, "404: Model not found"), [], (400, "404: Model not found"))
    assert not results[0][1]
