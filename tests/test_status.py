"""`status`: every problem the offline report finds, its severity, exit code and both languages.

The keyring is off here (`use_keyring=False`) except in the tests marked `keyring_service`,
which run against the real Secret Service that tests/run starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core.keys import Slot
from wizard.core.project import find_project
from wizard.core.secret import Secret
from wizard.core.status import ExitCode, Severity, project_status

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def make_project(
    root: Path, *, backend: str | None = None, voice: str | None = None, widget: str | None = None
) -> Path:
    for relative, text in (
        ("backend/.env", backend),
        ("websocket-server/.env", voice),
        ("chat-widget/technova-config.js", widget),
    ):
        if text is not None:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)
    return root


def codes(root: Path, **kwargs: object) -> dict[str, Severity]:
    report = project_status(find_project(root), now=NOW, use_keyring=False, **kwargs)
    return {p.code: p.severity for p in report.problems}


def jwt_expiring_in(days: float) -> str:
    return keyshapes.openwebui_jwt(exp=(NOW + timedelta(days=days)).timestamp())


def test_a_healthy_project_has_no_problem_and_exit_0(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        backend=f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n",
        voice=f"OPENAI_API_KEY={keyshapes.openai_project()}\n",
    )
    report = project_status(find_project(tmp_path), now=NOW, use_keyring=False)
    assert report.problems == []
    assert report.exit_code is ExitCode.OK
    assert [c.slot for c in report.credentials] == [Slot.OPENWEBUI, Slot.OPENAI]


def test_no_project_is_unknown_exit_3(tmp_path: Path) -> None:
    report = project_status(find_project(tmp_path), now=NOW, use_keyring=False)
    assert [p.code for p in report.problems] == ["project-not-found"]
    assert report.exit_code is ExitCode.UNKNOWN


@pytest.mark.parametrize(
    ("backend_key", "voice_key", "code"),
    [
        (keyshapes.openai_project(), keyshapes.openai_project(), "key-in-wrong-file"),
        (keyshapes.openwebui_api_key(), keyshapes.openwebui_api_key(), "key-in-wrong-file"),
    ],
)
def test_a_key_in_the_wrong_file_is_critical(
    tmp_path: Path, backend_key: str, voice_key: str, code: str
) -> None:
    make_project(
        tmp_path,
        backend=f"OPENWEBUI_API_KEY={backend_key}\n",
        voice=f"OPENAI_API_KEY={voice_key}\n",
    )
    assert codes(tmp_path)[code] is Severity.CRITICAL


@pytest.mark.parametrize(
    ("days", "code", "severity"),
    [
        (-3, "jwt-expired", Severity.CRITICAL),
        (4, "jwt-expiring", Severity.CRITICAL),
        (9, "jwt-expiring", Severity.WARNING),
    ],
)
def test_session_token_renewal_levels(
    tmp_path: Path, days: float, code: str, severity: Severity
) -> None:
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={jwt_expiring_in(days)}\n")
    found = codes(tmp_path)
    assert found[code] is severity


def test_a_distant_session_token_still_advises_an_api_key(tmp_path: Path) -> None:
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={jwt_expiring_in(25)}\n")
    found = codes(tmp_path)
    assert "jwt-expiring" not in found
    assert found["jwt-instead-of-api-key"] is Severity.INFO


def test_missing_files_and_missing_keys(tmp_path: Path) -> None:
    make_project(tmp_path, backend="OPENWEBUI_URL=http://localhost:3000\n")
    found = codes(tmp_path)
    assert found["missing-key.OPENWEBUI_API_KEY"] is Severity.CRITICAL
    assert found["voice-not-set-up"] is Severity.INFO  # voice is optional


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (keyshapes.openwebui_api_key()[:20], "truncated"),
        ("owui-1234567890abcdef", "made-up"),
        ("sk-ant-api03-" + "a" * 80, "other-service"),
        ("hello", "not-a-key"),
    ],
)
def test_an_unusable_key_is_critical(tmp_path: Path, value: str, reason: str) -> None:
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={value}\n")
    report = project_status(find_project(tmp_path), now=NOW, use_keyring=False)
    unusable = [p for p in report.problems if p.code == "key-unusable"]
    assert unusable and unusable[0].severity is Severity.CRITICAL
    assert report.exit_code is ExitCode.CRITICAL


def test_env_readable_by_others_is_a_warning(tmp_path: Path) -> None:
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    (tmp_path / "backend/.env").chmod(0o644)
    assert codes(tmp_path)["env-readable-by-others"] is Severity.WARNING


def test_secret_in_widget_config_is_critical_and_names_the_line(tmp_path: Path) -> None:
    key = keyshapes.openai_project()
    widget = f"window.TECHNOVA = {{\n  apiUrl: 'x',\n  apiKey: '{key}',\n}};\n"
    make_project(tmp_path, widget=widget)
    report = project_status(find_project(tmp_path), now=NOW, use_keyring=False)
    problem = next(p for p in report.problems if p.code == "secret-in-widget-config")
    text = problem.message.render("en")
    assert "line 3" in text and "apiKey" in text and key not in text


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )


def test_git_tracked_and_not_ignored(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        backend=f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n",
        voice=f"OPENAI_API_KEY={keyshapes.openai_project()}\n",
    )
    git(tmp_path, "init", "-q")
    assert codes(tmp_path)["env-not-gitignored"] is Severity.WARNING
    git(tmp_path, "add", "-f", "backend/.env")
    git(tmp_path, "commit", "-qm", "oops")
    found = codes(tmp_path)
    assert found["env-tracked-by-git"] is Severity.CRITICAL
    (tmp_path / ".gitignore").write_text(".env\n")
    git(tmp_path, "rm", "-q", "--cached", "backend/.env")
    assert not {"env-tracked-by-git", "env-not-gitignored"} & set(codes(tmp_path))


def test_an_unreadable_file_is_unknown_not_a_crash(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend/.env").write_bytes(b"OPENWEBUI_API_KEY=\xff\xfe\n")
    assert codes(tmp_path)["file-unreadable"] is Severity.UNKNOWN


# --- the keyring, for real ---------------------------------------------------------------------


@pytest.mark.keyring_service
def test_keyring_copy_missing_then_matching_then_different(tmp_path: Path) -> None:
    from wizard.core import keystore

    key = keyshapes.openwebui_api_key()
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={key}\n")
    project = find_project(tmp_path)
    try:
        found = {p.code for p in project_status(project, now=NOW).problems}
        assert "keyring-missing" in found
        keystore.save_key(Slot.OPENWEBUI, project.root, Secret(key))
        report = project_status(project, now=NOW)
        assert report.credentials[0].in_keyring is True
        assert not {"keyring-missing", "keyring-env-mismatch"} & {p.code for p in report.problems}
        keystore.save_key(Slot.OPENWEBUI, project.root, Secret(keyshapes.openwebui_api_key()))
        mismatch = [
            p for p in project_status(project, now=NOW).problems if p.code == "keyring-env-mismatch"
        ]
        assert mismatch and mismatch[0].severity is Severity.WARNING
    finally:
        keystore.delete_key(Slot.OPENWEBUI, project.root)


# --- the command ---------------------------------------------------------------------------------


def run_status(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "status", "--project", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_status_json_shape_and_exit_code(tmp_path: Path, lang: str) -> None:
    key = keyshapes.openwebui_jwt(exp=1753747456)
    make_project(tmp_path, backend=f"OPENWEBUI_API_KEY={key}\n")
    done = run_status(tmp_path, "--json", "--lang", lang)
    data = json.loads(done.stdout)
    assert done.returncode == data["exit"] == 2
    assert set(data) == {"project", "credentials", "problems", "exit"}
    credential = data["credentials"][0]
    assert credential["kind"] == "openwebui-jwt"
    assert credential["expires_at"] == "2025-07-29T00:04:16Z"
    assert credential["level"] == "expired"
    expired = next(p for p in data["problems"] if p["code"] == "jwt-expired")
    assert expired["severity"] == "critical" and expired["file"] == "backend/.env"
    assert ("expired" if lang == "en" else "expiré") in expired["message"]
    assert key not in done.stdout + done.stderr


@pytest.mark.parametrize(("lang", "words"), [("en", "Keys found:"), ("fr", "Clés trouvées\u00a0:")])
def test_status_text_in_both_languages(tmp_path: Path, lang: str, words: str) -> None:
    make_project(
        tmp_path,
        backend=f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n",
        voice=f"OPENAI_API_KEY={keyshapes.openai_project()}\n",
    )
    done = run_status(tmp_path, "--lang", lang)
    assert words in done.stdout
    assert done.returncode in (0, 1)  # 1 only when the test machine's keyring lacks the copy


def test_status_for_a_missing_project_exits_3_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--project", str(tmp_path), "--lang", "en"]) == 3
    out = capsys.readouterr().out
    assert "No TechNova project was found" in out and "--project" in out


@pytest.mark.parametrize(
    ("line", "extras"),
    [
        ('OPENAI_API_KEY="{key} "\n', "spaces or line breaks"),
        ("OPENAI_API_KEY='\"{key}\"'\n", "extra quotation marks"),
        ("OPENAI_API_KEY={key}\u200b\n", "invisible characters"),
        ("OPENAI_API_KEY=Bearer_{key}\n", None),  # not a recognisable key: reported as unusable
    ],
)
def test_a_key_stored_with_extras_is_critical(
    tmp_path: Path, line: str, extras: str | None
) -> None:
    key = keyshapes.openai_project()
    make_project(tmp_path, voice=line.format(key=key))
    report = project_status(find_project(tmp_path), now=NOW, use_keyring=False)
    found = {p.code: p for p in report.problems}
    if extras is None:
        assert "key-unusable" in found
        return
    problem = found["key-with-extras"]
    assert problem.severity is Severity.CRITICAL
    assert extras in problem.message.render("en") and key not in problem.message.render("fr")
