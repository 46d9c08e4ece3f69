"""One module per step of the wizard; SCREENS maps each step's name to its screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from wizard.tui.screens.done import DoneScreen
from wizard.tui.screens.explain import ExplainScreen
from wizard.tui.screens.keys import OpenAIKeyScreen, OpenWebUIKeyScreen
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.tests import TestsScreen
from wizard.tui.screens.welcome import WelcomeScreen

SCREENS: dict[str, Callable[[], Screen[None]]] = {
    "welcome": WelcomeScreen,
    "explain": ExplainScreen,
    "openwebui": OpenWebUIKeyScreen,
    "openai": OpenAIKeyScreen,
    "tests": TestsScreen,
    "review": ReviewScreen,
    "done": DoneScreen,
}
