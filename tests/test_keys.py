"""The key recogniser: every kind, every fix, every problem, with keys of the real shapes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import keyshapes
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.keys import KeyKind, Slot, clean_pasted_text, recognise_key
from wizard.core.secret import Secret, mask

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("kind", "key"), sorted(keyshapes.every_kind().items()))
def test_every_kind_is_recognised_from_its_real_shape(kind: str, key: str) -> None:
    report = recognise_key(key)
    assert report.kind.value == kind
    assert report.fixes == ()
    assert report.secret.reveal() == key


def test_project_keys_of_both_lengths() -> None:
    for half, length in ((74, 164), (58, 132)):
        key = keyshapes.openai_project(half)
        assert len(key) == length
        report = recognise_key(key)
        assert (report.kind, report.problems) == (KeyKind.OPENAI_PROJECT, ())


def test_lengths_match_the_facts() -> None:
    assert len(keyshapes.openai_service_account()) == 167
    assert len(keyshapes.openai_admin()) == 133
    assert len(keyshapes.openai_legacy()) == 51
    assert len(keyshapes.openwebui_api_key()) == 35


def test_openwebui_api_key_is_exactly_32_lowercase_hex() -> None:
    key = keyshapes.openwebui_api_key()
    assert recognise_key(key).kind is KeyKind.OPENWEBUI_API_KEY
    # Uppercase hex is not Open WebUI's shape: it is not mistaken for one.
    assert recognise_key(key.upper().replace("SK-", "sk-")).kind is not KeyKind.OPENWEBUI_API_KEY


def test_sk_none_keys_are_openai() -> None:
    key = f"sk-None-{'a' * 30}{keyshapes.MARKER}{'b' * 30}"
    assert recognise_key(key).kind is KeyKind.OPENAI_LEGACY


@pytest.mark.parametrize(
    ("pasted", "fixes"),
    [
        ("  {k}  ", ("whitespace",)),
        ("{k}\n", ("whitespace",)),
        ("\r\n{k}\r\n", ("whitespace",)),
        ('"{k}"', ("quotes",)),
        ("'{k}'", ("quotes",)),
        ("“{k}”", ("quotes",)),
        ('"{k}', ("quotes",)),
        ("\u200b{k}", ("invisible",)),
        ("{k}\u00a0", ("invisible",)),
        ("\ufeff{k}", ("invisible",)),
        ("{k}\u2060", ("invisible",)),
        ("OPENAI_API_KEY={k}", ("variable-name",)),
        ('export OPENAI_API_KEY="{k}"', ("variable-name", "quotes")),
        ("OPENAI_API_KEY = '{k}'", ("variable-name", "quotes")),
        ("Bearer {k}", ("bearer",)),
        ("bearer {k}", ("bearer",)),
        ("Authorization: Bearer {k}", ("bearer",)),
        (' "Bearer {k}" \n', ("whitespace", "quotes", "bearer")),
    ],
)
def test_accidental_pastes_are_cleaned_and_reported(pasted: str, fixes: tuple[str, ...]) -> None:
    for key in keyshapes.every_kind().values():
        report = recognise_key(pasted.format(k=key))
        assert report.secret.reveal() == key
        assert set(report.fixes) == set(fixes)


def test_a_key_split_across_lines_is_joined() -> None:
    key = keyshapes.openai_project()
    report = recognise_key(key[:80] + "\n" + key[80:])
    assert report.secret.reveal() == key
    assert report.fixes == ("whitespace",)


@pytest.mark.parametrize("text", ["", "   ", "\n", '""', "\u200b"])
def test_empty(text: str) -> None:
    assert recognise_key(text).problems == ("empty",)


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "https://platform.openai.com/api-keys",
        "technova",
        "12345",
        "sk-",
        "eyJ",
        "sk-proj-has space inside?",
        "OPENAI_API_KEY=",
    ],
)
def test_not_a_key(text: str) -> None:
    report = recognise_key(text)
    assert report.kind is KeyKind.UNKNOWN
    assert report.problems in (("not-a-key",), ("truncated",), ("damaged",))
    assert not report.usable


@pytest.mark.parametrize(
    "key",
    [
        keyshapes.openai_project()[:100],
        keyshapes.openai_project()[:160],
        keyshapes.openai_service_account()[:150],
        keyshapes.openai_admin()[:120],
        keyshapes.openai_legacy()[:40],
        keyshapes.openwebui_api_key()[:30],
        keyshapes.openwebui_jwt_in(86400)[:-10],
        keyshapes.openwebui_jwt_in(86400).rsplit(".", 1)[0],
    ],
)
def test_cut_short(key: str) -> None:
    report = recognise_key(key)
    assert "truncated" in report.problems
    assert report.kind is not KeyKind.UNKNOWN  # we still say what it was meant to be
    assert not report.usable
    assert report.looks_like_secret


@pytest.mark.parametrize("prefix", ["owui-", "OWUI-", "openwebui-", "webui-"])
def test_made_up_prefix(prefix: str) -> None:
    report = recognise_key(prefix + "3f9a1c2b4d5e6f708192a3b4c5d6e7f8")
    assert report.problems == ("made-up-prefix",)
    assert report.belongs_in is None


@pytest.mark.parametrize(
    ("key", "service"),
    [
        ("sk-ant-api03-" + "A" * 95 + "AA", "Anthropic (Claude)"),
        ("AIzaSyD" + "x" * 32, "Google"),
        ("ghp_" + "a" * 36, "GitHub"),
    ],
)
def test_other_service(key: str, service: str) -> None:
    report = recognise_key(key)
    assert report.problems == ("other-service",)
    assert report.other_service == service
    assert report.looks_like_secret  # still a secret: never printed, removed from the widget


def test_expired_jwt_and_the_myth_date() -> None:
    # FACTS.md: exp 1753747456 is 2025-07-29 00:04:16 UTC (not 27 May 2025).
    report = recognise_key(keyshapes.openwebui_jwt(exp=1753747456), now=NOW)
    assert report.kind is KeyKind.OPENWEBUI_JWT
    assert report.expires_at == datetime(2025, 7, 29, 0, 4, 16, tzinfo=UTC)
    assert report.problems == ("expired",)
    assert not report.usable


def test_jwt_without_exp_never_expires_but_is_usable() -> None:
    report = recognise_key(keyshapes.openwebui_jwt(), now=NOW)
    assert report.problems == ("no-expiry",)
    assert report.expires_at is None
    assert report.usable


def test_jwt_with_current_claims_is_read_without_the_secret() -> None:
    token = keyshapes.openwebui_jwt(
        exp=(NOW + timedelta(weeks=4)).timestamp(),
        typ="session",
        jti="j",
        auth_method="password",
        secret="unknown-to-us" * 3,
    )
    report = recognise_key(token, now=NOW)
    assert report.usable
    assert report.claims["typ"] == "session"


@pytest.mark.parametrize(
    ("key", "slot"),
    [
        (keyshapes.openai_project(), Slot.OPENWEBUI),
        (keyshapes.openai_legacy(), Slot.OPENWEBUI),
        (keyshapes.openwebui_api_key(), Slot.OPENAI),
        (keyshapes.openwebui_jwt_in(86400 * 20), Slot.OPENAI),
    ],
)
def test_a_key_for_the_other_place_is_caught(key: str, slot: Slot) -> None:
    report = recognise_key(key, slot=slot)
    assert "wrong-place" in report.problems
    assert not report.usable


def test_the_right_place_is_fine() -> None:
    assert recognise_key(keyshapes.openai_project(), slot=Slot.OPENAI).usable
    assert recognise_key(keyshapes.openwebui_api_key(), slot=Slot.OPENWEBUI).usable


def test_admin_key_cannot_be_used() -> None:
    report = recognise_key(keyshapes.openai_admin())
    assert report.problems == ("admin-key",)
    assert report.belongs_in is None


def test_belongs_in() -> None:
    kinds = keyshapes.every_kind()
    assert recognise_key(kinds["openwebui-api-key"]).belongs_in == "backend/.env"
    assert recognise_key(kinds["openwebui-jwt"]).belongs_in == "backend/.env"
    assert recognise_key(kinds["openai-project"]).belongs_in == "websocket-server/.env"


def test_masking_shows_at_most_8_plus_4() -> None:
    for key in keyshapes.every_kind().values():
        masked = mask(key)
        assert masked == f"{key[:8]}…{key[-4:]}"
        assert key not in masked
    assert mask("sk-proj-abcdefghijklmnopqrstuvwxyzsQoA").endswith("sQoA")
    assert mask("short") == "…"
    short = "abcdefghijklmnop"  # 16 chars: at least two thirds hidden
    assert sum(c != "…" for c in mask(short)) <= len(short) // 3


def test_a_secret_never_shows_itself() -> None:
    key = keyshapes.openai_project()
    secret = Secret(key)
    report = recognise_key(key)
    for text in (str(secret), repr(secret), f"{secret}", repr(report), str(report)):
        assert key not in text
        assert key[8:-4] not in text


@settings(max_examples=3000, deadline=None)
@given(st.text())
def test_any_text_gets_an_answer_and_never_an_exception(text: str) -> None:
    report = recognise_key(text)
    assert report.kind in KeyKind
    assert set(report.problems) <= {
        "empty",
        "not-a-key",
        "truncated",
        "made-up-prefix",
        "other-service",
        "expired",
        "no-expiry",
        "admin-key",
        "damaged",
        "masked",
        "look-alike",
        "too-long",
    }
    assert report.masked == mask(report.secret.reveal())


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(sorted(keyshapes.every_kind().values())),
    st.text(alphabet=" \t\n\r\u200b\u00a0\ufeff'\"", max_size=4),
    st.text(alphabet=" \t\n\r\u200b\u00a0\ufeff'\"", max_size=4),
)
def test_any_wrapping_of_noise_is_removed(key: str, before: str, after: str) -> None:
    cleaned, _ = clean_pasted_text(before + key + after)
    assert cleaned == key


@given(part=st.text(alphabet="ABCXYZabcxyz0189-_+/=é.", max_size=60))
def test_token_parts_are_decoded_as_base64s_urlsafe_decoder_does(part: str) -> None:
    """keys decodes a token's parts with binascii (base64 would load one more C module):
    the same bytes as `base64.urlsafe_b64decode` with the padding added, or None."""
    import base64
    import binascii

    from wizard.core.keys import _b64

    try:
        expected: bytes | None = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        expected = None
    assert _b64(part) == expected
