"""Git and keys: any file git publishes (or would) that holds a key is reported; a repository
owned by another user is still checked, or reported as not checked, never as fine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import keyshapes
import pytest

from wizard.core.project import find_project, git_state
from wizard.core.status import Severity, project_status

ROOT = Path(__file__).resolve().parent.parent
KEY = keyshapes.openwebui_api_key()
OPENAI_KEY = keyshapes.openai_project()


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", f"safe.directory={root}", "-C", str(root), *args],
        capture_output=True,
        check=True,
    )


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    (root / "backend/.env").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    (root / ".gitignore").write_text(".env\n")
    _git(root, "init", "-q")
    return root


def _problems(root: Path) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for problem in project_status(find_project(root), use_keyring=False).problems:
        found.setdefault(problem.code, []).append(problem.file)
    return found


def test_an_old_backup_git_would_add_is_reported(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    # The name older versions (and folk guides' `cp .env .env.bak`) give a backup: `.env`
    # in .gitignore does not cover it.
    (root / "backend/.env.bak-20250101-120000").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    (root / "notes.txt").write_text(f"voice key: {OPENAI_KEY}\n")
    (root / "README.md").write_text("no key here, only sk-... as an example\n")
    problems = _problems(root)
    assert sorted(problems["key-would-be-added"]) == [  # type: ignore[type-var]
        "backend/.env.bak-20250101-120000",
        "notes.txt",
    ]
    assert "env-not-gitignored" not in problems


def test_a_committed_copy_holding_a_key_is_critical(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "backend/env.old").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    _git(root, "add", "backend/env.old")
    report = project_status(find_project(root), use_keyring=False)
    found = [p for p in report.problems if p.code == "key-tracked-by-git"]
    assert [p.file for p in found] == ["backend/env.old"]
    assert found[0].severity is Severity.CRITICAL
    text = found[0].message.render("en") + found[0].message.render("fr")
    assert KEY not in text and KEY[-4:] in text  # masked, never whole


def test_an_ignored_backup_is_not_reported(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".gitignore").write_text(".env\n*.bak\n")
    (root / "backend/old.bak").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    assert "key-would-be-added" not in _problems(root)


def _give_to_nobody(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.lchown(name, 65534, 65534)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a repository to another user")
def test_a_repository_owned_by_another_user_is_still_checked(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".gitignore").unlink()  # so there is something to find
    (root / "backend/copy.env.txt").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    _give_to_nobody(root)
    # Plain git refuses this repository ("dubious ownership"): the danger of looking fine.
    refused = subprocess.run(
        ["git", "-C", str(root), "status"], capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0 and "dubious ownership" in refused.stderr
    state = git_state(root / "backend/.env")
    assert state.in_repository and state.checked and not state.ignored
    problems = _problems(root)
    assert problems["env-not-gitignored"] == ["backend/.env"]
    assert problems["key-would-be-added"] == ["backend/copy.env.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as nobody (setpriv)")
@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv is not installed")
def test_nobody_checking_a_root_owned_repository_is_not_told_all_is_well() -> None:
    """`status` run by `nobody` in root's repository: git calls it dubious ownership."""
    base = Path(tempfile.mkdtemp(prefix="technova-git-"))
    try:
        base.chmod(0o755)
        root = _repo(base)
        (root / ".gitignore").unlink()
        home = base / "home"
        home.mkdir()
        os.chown(home, 65534, 65534)
        script = (
            "import sys\n"
            "from wizard.core.project import find_project\n"
            "from wizard.core.status import project_status\n"
            "r = project_status(find_project(sys.argv[1]), use_keyring=False)\n"
            "print(' '.join(p.code for p in r.problems))\n"
        )
        done = subprocess.run(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-c",
                script,
                str(root),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            cwd=ROOT,
            env={
                **os.environ,
                "HOME": str(home),
                "XDG_STATE_HOME": str(home / "state"),
                "PYTHONPATH": str(ROOT),
            },
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    codes = done.stdout.split()
    # Checked (the missing .gitignore line is reported), or said to be unchecked: never fine.
    assert "env-not-gitignored" in codes or "git-could-not-check" in codes, codes


def test_a_repository_git_cannot_read_is_reported_as_not_checked(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    (root / ".git").write_text("gitdir: /nonexistent/broken\n")  # a worktree whose repo is gone
    state = git_state(root / "backend/.env")
    assert state.in_repository and not state.checked
    problems = _problems(root)
    assert "git-could-not-check" in problems
    assert not {"env-not-gitignored", "env-tracked-by-git"} & set(problems)


def test_a_hostile_repository_config_runs_nothing(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    marker = tmp_path / "ran"
    # A repository's own config could run a program on `git status` (fsmonitor).
    _git(root, "config", "core.fsmonitor", f"touch {marker}; false")
    _problems(root)
    assert not marker.exists()
