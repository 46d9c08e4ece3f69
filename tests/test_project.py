"""Finding the TechNova project and its files on disk."""

from __future__ import annotations

import subprocess
from pathlib import Path

from wizard.core.project import GitState, find_project, git_state, locate_widget_config


def _make(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")


def test_found_from_the_root_and_from_a_subfolder(tmp_path: Path) -> None:
    _make(tmp_path, "backend/.env", "websocket-server/.env", "chat-widget/technova-config.js")
    for start in (tmp_path, tmp_path / "backend", tmp_path / "websocket-server"):
        project = find_project(start)
        assert project.root == tmp_path.resolve()
        assert project.backend_env == tmp_path.resolve() / "backend/.env"
        assert project.voice_env == tmp_path.resolve() / "websocket-server/.env"
        assert project.relative(project.widget_config) == "chat-widget/technova-config.js"


def test_only_one_part_is_enough(tmp_path: Path) -> None:
    _make(tmp_path, "websocket-server/.env")
    project = find_project(tmp_path)
    assert project.root == tmp_path.resolve()
    assert project.has_any_file
    assert not project.backend_env.exists()


def test_the_widget_config_is_found_wherever_it_is(tmp_path: Path) -> None:
    _make(
        tmp_path,
        "backend/.env",
        "public/js/technova-config.js",
        "node_modules/x/technova-config.js",
    )
    assert locate_widget_config(tmp_path) == tmp_path / "public/js/technova-config.js"
    found = find_project(tmp_path).widget_config
    assert found == tmp_path.resolve() / "public/js/technova-config.js"


def test_an_empty_folder_is_a_new_project_at_the_default_places(tmp_path: Path) -> None:
    project = find_project(tmp_path)
    assert project.root == tmp_path.resolve()
    assert not project.has_any_file
    assert project.relative(project.widget_config) == "chat-widget/technova-config.js"


def test_git_state(tmp_path: Path) -> None:
    _make(tmp_path, "backend/.env", "websocket-server/.env")
    assert not git_state(tmp_path / "backend/.env").in_repository

    def run(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    run("init", "-q")
    assert git_state(tmp_path / "backend/.env") == GitState(True, tracked=False, ignored=False)
    (tmp_path / ".gitignore").write_text(".env\n")
    assert git_state(tmp_path / "backend/.env").ignored
    run("add", "-f", "websocket-server/.env")
    state = git_state(tmp_path / "websocket-server/.env")
    assert state.tracked
