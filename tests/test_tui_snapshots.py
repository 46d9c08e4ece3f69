"""Snapshots of every screen at 80×24 and 120×40 (pytest-textual-snapshot; `--snapshot-update`
to accept a deliberate change after looking at it).

Deterministic by construction: a fixed project folder, fixed made-up keys of the real shapes,
servers at an address where nothing listens (every probe is refused at once), the in-memory
demo keyring, and results injected where a screen only shows them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from textual.pilot import Pilot
from tui_helpers import settle

from wizard.core.demo import DemoKeyring
from wizard.core.diagnosis import Verdict, diagnosis
from wizard.core.keys import Slot, recognise_key
from wizard.core.probes import ProbeResult
from wizard.tui import make_app

ROOT = Path("/tmp/technova-snapshot-project")
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, a refusal comes at once
# Made-up keys of the real shapes (FACTS.md): never real secrets, fixed so snapshots match.
OWUI_KEY = "sk-0123456789abcdef0123456789abcdef"
OPENAI_KEY = "sk-proj-" + "A1b2C3d4" * 9 + "xy" + "T3BlbkFJ" + "Z9y8X7w6" * 9 + "uv"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def project(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Where the program is installed differs between machines: not part of the picture.
    monkeypatch.setattr(
        "wizard.core.reminder.program_path", lambda: "/usr/local/bin/technova-setup"
    )
    shutil.rmtree(ROOT, ignore_errors=True)
    (ROOT / "backend").mkdir(parents=True)
    (ROOT / "websocket-server").mkdir()
    (ROOT / "chat-widget").mkdir()
    (ROOT / "backend/.env").write_text(
        f"PORT=3001\nOPENWEBUI_URL={NOWHERE}\nOPENWEBUI_API_KEY={OWUI_KEY}\n"
    )
    (ROOT / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={OPENAI_KEY}\nOPENAI_BASE_URL={NOWHERE}/v1\n"
    )
    (ROOT / "chat-widget/technova-config.js").write_text(
        f"window.TechNovaConfig = {{\n  backendUrl: 'http://localhost:3001',\n"
        f"  apiKey: '{OPENAI_KEY}',\n}};\n"
    )
    for env in ("backend/.env", "websocket-server/.env"):
        (ROOT / env).chmod(0o600)
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    yield ROOT
    keyring.set_keyring(previous)
    shutil.rmtree(ROOT, ignore_errors=True)


def results() -> dict[str, ProbeResult]:
    return {
        "openwebui": ProbeResult(
            "openwebui", diagnosis("openwebui-ok", Verdict.OK, model="technova"), 42
        ),
        "chat": ProbeResult("chat", diagnosis("chat-ok", Verdict.OK), 310),
        "openai": ProbeResult(
            "openai",
            diagnosis("openai-invalid-key", Verdict.CRITICAL, where=_where(), status=401),
            120,
            401,
        ),
        "realtime": ProbeResult("realtime", diagnosis("realtime-ok", Verdict.OK), 230, 101),
    }


def _where():  # type: ignore[no-untyped-def]
    from wizard.core.i18n import Msg

    return Msg("where.voice")


def go_to(step: str, lang: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        app = pilot.app
        state = app.state  # type: ignore[attr-defined]
        await settle(pilot)
        if step in ("openai", "tests", "review", "done"):
            state.keys[Slot.OPENWEBUI] = recognise_key(OWUI_KEY, slot=Slot.OPENWEBUI)
        if step in ("tests", "review", "done"):
            state.keys[Slot.OPENAI] = recognise_key(OPENAI_KEY, slot=Slot.OPENAI)
        if step == "done":
            state.results.update(results())
            state.written = state.in_keyring = True
        if step == "help":
            await pilot.press("question_mark")
        elif step != "welcome":
            app.push_screen(app.make_screen(step))
        await settle(pilot)
        if step == "openwebui":
            await pilot.press(*"sk-ant-api03-abc")  # what the field says as one types
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize(
    "step", ["welcome", "explain", "openwebui", "openai", "tests", "review", "done", "help"]
)
def test_screen(snap_compare, project: Path, step: str, size: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(str(project), "en")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=go_to(step, "en"))


@pytest.mark.parametrize("step", ["welcome", "openwebui", "tests", "done"])
def test_screen_in_french(snap_compare, project: Path, step: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(str(project), "fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=go_to(step, "fr"))


def test_no_snapshot_holds_a_key() -> None:
    """Every accepted SVG, searched for the keys and any 12-character run of them."""
    folder = Path(__file__).parent / "__snapshots__" / "test_tui_snapshots"
    svgs = list(folder.glob("*.svg"))
    assert svgs, "run the snapshot tests first (--snapshot-update once)"
    for svg in svgs:
        text = svg.read_text()
        for key in (OWUI_KEY, OPENAI_KEY):
            runs = [key[i : i + 12] for i in range(len(key) - 11)]
            assert not any(run in text for run in runs), svg.name
