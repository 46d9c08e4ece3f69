"""Right on the Open WebUI the user runs: 0.6.x and 0.12.x (FACTS.md, "Open WebUI 0.6.x").

Engine-level checks against the stand-in in each version's mode; the same rows are held
against the real servers in test_real_openwebui.py and test_account_real.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from wizard.core import account
from wizard.core.diagnosis import diagnose_openwebui_refusal
from wizard.core.errors import WizardError
from wizard.core.i18n import LANGS, catalogue
from wizard.core.openwebui_version import UNKNOWN, Generation, parse_version
from wizard.core.probes import ProbeTarget, Timeouts, probe_openwebui, read_openwebui_version
from wizard.core.secret import Secret
from wizard.standins.server import Demo, run_in_thread, start_demo

TIMEOUTS = Timeouts(connect=5, read=10, total=20)
KEYS_OFF = "Use of API key is not enabled in the environment."
BAD_KEY = "Your session has expired or the token is invalid. Please sign in again."
# Sentences true on 0.12 only: none may reach a person whose server is 0.6.x.
NEWEST_ONLY = ("4 weeks", "4 semaines", "off by default", "désactivées par défaut", "15 ")


@pytest.fixture(scope="module", params=("0.12.4", "0.6.18"))
def demo(request: pytest.FixtureRequest) -> Iterator[Demo]:
    with start_demo(openwebui_version=request.param) as running:
        yield running


@pytest.fixture
def legacy_demo() -> Iterator[Demo]:
    with start_demo(openwebui_version="0.6.18") as running:
        yield running


# --- knowing the server -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "reported", "generation", "assumed"),
    [
        ({"version": "0.6.18"}, "0.6.18", Generation.V0_6, False),
        ({"version": "0.5.20"}, "0.5.20", Generation.V0_6, False),
        ({"version": "0.12.4", "deployment_id": ""}, "0.12.4", Generation.V0_12, False),
        ({"version": "0.7.0"}, "0.7.0", Generation.V0_12, False),
        ({"version": "main-dev"}, "main-dev", Generation.V0_12, True),
        ({"version": ""}, None, Generation.V0_12, True),
        ({"detail": "Not Found"}, None, Generation.V0_12, True),
        (None, None, Generation.V0_12, True),
        ({"version": "0.6.1\x1b[31m" + "9" * 80}, "0.6.1[31m" + "9" * 30, Generation.V0_6, False),
    ],
)
def test_the_version_as_the_server_says_it(
    payload: Any, reported: str | None, generation: Generation, assumed: bool
) -> None:
    version = parse_version(payload)
    assert (version.reported, version.generation, version.assumed) == (
        reported,
        generation,
        assumed,
    )
    for lang in LANGS:
        text = version.label.render(lang)
        assert text and "\x1b" not in text
        if assumed:
            assert "0.12" in text  # says what it is treated as


def test_version_read_once_without_credentials(demo: Demo) -> None:
    version = asyncio.run(read_openwebui_version(demo.openwebui.url, TIMEOUTS))
    assert version.reported == demo.openwebui_state.version and not version.assumed


def test_an_unreachable_server_is_unknown_treated_as_newest() -> None:
    version = asyncio.run(read_openwebui_version("http://127.0.0.1:9", TIMEOUTS))
    assert version == UNKNOWN and version.generation is Generation.V0_12


# --- every 0.6.x row gets its verdict -------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "detail", "kind", "switched_on", "code"),
    [
        (403, "Not authenticated", "openwebui-api-key", True, "openwebui-no-credentials"),
        (401, BAD_KEY, "openwebui-jwt", None, "openwebui-user-deleted"),
        (401, BAD_KEY, "openwebui-api-key", None, "openwebui-api-key-refused"),
        (403, KEYS_OFF, "openwebui-api-key", True, "openwebui-restricted"),
        (403, KEYS_OFF, "openwebui-api-key", False, "openwebui-keys-disabled"),
        (403, KEYS_OFF, "openwebui-api-key", None, "openwebui-keys-off-or-restricted"),
        (401, "401 Unauthorized", "openwebui-jwt", None, "openwebui-jwt-refused"),
    ],
)
def test_each_legacy_row_has_its_verdict(
    status: int, detail: str, kind: str, switched_on: bool | None, code: str
) -> None:
    verdict = diagnose_openwebui_refusal(
        status,
        detail,
        key_kind=kind,
        jwt_expired=False,
        file="backend/.env",
        version=parse_version({"version": "0.6.18"}),
        keys_switched_on=switched_on,
    )
    assert verdict.code == code
    for lang in LANGS:
        text = " ".join(verdict.explanation.render(lang).values())
        assert not [phrase for phrase in NEWEST_ONLY if phrase in text], text


# Answers a 0.6.x server never gives (it has no sign-in limit), so their words may be 0.12's.
ONLY_FROM_012 = {"account.rate-limited"}


def test_no_legacy_wording_states_a_newest_only_default() -> None:
    """Every Open WebUI sentence as a 0.6 server's user sees it (its `.v0.6` wording where
    there is one): no default that only 0.12 has."""
    legacy = parse_version({"version": "0.6.18"})
    messages = catalogue()
    stems = ("diag.openwebui-", "account.", "login.", "renew.")
    for key in messages:
        if not key.startswith(stems) or key.endswith(".v0.6"):
            continue
        if any(key.startswith(code + ".") for code in ONLY_FROM_012):
            continue
        shown = legacy.variant(key)
        for lang in LANGS:
            text = messages[shown][lang]
            assert not [phrase for phrase in NEWEST_ONLY if phrase in text], (shown, text)


def test_a_hidden_version_that_tells_anyone_of_its_keys_is_worded_as_06() -> None:
    """Behind a proxy hiding /api/version, a public `enable_api_key` still gives 0.6 away."""
    verdict = diagnose_openwebui_refusal(
        403,
        KEYS_OFF,
        key_kind="openwebui-api-key",
        jwt_expired=False,
        file="backend/.env",
        keys_switched_on=False,
    )
    assert verdict.code == "openwebui-keys-disabled"
    assert "Enable API Key" in verdict.explanation.render("en")["next"]


def test_the_newest_wording_is_kept_for_012() -> None:
    verdict = diagnose_openwebui_refusal(
        403, KEYS_OFF, key_kind="openwebui-api-key", jwt_expired=False, file="backend/.env"
    )
    assert verdict.code == "openwebui-keys-disabled"
    assert "off by default" in verdict.explanation.render("en")["why"]


def test_the_probe_tells_restricted_from_off_on_legacy(legacy_demo: Demo) -> None:
    state = legacy_demo.openwebui_state
    target = ProbeTarget(
        openwebui_url=legacy_demo.openwebui.url, openwebui_key=Secret(legacy_demo.openwebui_key)
    )
    state.admin_config.update(
        {"ENABLE_API_KEY_ENDPOINT_RESTRICTIONS": True, "API_KEY_ALLOWED_ENDPOINTS": "/api/v1/x"}
    )
    restricted = asyncio.run(probe_openwebui(target, TIMEOUTS))
    state.admin_config["ENABLE_API_KEY_ENDPOINT_RESTRICTIONS"] = False
    state.api_keys_enabled = False
    off = asyncio.run(probe_openwebui(target, TIMEOUTS))
    assert restricted.diagnosis.code == "openwebui-restricted"
    assert off.diagnosis.code == "openwebui-keys-disabled"
    assert "Enable API Key" in off.diagnosis.explanation.render("en")["next"]
    assert off.openwebui_version is not None and off.openwebui_version.is_legacy


# --- settings by what the server says, read back ---------------------------------------------


def admin_session(demo: Demo) -> account.Session:
    return account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))


def test_keys_switched_on_under_the_servers_own_name(demo: Demo) -> None:
    state = demo.openwebui_state
    state.api_keys_enabled = False
    try:
        session = admin_session(demo)
        assert session.version.reported == state.version
        with pytest.raises(WizardError) as off:
            account.create_api_key(session)
        assert off.value.code == "account.keys-off"
        setting = account.enable_api_keys(session, for_users=True)
        assert setting.enabled and state.api_keys_enabled
        assert setting.field_name == ("ENABLE_API_KEY" if state.legacy else "ENABLE_API_KEYS")
        assert setting.permission_exists is not state.legacy and setting.users_allowed
    finally:
        state.api_keys_enabled = True


class IgnoresAdminConfig:
    """An Open WebUI whose admin configuration answers 200 to a change and keeps nothing, as
    0.6.18 does with a field it does not know."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].endswith("/auths/admin/config")
        ):
            body = json.dumps({"status": True}).encode()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def test_switched_on_is_said_only_when_the_server_confirms(legacy_demo: Demo) -> None:
    state = legacy_demo.openwebui_state
    state.api_keys_enabled = False
    with run_in_thread(IgnoresAdminConfig(legacy_demo.openwebui.app)) as ignoring:
        session = account.sign_in(
            ignoring.url, legacy_demo.admin_email, Secret(legacy_demo.admin_password)
        )
        with pytest.raises(WizardError) as refused:
            account.enable_api_keys(session)
    assert refused.value.code == "account.keys-not-switched-on"
    sentence = refused.value.render("en")
    assert "ENABLE_API_KEY = false" in sentence and not state.api_keys_enabled


