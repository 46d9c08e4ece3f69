"""`.env` added to `.gitignore` with consent: only when needed, every other byte kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from wizard.core.files.gitignore import env_files_to_ignore, ignore_env_files
from wizard.core.project import find_project


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    for env in ("backend/.env", "websocket-server/.env"):
        (tmp_path / env).parent.mkdir()
        (tmp_path / env).write_text("A=1\n")
    return tmp_path


def test_adds_one_line_and_keeps_the_rest(repo: Path) -> None:
    (repo / ".gitignore").write_bytes(b"node_modules/\r\n# build\r\ndist")
    project = find_project(repo)
    assert len(env_files_to_ignore(project)) == 2
    changed = ignore_env_files(project)
    assert changed == repo / ".gitignore"
    text = changed.read_bytes()
    assert text.startswith(b"node_modules/\r\n# build\r\ndist\r\n")
    assert text.endswith(b".env\r\n")
    assert env_files_to_ignore(project) == []
    assert ignore_env_files(project) is None  # a second run changes nothing


def test_creates_the_gitignore_when_missing(repo: Path) -> None:
    changed = ignore_env_files(find_project(repo))
    assert changed is not None and changed.read_text().splitlines()[-1] == ".env"


def test_outside_git_nothing_is_done(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend/.env").write_text("A=1\n")
    assert ignore_env_files(find_project(tmp_path)) is None
    assert not (tmp_path / ".gitignore").exists()
