"""A key field that says at once what was pasted: kind, masked form, expiry, what was cleaned.

Masked by default (a password input) with a show/hide toggle. Recognising a key is pure and
takes microseconds, so it runs on every keystroke; nothing here touches a file or the network.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input

from wizard.core.expiry import expiry_message
from wizard.core.i18n import Lang, Msg, t
from wizard.core.keys import PROBLEM_WRONG_PLACE, KeyKind, KeyReport, Slot, recognise_key
from wizard.tui.base import Words


def describe(report: KeyReport, slot: Slot, lang: Lang) -> list[tuple[str, str]]:
    """(css class, sentence) lines describing a pasted key; classes: ok, fix, problem, info."""
    if report.kind is KeyKind.UNKNOWN and not report.problems:
        return [("info", t("tui.field.empty", lang))]
    kind = t(f"kind.{report.kind.value}", lang)
    lines: list[tuple[str, str]] = []
    key = "tui.field.is" if report.usable else "tui.field.is-not-usable"
    lines.append(
        ("ok" if report.usable else "problem", t(key, lang, kind=kind, masked=report.masked or "—"))
    )
    lines += [("fix", "✓ " + t(f"fix.{code}", lang)) for code in report.fixes]
    for code in report.problems:
        message = f"problem.{code}"
        if code == PROBLEM_WRONG_PLACE:
            message = f"problem.wrong-place.{'openai' if slot is Slot.OPENAI else 'openwebui'}"
        params: dict[str, object] = {"service": report.other_service or ""}
        if report.expires_at is not None:
            from wizard.core.expiry import LocalDateTime

            params["when"] = LocalDateTime(report.expires_at).render(lang)
        lines.append(("problem", "✗ " + Msg(message, params).render(lang)))
    if report.usable:
        lines.append(("info", expiry_message(report, lang).render(lang)))
    return lines


class KeyField(Vertical):
    """A password-style input for one slot, and the live verdict under it."""

    BINDINGS = [Binding("ctrl+t", "toggle_visible", "Show/hide key")]

    class Recognised(Message):
        def __init__(self, field: KeyField, report: KeyReport) -> None:
            super().__init__()
            self.field = field
            self.report = report

    def __init__(self, slot: Slot, lang: Lang, value: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.slot = slot
        self.lang = lang
        self.initial = value
        self.report: KeyReport | None = None

    def compose(self) -> ComposeResult:
        yield Words(t("tui.field.label", self.lang), classes="label")
        with Horizontal(classes="field-row"):
            yield Input(
                self.initial,
                password=True,
                id="key-input",
                placeholder=t("tui.field.placeholder", self.lang),
            )
            yield Button("👁 " + t("tui.key.show", self.lang), id="toggle", classes="small")
        yield Vertical(id="verdict")

    def on_mount(self) -> None:
        self._show(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "key-input":
            self._show(event.value)  # the event goes on up: the screen keeps what was typed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "toggle":
            event.stop()
            self.action_toggle_visible()

    def action_toggle_visible(self) -> None:
        field = self.query_one("#key-input", Input)
        field.password = not field.password

    def _show(self, text: str) -> None:
        self.report = recognise_key(text, slot=self.slot) if text.strip() else None
        verdict = self.query_one("#verdict", Vertical)
        verdict.remove_children()
        if self.report is None:
            lines = [("info", t("tui.field.empty", self.lang))]
        else:
            lines = describe(self.report, self.slot, self.lang)
        verdict.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
        if self.report is not None:
            self.post_message(self.Recognised(self, self.report))

    @property
    def value(self) -> str:
        return self.query_one("#key-input", Input).value