def test_legacy_wording_for_people(legacy_demo: Demo) -> None:
    """The admin message and the wrong-password reason name 0.6's own settings and limits."""
    session = admin_session(legacy_demo)
    message = account.admin_request_message("ann@example.com", session.url, session.version)
    for lang in LANGS:
        text = message.render(lang)
        assert "Enable API Key" in text or "Activer la clé API" in text
        assert "Permissions" not in text
    with pytest.raises(WizardError) as wrong:
        account.sign_in(session.url, legacy_demo.admin_email, Secret("nope"))
    assert "15" not in wrong.value.render("en") and "does not limit" in wrong.value.render("en")


def test_a_user_may_make_a_key_on_legacy_without_a_permission(legacy_demo: Demo) -> None:
    state = legacy_demo.openwebui_state
    state.add_user("bea@example.com", "pw-bea")
    user = account.sign_in(legacy_demo.openwebui.url, "bea@example.com", Secret("pw-bea"))
    assert user.may_make_api_keys and account.api_keys_enabled(user)
    key = account.create_api_key(user)
    answer = httpx.get(
        legacy_demo.openwebui.url + "/api/models",
        headers={"Authorization": f"Bearer {key.reveal()}"},
    )
    assert answer.status_code == 200


def test_rotation_restricted_on_legacy(legacy_demo: Demo) -> None:
    """0.6 answers a key outside the allowed paths as "not enabled": its public config says
    keys are on, so rotation was restricted, and signing in is the way."""
    state = legacy_demo.openwebui_state
    state.admin_config.update(
        {"ENABLE_API_KEY_ENDPOINT_RESTRICTIONS": True, "API_KEY_ALLOWED_ENDPOINTS": "/api/models"}
    )
    with pytest.raises(WizardError) as restricted:
        account.rotate_api_key(legacy_demo.openwebui.url, Secret(legacy_demo.openwebui_key))
    assert restricted.value.code == "account.rotation-restricted"
    state.admin_config["ENABLE_API_KEY_ENDPOINT_RESTRICTIONS"] = False
    state.api_keys_enabled = False
    with pytest.raises(WizardError) as off:
        account.rotate_api_key(legacy_demo.openwebui.url, Secret(legacy_demo.openwebui_key))
    assert off.value.code == "account.keys-off"


