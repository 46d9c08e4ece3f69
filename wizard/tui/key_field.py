"""A key field that says at once what was pasted: kind, masked form, expiry, what was cleaned.

Masked by default (a password input) with a show/hide toggle. Recognising a key is pure and
takes microseconds, so it runs on every keystroke; nothing here touches a file or the network.
The Input's own value is Textual's; everything read from it becomes a `Secret` at once, so no
frame or attribute of ours holds key text in the clear (Textual's crash dump prints them).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input

from wizard.core.expiry import LocalDateTime, expiry_message
from wizard.core.i18n import Lang, Msg, t
from wizard.core.keys import PROBLEM_WRONG_PLACE, KeyKind, KeyReport, Slot, recognise_key
from wizard.core.secret import Secret
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
            params["when"] = LocalDateTime(report.expires_at).render(lang)
        lines.append(("problem", "✗ " + Msg(message, params).render(lang)))
    if report.usable:
        lines.append(("info", expiry_message(report, lang).render(lang)))
    return lines


class KeyInput(Input):
    """The password-style input. `?` in an empty field opens help (a key never starts with
    `?`); once something is typed, `?` is typed like any other character."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            await self.app.run_action("help")
            return
        await super()._on_key(event)


class KeyField(Vertical):
    """A password-style input for one slot, and the live verdict under it."""

    DEFAULT_CSS = """
    KeyField {
        height: auto;
        margin-top: 1;
    }
    KeyField #verdict {
        height: auto;
    }
    """
    BINDINGS = [Binding("ctrl+t", "toggle_visible", "Show/hide key")]

    @dataclass
    class Recognised(Message):
        """What the field holds now: None when it is empty."""

        field: KeyField
        report: KeyReport | None

    def __init__(
        self, slot: Slot, lang: Lang, initial: Secret | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.slot = slot
        self.lang = lang
        self.initial = initial or Secret("")
        self.report: KeyReport | None = None

    def compose(self) -> ComposeResult:
        yield Words(t("tui.field.label", self.lang), classes="label")
        with Horizontal(classes="field-row"):
            yield KeyInput(
                self.initial.reveal(),
                password=True,
                id="key-input",
                placeholder=t("tui.field.placeholder", self.lang),
            )
            yield Button("👁 " + t("tui.key.show", self.lang), id="toggle", classes="small")
        yield Vertical(id="verdict")

    def on_mount(self) -> None:
        self._show(self.initial)

    @on(Input.Changed, "#key-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show(Secret(event.value))  # the event goes on up: the screen keeps the value

    @on(Button.Pressed, "#toggle")
    def _toggle(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_toggle_visible()

    def action_toggle_visible(self) -> None:
        field = self.query_one("#key-input", Input)
        field.password = not field.password

    def _show(self, typed: Secret) -> None:
        blank = not typed.reveal().strip()
        self.report = None if blank else recognise_key(typed.reveal(), slot=self.slot)
        verdict = self.query_one("#verdict", Vertical)
        verdict.remove_children()
        if self.report is None:
            lines = [("info", t("tui.field.empty", self.lang))]
        else:
            lines = describe(self.report, self.slot, self.lang)
        verdict.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
        self.post_message(self.Recognised(self, self.report))

    @property
    def value(self) -> Secret:
        return Secret(self.query_one("#key-input", Input).value)

    def fill(self, text: str) -> None:
        """Put a key in the field (made by Open WebUI, or the demo's), as if pasted."""
        field = self.query_one("#key-input", Input)
        field.value = text
        field.focus()
