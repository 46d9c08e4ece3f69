"""Every way a server can fail, on every HTTP probe: the right diagnosis, within the timeout."""

from __future__ import annotations

import asyncio
import json
import time

import keyshapes
import pytest
from faultservers import (
    answer,
    free_port,
    huge_body,
    raw_server,
    redirect_loop,
    reset,
    silent,
    slow_body,
    slow_headers,
)

from wizard.core.probes import ProbeTarget, Timeouts, probe_chat, probe_openai, probe_openwebui
from wizard.core.secret import Secret

FAST = Timeouts(connect=1.0, read=1.0, total=2.0)
PROBES = {"openwebui": probe_openwebui, "chat": probe_chat, "openai": probe_openai}


def target_at(url: str) -> ProbeTarget:
    return ProbeTarget(
        openwebui_url=url,
        openwebui_key=Secret(keyshapes.openwebui_api_key()),
        openai_base_url=url + "/v1",
        openai_key=Secret(keyshapes.openai_project()),
    )


def run(name: str, target: ProbeTarget, timeouts: Timeouts = FAST):
    return asyncio.run(PROBES[name](target, timeouts))


@pytest.mark.parametrize("name", sorted(PROBES))
def test_refused(name: str) -> None:
    result = run(name, target_at(f"http://127.0.0.1:{free_port()}"))
    assert result.diagnosis.code == "connection-refused"
    assert result.diagnosis.verdict.value == "unknown"


@pytest.mark.parametrize("name", sorted(PROBES))
def test_a_server_that_never_answers_ends_within_the_timeout(name: str) -> None:
    with raw_server(silent) as url:
        start = time.monotonic()
        result = run(name, target_at(url))
        elapsed = time.monotonic() - start
    assert result.diagnosis.code == "timeout"
    assert elapsed < FAST.total + 1.0


@pytest.mark.parametrize("name", sorted(PROBES))
@pytest.mark.parametrize("server", [slow_headers, slow_body], ids=["headers", "body"])
def test_an_answer_that_trickles_forever_ends_at_the_total_deadline(
    name: str, server: object
) -> None:
    with raw_server(server) as url:  # type: ignore[arg-type]
        start = time.monotonic()
        result = run(name, target_at(url))
        elapsed = time.monotonic() - start
    assert result.diagnosis.code == "timeout"
    assert elapsed < FAST.total + 1.0


@pytest.mark.parametrize("name", sorted(PROBES))
def test_a_huge_body_is_cut_short_not_read(name: str) -> None:
    with raw_server(huge_body) as url:
        start = time.monotonic()
        result = run(name, target_at(url), Timeouts(connect=1, read=2, total=5))
        elapsed = time.monotonic() - start
    assert result.diagnosis.code == "answer-too-big"
    assert elapsed < 5.0 + 1.0


@pytest.mark.parametrize("name", sorted(PROBES))
def test_a_redirect_loop(name: str) -> None:
    with raw_server(redirect_loop) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code == "redirect"


@pytest.mark.parametrize("name", sorted(PROBES))
def test_html_where_json_was_expected(name: str) -> None:
    page = b"<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"
    with raw_server(answer("200 OK", page, "text/html")) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code == "html-instead-of-json"


@pytest.mark.parametrize("name", sorted(PROBES))
def test_redirect_to_a_login_page(name: str) -> None:
    handler = answer(
        "302 Found", b"", "text/html", {"Location": "https://sso.example.com/login?next=/"}
    )
    with raw_server(handler) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code == "redirect-to-login"


@pytest.mark.parametrize("name", sorted(PROBES))
@pytest.mark.parametrize(
    "status", ["500 Internal Server Error", "502 Bad Gateway", "503 Service Unavailable"]
)
def test_server_errors(name: str, status: str) -> None:
    with raw_server(answer(status, b"<html>Bad gateway</html>", "text/html")) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code == "server-error"
    assert result.diagnosis.verdict.value == "unknown"


@pytest.mark.parametrize("name", sorted(PROBES))
def test_connection_reset_mid_answer(name: str) -> None:
    with raw_server(reset) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code in {"connection-cut", "not-json", "not-openwebui"}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_invalid_json(name: str) -> None:
    with raw_server(answer("200 OK", b"{not json", "application/json")) as url:
        result = run(name, target_at(url))
    assert result.diagnosis.code in {"not-json", "not-openwebui"}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_dns_failure(name: str) -> None:
    result = run(name, target_at("http://no-such-host.invalid:3000"))
    assert result.diagnosis.code in {"dns-failure", "timeout"}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_tls_to_a_plain_http_server(name: str) -> None:
    with raw_server(answer("200 OK", b"{}")) as url:
        result = run(name, target_at(url.replace("http://", "https://")))
    assert result.diagnosis.code == "tls-error"


def test_openwebui_health_that_is_not_openwebui() -> None:
    with raw_server(answer("200 OK", json.dumps({"ok": 1}).encode())) as url:
        result = run("openwebui", target_at(url))
    assert result.diagnosis.code == "not-openwebui"


def test_a_wrong_kind_of_key_is_caught_before_anything_is_sent() -> None:
    requests: list[bytes] = []

    def record(conn):  # type: ignore[no-untyped-def]
        requests.append(conn.recv(65536))
        conn.close()

    with raw_server(record) as url:
        swapped = ProbeTarget(
            openwebui_url=url,
            openwebui_key=Secret(keyshapes.openai_project()),
            openai_base_url=url + "/v1",
            openai_key=Secret(keyshapes.openwebui_api_key()),
        )
        results = [run(name, swapped) for name in sorted(PROBES)]
    assert [r.diagnosis.code for r in results] == [
        "wrong-place.OPENWEBUI_API_KEY",
        "wrong-place.OPENAI_API_KEY",
        "wrong-place.OPENWEBUI_API_KEY",
    ]
    assert requests == []


def test_no_key_at_all() -> None:
    result = run("openwebui", ProbeTarget())
    assert result.diagnosis.code == "no-key.OPENWEBUI_API_KEY"
    result = run("openai", ProbeTarget())
    assert result.diagnosis.code == "no-key.OPENAI_API_KEY"


def test_a_truncated_key_is_not_sent() -> None:
    target = ProbeTarget(openwebui_key=Secret(keyshapes.openwebui_api_key()[:30]))
    result = run("openwebui", target)
    assert result.diagnosis.code == "key-unusable"
    text = result.diagnosis.explanation.render("en")
    assert "cut short" in text["why"]