# --- the wizard's tests step names the server -------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("version", "lang", "words"),
    [
        ("0.12.4", "en", "Server: Open WebUI 0.12.4"),
        ("0.6.18", "fr", "Serveur\u00a0: Open WebUI 0.6.18"),
    ],
)
async def test_the_tests_step_shows_which_open_webui_answered(
    version: str, lang: str, words: str
) -> None:
    from tui_helpers import press, settle, step, type_key

    from wizard.core.demo import start_demo_environment
    from wizard.tui import make_app

    with start_demo_environment() as demo:
        demo.servers.openwebui_state.version = version  # what `GET /api/version` says
        app = make_app(str(demo.project), lang, demo=demo)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "start")
            await press(pilot, "next")
            await type_key(pilot, demo.openwebui_key)
            await press(pilot, "next")
            await type_key(pilot, demo.openai_key)
            await press(pilot, "next")
            assert step(app) == "tests"
            await app.workers.wait_for_complete()
            await settle(pilot)
            line = app.screen.query_one("#openwebui-version")
            assert line.display and words in str(line.render())
            assert app.state.results["openwebui"].openwebui_version.reported == version


# --- `check --json` and `--debug` say which server answered ------------------------------------


class NoVersion:
    """An Open WebUI behind a proxy that hides `/api/version` (404, like an unknown path)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/api/version":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b'{"detail":"Not Found"}'})
            return
        await self.app(scope, receive, send)


def run_check_json(
    root: Any, url: str, key: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[dict[str, Any], str]:
    from wizard.cli.main import main

    (root / "backend").mkdir(exist_ok=True)
    env = root / "backend/.env"
    env.write_text(f"OPENWEBUI_URL={url}\nOPENWEBUI_API_KEY={key}\n")
    env.chmod(0o600)
    main(["check", "--project", str(root), "--json", "--only", "openwebui", *extra])
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def test_check_json_names_the_version(
    demo: Demo, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = run_check_json(tmp_path, demo.openwebui.url, demo.openwebui_key, capsys)
    assert data["openwebui_version"] == demo.openwebui_state.version


def test_an_unsaid_version_is_null_and_said_in_debug(
    legacy_demo: Demo, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with run_in_thread(NoVersion(legacy_demo.openwebui.app)) as hidden:
        data, err = run_check_json(
            tmp_path, hidden.url, legacy_demo.openwebui_key, capsys, "--debug"
        )
    assert data["openwebui_version"] is None
    assert "did not say its version" in err and "0.12" in err
