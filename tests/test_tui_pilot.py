"""The wizard, walked with Pilot against the stand-ins: first setup, renewal, every main
failure, in both languages. The keyring is the demo's in-memory one (the real Secret Service
is tested by the engine's tests and the tmux end-to-end test)."""

from __future__ import annotations

from collections.abc import Iterator

import keyshapes
import pytest
from textual.widgets import Button, Checkbox, Input
from tui_helpers import press, screen_text, settle, step, type_key, write

from wizard.core import keystore
from wizard.core.demo import DemoEnvironment, start_demo_environment
from wizard.core.files.envread import read_env
from wizard.core.keys import Slot
from wizard.core.project import find_project
from wizard.core.status import project_status
from wizard.tui import make_app

SIZE = (100, 30)
pytestmark = pytest.mark.anyio


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        yield running


def problems(demo: DemoEnvironment) -> set[str]:
    return {p.code for p in project_status(find_project(demo.project)).problems}


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_first_setup_from_welcome_to_done(demo: DemoEnvironment, lang: str) -> None:
    app = make_app(str(demo.project), lang, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert step(app) == "welcome"
        words = {"en": "session token in backend/.env", "fr": "jeton de session de backend/.env"}
        assert words[lang] in screen_text(app)
        await press(pilot, "start")
        assert step(app) == "explain"
        assert "technova-config.js" in screen_text(app)
        await press(pilot, "next")
        assert step(app) == "openwebui"
        assert "✓" in screen_text(app)  # the address answers
        await type_key(pilot, f"  {demo.openwebui_key}\n")
        await press(pilot, "next")
        assert step(app) == "openai"
        await type_key(pilot, demo.openai_key + " ")
        await press(pilot, "next")
        assert step(app) == "tests"
        assert {n: r.ok for n, r in app.state.results.items()} == {
            "openwebui": True,
            "chat": True,
            "openai": True,
            "realtime": True,
        }
        await press(pilot, "continue")
        assert step(app) == "review"
        review = screen_text(app)
        assert "apiKey" in review and demo.openai_key not in review
        await write(pilot)
        assert step(app) == "done"
        done = screen_text(app)
        assert ("does not expire" if lang == "en" else "n'expire pas") in done
        assert "crontab" in done
        await press(pilot, "finish")
    assert app.return_value == 0
    backend = read_env(demo.project / "backend/.env").values
    assert backend["OPENWEBUI_API_KEY"] == demo.openwebui_key
    assert (
        read_env(demo.project / "websocket-server/.env").values["OPENAI_API_KEY"] == demo.openai_key
    )
    root = find_project(demo.project).root
    assert keystore.load_key(Slot.OPENWEBUI, root).reveal() == demo.openwebui_key  # type: ignore[union-attr]
    assert not {"jwt-expired", "key-with-extras", "secret-in-widget-config"} & problems(demo)


async def test_renewal_goes_straight_to_the_failing_key(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        renew = app.screen.query_one("#renew", Button)
        assert renew.display and "hidden" not in renew.classes  # the expired token was found
        await press(pilot, "renew")
        assert step(app) == "openwebui"
        assert "▶ Open WebUI  Tests  Review  Restart  Done" in screen_text(app)
        assert "Expired on" in screen_text(app)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        assert step(app) == "tests"
        assert app.state.results["openwebui"].ok and app.state.results["chat"].ok
        await press(pilot, "continue")
        await write(pilot)
        assert step(app) == "done"
    assert "jwt-expired" not in problems(demo)


async def test_renew_flag_starts_at_the_key(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "fr", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert step(app) == "openwebui"
        assert "▶ Open WebUI  Essais  Relire  Relance  Fin" in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "this place needs the Open WebUI key"), ("fr", "cet endroit attend la clé Open WebUI")],
)
async def test_an_openai_key_in_the_open_webui_step_is_caught(
    demo: DemoEnvironment, lang: str, words: str
) -> None:
    app = make_app(str(demo.project), lang, renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = len(demo.servers.openai_state.requests)
        await type_key(pilot, demo.openai_key)
        assert words in screen_text(app)
        assert app.screen.query_one("#next", Button).disabled
        assert len(demo.servers.openai_state.requests) == before  # nothing was sent


async def test_cleaning_is_reported_as_it_is_pasted(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, f'"{demo.openwebui_key}"\u200b')
        text = screen_text(app)
        assert "Removed the quotation marks" in text and "invisible characters" in text
        assert f"{demo.openwebui_key[:8]}…{demo.openwebui_key[-4:]}" in text
        assert demo.openwebui_key not in text


async def test_open_webui_down_gives_a_diagnosis_and_a_way_to_fix_it(demo: DemoEnvironment) -> None:
    demo.servers.openwebui.stop()
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Nothing answers" in screen_text(app)
        await type_key(pilot, keyshapes.openwebui_api_key())
        await press(pilot, "next")
        assert step(app) == "tests"
        assert app.state.results["openwebui"].diagnosis.code == "connection-refused"
        text = screen_text(app)
        assert "Why:" in text and "Next:" in text
        await press(pilot, "fix-openwebui")
        assert step(app) == "openwebui"
        assert app.screen.query_one("#key-input", Input).value  # what was typed is still there


async def test_a_refused_key_shows_what_why_next(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "fr", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, keyshapes.openwebui_api_key())
        await press(pilot, "next")
        assert app.state.results["openwebui"].diagnosis.code == "openwebui-api-key-refused"
        text = screen_text(app)
        assert "Pourquoi\u00a0:" in text and "À faire\u00a0:" in text
        assert str(app.screen.query_one("#continue", Button).label) == "Continuer quand même"


async def test_the_widget_secret_stays_when_the_person_says_no(demo: DemoEnvironment) -> None:
    """The key is written, the widget is left as it is, and Done says it still holds a key."""
    widget = demo.project / "chat-widget/technova-config.js"
    before = widget.read_text()
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        box = app.screen.query_one("#choice-remove-widget-secrets", Checkbox)
        assert box.value is True  # recommended: ticked
        box.value = False
        await settle(pilot)
        await write(pilot)
        assert step(app) == "done"
        assert "still holds a key that every visitor can read" in screen_text(app)
    assert widget.read_text() == before
    assert read_env(demo.project / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key
    assert "secret-in-widget-config" in problems(demo)


async def test_escape_goes_back_and_keeps_what_was_typed(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "start")
        await press(pilot, "next")
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        assert step(app) == "openai"
        await pilot.press("escape")
        await settle(pilot)
        assert step(app) == "openwebui"
        assert app.screen.query_one("#key-input", Input).value == demo.openwebui_key


async def test_quit_asks_when_something_is_unsaved(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert type(app.screen).__name__ == "QuitModal"
        await press(pilot, "stay")
        assert step(app) == "openwebui"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await press(pilot, "quit")
    assert app.return_value == 1
    assert "jwt-expired" in problems(demo)  # nothing was written


async def test_help_shows_the_demo_keys(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpModal"
        assert demo.openwebui_key in screen_text(app)
        await press(pilot, "close")
        assert step(app) == "welcome"


async def test_language_switch_keeps_the_project(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#lang-fr").value = True  # type: ignore[attr-defined]
        await settle(pilot)
        assert app.state.lang == "fr"
        assert "Faisons fonctionner" in screen_text(app)
        assert str(demo.project) in app.screen.query_one("#folder", Input).value


async def test_without_a_keyring_writing_needs_consent(
    demo: DemoEnvironment, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        assert "No usable keyring" in screen_text(app)
        assert app.screen.query_one("#write", Button).disabled
        app.screen.query_one("#choice-env-only", Checkbox).value = True
        await settle(pilot)
        await write(pilot)
        assert step(app) == "done"
        assert "and the keyring" not in screen_text(app)
    assert read_env(demo.project / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key


async def test_enter_on_an_empty_field_keeps_the_current_key_cleaned(demo: DemoEnvironment) -> None:
    """The demo's OpenAI key was saved with a trailing space: keeping it writes it cleaned
    (once it is no longer in technova-config.js: an exposed key is never kept)."""
    widget = demo.project / "chat-widget/technova-config.js"
    widget.write_text("window.TechNovaConfig = { backendUrl: 'http://localhost:3001' };\n")
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "start")
        await press(pilot, "next")
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        assert step(app) == "openai"
        assert str(app.screen.query_one("#next", Button).label) == "Keep the current key"
        await pilot.press("enter")
        await settle(pilot)
        assert step(app) == "tests"
        await press(pilot, "continue")
        assert "keeps the same key" in screen_text(app)  # not "X → X"
        await write(pilot)
    assert (
        read_env(demo.project / "websocket-server/.env").values["OPENAI_API_KEY"]
        == demo.servers.openai_key  # the seeded key, cleaned
    )


async def test_make_the_key_for_me_signs_in_and_fills_the_field(demo: DemoEnvironment) -> None:
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "signin")
        assert type(app.screen).__name__ == "SignInModal"
        assert "replaces the old one at once" in screen_text(app)
        await type_key(pilot, demo.admin_email, field="email")
        await type_key(pilot, "wrong-password", field="password")
        await press(pilot, "go")
        assert "refused the email or password" in screen_text(app)
        await type_key(pilot, demo.admin_password, field="password")
        await press(pilot, "go")
        assert step(app) == "openwebui"
        made = app.screen.query_one("#key-input", Input).value
        assert made.startswith("sk-") and made != demo.openwebui_key
        assert not app.screen.query_one("#next", Button).disabled
        assert demo.admin_password not in screen_text(app)


async def test_make_the_key_for_me_as_a_user_without_permission(demo: DemoEnvironment) -> None:
    demo.servers.openwebui_state.add_user("ann@example.com", "ann-password-1")
    app = make_app(str(demo.project), "fr", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "signin")
        await type_key(pilot, "ann@example.com", field="email")
        await type_key(pilot, "ann-password-1", field="password")
        await press(pilot, "go")
        text = screen_text(app)
        assert "Bonjour, pourriez-vous permettre à mon compte (ann@example.com)" in text


async def test_review_offers_gitignore_and_says_the_file_becomes_private(
    demo: DemoEnvironment,
) -> None:
    import stat
    import subprocess

    subprocess.run(["git", "-C", str(demo.project), "init", "-q"], check=True)
    env = demo.project / "backend/.env"
    env.chmod(0o644)
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_key(pilot, demo.openwebui_key)
        await press(pilot, "next")
        await press(pilot, "continue")
        text = screen_text(app)
        assert "can be read by other accounts" in text and ".gitignore" in text
        assert app.screen.query_one("#choice-add-gitignore", Checkbox).value
        await write(pilot)
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert (demo.project / ".gitignore").read_text().splitlines()[-1] == ".env"


async def test_slow_tests_can_be_cancelled(demo: DemoEnvironment) -> None:
    demo.servers.openai_state.delay = 30
    demo.servers.openwebui_state.delay = 30
    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.state.openwebui_url = demo.openwebui_url
        await type_key_quick(pilot, demo.openwebui_key)
        app.screen.query_one("#next", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert step(app) == "tests"
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert screen_text(app).count("cancelled") >= 2
        assert app.state.results == {}


async def type_key_quick(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typing without waiting for workers (the address check is slow on purpose here)."""
    box = pilot.app.screen.query_one("#key-input", Input)
    box.value = text
    await pilot.pause()


async def test_an_admin_also_sets_the_openai_key_in_open_webui(demo: DemoEnvironment) -> None:
    from wizard.standins.openai import new_openai_key

    fresh = new_openai_key()
    demo.servers.openai_state.valid_keys.add(fresh)
    app = make_app(str(demo.project), "en", demo=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "start")
        await press(pilot, "next")
        await press(pilot, "signin")
        await type_key(pilot, demo.admin_email, field="email")
        await type_key(pilot, demo.admin_password, field="password")
        await press(pilot, "go")
        await press(pilot, "next")
        assert step(app) == "openai"
        app.screen.query_one("#connection", Checkbox).value = True
        await type_key(pilot, fresh)
        await press(pilot, "next")
        assert app.state.results["chat"].ok
        await press(pilot, "continue")
        assert "Settings › Connections: OpenAI key" in screen_text(app)
        await write(pilot)
        assert step(app) == "done"
    assert demo.servers.openwebui_state.openai_key == fresh
