"""Planning and applying changes to a project: a key reaches its own slot only, every change is
described masked before anything is written, consent guards what needs it."""

from __future__ import annotations

import stat
from pathlib import Path

import keyshapes
import pytest

from wizard.core import keystore
from wizard.core.errors import WizardError
from wizard.core.files.envread import read_env
from wizard.core.i18n import Msg
from wizard.core.keys import CheckedKey, Slot, check_key
from wizard.core.plan import (
    ChangeKind,
    Choice,
    Consent,
    FailedCheck,
    PlanInputs,
    apply_plan,
    plan_changes,
)
from wizard.core.project import find_project


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests run without a keyring; the real Secret Service has its own marked test."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", NoKeyring())


ALL = Consent(frozenset(Choice))


def texts(plan: object, lang: str = "en") -> list[str]:
    return [c.description.render(lang) for c in plan.changes] + [  # type: ignore[attr-defined]
        n.message.render(lang)
        for n in plan.notes  # type: ignore[attr-defined]
    ]


def test_a_key_of_the_other_kind_cannot_be_made_into_a_checked_key() -> None:
    with pytest.raises(WizardError) as refused:
        check_key(keyshapes.openai_project(), Slot.OPENWEBUI)
    assert refused.value.code == "plan.wrong-slot.OPENWEBUI_API_KEY"
    assert "OpenAI key" in refused.value.render("en")
    with pytest.raises(WizardError) as refused:
        check_key(keyshapes.openwebui_api_key(), Slot.OPENAI)
    assert "clé Open WebUI" in refused.value.render("fr")


def test_only_the_recogniser_makes_a_checked_key() -> None:
    from wizard.core.keys import recognise_key

    report = recognise_key(keyshapes.openai_project())
    with pytest.raises(TypeError):
        CheckedKey(report, Slot.OPENWEBUI, object())


@pytest.mark.parametrize(
    "value",
    [keyshapes.openwebui_api_key()[:-5], keyshapes.openwebui_jwt(exp=1753747456), "owui-abc"],
)
def test_unusable_keys_are_refused_with_the_reason(value: str) -> None:
    with pytest.raises(WizardError) as refused:
        check_key(value, Slot.OPENWEBUI)
    assert refused.value.code == "plan.unusable"
    assert value not in str(refused.value) and value not in refused.value.render("fr")


def test_a_pasted_key_is_cleaned_before_it_is_planned() -> None:
    key = keyshapes.openwebui_api_key()
    checked = check_key(f' "{key}" \u200b', Slot.OPENWEBUI)
    assert (
        checked.secret.reveal() == key and checked.report.fixes and checked.slot is Slot.OPENWEBUI
    )


def make_backend(root: Path, text: str) -> Path:
    env = root / "backend/.env"
    env.parent.mkdir(parents=True, exist_ok=True)
    env.write_text(text)
    return env


def make_widget_exposing_a_key(root: Path) -> str:
    """A project whose widget file holds an OpenAI key (and a backend without one): the key."""
    widget = root / "chat-widget/technova-config.js"
    widget.parent.mkdir()
    key = keyshapes.openai_project()
    widget.write_text(f"const TECHNOVA_CONFIG = {{\n  apiKey: '{key}',\n}};\n")
    make_backend(root, "PORT=3001\n")
    return key


def test_plan_then_apply_keeps_other_lines_and_mode(tmp_path: Path) -> None:
    old = keyshapes.openwebui_api_key()
    env = make_backend(tmp_path, f"# backend\nPORT=3001\nOPENWEBUI_API_KEY={old}\n")
    project = find_project(tmp_path)
    new = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    plan = plan_changes(project, PlanInputs(keys=(new,), openwebui_url="http://127.0.0.1:3000"))
    env_lines = [c for c in plan.changes if c.kind is ChangeKind.ENV_LINE]
    assert [c.description.render("en") for c in env_lines] == [
        f"backend/.env: OPENWEBUI_API_KEY {old[:8]}…{old[-4:]} → {new.masked}",
        "backend/.env: OPENWEBUI_URL (not set) → http://127.0.0.1:3000",
    ]
    assert Choice.ENV_ONLY in plan.choices and not plan.keyring_usable
    assert env.read_text().endswith(f"OPENWEBUI_API_KEY={old}\n")  # planning wrote nothing
    with pytest.raises(WizardError) as refused:
        apply_plan(project, plan, Consent())
    assert refused.value.code == "plan.consent-missing" and "Nothing was written" in (
        refused.value.render("en")
    )
    outcome = apply_plan(project, plan, Consent.of(Choice.ENV_ONLY))
    assert outcome.in_keyring is False and outcome.keyring_problem is not None
    text = env.read_text()
    assert text.startswith(f"# backend\nPORT=3001\nOPENWEBUI_API_KEY={new.secret.reveal()}\n")
    assert "OPENWEBUI_URL=http://127.0.0.1:3000" in text
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert outcome.written[0] == "backend/.env" and outcome.backups
    assert any(old in backup.read_text() for backup in outcome.backups)


