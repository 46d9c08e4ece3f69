"""Hostile servers on loopback: escape sequences in every word they send back, answers that
trickle their headers, nested or huge JSON, invalid UTF-8, absurd time limits and tokens,
and secrets asked to travel over plain http. Nothing may reach the terminal raw, hang, or
escape as a Python error instead of a sentence."""

from __future__ import annotations

import asyncio
import json
import math
import re
import socket
import time
from collections.abc import Callable

import keyshapes
import pytest
from faultservers import _read_request, raw_server, slow_headers
from hypothesis import given
from hypothesis import strategies as st

from wizard.core import account
from wizard.core.deadline import NotJSON, loads_bounded
from wizard.core.diagnosis import Diagnosis
from wizard.core.errors import WizardError
from wizard.core.keys import Slot, recognise_key
from wizard.core.probes import ProbeTarget, Timeouts, probe_openai, probe_openwebui
from wizard.core.sanitize import clean_text, dumps_json
from wizard.core.secret import Secret
from wizard.core.transport import require_safe_transport, secret_may_go_to, shown_url

# What a hostile server hides in its words: retitle the window (OSC 0), clear the screen and
# move the cursor (CSI), set the clipboard (OSC 52), a lying link (OSC 8), 8-bit CSI, a DCS
# string, a bell, a carriage return that overwrites the line, and a right-to-left override.
EVIL = (
    "\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[H\x1b]52;c;ZWNobyBwd25lZA==\x07"
    "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\\x9b31m\x1bPq#0\x1b\\\x07\r"
    "\u202eevil\u202c"
)
TERMINAL_ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KEY = keyshapes.openwebui_api_key()
FAST = Timeouts(connect=1.0, read=1.0, total=2.0)


def routes(table: dict[str, tuple[int, bytes, dict[str, str]]]) -> Callable[[socket.socket], None]:
    """Answer each path (without its query) from `table`; anything else is a 404."""

    def handle(conn: socket.socket) -> None:
        request = _read_request(conn)
        path = request.split(b" ", 2)[1].decode("latin-1").split("?")[0] if request else "/"
        status, body, headers = table.get(path, (404, b'{"detail":"Not Found"}', {}))
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        conn.sendall(
            f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n".encode()
            + body
        )
        conn.close()

    return handle


def _assert_clean(*texts: object) -> None:
    for text in texts:
        assert not TERMINAL_ACTS.search(str(text)), repr(text)
        assert "PWNED" not in str(text) and "evil.example" not in str(text), repr(text)


def _all_renderings(diagnosis: Diagnosis) -> list[str]:
    out = []
    for lang in ("en", "fr"):
        out += list(diagnosis.explanation.render(lang).values())  # type: ignore[arg-type]
    return out


HEALTH = (200, b'{"status":true}', {})


def test_openwebui_words_are_cleaned_in_every_diagnosis() -> None:
    detail = json.dumps({"detail": EVIL}).encode()
    with raw_server(routes({"/health": HEALTH, "/api/models": (401, detail, {})})) as url:
        result = asyncio.run(probe_openwebui(ProbeTarget(url, Secret(KEY)), FAST))
    _assert_clean(*result.diagnosis.params.values(), *_all_renderings(result.diagnosis))


def test_model_names_and_headers_from_the_server_are_cleaned() -> None:
    models = json.dumps({"data": [{"id": f"technova{EVIL}"}, {"id": EVIL}]}).encode()
    with raw_server(routes({"/health": HEALTH, "/api/models": (200, models, {})})) as url:
        result = asyncio.run(probe_openwebui(ProbeTarget(url, Secret(KEY)), FAST))
    _assert_clean(*result.details["models"], *_all_renderings(result.diagnosis))  # type: ignore[misc]

    headers = {"x-request-id": EVIL.replace("\r", "").replace("\x9b", "")}
    body = json.dumps({"error": {"message": EVIL, "type": EVIL, "code": EVIL}}).encode()
    with raw_server(routes({"/v1/models": (401, body, headers)})) as url:
        target = ProbeTarget(
            openai_base_url=url + "/v1", openai_key=Secret(keyshapes.openai_project())
        )
        result = asyncio.run(probe_openai(target, FAST))
    _assert_clean(result.details.get("request_id"), *_all_renderings(result.diagnosis))


def test_a_redirect_location_is_cleaned() -> None:
    location = {"Location": "http://127.0.0.1/\x1b]0;PWNED-TITLE\x07login"}
    with raw_server(routes({"/health": HEALTH, "/api/models": (302, b"", location)})) as url:
        result = asyncio.run(probe_openwebui(ProbeTarget(url, Secret(KEY)), FAST))
    _assert_clean(*result.diagnosis.params.values(), *_all_renderings(result.diagnosis))


