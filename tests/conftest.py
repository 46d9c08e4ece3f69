import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Lets tests import the fake-key helpers next to them.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session", params=("0.12.4", "0.6.18"))
def real_openwebui(request: pytest.FixtureRequest) -> Iterator[object]:
    """A real Open WebUI for the whole session (marker `openwebui`), once per version: every
    test using it runs against 0.12.4 and against 0.6.18 (pytest keeps one alive at a time).

    Missing locally: the tests skip. In CI (.ci/run sets TECHNOVA_REQUIRE_OPENWEBUI=1) a
    missing or broken install fails the run loudly instead.
    """
    from realserver import openwebui_bin, start_real_openwebui

    version = str(request.param)
    binary = openwebui_bin(version)
    required = os.environ.get("TECHNOVA_REQUIRE_OPENWEBUI") == "1"
    if binary is None:
        if required:
            pytest.fail(f"Open WebUI {version} is not installed, but CI requires it (.ci/run)")
        pytest.skip(f"Open WebUI {version} is not installed (run .ci/run once, or see FACTS.md)")
    server = start_real_openwebui(binary, version)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def private_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Backups and recovery files go to the user's state folder: a fresh one per test, so no
    test writes to the real one (programs a test starts inherit it)."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (Textual's Pilot) run on asyncio, Textual's own loop."""
    return "asyncio"
