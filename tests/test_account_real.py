"""Issue 5's steps against a real Open WebUI, 0.12.4 and 0.6.18 (every test runs on both):
admin and non-admin, keys on and off, the OpenAI connection right and wrong, `technova`
present and absent, and `renew`.

The server is shared by the session: every test uses its own users and puts settings back.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import keyshapes
import pytest
from realserver import RealOpenWebUI

from wizard.cli.main import main
from wizard.core import account
from wizard.core.demo import DemoKeyring
from wizard.core.errors import WizardError
from wizard.core.files.envread import read_env
from wizard.core.secret import Secret

pytestmark = pytest.mark.openwebui


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def restore(real_openwebui: RealOpenWebUI) -> Iterator[RealOpenWebUI]:
    """Puts back what these tests change: keys on, users' permission off, connection, model."""
    yield real_openwebui
    server = real_openwebui
    server.set_api_keys_enabled(True)
    permissions = server.request(
        "GET", "/api/v1/users/default/permissions", server.admin_token
    ).json()
    if "api_keys" in permissions["features"]:  # 0.12 only
        permissions["features"]["api_keys"] = False
        server.request(
            "POST", "/api/v1/users/default/permissions", server.admin_token, json=permissions
        ).raise_for_status()
    server.set_openai_key(server.openai_key)
    if "technova" not in server.model_ids(server.admin_token):
        server.create_model()


def new_user(server: RealOpenWebUI, role: str = "user") -> tuple[str, str]:
    return server.add_user(f"{role}-{secrets.token_hex(4)}@example.com", role)


def fresh_admin(server: RealOpenWebUI) -> account.Session:
    """A new admin's session: admin@example.com's 15 sign-ins in 3 minutes stay free for the
    other tests of the session."""
    email, password = new_user(server, "admin")
    return account.sign_in(server.url, email, Secret(password))


def status(server: RealOpenWebUI, key: str) -> int:
    return httpx.get(
        server.url + "/api/models", timeout=30, headers={"Authorization": f"Bearer {key}"}
    ).status_code


def project(root: Path, url: str, key: str) -> Path:
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"# shop\nOPENWEBUI_URL={url}\nOPENWEBUI_API_KEY={key}\nOPENWEBUI_MODEL=technova\n"
    )
    return root


