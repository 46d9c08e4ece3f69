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
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("technova_setup-*.whl"))


def test_the_wheel_holds_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"wizard/standins/widget.html", "wizard/standins/openai.py",
                "wizard/standins/openwebui.py", "wizard/standins/backend.py",
                "wizard/catalogue/__init__.py", "wizard/demo.py", "wizard/tui/__init__.py"}
    assert expected <= names, expected - names
    styles = {n for n in names if n.startswith("wizard/tui/") and n.endswith(".tcss")}
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "wizard/tui").rglob("*.tcss")}
    assert styles == sources and styles
    assert not any(n.startswith("tests/") for n in names)


def test_entry_point_is_the_cli(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    assert "technova-setup = wizard.cli:main" in archive.read(entry).decode()
