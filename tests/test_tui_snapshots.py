"""Snapshots of every screen at 80×24 and 120×40, in English and French (pytest-textual-snapshot;
`--snapshot-update` to accept a deliberate change after looking at it).

Deterministic by construction: fixed made-up keys of the real shapes, servers at an address
where nothing listens (every probe is refused at once), the in-memory demo keyring, results
injected where a screen only shows them, and the cursor not blinking. Each test's project lives
in its own temporary folder (tests may run side by side); the pictures show it as
`/srv/technova-shop`, the one place where the folder's name would differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import settle

from wizard.core.demo import DemoKeyring
from wizard.core.diagnosis import Verdict, diagnosis
from wizard.core.i18n import Msg
from wizard.core.keys import Slot, recognise_key
from wizard.core.probes import ProbeResult
from wizard.core.reminder import cron_line
from wizard.tui import make_app
from wizard.tui.app import WizardApp

SHOWN_AS = Path("/srv/technova-shop")
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, a refusal comes at once
PROGRAM = "/usr/local/bin/technova-setup"
# Made-up keys of the real shapes (FACTS.md): never real secrets, fixed so snapshots match.
OWUI_KEY = "sk-0123456789abcdef0123456789abcdef"
NEW_OWUI_KEY = "sk-fedcba9876543210fedcba9876543210"  # the Review shows old → new
OPENAI_KEY = "sk-proj-" + "A1b2C3d4" * 9 + "xy" + "T3BlbkFJ" + "Z9y8X7w6" * 9 + "uv"
KEYS = (OWUI_KEY, NEW_OWUI_KEY, OPENAI_KEY)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
STEPS = ["welcome", "explain", "openwebui", "openai", "tests", "review", "done", "help"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from textual.widgets import Input as TextInput

    # Where the program is installed differs between machines: not part of the picture.
    monkeypatch.setattr("wizard.core.reminder.program_path", lambda: PROGRAM)
    monkeypatch.setattr(TextInput, "_toggle_cursor", lambda _self: None)  # no blinking
    root = tmp_path / "shop"
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    (root / "chat-widget").mkdir()
    (root / "backend/.env").write_text(
        f"PORT=3001\nOPENWEBUI_URL={NOWHERE}\nOPENWEBUI_API_KEY={OWUI_KEY}\n"
    )
    (root / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={OPENAI_KEY}\nOPENAI_BASE_URL={NOWHERE}/v1\n"
    )
    (root / "chat-widget/technova-config.js").write_text(
        f"window.TechNovaConfig = {{\n  backendUrl: 'http://localhost:3001',\n"
        f"  apiKey: '{OPENAI_KEY}',\n}};\n"
    )
    for env in ("backend/.env", "websocket-server/.env"):
        (root / env).chmod(0o600)
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    yield root
    keyring.set_keyring(previous)


def results() -> dict[str, ProbeResult]:
    return {
        "openwebui": ProbeResult(
            "openwebui", diagnosis("openwebui-ok", Verdict.OK, model="technova"), 42
        ),
        "chat": ProbeResult("chat", diagnosis("chat-ok", Verdict.OK), 310),
        "openai": ProbeResult(
            "openai",
            diagnosis("openai-invalid-key", Verdict.CRITICAL, where=Msg("where.voice"), status=401),
            120,
            401,
        ),
        "realtime": ProbeResult("realtime", diagnosis("realtime-ok", Verdict.OK), 230, 101),
    }


def show_fixed_folder(app: WizardApp) -> None:
    """The temporary folder's name, replaced where it is shown (header, folder field, cron)."""
    app.sub_title = str(SHOWN_AS)
    for field in app.screen.query("#folder").results(Input):
        field.value = str(SHOWN_AS)
    for line in app.screen.query("#cron").results(Static):
        line.update(cron_line(SHOWN_AS, app.state.lang, program=PROGRAM))


def go_to(step: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, WizardApp)
        state = app.state
        await settle(pilot)
        if step in ("openai", "tests", "review", "done"):
            state.keys[Slot.OPENWEBUI] = recognise_key(NEW_OWUI_KEY, slot=Slot.OPENWEBUI)
        if step in ("review", "done"):
            state.results.update(results())
        if step == "done":
            state.written = True
        if step == "help":
            await pilot.press("f1")
        elif step != "welcome":
            app.push_screen(app.make_screen(step))
        await settle(pilot)
        if step == "openwebui":
            await pilot.press(*"sk-ant-api03-abc")  # what the field says as one types
            await settle(pilot)
        show_fixed_folder(app)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("step", STEPS)
def test_screen(snap_compare, project: Path, step: str, size: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(str(project), "en")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=go_to(step))


@pytest.mark.parametrize("step", STEPS)
def test_screen_in_french(snap_compare, project: Path, step: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(str(project), "fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=go_to(step))


def test_no_snapshot_holds_a_key() -> None:
    """Every accepted SVG, searched for the keys and any 12-character run of them."""
    folder = Path(__file__).parent / "__snapshots__" / "test_tui_snapshots"
    svgs = list(folder.glob("*.svg"))
    assert svgs, "run the snapshot tests first (--snapshot-update once)"
    for svg in svgs:
        text = svg.read_text()
        for key in KEYS:
            runs = [key[i : i + 12] for i in range(len(key) - 11)]
            assert not any(run in text for run in runs), svg.name