def test_account_errors_and_user_names_are_cleaned() -> None:
    refused = json.dumps({"detail": EVIL}).encode()
    table = {"/api/v1/auths/signin": (500, refused, {})}
    with raw_server(routes(table)) as url, pytest.raises(WizardError) as caught:
        account.sign_in(url, "a@example.com", Secret("pw-123456789"), timeouts=FAST)
    _assert_clean(caught.value.render("en"), caught.value.render("fr"))

    signed_in = json.dumps(
        {
            "token": "eyJx.eyJy.z",
            "id": "u1",
            "email": f"a{EVIL}@example.com",
            "name": EVIL,
            "role": f"admin{EVIL}",
        }
    ).encode()
    models = json.dumps({"data": [{"id": EVIL}]}).encode()
    table = {"/api/v1/auths/signin": (200, signed_in, {}), "/api/models": (200, models, {})}
    with raw_server(routes(table)) as url:
        session = account.sign_in(url, "a@example.com", Secret("pw-123456789"), timeouts=FAST)
        names = account.model_ids(url, session.token, timeouts=FAST)
    _assert_clean(session.name, session.email, session.role, *names)


def test_json_output_escapes_what_it_carries() -> None:
    text = dumps_json({"detail": "é" + EVIL})
    assert "é" in text and not TERMINAL_ACTS.search(text)
    assert json.loads(text)["detail"] == "é" + EVIL  # escaped, not lost


def test_printable_text_skips_the_patterns_only_when_they_would_find_nothing() -> None:
    """`is_clean` and `dumps_json` take printable text as it is, without compiling their
    patterns (status's start): no character `str.isprintable` accepts is one they act on."""
    from wizard.core.sanitize import _controls, _json_raw, is_clean

    controls, json_raw = _controls(), _json_raw()
    for code in range(0x110000):
        char = chr(code)
        if char.isprintable():
            assert not controls.match(char) and not json_raw.match(char), hex(code)
            assert char != "\x1b"
        else:
            assert is_clean("a" + char) == (not controls.match(char) and char != "\x1b")
    assert dumps_json("x\u202ey") == '"x\\u202ey"'


# --- every deadline holds ------------------------------------------------------------------


def test_a_sign_in_whose_headers_trickle_ends_at_the_deadline() -> None:
    with raw_server(slow_headers) as url:
        start = time.monotonic()
        with pytest.raises(WizardError) as caught:
            account.sign_in(
                url,
                "a@example.com",
                Secret("pw-123456789"),
                timeouts=Timeouts(connect=1, read=1.5, total=2),
            )
        elapsed = time.monotonic() - start
    assert caught.value.code == "account.timeout"
    assert elapsed < 6, (
        elapsed
    )  # each header byte came within the read limit: only the total ends it


def _answering(body: bytes) -> Callable[[socket.socket], None]:
    return routes(
        {"/api/v1/auths/signin": (200, body, {}), "/api/models": (200, body, {}), "/health": HEALTH}
    )


HOSTILE_BODIES = {
    "nested arrays": b"[" * 200_000 + b"]" * 200_000,
    "nested objects": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "a 100,000-digit number": b'{"token": ' + b"9" * 100_000 + b"}",
    "invalid UTF-8": b'{"detail": "\xff\xfe\xc3"}',
    "a lone surrogate": b'{"token": "\\ud800", "id": 1}',
    "huge": b'{"data": [' + b'"x",' * 900_000 + b'"x"]}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_hostile_json_is_a_sentence_never_a_python_error(name: str) -> None:
    with raw_server(_answering(HOSTILE_BODIES[name])) as url:
        try:
            account.sign_in(url, "a@example.com", Secret("pw-123456789"), timeouts=FAST)
        except WizardError as error:
            assert error.code.startswith("account."), error.code
            assert error.render("fr").strip()
        result = asyncio.run(probe_openwebui(ProbeTarget(url, Secret(KEY)), FAST))
    assert result.diagnosis.code  # a verdict, not an exception
    assert all(part.strip() for part in _all_renderings(result.diagnosis))


def test_bounded_json_refuses_what_would_hurt_the_reader() -> None:
    for name, body in HOSTILE_BODIES.items():
        if name in ("huge", "a lone surrogate"):
            assert loads_bounded(body)  # valid JSON: read (the size bound is the reader's)
            continue
        with pytest.raises(NotJSON):  # a ValueError the callers turn into a sentence
            loads_bounded(body)


@pytest.mark.parametrize("seconds", [0, -1, math.nan, math.inf, -math.inf, 1e308])
def test_absurd_time_limits_are_a_sentence(seconds: float) -> None:
    with pytest.raises(WizardError) as caught:
        Timeouts(connect=1, read=seconds, total=5)
    assert caught.value.code == "safety.bad-timeout"
    assert caught.value.render("fr").strip()
    with pytest.raises(WizardError):
        Timeouts(connect=1, read=1, total=seconds)


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": 1e308},
        {"exp": -1e308},
        {"exp": 10**400},
        {"exp": "NaN"},
        {"exp": [1]},
        {"exp": 2**63, "iat": -(2**63)},
        {"iat": 1e300, "exp": 1e300},
    ],
)
def test_a_token_with_absurd_claims_is_judged_not_crashed(claims: dict[str, object]) -> None:
    import base64

    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    token = f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part({'id': 'u', **claims})}.{'a' * 43}"
    report = recognise_key(token, slot=Slot.OPENWEBUI)
    assert report.kind.value  # judged
    from wizard.core.expiry import expiry_of

    expiry_of(report)