def test_login_as_an_admin_makes_and_saves_a_working_key(
    restore: RealOpenWebUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = restore
    email, password = new_user(server, "admin")
    root = project(tmp_path, server.url, keyshapes.openwebui_jwt(exp=1753747456))
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert status(server, key) == 200
    assert password not in out.out + out.err and key not in out.out + out.err


def test_renew_old_key_refused_new_key_works_files_updated(
    restore: RealOpenWebUI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = restore
    email, password = new_user(server, "admin")
    old = server.create_api_key(server.signin(email, password))
    root = project(tmp_path, server.url, old)
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text("OPENAI_API_KEY=\n# voice\n")
    before = (root / "backend/.env").read_text()
    code = main(["renew", "--project", str(root), "--yes", "--lang", "en"])
    assert code == 0, capsys.readouterr()
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert status(server, old) == 401 and status(server, new) == 200
    assert (root / "backend/.env").read_text() == before.replace(old, new)
    assert (root / "websocket-server/.env").read_text() == "OPENAI_API_KEY=\n# voice\n"


def test_keys_off_admin_switches_them_on(restore: RealOpenWebUI) -> None:
    """Through the field the server itself names (0.6 silently ignores the other), read back."""
    server = restore
    server.set_api_keys_enabled(False)
    email, password = new_user(server, "admin")
    session = account.sign_in(server.url, email, Secret(password))
    assert session.version.reported == server.version
    with pytest.raises(WizardError) as off:
        account.create_api_key(session)
    assert off.value.code == "account.keys-off"
    reason = off.value.render("en")
    assert ("off by default" in reason) is not server.legacy  # 0.6: on by default
    assert ("permission" in reason) is not server.legacy  # 0.6 has none
    before = account.keys_setting(session)
    assert not before.enabled and before.field_name == server.keys_field
    after = account.enable_api_keys(session, for_users=False)
    assert after.enabled and after.field_name == server.keys_field
    assert server.admin_config()[server.keys_field] is True
    key = account.create_api_key(server.url, session.token)
    assert status(server, key.reveal()) == 200


def test_a_user_without_permission_then_with_it(
    restore: RealOpenWebUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = restore
    email, password = new_user(server)
    root = project(tmp_path, server.url, "")
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    admin = fresh_admin(server)
    if server.legacy:  # 0.6: no such permission, any user makes their own key
        assert code == 0, out
        assert account.keys_setting(admin) == account.KeysSetting(
            True, True, "ENABLE_API_KEY", permission_exists=False
        )
    else:
        assert code == 2 and "Message to send to your admin" in out and email in out
        assert account.keys_setting(admin) == account.KeysSetting(True, False)
    granted = account.enable_api_keys(admin, for_users=True)
    assert granted.users_allowed and granted.permission_exists is not server.legacy
    user = account.sign_in(server.url, email, Secret(password))
    assert user.may_make_api_keys
    key = account.create_api_key(server.url, user.token)
    assert "technova" in account.model_ids(server.url, key)  # shared with every user


def test_wrong_password_on_the_real_server(real_openwebui: RealOpenWebUI) -> None:
    email, _ = new_user(real_openwebui)
    with pytest.raises(WizardError) as refused:
        account.sign_in(real_openwebui.url, email, Secret("wrong-password-1"))
    assert refused.value.code == "account.wrong-password"


def test_openai_connection_wrong_then_fixed(restore: RealOpenWebUI) -> None:
    server = restore
    admin = fresh_admin(server)
    server.set_openai_key(keyshapes.openai_project())
    assert not account.openai_connection(admin).works
    account.set_openai_key(admin, Secret(server.openai_key), base_url=server.openai.url + "/v1")
    state = account.openai_connection(admin)
    assert state.works and "technova" in state.models


def test_technova_absent_then_created_for_every_user(restore: RealOpenWebUI) -> None:
    server = restore
    server.delete_model()
    email, password = new_user(server)
    admin = fresh_admin(server)
    account.enable_api_keys(admin, for_users=True)
    user_key = account.create_api_key(
        server.url, account.sign_in(server.url, email, Secret(password)).token
    )
    assert "technova" not in account.model_ids(server.url, user_key)
    account.create_model(admin, "technova", "gpt-4o-mini", "You are TechNova's assistant.")
    assert "technova" in account.model_ids(server.url, user_key)


# --- the engine's API as the faces use it ------------------------------------------------------


def test_a_session_makes_a_key_and_the_key_rotates_itself(restore: RealOpenWebUI) -> None:
    server = restore
    admin = fresh_admin(server)
    first = account.create_api_key(admin)
    second = account.rotate_api_key(server.url, first)
    assert status(server, first.reveal()) == 401 and status(server, second.reveal()) == 200
    with pytest.raises(WizardError) as replaced:
        account.rotate_api_key(server.url, first)
    assert replaced.value.code == "account.key-refused"


def test_rotation_restricted_then_renew_signs_in(
    restore: RealOpenWebUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = restore
    email, password = new_user(server, "admin")
    old = server.create_api_key(server.signin(email, password))
    previous = server.restrict_api_keys("/api/models")  # 0.6 calls this "not enabled"
    try:
        with pytest.raises(WizardError) as restricted:
            account.rotate_api_key(server.url, Secret(old))
        assert restricted.value.code == "account.rotation-restricted"
        root = project(tmp_path, server.url, old)
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code = main(
            [
                "renew",
                "--project",
                str(root),
                "--yes",
                "--email",
                email,
                "--password-stdin",
                "--lang",
                "en",
            ]
        )
        out = capsys.readouterr()
        assert code == 0, out
        assert "cannot make a new one" in out.out and password not in out.out + out.err
    finally:
        server.update_admin_config(**previous)
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert status(server, old) == 401 and status(server, new) == 200


def test_api_keys_enabled_as_the_real_server_tells_admins_and_users(restore: RealOpenWebUI) -> None:
    server = restore
    admin = fresh_admin(server)
    email, password = new_user(server)
    user = account.sign_in(server.url, email, Secret(password))
    # 0.6 has no permission for keys: a user may make one whenever keys are on.
    assert account.api_keys_enabled(admin)
    assert account.api_keys_enabled(user) is server.legacy
    server.set_api_keys_enabled(False)
    assert not account.api_keys_enabled(admin) and not account.api_keys_enabled(user)
    setting = account.enable_api_keys(admin)  # the switch only: the users' permission stays off
    assert setting == account.keys_setting(admin)
    assert setting.enabled and setting.users_allowed is server.legacy
    assert account.api_keys_enabled(admin)
    assert account.api_keys_enabled(user) is server.legacy
    account.enable_api_keys(admin, for_users=True)
    assert account.api_keys_enabled(user)  # read afresh, not from the sign-in answer


def test_a_user_cannot_touch_admin_settings_on_the_real_server(
    real_openwebui: RealOpenWebUI,
) -> None:
    email, password = new_user(real_openwebui)
    user = account.sign_in(real_openwebui.url, email, Secret(password))
    for call in (
        lambda: account.enable_api_keys(user),
        lambda: account.openai_connection(user),
        lambda: account.create_model(user, "technova-x", "gpt-4o-mini", "Hi"),
    ):
        with pytest.raises(WizardError) as refused:
            call()
        assert refused.value.code == "account.not-allowed"
        assert refused.value.params["status"] == 401


def test_connection_state_and_visibility_on_the_real_server(restore: RealOpenWebUI) -> None:
    server = restore
    admin = fresh_admin(server)
    email, password = new_user(server)
    account.enable_api_keys(admin, for_users=True)
    user_key = account.create_api_key(account.sign_in(server.url, email, Secret(password)))
    wrong = keyshapes.openai_project()
    server.set_openai_key(wrong)
    broken = account.openai_connection(admin)
    assert broken.models_empty and not broken.technova_present
    assert broken.masked_keys == [Secret(wrong).masked] and wrong not in repr(broken)
    assert not account.model_visible(server.url, user_key, "technova")
    account.set_openai_key(admin, Secret(server.openai_key))  # the only connection there is
    fixed = account.openai_connection(admin)
    assert fixed.technova_present and fixed.base_urls == [server.openai.url + "/v1"]
    assert account.model_visible(server.url, user_key, "technova")


def test_create_model_errors_on_the_real_server(restore: RealOpenWebUI) -> None:
    admin = fresh_admin(restore)
    with pytest.raises(WizardError) as taken:
        account.create_model(admin, "technova", "gpt-4o-mini", "Hi")
    assert taken.value.code == "account.model-exists"
    with pytest.raises(WizardError) as unknown:
        account.create_model(admin, "technova-2", "gpt-9-imaginary", "Hi")
    assert unknown.value.code == "account.base-model-unknown"


def test_login_admin_keys_off_model_absent_under_yes(
    restore: RealOpenWebUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = restore
    server.set_api_keys_enabled(False)
    server.delete_model()
    email, password = new_user(server, "admin")
    root = project(tmp_path, server.url, keyshapes.openwebui_jwt(exp=1753747456))
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out
    assert "API keys are now switched on" in out.out and "Model “technova” created" in out.out
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert account.model_visible(server.url, Secret(key), "technova")
    assert password not in out.out + out.err and key not in out.out + out.err


def test_login_user_when_the_connection_is_wrong_is_told_by_the_check(
    restore: RealOpenWebUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = restore
    admin = fresh_admin(server)
    account.enable_api_keys(admin, for_users=True)
    server.set_openai_key(keyshapes.openai_project())
    email, password = new_user(server)
    root = project(tmp_path, server.url, "")
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(
        [
            "login",
            "--project",
            str(root),
            "--email",
            email,
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 2, out  # the key is saved and works; the model is not there
    key = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert status(server, key) == 200 and "The new key was saved, but" in out


def test_renew_turns_a_live_session_token_into_an_api_key(
    restore: RealOpenWebUI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = restore
    email, password = new_user(server, "admin")
    token = server.signin(email, password)
    root = project(tmp_path, server.url, token)
    before = (root / "backend/.env").read_text()
    code = main(["renew", "--project", str(root), "--yes", "--lang", "en"])
    assert code == 0, capsys.readouterr()
    new = read_env(root / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new.startswith("sk-") and status(server, new) == 200
    assert (root / "backend/.env").read_text() == before.replace(token, new)


def test_the_stand_ins_api_config_matches_the_real_one(real_openwebui: RealOpenWebUI) -> None:
    """`/api/config` says whether API keys are on only to a signed-in session (0.12), or to
    anyone (0.6, under the singular name)."""
    from wizard.standins.server import start_demo

    email, password = new_user(real_openwebui)
    token = real_openwebui.signin(email, password)
    real_anonymous = real_openwebui.request("GET", "/api/config").json()["features"]
    real_signed_in = real_openwebui.request("GET", "/api/config", token).json()["features"]
    if real_openwebui.legacy:
        assert real_anonymous["enable_api_key"] is True and "enable_api_keys" not in real_signed_in
        with start_demo(openwebui_version=real_openwebui.version) as demo:
            anonymous = httpx.get(demo.openwebui.url + "/api/config").json()["features"]
        assert set(anonymous) == set(real_anonymous)
        return
    assert "enable_api_keys" not in real_anonymous and "enable_api_keys" in real_signed_in
    with start_demo() as demo:
        standin = account.sign_in(demo.openwebui.url, demo.admin_email, Secret(demo.admin_password))
        anonymous = httpx.get(demo.openwebui.url + "/api/config").json()["features"]
        signed_in = httpx.get(
            demo.openwebui.url + "/api/config",
            headers={"Authorization": f"Bearer {standin.token.reveal()}"},
        ).json()["features"]
    assert "enable_api_keys" not in anonymous and "enable_api_keys" in signed_in
    assert set(anonymous) <= set(real_anonymous)
