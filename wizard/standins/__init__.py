"""Stand-ins for OpenAI and Open WebUI on loopback: the product's tests and `--demo` mode.

`make_openai_app(OpenAIState(...))` and `make_openwebui_app(OpenWebUIState(...))` build the
apps; `run_in_thread(app)` serves one in a background thread; `start_demo()` starts both,
wired together. `python -m wizard.standins` does that and prints their URLs and demo keys.
"""

from wizard.standins.openai import OpenAIState, make_openai_app, new_openai_key, openai_mask
from wizard.standins.openwebui import (
    CustomModel,
    OpenWebUIState,
    User,
    make_openwebui_app,
    new_openwebui_api_key,
)
from wizard.standins.server import BackgroundServer, Demo, run_in_thread, start_demo

__all__ = [
    "BackgroundServer",
    "CustomModel",
    "Demo",
    "OpenAIState",
    "OpenWebUIState",
    "User",
    "make_openai_app",
    "make_openwebui_app",
    "new_openai_key",
    "new_openwebui_api_key",
    "openai_mask",
    "run_in_thread",
    "start_demo",
]