# --- secrets only over TLS or loopback -----------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://chat.example.com", True),
        ("wss://api.openai.com/v1/realtime", True),
        ("http://localhost:3000", True),
        ("http://LOCALHOST.:3000", True),
        ("http://127.0.0.1:3000", True),
        ("http://127.8.9.10", True),
        ("http://[::1]:3000", True),
        ("http://[::ffff:127.0.0.1]:8080", True),
        ("http://chat.example.com", False),
        ("http://192.168.1.10:3000", False),
        ("http://127.0.0.1.evil.example", False),
        ("http://localhost@evil.example", False),
        ("ws://10.0.0.2:8081", False),
        ("ftp://localhost", False),
        ("not a url", False),
        ("http://[::1", False),
    ],
)
def test_which_addresses_may_carry_a_secret(url: str, safe: bool) -> None:
    assert secret_may_go_to(url) is safe
    if safe:
        require_safe_transport(url)
    else:
        with pytest.raises(WizardError) as caught:
            require_safe_transport(url)
        assert caught.value.code == "transport.plain-http"
        require_safe_transport(url, allow_plain_http=True)  # the person said yes


def test_credentials_in_a_url_are_masked_wherever_shown() -> None:
    url = "http://admin:hunter2-secret@chat.example.com:3000/api"
    assert "hunter2" not in shown_url(url) and "chat.example.com:3000" in shown_url(url)
    with pytest.raises(WizardError) as caught:
        require_safe_transport(url)
    with raw_server(routes({})) as base, pytest.raises(WizardError) as unreachable:
        broken = base.replace("http://", "http://admin:hunter2-secret@")
        account.sign_in(broken + "/x\x1b[2J", "a@example.com", Secret("pw-1234567"), timeouts=FAST)
    for error in (caught.value, unreachable.value):
        for lang in ("en", "fr"):
            assert "hunter2" not in error.render(lang)
            _assert_clean(error.render(lang))


def test_check_warns_of_a_key_sent_over_plain_http(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wizard.core.checks import run_check
    from wizard.core.project import find_project

    (tmp_path / "backend").mkdir()
    (tmp_path / "backend/.env").write_text(
        f"OPENWEBUI_API_KEY={KEY}\nOPENWEBUI_URL=http://user:pw-secret@chat.example.com:3000\n"
    )
    report = run_check(find_project(tmp_path), only=(), use_keyring=False)
    found = [p for p in report.status.problems if p.code == "secret-over-plain-http"]
    assert [p.file for p in found] == ["backend/.env"]
    text = found[0].message.render("en") + found[0].message.render("fr")
    assert "pw-secret" not in text and "chat.example.com" in text
    assert clean_text(text, one_line=False) == text


def test_an_address_with_control_characters_is_a_verdict_not_a_crash() -> None:
    from wizard.core.probes import probe_chat, probe_realtime

    bad = "http://127.0.0.1:1/\x1b]0;PWNED-TITLE\x07"
    openai_key = Secret(keyshapes.openai_project())
    targets = [
        (probe_openwebui, ProbeTarget(bad, Secret(KEY))),
        (probe_chat, ProbeTarget(bad, Secret(KEY))),
        (probe_openai, ProbeTarget(openai_base_url=bad, openai_key=openai_key)),
        (probe_realtime, ProbeTarget(openai_base_url=bad, openai_key=openai_key)),
    ]
    for probe, target in targets:
        result = asyncio.run(probe(target, FAST))  # type: ignore[operator]
        _assert_clean(*result.diagnosis.params.values(), *_all_renderings(result.diagnosis))
    with pytest.raises(WizardError) as caught:
        account.sign_in(bad, "a@example.com", Secret("pw-1234567"), timeouts=FAST)
    assert caught.value.code == "account.unreachable"
    _assert_clean(caught.value.render("en"))


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_cleaned_text_can_never_act_on_a_terminal(text: str) -> None:
    for one_line in (True, False):
        shown = clean_text(EVIL + text + EVIL, one_line=one_line, limit=None)
        assert not TERMINAL_ACTS.search(shown), repr(shown)
        assert "PWNED" not in shown
    assert "\n" not in clean_text(text + "\u2028\n\r")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Model not found", "Model not found"),
        ("café – 5 €", "café – 5 €"),
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("x\x1b]0;title\x07y", "xy"),
        ("x\x1b]8;;http://e/\x1b\\link\x1b]8;;\x1b\\y", "xlinky"),
        ("x\x9b2Jy", "xy"),
        ("x\x1bPdata\x1b\\y", "xy"),
        ("line one\r\nline two", "line one line two"),
        ("\u202eevil\u202c", "evil"),
    ],
)
def test_what_cleaning_keeps_and_removes(raw: str, shown: str) -> None:
    assert clean_text(raw) == shown
