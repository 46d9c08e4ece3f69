"""TUI timings with Pilot: launch to the first screen ready, and keystroke to verdict."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path


async def _first_screen(project: Path) -> tuple[float, float]:
    from wizard.tui import make_app

    start = time.perf_counter()
    app = make_app(str(project), "en", renew=True)
    async with app.run_test(size=(100, 30)) as pilot:
        while getattr(app.screen, "STEP", None) != "openwebui":
            await pilot.pause()
        ready = time.perf_counter() - start
        field = app.screen.query_one("#key-input")
        verdicts = []
        for key in ("sk-0123456789abcdef0123456789abcdef", "sk-proj-" + "a" * 150):
            field.value = ""
            await pilot.pause()
            began = time.perf_counter()
            field.value = key
            await pilot.pause()  # the verdict is drawn on the next refresh
            verdicts.append(time.perf_counter() - began)
        return ready, statistics.median(verdicts)


def measure_tui(rounds: int) -> list[tuple[str, float, float, str]]:
    project = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    (project / "backend").mkdir()
    (project / "backend/.env").write_text("OPENWEBUI_URL=http://127.0.0.1:9\n")
    ready, verdict = [], []
    for _ in range(max(3, rounds // 3)):
        first, keystroke = asyncio.run(_first_screen(project))
        ready.append(first)
        verdict.append(keystroke)
    frame = 1 / 60
    return [
        (
            "TUI: launch to first screen ready (vs one 60 Hz frame)",
            statistics.median(ready),
            frame,
            "—",
        ),
        (
            "TUI: keystroke to verdict in the key field (vs one 60 Hz frame)",
            statistics.median(verdict),
            frame,
            "—",
        ),
    ]
