"""Open WebUI account operations and the login/renew commands, against the stand-in.

The same steps run against the real Open WebUI in tests/test_account_real.py.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core import account
from wizard.core.demo import DemoKeyring
from wizard.core.errors import WizardError
from wizard.core.files.envread import read_env
from wizard.core.secret import Secret
from wizard.standins.server import Demo, start_demo


@pytest.fixture
def demo() -> Iterator[Demo]:
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())  # never the developer's keyring
    with start_demo() as running:
        yield running
    keyring.set_keyring(previous)


def models_status(url: str, key: str) -> int:
    return httpx.get(url + "/api/models", headers={"Authorization": f"Bearer {key}"}).status_code


def make_project(root: Path, url: str, key: str) -> Path:
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"# shop\nPORT=3001\nOPENWEBUI_URL={url}\n"
        f"OPENWEBUI_API_KEY={key}\nOPENWEBUI_MODEL=technova\n"
    )
    (root / "backend/.env").chmod(0o600)
    return root


# Admin Panel › Settings › Authentication: API keys may call /api/models and nothing else.
RESTRICTED_TO_MODELS = {
    "ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS": True,
    "API_KEYS_ALLOWED_ENDPOINTS": "/api/models",
}


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


# --- the engine ------------------------------------------------------------------------------


def test_sign_in_and_make_a_key_that_replaces_the_old_one(demo: Demo) -> None:
    session = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    assert session.is_admin and session.email == demo.admin_email
    new = account.create_api_key(demo.openwebui.url, session.token)
    assert models_status(demo.openwebui.url, new.reveal()) == 200
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 401  # one key per user


def test_a_wrong_password_is_its_own_diagnosis_and_never_shown(demo: Demo) -> None:
    with pytest.raises(WizardError) as refused:
        account.sign_in(demo.openwebui.url, demo.admin_email, Secret("not-the-password-42"))
    assert refused.value.code == "account.wrong-password"
    assert "not-the-password-42" not in refused.value.render("en") + refused.value.render("fr")


def test_the_sixteenth_sign_in_in_three_minutes_is_refused(demo: Demo) -> None:
    for _ in range(15):
        with pytest.raises(WizardError):
            account.sign_in(demo.openwebui.url, demo.admin_email, Secret("wrong"))
    with pytest.raises(WizardError) as limited:
        account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    assert limited.value.code == "account.rate-limited"


def test_an_api_key_makes_its_own_successor(demo: Demo) -> None:
    new = account.create_api_key(demo.openwebui.url, Secret(demo.openwebui_key))
    assert models_status(demo.openwebui.url, new.reveal()) == 200
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 401


def test_keys_off_then_switched_on_by_the_admin(demo: Demo) -> None:
    demo.openwebui_state.api_keys_enabled = False
    session = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    with pytest.raises(WizardError) as off:
        account.create_api_key(demo.openwebui.url, session.token)
    assert off.value.code == "account.keys-off"
    assert account.keys_setting(session) == account.KeysSetting(False, False)
    account.enable_api_keys(session, for_users=True)
    assert account.keys_setting(session) == account.KeysSetting(True, True)
    assert account.create_api_key(demo.openwebui.url, session.token)


def test_a_user_needs_the_permission_too(demo: Demo) -> None:
    demo.openwebui_state.add_user("ann@example.com", "ann-password-1")
    ann = account.sign_in(demo.openwebui.url, "ann@example.com", Secret("ann-password-1"))
    assert not ann.is_admin and not ann.may_make_api_keys
    with pytest.raises(WizardError) as off:
        account.create_api_key(demo.openwebui.url, ann.token)
    assert off.value.code == "account.keys-off"
    message = account.admin_request_message(ann.email, demo.openwebui.url).render("en")
    assert "ann@example.com" in message and "Permissions" in message
    admin = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    account.enable_api_keys(admin, for_users=True)
    assert account.create_api_key(demo.openwebui.url, ann.token)


def test_the_openai_connection_read_and_fixed(demo: Demo) -> None:
    good = demo.openwebui_state.openai_key
    demo.openwebui_state.openai_key = keyshapes.openai_project()
    session = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    broken = account.openai_connection(session)
    assert not broken.works and broken.masked_keys[0].startswith("sk-proj-")
    assert good not in repr(broken)
    account.set_openai_key(session, Secret(good), base_url=demo.openai_base_url)
    assert "technova" in account.openai_connection(session).models


def test_create_the_model_readable_by_every_user(demo: Demo) -> None:
    demo.openwebui_state.models.clear()
    demo.openwebui_state.add_user("bob@example.com", "bob-password-1", api_keys_permission=True)
    bob = account.sign_in(demo.openwebui.url, "bob@example.com", Secret("bob-password-1"))
    bob_key = account.create_api_key(demo.openwebui.url, bob.token)
    assert "technova" not in account.model_ids(demo.openwebui.url, bob_key)
    admin = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    account.create_model(admin, "technova", "gpt-4o-mini", "You are TechNova's assistant.")
    assert "technova" in account.model_ids(demo.openwebui.url, bob_key)


# --- the commands ------------------------------------------------------------------------------


def test_login_with_yes_and_password_on_stdin(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expired = keyshapes.openwebui_jwt(exp=1753747456)
    root = make_project(tmp_path, demo.openwebui.url, expired)
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new.startswith("sk-") and len(new) == 35
    assert (root / "backend/.env").read_text().startswith("# shop\nPORT=3001\n")
    assert models_status(demo.openwebui.url, new) == 200
    assert "replaces the old one at once" in out.out and "restart the backend" in out.out
    assert demo.admin_password not in out.out + out.err and new not in out.out + out.err


def test_login_for_a_user_without_permission_prints_the_admin_message(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.openwebui_state.add_user("ann@example.com", "ann-password-1")
    root = make_project(tmp_path, demo.openwebui.url, "")
    stdin(monkeypatch, "ann-password-1\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            "ann@example.com",
            "--password-stdin",
            "--yes",
            "--lang",
            "fr",
        ]
    )
    out = capsys.readouterr()
    assert code == 2
    assert "Message à envoyer à votre administrateur" in out.out
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_user_without_permission_is_offered_the_grant_by_an_admin_never_silently(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    """Least privilege: the grant is a separate question, asked only for a non-admin's key,
    answered by an admin who signs in for it; the key is then made for the user."""
    state = demo.openwebui_state
    state.add_user("ann@example.com", "ann-password-1")
    root = make_project(tmp_path, demo.openwebui.url, "")
    stdin(monkeypatch, "ann-password-1\n")
    answers = iter(["y", demo.admin_email])
    asked: list[str] = []

    def fake_input(prompt: str = "") -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("wizard.cli.account.can_ask", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": demo.admin_password)
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            "ann@example.com",
            "--password-stdin",
            "--yes",
            "--lang",
            lang,
        ]
    )
    out = capsys.readouterr()
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert key.startswith("sk-") and models_status(demo.openwebui.url, key) == 200, out
    from wizard.core.i18n import Msg

    question = Msg("keyflow.grant-question", {"email": "ann@example.com"}).render(lang)  # type: ignore[arg-type]
    assert asked[0].startswith(question)  # the wizard's words, exactly
    assert demo.admin_password not in out.out + out.err and key not in out.out + out.err
    assert code in (0, 1, 2)  # the key part succeeded; the site step has no backend here


def test_without_a_terminal_and_without_yes_nothing_is_asked(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    stdin(monkeypatch, "")
    code = main(["renew", "--project", str(root), "--lang", "en"])
    err = capsys.readouterr().err
    assert code != 0 and "standard input is not a terminal" in err and "--yes" in err
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 200  # untouched


def test_renew_rotates_the_working_key_without_a_password(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={demo.openai_key}\nOPENAI_BASE_URL={demo.openai_base_url}\n"
    )
    before_voice = (root / "websocket-server/.env").read_text()
    code = main(
        [
            "renew",
            "--project",
            str(root),
            "--yes",
            "--lang",
            "en",
            "--restart-command",
            f"touch {tmp_path}/restarted",
        ]
    )
    out = capsys.readouterr().out
    # The key is rotated and checked; no backend runs in this test, so the last step (the
    # running site answers) cannot be proven and says why, with a non-zero exit.
    assert code != 0 and "Checked:" in out and "\n✗ " in out, out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new != demo.openwebui_key
    assert models_status(demo.openwebui.url, new) == 200
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 401
    assert (root / "websocket-server/.env").read_text() == before_voice
    assert (tmp_path / "restarted").exists() and "its own successor" in out


def test_renew_takes_a_pasted_key(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, keyshapes.openwebui_jwt(exp=1753747456))
    stdin(monkeypatch, f'  "{demo.openwebui_key}"\n')
    code = main(["renew", "--project", str(root), "--key-stdin", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key
    assert demo.openwebui_key not in out


def test_renew_refuses_an_openai_key_pasted_by_mistake(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    stdin(monkeypatch, demo.openai_key + "\n")
    code = main(["renew", "--project", str(root), "--key-stdin", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3 and "is an OpenAI key, not an Open WebUI key" in err
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key


def test_login_in_a_terminal_fixes_the_connection_and_creates_the_model(
    demo: Demo, tmp_path: Path
) -> None:
    """Interactive: the password typed without echo, consent asked, the OpenAI key for Open
    WebUI's connection pasted hidden, the model's base and prompt asked — in a real tty."""
    import os
    import sys

    from test_tui_e2e import Terminal

    good = demo.openwebui_state.openai_key
    demo.openwebui_state.openai_key = keyshapes.openai_project()  # wrong inside Open WebUI
    demo.openwebui_state.models.clear()  # and no technova model
    root = make_project(tmp_path / "shop", demo.openwebui.url, "")
    program = Path(sys.executable).parent / "technova-setup"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    # The keyring of a subprocess would be the real one: this run keeps keys in .env only.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    script = tmp_path / "login.sh"
    script.write_text(
        f"{program} login --project {root} --email {demo.admin_email} "
        f"--lang en\necho EXIT=$?\nsleep 60\n"
    )
    terminal = Terminal(["bash", str(script)], env)
    try:
        terminal.wait_for("password (not shown)")
        terminal.keys("-l", demo.admin_password)
        terminal.keys("Enter")
        terminal.wait_for("Make the new key? [y/N]")
        terminal.keys("y", "Enter")
        terminal.wait_for("paste the OpenAI key")
        terminal.paste(good + "\n")
        terminal.wait_for("Create it over which base model?")
        terminal.keys("Enter")
        terminal.wait_for("Its instructions")
        terminal.keys("Enter")
        terminal.wait_for("Where does the backend run?")
        terminal.keys("4", "Enter")  # "I restart it myself"
        terminal.wait_for("technova-setup.toml")
        terminal.keys("n", "Enter")
        shown = terminal.wait_for("EXIT=", timeout=60)
    finally:
        terminal.close()
    # The keys are done; the person restarts the backend themself ("I restart it myself"):
    # the command says how, and that `technova-setup restart` then tests the running site.
    assert "EXIT=0" in shown and "Model “technova” created" in shown and "Checked:" in shown
    assert "restart" in shown
    everything = "\n".join(terminal.seen)
    assert demo.admin_password not in everything and good[:12] not in everything
    assert demo.openwebui_state.openai_key == good
    assert any(m.id == "technova" for m in demo.openwebui_state.models)
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert models_status(demo.openwebui.url, key) == 200


# --- the engine's API as the faces use it ------------------------------------------------------


def admin_session(demo: Demo) -> account.Session:
    return account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))


def test_a_session_makes_a_key_and_a_key_rotates_itself(demo: Demo) -> None:
    session = admin_session(demo)
    first = account.create_api_key(session)
    assert models_status(demo.openwebui.url, first.reveal()) == 200
    second = account.rotate_api_key(demo.openwebui.url + "/", first)
    assert models_status(demo.openwebui.url, first.reveal()) == 401
    assert models_status(demo.openwebui.url, second.reveal()) == 200
    with pytest.raises(WizardError) as replaced:
        account.rotate_api_key(demo.openwebui.url, first)
    assert replaced.value.code == "account.key-refused"


def test_rotation_refused_when_the_admin_restricts_what_keys_may_call(demo: Demo) -> None:
    demo.openwebui_state.admin_config.update(RESTRICTED_TO_MODELS)
    with pytest.raises(WizardError) as restricted:
        account.rotate_api_key(demo.openwebui.url, Secret(demo.openwebui_key))
    assert restricted.value.code == "account.rotation-restricted"
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 200  # still the key


def test_api_keys_enabled_for_admins_and_users(demo: Demo) -> None:
    state = demo.openwebui_state
    state.add_user("cid@example.com", "cid-password-1")
    admin = admin_session(demo)
    cid = account.sign_in(demo.openwebui.url, "cid@example.com", Secret("cid-password-1"))
    state.api_keys_enabled = False
    assert not account.api_keys_enabled(admin) and not account.api_keys_enabled(cid)
    account.enable_api_keys(admin)  # the switch only: users' permission stays off
    assert account.api_keys_enabled(admin) and not account.api_keys_enabled(cid)
    assert account.keys_setting(admin) == account.KeysSetting(True, False)
    account.enable_api_keys(admin, for_users=True)
    assert account.api_keys_enabled(cid)  # read afresh, not from the sign-in answer


def test_a_user_cannot_read_or_change_admin_settings(demo: Demo) -> None:
    demo.openwebui_state.add_user("dee@example.com", "dee-password-1")
    dee = account.sign_in(demo.openwebui.url, "dee@example.com", Secret("dee-password-1"))
    for call in (
        lambda: account.enable_api_keys(dee),
        lambda: account.openai_connection(dee),
        lambda: account.set_openai_key(dee, Secret(demo.openai_key)),
        lambda: account.create_model(dee, "technova-x", "gpt-4o-mini", "Hi"),
    ):
        with pytest.raises(WizardError) as refused:
            call()
        assert refused.value.code == "account.not-allowed"
        assert refused.value.params["status"] == 401
    assert demo.openai_key not in repr(refused.value) + refused.value.render("fr")


def test_admin_request_message_in_both_languages(demo: Demo) -> None:
    message = account.admin_request_message("eve@example.com", demo.openwebui.url + "/")
    english, french = message.render("en"), message.render("fr")
    assert "eve@example.com" in english and "eve@example.com" in french
    assert "Admin Panel › Settings › Authentication" in english
    assert any(f"{demo.openwebui.url}{after}" in french for after in (" ", ":", "\xa0"))


def test_openai_connection_state_wrong_then_right(demo: Demo) -> None:
    good, wrong = demo.openwebui_state.openai_key, keyshapes.openai_project()
    demo.openwebui_state.openai_key = wrong
    admin = admin_session(demo)
    broken = account.openai_connection(admin)
    assert broken.enabled and broken.models_empty and not broken.technova_present
    assert broken.base_urls == [demo.openai_base_url]
    assert broken.masked_keys == [Secret(wrong).masked] and wrong not in repr(broken)
    account.set_openai_key(admin, Secret(good))  # the only connection, whatever its address
    fixed = account.openai_connection(admin)
    assert not fixed.models_empty and fixed.technova_present
    assert account.model_visible(demo.openwebui.url, Secret(demo.openwebui_key), "technova")


def test_create_model_checks_the_base_model_and_an_existing_id(demo: Demo) -> None:
    admin = admin_session(demo)
    with pytest.raises(WizardError) as unknown:
        account.create_model(admin, "technova-2", "gpt-9-imaginary", "Hi")
    assert unknown.value.code == "account.base-model-unknown"
    assert "gpt-4o-mini" in unknown.value.render("en")
    with pytest.raises(WizardError) as taken:
        account.create_model(admin, "technova", "gpt-4o-mini", "Hi")
    assert taken.value.code == "account.model-exists"


def test_no_server_and_a_slow_server_are_explained(demo: Demo) -> None:
    with pytest.raises(WizardError) as nobody:
        account.sign_in("http://127.0.0.1:9", "a@example.com", Secret("pw-1234567"))
    assert nobody.value.code == "account.unreachable"
    demo.openwebui_state.delay = 1.0
    with pytest.raises(WizardError) as slow:
        account.sign_in(
            demo.openwebui.url,
            demo.admin_email,
            Secret(demo.admin_password),
            timeouts=account.Timeouts(connect=1, read=0.2, total=1),
        )
    assert slow.value.code == "account.timeout"
    assert demo.admin_password not in slow.value.render("en")


def test_every_key_the_commands_print_is_in_the_catalogue() -> None:
    import ast

    from wizard.cli import account as cli_account
    from wizard.core.i18n import catalogue

    used = set()
    for node in ast.walk(ast.parse(Path(cli_account.__file__).read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "say",
            "agree",
            "ask_text",
            "Msg",
        }:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                used.add(first.value)
    assert used and not used - set(catalogue())


# --- the commands, more cases ------------------------------------------------------------------


def test_login_as_admin_with_keys_off_and_no_model_under_yes(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--yes in a script: keys switched on, the missing model made with the defaults, the
    session token in backend/.env explained (with its date) and replaced."""
    demo.openwebui_state.api_keys_enabled = False
    demo.openwebui_state.models.clear()
    root = make_project(tmp_path, demo.openwebui.url, keyshapes.openwebui_jwt(exp=1753747456))
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out
    assert "session token, not an API key" in out.out and "2025" in out.out
    assert "API keys are now switched on" in out.out and "Model “technova” created" in out.out
    assert demo.openwebui_state.api_keys_enabled
    assert not demo.openwebui_state.default_permissions["features"]["api_keys"]
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert account.model_visible(demo.openwebui.url, Secret(key), "technova")
    assert demo.admin_password not in out.out + out.err


