"""What people really paste: masked copies, look-alike prefixes, whole files, and session
tokens whose `exp` is absurd. Each gets its own problem and a sentence in both languages."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyshapes
import pytest

from wizard.core.expiry import describe_expiry, expiry_message
from wizard.core.keys import KeyKind, recognise_key

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def token_with(claims: object, header: object = None) -> str:
    """A session token whose payload is exactly `claims` (any JSON), signature made up."""

    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header or {'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{'Q' * 43}"


def sentences(code: str) -> dict[str, str]:
    from wizard.core.i18n import Msg

    return {
        lang: Msg(f"problem.{code}", {"service": "", "when": ""}).render(lang)
        for lang in ("en", "fr")
    }  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "sk-proj-...sQoA",
        "sk-proj-…sQoA",
        "sk-…abcd",
        "sk-proj-****************************sQoA",
        "sk-proj-abcd••••••••wxyz",
        "sk-abc*****************************wxyz",
        "  sk-proj-...sQoA\n",
        "OPENAI_API_KEY=sk-proj-…sQoA",
        "eyJhbGciOi…abc",
    ],
)
def test_a_masked_copy_is_named_as_such(text: str) -> None:
    report = recognise_key(text)
    assert report.problems == ("masked",)
    assert not report.usable
    said = sentences("masked")
    assert "once" in said["en"] and "logs" in said["en"]
    assert "qu'une fois" in said["fr"] and "journaux" in said["fr"]
    # Never "does not start with sk-" for a text that does.
    assert "not-a-key" not in report.problems


@pytest.mark.parametrize(
    "text",
    [
        "\u0455k-" + "0" * 32,  # Cyrillic dze
        "s\u043a-" + "0" * 32,  # Cyrillic ka
        "s\u03ba-proj-" + "a" * 80,  # Greek kappa
        "sk\u2013" + "0" * 32,  # en dash
        "sk\u2212" + "0" * 32,  # minus sign
        "\uff53\uff4b-" + "0" * 32,  # full-width
        "\u0435yJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0." + "Q" * 43,  # Cyrillic ie
        "ey\u0408hbGciOiJIUzI1NiJ9.eyJpZCI6MX0." + "Q" * 43,  # Cyrillic je
    ],
)
def test_a_look_alike_prefix_is_named(text: str) -> None:
    report = recognise_key(text)
    assert report.problems == ("look-alike",)
    assert not report.usable and report.kind is KeyKind.UNKNOWN
    said = sentences("look-alike")
    assert "Cyrillic" in said["en"] and "cyrillique" in said["fr"]


@pytest.mark.parametrize("size", [9_000, 40_000, 1_000_000])
def test_an_absurd_length_is_not_a_key(size: int) -> None:
    for text in ("x" * size, "sk-" + "a" * size, "eyJ" + "a" * size, "sk-proj-" + "A1" * size):
        report = recognise_key(text)
        assert not report.usable
        assert report.problems == ("too-long",)
        assert len(report.masked) < 20


@pytest.mark.parametrize(
    ("exp", "problem", "usable"),
    [
        (253402300799, None, True),  # 31 December 9999
        (10**12, "far-expiry", True),  # past the calendar: in practice never
        (1e300, "far-expiry", True),
        (-5, "expired", False),
        (-(10**15), "bad-expiry", False),
        (1.5e9, "expired", False),  # a float is a number of seconds too
        ("1753747456", "bad-expiry", False),
        ("soon", "bad-expiry", False),
        (True, "bad-expiry", False),
        ([1, 2], "bad-expiry", False),
        ({"a": {"b": 1}}, "bad-expiry", False),
    ],
)
def test_absurd_expiry_claims_give_a_sentence_never_an_error(
    exp: object, problem: str | None, usable: bool
) -> None:
    report = recognise_key(token_with({"id": "u", "exp": exp}), now=NOW)
    assert report.kind is KeyKind.OPENWEBUI_JWT
    assert report.usable is usable
    assert (problem in report.problems) if problem else report.problems == ()
    for lang in ("en", "fr"):
        text = describe_expiry(report, lang, NOW, UTC)  # type: ignore[arg-type]
        assert text.strip()
        for code in report.problems:
            assert sentences(code)[lang].strip()


def test_a_year_9999_token_renders_in_any_time_zone() -> None:
    from datetime import timezone

    report = recognise_key(token_with({"exp": 253402300799}), now=NOW)
    east = timezone(timedelta(hours=14), "LINT")
    assert "9999" in describe_expiry(report, "en", NOW, east)
    assert "décembre 9999" in describe_expiry(report, "fr", NOW, east)


@pytest.mark.parametrize(
    "payload",
    [
        "[" * 100_000 + "]" * 100_000,  # nested past the recursion limit
        '{"exp": 1' + "0" * 5000 + "}",  # an integer too long for Python's parser
        "not json",
        '"a string"',
    ],
)
def test_a_hostile_payload_is_not_a_key_and_raises_nothing(payload: str) -> None:
    body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
    header = base64.urlsafe_b64encode(b'{"alg":"HS256"}').rstrip(b"=").decode()
    report = recognise_key(f"{header}.{body}.{'Q' * 43}", now=NOW)
    assert not report.usable


def test_a_real_session_token_still_reads_like_pyjwt_did() -> None:
    exp = 1753747456
    report = recognise_key(keyshapes.openwebui_jwt(exp=exp), now=NOW)
    assert report.kind is KeyKind.OPENWEBUI_JWT
    assert report.expires_at == datetime.fromtimestamp(exp, UTC)
    assert report.claims["id"] == "8c9a3c9e-5f0e-4b3e-9d61-2f1f6e0c4a11"
    assert expiry_message(report, "en", NOW).key == "expiry.expired"


def test_status_of_a_session_token_does_not_load_pyjwt_or_cryptography(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    token = keyshapes.openwebui_jwt_in(20 * 86400)
    (tmp_path / "backend/.env").write_text(f"OPENWEBUI_API_KEY={token}\n")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wizard", "status", "--project", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"},
    )
    modules = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert "wizard" in modules  # the import log is there
    assert "jwt" not in modules and "cryptography" not in modules
    assert token not in done.stdout


def test_a_look_alike_key_is_still_hidden_everywhere() -> None:
    from wizard.cli.main import main
    from wizard.core.files.widget_config import find_secrets

    key = "\u0455k-proj-" + keyshapes.openai_project()[8:]
    assert recognise_key(key).looks_like_secret
    assert main(["status", "--project", key]) == 2  # refused on the command line
    findings = find_secrets(f"window.TechNovaConfig = {{ x: '{key}' }};")
    assert len(findings) == 1 and key not in findings[0].masked


@pytest.mark.parametrize(
    "text", ["sk-proj-has space inside?", "sk-abc!def" + "a" * 40, "eyJ.not.json" + "Q" * 43]
)
def test_a_damaged_key_is_not_told_that_keys_start_with_sk(text: str) -> None:
    report = recognise_key(text)
    assert report.problems == ("damaged",)
    said = sentences("damaged")
    assert "starts like a key" in said["en"] and "commence comme une clé" in said["fr"]
