"""Live checks against the stand-ins: each situation of FACTS.md gets its diagnosis, in both
languages, and the probes run at the same time."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core.i18n import catalogue
from wizard.core.probes import (
    ProbeResult,
    ProbeTarget,
    Timeouts,
    probe_chat,
    probe_chat_both_ways,
    probe_openai,
    probe_openwebui,
    probe_realtime,
    run_probes,
)
from wizard.core.secret import Secret
from wizard.standins.server import Demo, start_demo

FAST = Timeouts(connect=3, read=5, total=10)


@pytest.fixture
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def target(
    demo: Demo, owui_key: str | None = None, openai_key: str | None = None, **kwargs: object
) -> ProbeTarget:
    return ProbeTarget(
        openwebui_url=demo.openwebui.url,
        openwebui_key=Secret(owui_key if owui_key is not None else demo.openwebui_key),
        openai_base_url=demo.openai_base_url,
        openai_key=Secret(openai_key if openai_key is not None else demo.openai_key),
        **kwargs,  # type: ignore[arg-type]
    )


def run(coroutine: object) -> ProbeResult:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


def assert_diagnosis(result: ProbeResult, code: str) -> None:
    assert result.diagnosis.code == code, (result.diagnosis, result.http_status)
    for lang in ("en", "fr"):
        parts = result.diagnosis.explanation.render(lang)  # type: ignore[arg-type]
        assert all(parts[p].strip() for p in ("what", "why", "next"))
    stem = f"diag.{code}"
    assert {f"{stem}.what", f"{stem}.why", f"{stem}.next"} <= set(catalogue())


# --- Open WebUI key and chat path ------------------------------------------------------------


def test_everything_works(demo: Demo) -> None:
    results = asyncio.run(run_probes(target(demo), timeouts=FAST))
    assert [(r.name, r.diagnosis.code) for r in results] == [
        ("openwebui", "openwebui-ok"),
        ("chat", "chat-ok"),
        ("openai", "openai-ok"),
        ("realtime", "realtime-ok"),
    ]
    chat = results[1]
    assert chat.details["streamed"] is True and "Hello" in str(chat.details["answer"])


def test_chat_streamed_alone(demo: Demo) -> None:
    result = run(probe_chat(target(demo), FAST, stream=True))
    assert_diagnosis(result, "chat-ok")


def test_a_wrong_openwebui_api_key(demo: Demo) -> None:
    result = run(probe_openwebui(target(demo, keyshapes.openwebui_api_key()), FAST))
    assert_diagnosis(result, "openwebui-api-key-refused")
    assert result.http_status == 401


def test_an_expired_session_token(demo: Demo) -> None:
    state = demo.openwebui_state
    token = state.make_token(state.first_admin(), expires_in=-60)
    assert_diagnosis(run(probe_openwebui(target(demo, token), FAST)), "openwebui-jwt-expired")


def test_a_live_session_token_signed_with_another_secret(demo: Demo) -> None:
    token = keyshapes.openwebui_jwt_in(7 * 86400)  # valid `exp`, unknown signature
    assert_diagnosis(run(probe_openwebui(target(demo, token), FAST)), "openwebui-jwt-refused")


def test_a_revoked_session(demo: Demo) -> None:
    state = demo.openwebui_state
    admin = state.first_admin()
    token = state.make_token(admin)
    state.revoke_sessions(admin)
    assert_diagnosis(run(probe_openwebui(target(demo, token), FAST)), "openwebui-session-revoked")


def test_api_keys_switched_off(demo: Demo) -> None:
    demo.openwebui_state.api_keys_enabled = False
    assert_diagnosis(run(probe_openwebui(target(demo), FAST)), "openwebui-keys-disabled")
    assert_diagnosis(run(probe_chat(target(demo), FAST)), "openwebui-keys-disabled")


def test_the_openai_key_inside_openwebui_is_wrong(demo: Demo) -> None:
    demo.openwebui_state.openai_key = keyshapes.openai_project()
    assert_diagnosis(run(probe_openwebui(target(demo), FAST)), "openwebui-no-models")
    assert_diagnosis(run(probe_chat(target(demo), FAST)), "openwebui-chat-model-not-found")


def test_the_openai_key_inside_openwebui_goes_bad_while_it_runs(demo: Demo) -> None:
    state = demo.openwebui_state
    state.cache_models = True
    assert run(probe_openwebui(target(demo), FAST)).ok  # the list is now cached
    state.openai_key = keyshapes.openai_project()
    result = run(probe_chat(target(demo), FAST))
    assert result.diagnosis.code in {"openwebui-chat-upstream-went-bad", "openai-invalid-key"}
    assert_diagnosis(result, result.diagnosis.code)


def test_no_credit_on_the_openai_account_behind_openwebui(demo: Demo) -> None:
    demo.openai_state.situation = "no_credit"
    result = run(probe_chat(target(demo), FAST))
    assert_diagnosis(result, "openai-no-credit")
    assert result.http_status == 429


def test_the_model_is_missing(demo: Demo) -> None:
    result = run(probe_openwebui(target(demo, model="technova-sales"), FAST))
    # The list is not empty: the model id is wrong (not the OpenAI key inside Open WebUI).
    assert_diagnosis(result, "openwebui-wrong-model-id")
    assert "technova" in result.details["models"]  # type: ignore[operator]
    assert "technova" in result.diagnosis.explanation.render("en")["why"]


@pytest.mark.parametrize("probe", [probe_openwebui, probe_chat_both_ways])
def test_an_openai_key_in_the_backend_is_caught_before_any_request(
    demo: Demo, probe: object
) -> None:
    before = len(demo.openai_state.requests)
    result = run(probe(target(demo, keyshapes.openai_project()), FAST))  # type: ignore[operator]
    assert_diagnosis(result, "wrong-place.OPENWEBUI_API_KEY")
    assert result.elapsed_ms < 1000 and len(demo.openai_state.requests) == before


# --- OpenAI key and voice path ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "code", "status"),
    [
        ("deactivated", "openai-deactivated", 401),
        ("missing_scope", "openai-missing-scope", 401),
        ("country", "openai-country", 403),
        ("down", "openai-server-error", 503),
    ],
)
def test_openai_rest_situations(demo: Demo, situation: str, code: str, status: int) -> None:
    demo.openai_state.situation = situation
    result = run(probe_openai(target(demo), FAST))
    assert_diagnosis(result, code)
    assert result.http_status == status


@pytest.mark.parametrize(
    ("situation", "code"),
    [("no_credit", "openai-no-credit"), ("rate_limited", "openai-rate-limited")],
)
def test_openai_quota_situations(demo: Demo, situation: str, code: str) -> None:
    demo.openai_state.situation = situation
    demo.openai_state.quota_on_models = True
    assert_diagnosis(run(probe_openai(target(demo), FAST)), code)


def test_a_wrong_openai_key_on_both_voice_probes(demo: Demo) -> None:
    wrong = keyshapes.openai_project()
    result = run(probe_openai(target(demo, openai_key=wrong), FAST))
    assert_diagnosis(result, "openai-invalid-key")
    assert result.details["request_id"].startswith("req_")  # type: ignore[union-attr]
    assert_diagnosis(
        run(probe_realtime(target(demo, openai_key=wrong), FAST)), "openai-invalid-key"
    )


def test_an_openwebui_key_in_the_voice_server_is_caught_before_any_request(demo: Demo) -> None:
    before = len(demo.openai_state.requests)
    result = run(probe_openai(target(demo, openai_key=keyshapes.openwebui_api_key()), FAST))
    assert_diagnosis(result, "wrong-place.OPENAI_API_KEY")
    assert len(demo.openai_state.requests) == before


@pytest.mark.parametrize(
    ("situation", "code"),
    [
        ("deactivated", "openai-deactivated"),
        ("missing_scope", "openai-missing-scope"),
        ("no_realtime", "realtime-no-access"),
    ],
)
def test_realtime_situations(demo: Demo, situation: str, code: str) -> None:
    demo.openai_state.situation = situation
    assert_diagnosis(run(probe_realtime(target(demo), FAST)), code)


def test_realtime_with_the_old_beta_header(demo: Demo) -> None:
    assert_diagnosis(
        run(probe_realtime(target(demo), FAST, beta_header=True)), "realtime-beta-header"
    )


def test_realtime_with_an_unknown_model(demo: Demo) -> None:
    assert_diagnosis(
        run(probe_realtime(target(demo), FAST, model="gpt-4o")), "realtime-invalid-model"
    )


# --- concurrency ---------------------------------------------------------------------------------


def test_three_probes_delayed_one_second_take_about_as_long_as_the_slowest(demo: Demo) -> None:
    # Each probe is made to last about 1 s: the Open WebUI probe asks twice (/health, then
    # /api/models from a warm model cache), so each of its answers waits 0.5 s.
    demo.openwebui_state.cache_models = True
    assert run(probe_openwebui(target(demo), FAST)).ok
    demo.openwebui_state.delay = 0.5
    demo.openai_state.delay = 1.0
    start = time.perf_counter()
    results = asyncio.run(
        run_probes(
            target(demo),
            ("openwebui", "openai", "realtime"),
            Timeouts(connect=5, read=10, total=20),
        )
    )
    wall = time.perf_counter() - start
    slowest = max(r.elapsed_ms for r in results) / 1000
    assert all(r.ok for r in results), [r.diagnosis for r in results]
    assert all(r.elapsed_ms >= 1000 for r in results)
    # In sequence this would be the sum (≥ 3 s); at the same time, about the slowest alone.
    assert wall / slowest < 1.5, (wall, slowest)
    assert wall < sum(r.elapsed_ms for r in results) / 1000 / 2


# --- the command ---------------------------------------------------------------------------


def write_project(root: Path, demo: Demo, owui_key: str, openai_key: str) -> None:
    (root / "backend").mkdir()
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={owui_key}\n"
    )
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={openai_key}\nOPENAI_BASE_URL={demo.openai_base_url}\n"
    )
    for env in ("backend/.env", "websocket-server/.env"):
        (root / env).chmod(0o600)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_json_everything_ok(
    demo: Demo, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, demo, demo.openwebui_key, demo.openai_key)
    code = main(["check", "--project", str(tmp_path), "--json", "--lang", lang])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [c["name"] for c in data["checks"]] == ["openwebui", "chat", "openai", "realtime"]
    assert all(c["ok"] for c in data["checks"])
    for check in data["checks"]:
        assert set(check) >= {"name", "ok", "status", "elapsed_ms", "diagnosis"}
        assert set(check["diagnosis"]) == {"what", "why", "next"}
    assert code == data["exit"] in (0, 1)  # 1 only when the keyring lacks a copy (info → 0)
    assert demo.openwebui_key not in out and demo.openai_key not in out


def test_check_text_with_a_wrong_key_exits_2_and_says_what_to_do(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = keyshapes.openwebui_api_key()
    write_project(tmp_path, demo, wrong, demo.openai_key)
    code = main(["check", "--project", str(tmp_path), "--lang", "en", "--only", "openwebui"])
    out = capsys.readouterr().out
    assert code == 2
    assert "Why:" in out and "Next:" in out and "backend/.env" in out
    assert wrong not in out


def test_check_with_open_webui_down_exits_3(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, demo, demo.openwebui_key, demo.openai_key)
    demo.openwebui.stop()
    code = main(["check", "--project", str(tmp_path), "--json", "--only", "openwebui"])
    data = json.loads(capsys.readouterr().out)
    assert data["checks"][0]["status"] == "connection-refused"
    assert code == data["exit"] == 3


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_refused_on_3000_while_open_webui_listens_on_8080(demo: Demo) -> None:
    """`open-webui serve` listens on 8080, Docker publishes 3000: say which port answers."""
    from wizard.standins.openwebui import make_openwebui_app
    from wizard.standins.server import run_in_thread

    if not (port_is_free(3000) and port_is_free(8080)):
        pytest.skip("ports 3000 and 8080 must both be free on this machine for this test")
    with run_in_thread(make_openwebui_app(demo.openwebui_state), port=8080):
        result = run(
            probe_openwebui(
                ProbeTarget(
                    openwebui_url="http://127.0.0.1:3000", openwebui_key=Secret(demo.openwebui_key)
                ),
                FAST,
            )
        )
    assert_diagnosis(result, "wrong-port")
    assert (
        "8080"
        in result.diagnosis.explanation.render("en")["next"]
        + result.diagnosis.explanation.render("en")["what"]
    )
