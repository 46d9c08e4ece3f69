"""Saving a key into a project: the right slot only, .env edited in place, keyring copy."""

from __future__ import annotations

import stat
from pathlib import Path

import keyshapes
import pytest

from wizard.core import keystore
from wizard.core.errors import WizardError
from wizard.core.files.envfile import read_env
from wizard.core.keys import Slot
from wizard.core.plan import checked_key, plan_key, save_key
from wizard.core.project import find_project


def test_a_key_of_the_other_kind_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(WizardError) as refused:
        checked_key(keyshapes.openai_project(), Slot.OPENWEBUI)
    assert refused.value.code == "apply.wrong-slot.OPENWEBUI_API_KEY"
    assert "OpenAI key" in refused.value.render("en")
    with pytest.raises(WizardError) as refused:
        checked_key(keyshapes.openwebui_api_key(), Slot.OPENAI)
    assert "clé Open WebUI" in refused.value.render("fr")


@pytest.mark.parametrize(
    "value",
    [keyshapes.openwebui_api_key()[:-5], keyshapes.openwebui_jwt(exp=1753747456), "owui-abc"],
)
def test_unusable_keys_are_refused_with_the_reason(value: str) -> None:
    with pytest.raises(WizardError) as refused:
        checked_key(value, Slot.OPENWEBUI)
    assert refused.value.code == "apply.unusable"
    assert value not in str(refused.value) and value not in refused.value.render("fr")


def test_a_pasted_key_is_cleaned_before_it_is_saved(tmp_path: Path) -> None:
    key = keyshapes.openwebui_api_key()
    report = checked_key(f' "{key}" \u200b', Slot.OPENWEBUI)
    assert report.secret.reveal() == key and report.fixes


def test_plan_then_save_keeps_other_lines_and_mode(tmp_path: Path) -> None:
    env = tmp_path / "backend/.env"
    env.parent.mkdir()
    old = keyshapes.openwebui_api_key()
    env.write_text(f"# backend\nPORT=3001\nOPENWEBUI_API_KEY={old}\n")
    project = find_project(tmp_path)
    new = checked_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    plan = plan_key(project, Slot.OPENWEBUI, new, {"OPENWEBUI_URL": "http://127.0.0.1:3000"})
    assert [(c.variable, c.before, c.after) for c in plan] == [
        ("OPENWEBUI_API_KEY", f"{old[:8]}…{old[-4:]}", new.masked),
        ("OPENWEBUI_URL", None, "http://127.0.0.1:3000"),
    ]
    result = save_key(
        project,
        Slot.OPENWEBUI,
        new,
        use_keyring=False,
        settings={"OPENWEBUI_URL": "http://127.0.0.1:3000"},
    )
    assert result.in_keyring is False and result.keyring_problem is None
    text = env.read_text()
    assert text.startswith(f"# backend\nPORT=3001\nOPENWEBUI_API_KEY={new.secret.reveal()}\n")
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert result.writes[0].backup is not None
    assert old in result.writes[0].backup.read_text()


def test_save_creates_the_voice_env_when_missing(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = checked_key(keyshapes.openai_project(), Slot.OPENAI)
    save_key(project, Slot.OPENAI, key, use_keyring=False)
    assert read_env(project.voice_env).values == {"OPENAI_API_KEY": key.secret.reveal()}


@pytest.mark.keyring_service
def test_save_puts_a_copy_in_the_real_keyring(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = checked_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    try:
        result = save_key(project, Slot.OPENWEBUI, key)
        assert result.in_keyring is True
        assert keystore.load_key(Slot.OPENWEBUI, project.root) == key.secret
    finally:
        keystore.delete_key(Slot.OPENWEBUI, project.root)


def test_without_a_usable_keyring_the_env_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", NoKeyring())
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = checked_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    result = save_key(project, Slot.OPENWEBUI, key)
    assert result.in_keyring is False
    assert result.keyring_problem is not None and result.keyring_problem.render("en")
    assert read_env(project.backend_env).values["OPENWEBUI_API_KEY"] == key.secret.reveal()