def test_login_without_a_terminal_reports_a_wrong_connection_and_saves_the_key(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = demo.openwebui_state.openai_key
    demo.openwebui_state.openai_key = keyshapes.openai_project()
    root = make_project(tmp_path, demo.openwebui.url, "")
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--yes",
            "--lang",
            "fr",
        ]
    )
    out = capsys.readouterr().out
    assert code == 2  # saved, but the check says the model is missing
    assert "Open WebUI n'affiche aucun modèle" in out and "La connexion est restée" in out
    assert good not in out and demo.openwebui_state.openai_key != good
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"].startswith("sk-")


def test_login_without_yes_and_without_a_terminal_changes_nothing(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    before = (root / "backend/.env").read_text()
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 3 and "standard input is not a terminal" in out.err
    assert (root / "backend/.env").read_text() == before
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 200
    assert demo.admin_password not in out.out + out.err


def test_a_wrong_password_through_the_command_is_explained_not_shown(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, "")
    stdin(monkeypatch, "Wrong-Horse-Battery-9\n")
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 3 and "refused the email or password" in out.err
    assert "We do not retry" in out.err and "Wrong-Horse-Battery-9" not in out.out + out.err
    assert len(demo.openwebui_state.signin_attempts[demo.admin_email]) == 1  # one try only


def test_renew_with_a_live_session_token_needs_no_password(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = demo.openwebui_state
    token = state.make_token(state.user_by_email(demo.admin_email))  # type: ignore[arg-type]
    root = make_project(tmp_path, demo.openwebui.url, token)
    code = main(["renew", "--project", str(root), "--yes", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "current session token still works" in out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new.startswith("sk-") and models_status(demo.openwebui.url, new) == 200
    assert (root / "backend/.env").read_text() == make_env(demo.openwebui.url, new)


def test_renew_signs_in_when_the_key_may_not_rotate_and_never_spreads_the_old_key(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old Open WebUI key, planted by mistake in the voice server's OPENAI_API_KEY, is
    reported and left alone: the new Open WebUI key goes to its own slot only."""
    demo.openwebui_state.admin_config.update(RESTRICTED_TO_MODELS)
    old = demo.openwebui_key
    root = make_project(tmp_path, demo.openwebui.url, old)
    (root / "websocket-server").mkdir()
    voice = f"# voice\nOPENAI_API_KEY={old}\nPORT=8081\n"
    (root / "websocket-server/.env").write_text(voice)
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(
        [
            "renew",
            "--project",
            str(root),
            "--yes",
            "--email",
            demo.admin_email,
            "--password-stdin",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "cannot make a new one" in out
    assert "websocket-server/.env holds an Open WebUI key" in out and "left as it is" in out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new != old and models_status(demo.openwebui.url, old) == 401
    assert (root / "websocket-server/.env").read_text() == voice  # untouched
    assert (root / "backend/.env").read_text() == make_env(demo.openwebui.url, new)


def test_renew_refuses_a_pasted_key_the_server_refuses(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    before = (root / "backend/.env").read_text()
    unknown = keyshapes.openwebui_api_key()
    stdin(monkeypatch, unknown + "\n")
    code = main(["renew", "--project", str(root), "--key-stdin", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3 and "refused the pasted key" in err and "nothing was changed" in err
    assert unknown not in err and (root / "backend/.env").read_text() == before


def make_env(url: str, key: str) -> str:
    return (
        f"# shop\nPORT=3001\nOPENWEBUI_URL={url}\nOPENWEBUI_API_KEY={key}\n"
        "OPENWEBUI_MODEL=technova\n"
    )
