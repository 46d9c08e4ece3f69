"""Driving the wizard with Textual's Pilot: press buttons by id, type keys, wait for workers."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static


async def settle(pilot: Pilot[int]) -> None:
    """Let screens switch and workers finish (probes, file reads) before looking."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[int], button_id: str) -> None:
    button = pilot.app.screen.query_one(f"#{button_id}", Button)
    assert not button.disabled, f"#{button_id} is disabled"
    button.press()
    await settle(pilot)


async def write(pilot: Pilot[int]) -> None:
    """Press Write on the Review step, then skip the restart step (tested on its own)."""
    await press(pilot, "write")
    if step(pilot.app) == "deploy":
        await press(pilot, "skip")


async def type_key(pilot: Pilot[int], text: str, field: str = "key-input") -> None:
    """Paste-like: the whole text arrives in the field at once, as a bracketed paste does."""
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.focus()
    box.value = ""
    box.insert_text_at_cursor(text)
    await settle(pilot)


def screen_text(app: App[int]) -> str:
    """Every Static's text on the current screen, and the stepper (what the person reads)."""
    from wizard.tui.stepper import Stepper

    texts = [str(s.render()) for s in app.screen.query(Static)]
    texts += [str(s.render()) for s in app.screen.query(Stepper)]
    return "\n".join(texts)


def step(app: App[int]) -> str:
    return str(getattr(app.screen, "STEP", type(app.screen).__name__))
