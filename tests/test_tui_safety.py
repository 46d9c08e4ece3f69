"""The wizard never writes what the person did not clearly choose: a refused key, a key that
was public, a link out of the project, a key sent over plain http; and least privilege when it
makes a key. Walked with Pilot against the demo's stand-ins, in both languages."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyshapes
import pytest
from textual.widgets import Button, Checkbox
from tui_helpers import press, screen_text, settle, step, type_key, write

from wizard.core.demo import DemoEnvironment, start_demo_environment
from wizard.core.files.envread import read_env
from wizard.tui import make_app

SIZE = (100, 30)
pytestmark = pytest.mark.anyio


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        yield running


def backend_key(demo: DemoEnvironment) -> str | None:
    return read_env(demo.project / "backend/.env").values.get("OPENWEBUI_API_KEY")


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_enter_again_and_again_after_a_refused_key_writes_nothing(
    demo: DemoEnvironment, lang: str
) -> None:
    before = (demo.project / "backend/.env").read_bytes()
    app = make_app(str(demo.project), lang, renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, keyshapes.openwebui_api_key())  # the right shape, refused
        seen = set()
        for _ in range(12):
            await pilot.press("enter")
            await settle(pilot)
            seen.add(step(app))
            if step(app) == "tests":
                assert app.screen.focused is app.screen.query_one("#fix", Button)
                assert app.screen.query_one("#cancel", Button).disabled  # the tests ended
        assert seen == {"openwebui", "tests"}
    assert (demo.project / "backend/.env").read_bytes() == before


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "The live test refused the key"), ("fr", "L'essai en direct a refusé la clé")],
)
async def test_a_refused_key_is_written_only_if_ticked(
    demo: DemoEnvironment, lang: str, words: str
) -> None:
    refused = keyshapes.openwebui_api_key()
    app = make_app(str(demo.project), lang, renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, refused)
        await press(pilot, "next")
        await press(pilot, "continue")  # "Continue anyway", on purpose
        assert step(app) == "review"
        lines = [str(w.render()) for w in app.screen.query("#changes Static")]
        change = next(i for i, line in enumerate(lines) if "OPENWEBUI_API_KEY" in line)
        assert words in lines[change + 1]  # the refusal right under the change it concerns
        assert "verdict-warning" in app.screen.query("#changes Static")[change + 1].classes
        box = app.screen.query_one("#choice-write-refused-key", Checkbox)
        assert box.value is False
        assert app.screen.focused is app.screen.query_one("#back", Button)
        await write(pilot)  # without the tick: the refused key stays out
        assert step(app) == "done"
    assert backend_key(demo) != refused


async def test_a_refused_key_ticked_is_written(demo: DemoEnvironment) -> None:
    refused = keyshapes.openwebui_api_key()
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, refused)
        await press(pilot, "next")
        await press(pilot, "continue")
        app.screen.query_one("#choice-write-refused-key", Checkbox).value = True
        await settle(pilot)
        await write(pilot)
        assert step(app) == "done"
        assert "Open WebUI key: works" not in screen_text(app)
    assert backend_key(demo) == refused


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_key_in_the_widget_config_is_never_kept(demo: DemoEnvironment, lang: str) -> None:
    """The demo's OpenAI key sits in technova-config.js: no "Keep", and until another key is
    written the Done step says to replace it."""
    app = make_app(str(demo.project), lang, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "start")
        await press(pilot, "next")
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        assert step(app) == "openai"
        assert "platform.openai.com/api-keys" in app.screen.query_one("#exposed").render().plain  # type: ignore[attr-defined]
        button = app.screen.query_one("#next", Button)
        assert button.disabled and str(button.label) in ("Use this key", "Utiliser cette clé")
        await pilot.press("enter")
        await settle(pilot)
        assert step(app) == "openai"  # Enter on the empty field keeps nothing
        await type_key(pilot, demo.servers.openai_key)  # the very key the widget exposes
        assert app.screen.query_one("#pasted-exposed").display  # said at once
        await press(pilot, "next")
        await press(pilot, "continue")
        await write(pilot)
        assert step(app) == "done"
        assert ("revoke it" if lang == "en" else "révoquez-la") in screen_text(app)


async def test_a_link_out_of_the_project_is_not_written_without_consent(
    demo: DemoEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "backend.env"
    env = demo.project / "backend/.env"
    outside.write_bytes(env.read_bytes())
    outside.chmod(0o600)
    env.unlink()
    os.symlink(outside, env)
    before = outside.read_bytes()
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        assert "outside the project" in screen_text(app)
        assert app.screen.query_one("#choice-follow-outside-symlink", Checkbox).value is False
        assert app.screen.focused is app.screen.query_one("#back", Button)
        await write(pilot)
        assert step(app) == "done"
    assert outside.read_bytes() == before and env.is_symlink()


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_plain_http_to_another_computer_asks_before_sending(
    demo: DemoEnvironment, lang: str
) -> None:
    """192.0.2.1 is TEST-NET-1 (never routed): saying no must send nothing at all."""
    app = make_app(str(demo.project), lang, renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.state.openwebui_url = "http://192.0.2.1:8080"
        app.screen.query_one("#address").value = "http://192.0.2.1:8080"  # type: ignore[attr-defined]
        await type_key(pilot, demo.openwebui_key)
        app.screen.query_one("#next", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        assert ("not encrypted" if lang == "en" else "pas chiffrée") in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#stay", Button)
        await press(pilot, "stay")
        assert step(app) == "tests"
        assert app.state.results == {}  # nothing was sent
        assert screen_text(app).count("not sent" if lang == "en" else "pas été envoyée") == 4


async def test_plain_http_sign_in_asks_first(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#address").value = "http://192.0.2.1:8080"  # type: ignore[attr-defined]
        app.screen.query_one("#signin", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await press(pilot, "stay")
        assert step(app) == "openwebui"  # no sign-in form: no password asked for


async def test_an_admin_making_their_own_key_grants_nobody_anything(
    demo: DemoEnvironment,
) -> None:
    owui = demo.servers.openwebui_state
    owui.api_keys_enabled = False
    granted_before = owui.default_permissions["features"].get("api_keys")
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "signin")
        await type_key(pilot, demo.admin_email, field="email")
        await type_key(pilot, demo.admin_password, field="password")
        app.screen.query_one("#enable", Checkbox).value = True  # switch API keys on
        await settle(pilot)
        await press(pilot, "go")
        assert step(app) == "openwebui"
        assert app.screen.query_one("#next", Button).disabled is False
    assert owui.api_keys_enabled
    assert owui.default_permissions["features"].get("api_keys") == granted_before


async def test_the_openai_key_is_not_sent_over_plain_http_without_asking(
    demo: DemoEnvironment,
) -> None:
    """The voice server's OPENAI_BASE_URL is where the tests send the OpenAI key too."""
    voice = demo.project / "websocket-server/.env"
    voice.write_text(voice.read_text().replace(demo.servers.openai_base_url, "http://192.0.2.1/v1"))
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        app.screen.query_one("#next", Button).press()
        for _ in range(4):
            await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        assert "http://192.0.2.1/v1" in screen_text(app)
        await press(pilot, "stay")
        assert app.state.results == {}


