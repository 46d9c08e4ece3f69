"""One module per step of the wizard; SCREENS maps each step's name to its screen."""

from __future__ import annotations

from wizard.tui.base import WizardScreen
from wizard.tui.screens.deploy import DeployScreen
from wizard.tui.screens.done import DoneScreen
from wizard.tui.screens.explain import ExplainScreen
from wizard.tui.screens.openai import OpenAIKeyScreen
from wizard.tui.screens.openwebui import OpenWebUIKeyScreen
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.tests import TestsScreen
from wizard.tui.screens.welcome import WelcomeScreen

SCREENS: dict[str, type[WizardScreen]] = {
    "welcome": WelcomeScreen,
    "explain": ExplainScreen,
    "openwebui": OpenWebUIKeyScreen,
    "openai": OpenAIKeyScreen,
    "tests": TestsScreen,
    "review": ReviewScreen,
    "deploy": DeployScreen,
    "done": DoneScreen,
}
