"""Textual's crash dump prints every frame's local variables: a crash on the key screen must not
put the key in it. The key is held in `Secret`s (and Textual's own messages print no value)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import keyshapes
import pytest
from rich.console import Console
from tui_helpers import settle, type_key

from wizard.core.demo import DemoEnvironment, start_demo_environment
from wizard.tui import make_app

pytestmark = pytest.mark.anyio


class ForcedCrash(RuntimeError):
    pass


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    with start_demo_environment() as running:
        yield running


def recording_console() -> Console:
    """Stands for Textual's error console (stderr): keeps what the crash dump prints."""
    return Console(width=200, record=True, file=io.StringIO(), markup=False, highlight=False)


@pytest.mark.parametrize("where", ["describe", "expiry_message"])
async def test_a_crash_while_a_key_is_pasted_dumps_no_key(
    demo: DemoEnvironment, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    key = keyshapes.openwebui_api_key()

    def crash(*args: object, **kwargs: object) -> object:
        raise ForcedCrash("forced for the test")

    app = make_app(str(demo.project), "en", renew=True, demo=demo)
    app.error_console = recording_console()
    with pytest.raises(ForcedCrash):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            monkeypatch.setattr(f"wizard.tui.key_field.{where}", crash)
            await type_key(pilot, f"  {key} ")
            await settle(pilot)
    dump = app.error_console.export_text()
    assert "ForcedCrash" in dump and "Traceback" in dump  # the real dump, locals and all
    assert "Secret(" in dump  # the key was in scope, masked
    runs = {key[i : i + 12] for i in range(len(key) - 11)}
    assert not any(run in dump for run in runs), "the crash dump shows the key"