def test_a_cleaned_key_says_what_is_removed_not_x_to_x(tmp_path: Path) -> None:
    key = keyshapes.openwebui_api_key()
    make_backend(tmp_path, f'OPENWEBUI_API_KEY="{key} "\n')  # the quotes keep the space
    project = find_project(tmp_path)
    plan = plan_changes(project, PlanInputs(keys=(check_key(key + " ", Slot.OPENWEBUI),)))
    line = plan.changes[0].description
    assert "without" in line.render("en") and "→" not in line.render("en")
    assert "sans" in line.render("fr")


def test_the_old_key_in_the_wrong_variable_is_reported_and_never_followed(
    tmp_path: Path,
) -> None:
    old = keyshapes.openwebui_api_key()
    make_backend(tmp_path, f"OPENWEBUI_API_KEY={old}\n")
    voice = tmp_path / "websocket-server/.env"
    voice.parent.mkdir()
    voice.write_text(f"OPENAI_API_KEY={old}\n")
    project = find_project(tmp_path)
    new = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    plan = plan_changes(project, PlanInputs(keys=(new,)))
    assert any("holds an Open WebUI key" in t and "left as it is" in t for t in texts(plan))
    assert all(c.target != "websocket-server/.env" for c in plan.changes)
    apply_plan(project, plan, ALL)
    assert voice.read_text() == f"OPENAI_API_KEY={old}\n"
    assert read_env(project.backend_env).values["OPENWEBUI_API_KEY"] == new.secret.reveal()


def test_a_key_its_live_test_refused_is_written_only_with_its_own_consent(tmp_path: Path) -> None:
    old = keyshapes.openwebui_api_key()
    env = make_backend(tmp_path, f"OPENWEBUI_API_KEY={old}\n")
    project = find_project(tmp_path)
    new = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    failed = FailedCheck(
        Slot.OPENWEBUI,
        Msg("diag.openwebui-api-key-refused.what", {"file": "backend/.env", "status": 401}),
    )
    plan = plan_changes(project, PlanInputs(keys=(new,), failed_checks=(failed,)))
    assert Choice.WRITE_REFUSED_KEY in plan.choices
    assert Choice.WRITE_REFUSED_KEY not in plan.recommended
    assert plan.changes[0].warning and plan.changes[0].choice is Choice.WRITE_REFUSED_KEY
    assert any("refused" in t for t in texts(plan))
    outcome = apply_plan(project, plan, Consent.of(Choice.ENV_ONLY))
    assert env.read_text() == f"OPENWEBUI_API_KEY={old}\n" and outcome.skipped
    apply_plan(project, plan, Consent.of(Choice.ENV_ONLY, Choice.WRITE_REFUSED_KEY))
    assert read_env(env).values["OPENWEBUI_API_KEY"] == new.secret.reveal()


def test_a_key_in_the_widget_is_planned_for_removal_and_reported_as_exposed(
    tmp_path: Path,
) -> None:
    key = make_widget_exposing_a_key(tmp_path)
    widget = tmp_path / "chat-widget/technova-config.js"
    project = find_project(tmp_path)
    plan = plan_changes(project, PlanInputs())
    assert Choice.REMOVE_WIDGET_SECRETS in plan.recommended
    assert any("revoke" in t for t in texts(plan)) and key not in " ".join(texts(plan))
    apply_plan(project, plan, Consent())  # no consent: the widget stays as it is
    assert key in widget.read_text()
    apply_plan(project, plan, Consent.of(Choice.REMOVE_WIDGET_SECRETS))
    assert key not in widget.read_text()


