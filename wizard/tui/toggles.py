"""A checkbox and a radio button whose state shows without colour: the mark is there or not.

Textual draws the same mark in both states and tells them apart by colour only, which a
light terminal, a screen reader's braille line or colour blindness can hide.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class Choice(RadioButton):
    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "●" if self.value else " "
