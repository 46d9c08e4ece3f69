"""A checkbox and a radio button whose state shows without colour: the mark is there or not.

Textual draws the same mark in both states and tells them apart by colour only, which a
light terminal, a screen reader's braille line or colour blindness can hide.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class Choice(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button
