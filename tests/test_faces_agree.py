"""The wizard and the command line plan the same changes for the same project and key, and
both write through `apply_plan` (issue: one engine, two thin faces)."""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from wizard.cli.main import main
from wizard.core import account
from wizard.core.demo import DemoKeyring
from wizard.core.keys import Slot, recognise_key
from wizard.core.plan import plan_changes
from wizard.core.project import find_project
from wizard.core.secret import Secret
from wizard.standins.server import Demo, start_demo
from wizard.tui.plan_inputs import inputs_from_state
from wizard.tui.state import WizardState

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo() -> Iterator[Demo]:
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    with start_demo() as running:
        yield running
    keyring.set_keyring(previous)


def project_with_mistakes(root: Path, demo: Demo) -> Path:
    """A renewal on a project built like the folk guides' ones: the old Open WebUI key also
    pasted in the voice server's OPENAI_API_KEY, and a key in the widget file."""
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"PORT=3001\r\nOPENWEBUI_URL={demo.openwebui.url}\r\n"
        f"export OPENWEBUI_API_KEY={demo.openwebui_key}\r\n"
    )
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text(f"OPENAI_API_KEY={demo.openwebui_key}\n")
    (root / "chat-widget").mkdir()
    (root / "chat-widget/technova-config.js").write_text(
        "const TECHNOVA_CONFIG = {\n  backendUrl: 'http://localhost:3001',\n"
        "  apiKey: 'owui-1234567890abcdef',\n};\n"
    )
    return root


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_wizard_and_renew_show_the_same_plan(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    root = project_with_mistakes(tmp_path / "site", demo)
    new = account.create_api_key(demo.openwebui.url, Secret(demo.openwebui_key))
    project = find_project(root)
    state = WizardState(
        lang=lang,
        project=project,
        renew=True,  # type: ignore[arg-type]
        openwebui_url=demo.openwebui.url,
    )
    state.keys[Slot.OPENWEBUI] = recognise_key(new.reveal(), slot=Slot.OPENWEBUI)
    plan = plan_changes(project, inputs_from_state(state))
    wizard_lines = [c.description.render(lang) for c in plan.changes]  # type: ignore[arg-type]
    wizard_lines += [n.message.render(lang) for n in plan.notes]  # type: ignore[arg-type]
    assert any("OPENAI_API_KEY" in line for line in wizard_lines)  # the misplaced old key
    assert len(wizard_lines) >= 4

    monkeypatch.setattr("sys.stdin", io.StringIO(new.reveal() + "\n"))
    main(["renew", "--key-stdin", "--project", str(root), "--yes", "--lang", lang])
    printed = capsys.readouterr().out.splitlines()
    cli_lines = [line[4:] for line in printed if line.startswith(("  • ", "  ! "))]
    assert wizard_lines == cli_lines[: len(wizard_lines)]
    assert new.reveal() not in "\n".join(printed)


def test_both_faces_write_only_through_the_engine() -> None:
    """No face module imports the file, keyring or account internals: they call the engine's
    workflows (plan, keyflow, deploy, status, checks…)."""
    internals = {
        "wizard.core.files.envfile",
        "wizard.core.files.widget_config",
        "wizard.core.files.atomic",
        "wizard.core.files.gitignore",
        "wizard.core.keystore",
        "wizard.core.account",
    }
    offenders = []
    for path in [*(ROOT / "wizard/tui").rglob("*.py"), *(ROOT / "wizard/cli").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            hits = internals.intersection(names)
            if hits:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(hits)}")
    assert offenders == []
