"""The architecture holds by contract: the engine (wizard.core) never imports a face or Textual.

import-linter's layers contract covers every module of `wizard.core` without a list to keep;
this test plants a forbidden import in a copy of the tree and checks that the contract breaks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=tree,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )


def copy_of_the_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "wizard", tree / "wizard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_real_tree_keeps_the_contracts(tmp_path: Path) -> None:
    done = lint(copy_of_the_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("core/keys.py", "import wizard.tui"),
        ("core/files/envfile.py", "from wizard.cli import main"),
        ("core/plan.py", "import textual"),
        ("core/brand_new_module.py", "from wizard.tui.app import WizardApp"),
    ],
)
def test_a_face_or_textual_imported_by_the_engine_breaks_the_contract(
    tmp_path: Path, module: str, planted: str
) -> None:
    tree = copy_of_the_tree(tmp_path)
    path = tree / "wizard" / module
    existing = path.read_text() if path.exists() else '"""A new engine module."""\n'
    path.write_text(existing + f"\n{planted}  # planted by the test\n")
    done = lint(tree)
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout.upper() or "broken" in done.stdout
