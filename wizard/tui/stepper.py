"""The two lines at the top of every step: the title with the project folder and a Help button
always in sight, then every step by name, done ones ticked, the current one marked.

Marks are characters (✓ done, ▶ here), so the state reads without colour. The names are
short on purpose: the whole line fits 80 columns in both languages.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button

from wizard.core.i18n import Lang, t

DONE, HERE = "✓", "▶"


def stepper_text(
    steps: tuple[str, ...], current: str, lang: Lang, width: int | None = None
) -> Text:
    """`✓ Start  ✓ Keys  ▶ Open WebUI  OpenAI  Tests  Review  Done`, styled. Should it not
    fit `width` (a narrower terminal, more steps), the done steps keep only their tick."""
    here = steps.index(current) if current in steps else -1
    for short in (False, True):
        line = Text()
        for index, step in enumerate(steps):
            if index:
                line.append("  " if not (short and index <= here) else " ")
            name = t(f"tui.stepname.{step}", lang)
            if index < here:
                line.append(DONE if short else f"{DONE} {name}", style="dim")
            elif index == here:
                line.append(f"{HERE} {name}", style="bold reverse")
            else:
                line.append(name)
        if width is None or line.cell_len <= width:
            break
    return line


class Stepper(Widget):
    """The steps, drawn for the width they get."""

    def __init__(self, steps: tuple[str, ...], current: str, lang: Lang) -> None:
        super().__init__(id="stepper")
        self.steps, self.current, self.lang = steps, current, lang

    def render(self) -> Text:
        return stepper_text(self.steps, self.current, self.lang, self.size.width)


class Title(Widget):
    """`TechNova setup — /the/project/folder`, following the app's title and sub-title."""

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._redraw, init=False)
        self.watch(self.app, "sub_title", self._redraw, init=False)

    def _redraw(self) -> None:
        self.refresh()

    def render(self) -> Text:
        return Text.assemble((self.app.title, "bold"), " — ", self.app.sub_title)


class TopBar(Vertical):
    DEFAULT_CSS = """
    TopBar { height: 2; background: $panel; }
    TopBar Horizontal { height: 1; padding: 0 1; }
    TopBar Title { width: 1fr; height: 1; }
    TopBar #help-button { height: 1; min-width: 0; width: auto; }
    TopBar #stepper { height: 1; padding: 0 1; }
    """

    def __init__(self, steps: tuple[str, ...], current: str, lang: Lang) -> None:
        super().__init__()
        self.steps, self.current, self.lang = steps, current, lang

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Title()
            help_button = Button(t("tui.help.button", self.lang), id="help-button", compact=True)
            help_button.can_focus = False  # for the mouse and the eye; F1 is the keyboard's way
            yield help_button
        yield Stepper(self.steps, self.current, self.lang)

    @on(Button.Pressed, "#help-button")
    async def open_help(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.run_action("help")
