"""The wheel carries everything the installed program needs: stand-ins, chat page, styles,
messages; and the installed script is the same program as `python -m wizard`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("technova_setup-*.whl"))


def test_the_wheel_holds_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "wizard/standins/widget.html",
        "wizard/standins/openai.py",
        "wizard/standins/openwebui.py",
        "wizard/standins/backend.py",
        "wizard/core/catalogue/__init__.py",
        "wizard/core/demo.py",
        "wizard/tui/__init__.py",
    }
    assert expected <= names, expected - names
    styles = {n for n in names if n.startswith("wizard/tui/") and n.endswith(".tcss")}
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "wizard/tui").rglob("*.tcss")}
    assert styles == sources and styles
    assert not any(n.startswith("tests/") for n in names)


def test_entry_point_is_the_cli(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    assert "technova-setup = wizard.cli.entry:run" in archive.read(entry).decode()


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["pipx", "uv"])
def test_installs_as_a_tool(tool: str, tmp_path: Path) -> None:
    """`pipx install .` and `uv tool install .`, each from a fresh environment; the installed
    program recognises a key and finds its chat page and styles."""
    import os

    venv = tmp_path / "tools"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin/pip"), "install", "-q", tool], check=True, timeout=300, capture_output=True
    )
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "PIPX_HOME": str(home / "pipx"),
        "PIPX_BIN_DIR": str(home / "bin"),
        "UV_TOOL_DIR": str(home / "uv-tools"),
        "UV_TOOL_BIN_DIR": str(home / "bin"),
        "XDG_DATA_HOME": str(home / "share"),
    }
    install = (
        [str(venv / "bin/pipx"), "install", str(ROOT)]
        if tool == "pipx"
        else [str(venv / "bin/uv"), "tool", "install", str(ROOT)]
    )
    done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    program = home / "bin/technova-setup"
    identified = subprocess.run(
        [str(program), "identify", "--json"],
        env=env,
        text=True,
        input="sk-0123456789abcdef0123456789abcdef\n",
        capture_output=True,
        timeout=60,
    )
    assert '"kind": "openwebui-api-key"' in identified.stdout
    python = program.resolve().parent / "python"
    found = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib.resources import files; "
            "print(files('wizard.standins').joinpath('widget.html').is_file(), "
            "files('wizard.tui').joinpath('wizard.tcss').is_file())",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.stdout.split() == ["True", "True"], found.stderr
