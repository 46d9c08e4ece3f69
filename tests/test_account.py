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

from wizard import account
from wizard.cli import main
from wizard.demo import DemoKeyring
from wizard.envfile import read_env
from wizard.errors import WizardError
from wizard.secret import Secret
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
    (root / "backend/.env").write_text(f"# shop\nPORT=3001\nOPENWEBUI_URL={url}\n"
                                       f"OPENWEBUI_API_KEY={key}\nOPENWEBUI_MODEL=technova\n")
    (root / "backend/.env").chmod(0o600)
    return root


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
    message = account.admin_request(ann.email, demo.openwebui.url).render("en")
    assert "ann@example.com" in message and "Permissions" in message
    admin = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    account.enable_api_keys(admin, for_users=True)
    assert account.create_api_key(demo.openwebui.url, ann.token)


def test_the_openai_connection_read_and_fixed(demo: Demo) -> None:
    good = demo.openwebui_state.openai_key
    demo.openwebui_state.openai_key = keyshapes.openai_project()
    session = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
    broken = account.connection(session)
    assert not broken.works and broken.masked_keys[0].startswith("sk-proj-")
    assert good not in repr(broken)
    account.set_openai_key(session, Secret(good), base_url=demo.openai_base_url)
    assert "technova" in account.connection(session).models


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

def test_login_with_yes_and_password_on_stdin(demo: Demo, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    expired = keyshapes.openwebui_jwt(exp=1753747456)
    root = make_project(tmp_path, demo.openwebui.url, expired)
    stdin(monkeypatch, demo.admin_password + "\n")
    code = main(["login", "--project", str(root), "--email", demo.admin_email,
                 "--password-stdin", "--yes", "--lang", "en"])
    out = capsys.readouterr()
    assert code == 0, out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new.startswith("sk-") and len(new) == 35
    assert (root / "backend/.env").read_text().startswith("# shop\nPORT=3001\n")
    assert models_status(demo.openwebui.url, new) == 200
    assert "replaces the old one at once" in out.out and "restart the backend" in out.out
    assert demo.admin_password not in out.out + out.err and new not in out.out + out.err


def test_login_for_a_user_without_permission_prints_the_admin_message(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    demo.openwebui_state.add_user("ann@example.com", "ann-password-1")
    root = make_project(tmp_path, demo.openwebui.url, "")
    stdin(monkeypatch, "ann-password-1\n")
    code = main(["login", "--project", str(root), "--email", "ann@example.com",
                 "--password-stdin", "--yes", "--lang", "fr"])
    out = capsys.readouterr()
    assert code == 2
    assert "Message à envoyer à votre administrateur" in out.out
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == ""


def test_without_a_terminal_and_without_yes_nothing_is_asked(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    stdin(monkeypatch, "")
    code = main(["renew", "--project", str(root), "--lang", "en"])
    err = capsys.readouterr().err
    assert code != 0 and "standard input is not a terminal" in err and "--yes" in err
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 200  # untouched


def test_renew_rotates_the_working_key_without_a_password(
        demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text(f"OPENAI_API_KEY={demo.openai_key}\n")
    before_voice = (root / "websocket-server/.env").read_text()
    code = main(["renew", "--project", str(root), "--yes", "--lang", "en",
                 "--restart-command", f"touch {tmp_path}/restarted"])
    out = capsys.readouterr().out
    assert code == 0, out
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new != demo.openwebui_key
    assert models_status(demo.openwebui.url, new) == 200
    assert models_status(demo.openwebui.url, demo.openwebui_key) == 401
    assert (root / "websocket-server/.env").read_text() == before_voice
    assert (tmp_path / "restarted").exists() and "makes its own successor" in out


def test_renew_takes_a_pasted_key(demo: Demo, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, demo.openwebui.url, keyshapes.openwebui_jwt(exp=1753747456))
    stdin(monkeypatch, f'  "{demo.openwebui_key}"\n')
    code = main(["renew", "--project", str(root), "--key-stdin", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key
    assert demo.openwebui_key not in out


def test_renew_refuses_an_openai_key_pasted_by_mistake(demo: Demo, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    root = make_project(tmp_path, demo.openwebui.url, demo.openwebui_key)
    stdin(monkeypatch, demo.openai_key + "\n")
    code = main(["renew", "--project", str(root), "--key-stdin", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3 and "is an OpenAI key, not an Open WebUI key" in err
    assert read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"] == demo.openwebui_key


def test_login_in_a_terminal_fixes_the_connection_and_creates_the_model(
        demo: Demo, tmp_path: Path) -> None:
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
    script.write_text(f"{program} login --project {root} --email {demo.admin_email} "
                      f"--lang en\necho EXIT=$?\nsleep 60\n")
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
        shown = terminal.wait_for("EXIT=", timeout=60)
    finally:
        terminal.close()
    assert "EXIT=0" in shown and "Model “technova” created" in shown and "Checked:" in shown
    everything = "\n".join(terminal.seen)
    assert demo.admin_password not in everything and good[:12] not in everything
    assert demo.openwebui_state.openai_key == good
    assert any(m.id == "technova" for m in demo.openwebui_state.models)
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert models_status(demo.openwebui.url, key) == 200
