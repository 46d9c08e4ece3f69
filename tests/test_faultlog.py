"""--debug: an unexpected fault's details go to a private file, with every secret masked."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core.faultlog import masked_text


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("TECHNOVA_SETUP_DEBUG", raising=False)
    (tmp_path / "site/backend").mkdir(parents=True)
    return tmp_path


def explode_with(secrets: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("while handling " + " and ".join(secrets))

    monkeypatch.setattr("wizard.core.status.project_status", explode)


def logs(state: Path) -> list[Path]:
    return sorted((state / "state/technova-setup/logs").glob("fault-*.log"))


@pytest.mark.parametrize("how", ["flag", "flag-before-command", "environment"])
def test_a_fault_is_written_masked_to_a_private_file_and_the_message_says_where(
    state: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    secrets = [
        keyshapes.openai_project(),
        keyshapes.openwebui_jwt(),
        keyshapes.openwebui_api_key(),
        "https://admin:Hunter2-pass@openwebui.example.com",
    ]
    explode_with(secrets, monkeypatch)
    args = ["status", "--project", str(state / "site"), "--lang", "en"]
    if how == "flag":
        args.append("--debug")
    elif how == "flag-before-command":
        args.insert(0, "--debug")
    else:
        monkeypatch.setenv("TECHNOVA_SETUP_DEBUG", "1")
    assert main(args) == 3
    err = capsys.readouterr().err
    [log] = logs(state)
    assert str(log) in err and "fault in technova-setup" in err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text()
    assert "RuntimeError" in text and "Traceback" in text and "project_status" in text
    for secret in [*secrets[:3], "Hunter2-pass"]:
        assert secret not in text and secret not in err
        assert secret[-12:] not in text


def test_without_debug_no_file_is_written_and_the_message_says_how(
    state: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    explode_with([keyshapes.openai_project()], monkeypatch)
    assert main(["status", "--project", str(state / "site"), "--lang", "fr"]) == 3
    assert "--debug" in capsys.readouterr().err and logs(state) == []


def test_masking_keeps_code_names_readable() -> None:
    text = masked_text('File "/x/wizard/core/plan.py", line 3, in wizard.core.plan.apply_plan')
    assert "wizard.core.plan.apply_plan" in text
    key = keyshapes.openai_project()
    assert re.search(r"sk-proj-…[\w-]{4}", masked_text(f"key={key}"))  # keys hold - and _