@pytest.mark.parametrize("grant", [False, True])
async def test_a_user_without_permission_is_offered_the_grant_never_silently(
    demo: DemoEnvironment, grant: bool
) -> None:
    """The grant is its own unticked question with login's words; an admin signs in for it."""
    from wizard.core.i18n import Msg

    owui = demo.servers.openwebui_state
    owui.add_user("ann@example.com", "ann-password-1")
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "signin")
        await type_key(pilot, "ann@example.com", field="email")
        await type_key(pilot, "ann-password-1", field="password")
        await press(pilot, "go")
        box = app.screen.query_one("#grant", Checkbox)
        question = Msg("keyflow.grant-question", {"email": "ann@example.com"}).render("en")
        assert box.value is False and str(box.label) == question
        assert not app.screen.query_one("#grant-go", Button).display
        if grant:
            box.value = True
            await settle(pilot)
            await type_key(pilot, demo.admin_email, field="admin-email")
            await type_key(pilot, demo.admin_password, field="admin-pw")
            await press(pilot, "grant-go")
            assert step(app) == "openwebui"
            made = app.screen.query_one("#key-input").value  # type: ignore[attr-defined]
            assert made.startswith("sk-") and app.state.session.email == "ann@example.com"  # type: ignore[union-attr]
    assert bool(owui.default_permissions["features"].get("api_keys")) is grant