def test_the_voice_env_is_created_when_missing(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = check_key(keyshapes.openai_project(), Slot.OPENAI)
    plan = plan_changes(project, PlanInputs(keys=(key,)))
    assert "new file" in plan.changes[0].description.render("en")
    apply_plan(project, plan, ALL)
    assert read_env(project.voice_env).values == {"OPENAI_API_KEY": key.secret.reveal()}


@pytest.mark.keyring_service
def test_apply_puts_a_copy_in_the_real_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # the real Secret Service of tests/run
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    try:
        plan = plan_changes(project, PlanInputs(keys=(key,)))
        assert Choice.ENV_ONLY not in plan.choices
        assert any(c.kind is ChangeKind.KEYRING for c in plan.changes)
        outcome = apply_plan(project, plan, Consent())
        assert outcome.in_keyring is True
        assert keystore.load_key(Slot.OPENWEBUI, project.root) == key.secret
    finally:
        keystore.delete_key(Slot.OPENWEBUI, project.root)


def test_a_env_linked_outside_the_project_is_written_only_with_consent(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere/shared.env"
    outside.parent.mkdir()
    old = keyshapes.openwebui_api_key()
    outside.write_text(f"OPENWEBUI_API_KEY={old}\n")
    (tmp_path / "site/backend").mkdir(parents=True)
    link = tmp_path / "site/backend/.env"
    link.symlink_to(outside)
    project = find_project(tmp_path / "site")
    new = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    plan = plan_changes(project, PlanInputs(keys=(new,)))
    assert Choice.FOLLOW_OUTSIDE_SYMLINK in plan.choices - plan.recommended
    assert any(str(outside) in t for t in texts(plan))
    outcome = apply_plan(project, plan, Consent.of(Choice.ENV_ONLY))
    assert outcome.skipped and outside.read_text() == f"OPENWEBUI_API_KEY={old}\n"
    apply_plan(project, plan, Consent.of(Choice.ENV_ONLY, Choice.FOLLOW_OUTSIDE_SYMLINK))
    assert link.is_symlink() and read_env(outside).values["OPENWEBUI_API_KEY"] == (
        new.secret.reveal()
    )


def test_a_group_readable_env_keeps_its_group_bit_and_the_outcome_says_so(tmp_path: Path) -> None:
    env = make_backend(tmp_path, f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    env.chmod(0o640)
    project = find_project(tmp_path)
    plan = plan_changes(
        project, PlanInputs(keys=(check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI),))
    )
    outcome = apply_plan(project, plan, ALL)
    assert stat.S_IMODE(env.stat().st_mode) == 0o640
    assert any("group" in note.render("en") for note in outcome.notes)


def test_the_widget_config_is_created_only_by_a_first_setup(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    key = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    renewal = plan_changes(project, PlanInputs(keys=(key,)))
    assert all(c.kind is not ChangeKind.WIDGET for c in renewal.changes)
    first = plan_changes(project, PlanInputs(keys=(key,), create_widget=True))
    assert any(c.kind is ChangeKind.WIDGET for c in first.changes)
    apply_plan(project, first, ALL)
    assert project.widget_config.exists() and key.secret.reveal() not in (
        project.widget_config.read_text()
    )


def test_only_an_openai_key_can_be_planned_into_open_webuis_connection(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    project = find_project(tmp_path)
    wrong = check_key(keyshapes.openwebui_api_key(), Slot.OPENWEBUI)
    with pytest.raises(WizardError) as refused:
        plan_changes(project, PlanInputs(connection_key=wrong))
    assert refused.value.code == "plan.wrong-slot.OPENAI_API_KEY"
    right = check_key(keyshapes.openai_project(), Slot.OPENAI)
    assert Choice.SET_CONNECTION in plan_changes(project, PlanInputs(connection_key=right)).choices


@pytest.mark.parametrize(
    ("new_key", "note"),
    [
        (None, "plan.note.widget-exposed"),
        ("fresh", "plan.note.widget-exposed-replaced"),
        ("the exposed one", "plan.note.widget-exposed"),  # the same key again replaces nothing
    ],
)
def test_the_exposed_key_note_says_whether_this_plan_replaces_it(
    new_key: str | None, note: str, tmp_path: Path
) -> None:
    exposed = make_widget_exposing_a_key(tmp_path)
    value = {"fresh": keyshapes.openai_project(), "the exposed one": exposed}.get(new_key or "")
    keys = (check_key(value, Slot.OPENAI),) if value else ()
    plan = plan_changes(find_project(tmp_path), PlanInputs(keys=keys))
    notes = [n.message.key for n in plan.notes if "widget-exposed" in n.message.key]
    assert notes == [note]
    said = " ".join(texts(plan)) + " ".join(texts(plan, "fr"))
    assert "revoke" in said and "révoqu" in said and exposed not in said
