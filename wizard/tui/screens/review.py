"""Step 6: the engine's plan shown first (keys masked), then written on one press.

Every change and note comes from `plan_changes`; every consent the plan asks for is a
checkbox (the recommended ones ticked, a refused key or a link out of the project never);
`apply_plan` writes within what is ticked.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Checkbox, Footer

from wizard.core.i18n import Lang
from wizard.core.plan import Choice, Consent, Outcome, Plan
from wizard.tui.base import WizardScreen, Words
from wizard.tui.toggles import Tick

CHOICE_ORDER = tuple(Choice)


def plan_lines(plan: Plan, lang: Lang) -> list[tuple[str, str]]:
    """Each change, with the notes about its file right under it (a refused test next to the
    key it refused), then the other notes."""
    notes = list(plan.notes)
    lines: list[tuple[str, str]] = []
    for change in plan.changes:
        lines.append(
            ("warning" if change.warning else "info", "→ " + change.description.render(lang))
        )
        about = [n for n in notes if n.message.params.get("file") == change.target]
        for note in about:
            notes.remove(note)
            css = "warning note" if note.warning else "info note"  # indented under it
            lines.append((css, "! " + note.message.render(lang)))
    lines += [("warning" if n.warning else "info", "! " + n.message.render(lang)) for n in notes]
    return lines


class ReviewScreen(WizardScreen):
    STEP = "review"
    DEFAULT_CSS = "ReviewScreen .note { padding-left: 2; }"

    plan: reactive[Plan | None] = reactive(None, init=False)
    """The engine's plan, once read (None while it is being prepared)."""

    @dataclass
    class Planned(Message):
        plan: Plan

    @dataclass
    class Failed(Message):
        text: str

    @dataclass
    class Written(Message):
        outcome: Outcome

    @dataclass
    class Waiting(Message):
        """Another technova-setup holds the lock on a file: we wait for it."""

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
            yield Words(self.t("tui.review.heading"), classes="heading")
            yield Vertical(Words(self.t("tui.review.reading")), id="changes")
            yield Vertical(id="choices")
            yield Vertical(id="outcome")
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.button.back"), id="back")
            yield Button(self.t("tui.review.write"), id="write", variant="success", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.prepare()

    @work(thread=True, exclusive=True, group="review")
    def prepare(self) -> None:
        """The engine reads the files and the keyring (a thread: the screen stays live)."""
        from wizard.core.plan import plan_changes
        from wizard.tui.plan_inputs import inputs_from_state

        try:
            plan = plan_changes(self.state.project, inputs_from_state(self.state))
        except Exception as error:
            self.post_message(self.Failed(self.explain(error)))
            return
        self.post_message(self.Planned(plan))

    @on(Planned)
    def _planned(self, event: Planned) -> None:
        self.plan = event.plan

    def watch_plan(self, plan: Plan | None) -> None:
        if plan is None:
            return
        self._show(
            "#changes",
            plan_lines(plan, self.state.lang) or [("info", self.t("tui.review.no-change"))],
        )
        # The connection was asked for on the OpenAI step: that tick is the consent.
        ticked = plan.recommended | (
            {Choice.SET_CONNECTION} if self.state.set_connection else set()
        )
        self.query_one("#choices", Vertical).mount_all(
            Tick(self.t(f"tui.review.choice.{c}"), value=c in ticked, id=f"choice-{c}")
            for c in CHOICE_ORDER
            if c in plan.choices
        )
        self.call_after_refresh(self._focus_default)

    @property
    def consent(self) -> Consent:
        return Consent(frozenset(c for c in Choice if self._ticked(c)))

    def _ticked(self, choice: Choice) -> bool:
        boxes = self.query(f"#choice-{choice}").results(Checkbox)
        return any(box.value for box in boxes)

    @on(Checkbox.Changed)
    def _update_write(self) -> None:
        """Write needs the plan, and every consent without which nothing could be written; a
        refused key not allowed yet leaves the focus on Back (Enter never writes it)."""
        plan = self.plan
        write = self.query_one("#write", Button)
        write.disabled = plan is None or bool(plan.missing(self.consent))

    def _focus_default(self) -> None:
        self._update_write()
        plan, write = self.plan, self.query_one("#write", Button)
        risky = (
            {Choice.WRITE_REFUSED_KEY, Choice.FOLLOW_OUTSIDE_SYMLINK} & plan.choices
            if plan
            else set()
        )
        if write.disabled or risky - self.consent.granted:
            self.query_one("#back", Button).focus()
        else:
            write.focus()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        if self.plan is None:
            return
        self.query_one("#write", Button).disabled = True
        self._show("#outcome", [("info", self.t("tui.review.writing"))])
        self.write(self.plan, self.consent)

    @work(thread=True, exclusive=True, group="write")
    def write(self, plan: Plan, consent: Consent) -> None:
        from wizard.core.plan import apply_plan

        state = self.state
        try:
            outcome = apply_plan(
                state.project,
                plan,
                consent,
                session=state.session,
                on_wait=self._on_wait,
                lang=state.lang,
            )
        except Exception as error:
            self.post_message(self.Failed(self.explain(error)))
            return
        self.post_message(self.Written(outcome))

    def _on_wait(self) -> None:
        self.post_message(self.Waiting())

    @on(Waiting)
    def _waiting(self) -> None:
        self._show("#outcome", [("info", self.t("tui.review.waiting"))])

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self._show("#outcome" if self.plan is not None else "#changes", [("problem", event.text)])
        self.query_one("#write", Button).disabled = self.plan is None

    @on(Written)
    def _written(self, event: Written) -> None:
        self.state.written = True
        self.state.outcome = event.outcome
        self.go_next()

    def _show(self, where: str, lines: list[tuple[str, str]]) -> None:
        box = self.query_one(where, Vertical)
        box.remove_children()
        box.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
