"""Step 6: every change shown first (keys masked), then written on one press."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header

from wizard.core.keys import Slot
from wizard.tui.base import WizardScreen, Words
from wizard.tui.toggles import Tick


class ReviewScreen(WizardScreen):
    STEP = "review"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t("tui.review.heading"), classes="heading")
            yield Vertical(Words(self.t("tui.review.reading")), id="changes")
            yield Tick(
                self.t("tui.review.remove-secrets"),
                value=True,
                id="remove-secrets",
                classes="hidden",
            )
            yield Tick(self.t("tui.review.env-only"), value=False, id="env-only", classes="hidden")
            yield Tick(self.t("tui.review.gitignore"), value=True, id="gitignore", classes="hidden")
            yield Vertical(id="outcome")
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.button.back"), id="back")
                yield Button(
                    self.t("tui.review.write"), id="write", variant="success", disabled=True
                )
        yield Footer()

    def on_mount(self) -> None:
        self.prepare()

    @work(thread=True, exclusive=True, group="review")
    def prepare(self) -> None:
        """Read what would change (files and keyring: a thread, the screen stays live)."""
        from wizard.core import keystore
        from wizard.core.plan import plan_hygiene, plan_key, plan_widget

        state = self.state
        try:
            changes = []
            for slot, report in state.keys.items():
                settings = (
                    {"OPENWEBUI_URL": state.openwebui_url} if slot is Slot.OPENWEBUI else None
                )
                changes += plan_key(state.project, slot, report, settings)
            widget = plan_widget(state.project)
            hygiene = plan_hygiene(state.project, list(state.keys))
            keyring = keystore.keyring_info()
        except Exception as error:
            self.app.call_from_thread(self._show_error, self.explain(error))
            return
        self.app.call_from_thread(self._show_plan, changes, widget, keyring, hygiene)

    def _show_error(self, text: str) -> None:
        box = self.query_one("#changes", Vertical)
        box.remove_children()
        box.mount(Words(text, classes="verdict-problem"))

    def _show_plan(self, changes, widget, keyring, hygiene) -> None:  # type: ignore[no-untyped-def]
        lines: list[tuple[str, str]] = []
        for change in changes:
            lines.append(
                (
                    "info",
                    self.t(
                        "tui.review.change",
                        file=change.file,
                        variable=change.variable,
                        before=change.before or self.t("tui.review.new"),
                        after=change.after,
                    ),
                )
            )
        if not changes:
            lines.append(("info", self.t("tui.review.no-change")))
        where = self.state.project.relative(widget.path)
        for finding in widget.findings:
            lines.append(
                (
                    "problem",
                    self.t(
                        "tui.review.secrets",
                        file=where,
                        line=finding.line,
                        field=finding.field or "?",
                        masked=finding.masked,
                    ),
                )
            )
        if not widget.exists:
            lines.append(("info", self.t("tui.review.widget-new", file=where)))
        elif not widget.findings:
            lines.append(("ok", self.t("tui.review.widget-ok", file=where)))
        openai_key = self.state.keys.get(Slot.OPENAI)
        if self.state.set_connection and openai_key is not None:
            lines.append(("info", self.t("tui.review.connection", masked=openai_key.masked)))
        for file in hygiene.readable_by_others:
            lines.append(("warning", self.t("tui.review.private", file=file)))
        for file in hygiene.not_gitignored:
            lines.append(("warning", self.t("tui.review.not-ignored", file=file)))
        if keyring.usable:
            lines.append(("ok", self.t("tui.review.keyring", backend=keyring.backend)))
        else:
            reason = keyring.reason.render(self.state.lang) if keyring.reason else "—"
            lines.append(("warning", self.t("tui.review.no-keyring", reason=reason)))
        box = self.query_one("#changes", Vertical)
        box.remove_children()
        box.mount_all([Words(text, classes=f"verdict-{kind}") for kind, text in lines])
        self.query_one("#remove-secrets", Checkbox).set_class(not widget.findings, "hidden")
        self.query_one("#env-only", Checkbox).set_class(keyring.usable, "hidden")
        self.query_one("#gitignore", Checkbox).set_class(not hygiene.not_gitignored, "hidden")
        self.keyring_usable = keyring.usable
        self._update_write()
        focus = (
            self.query_one("#write", Button)
            if keyring.usable
            else self.query_one("#env-only", Checkbox)
        )
        focus.focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._update_write()

    def _update_write(self) -> None:
        usable = getattr(self, "keyring_usable", None)
        consent = usable or self.query_one("#env-only", Checkbox).value
        self.query_one("#write", Button).disabled = usable is None or not consent

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "back":
            self.action_back()
        elif event.button.id == "write":
            event.button.disabled = True
            self.query_one("#outcome", Vertical).mount(
                Words(self.t("tui.review.writing"), classes="verdict-info")
            )
            gitignore = self.query_one("#gitignore", Checkbox)
            self.write(
                self.query_one("#remove-secrets", Checkbox).value,
                bool(getattr(self, "keyring_usable", False)),
                gitignore.value and "hidden" not in gitignore.classes,
            )

    @work(thread=True, exclusive=True, group="write")
    def write(self, remove_secrets: bool, use_keyring: bool, gitignore: bool) -> None:
        from wizard.core.files.gitignore import ignore_env_files
        from wizard.core.plan import apply_widget, save_key

        state = self.state
        try:
            in_keyring = True
            for slot, report in state.keys.items():
                settings = (
                    {"OPENWEBUI_URL": state.openwebui_url} if slot is Slot.OPENWEBUI else None
                )
                result = save_key(
                    state.project, slot, report, use_keyring=use_keyring, settings=settings
                )
                in_keyring = in_keyring and result.in_keyring
            apply_widget(state.project, remove_found_secrets=remove_secrets, lang=state.lang)
            if gitignore:
                ignore_env_files(state.project)
            if state.set_connection and state.session is not None and Slot.OPENAI in state.keys:
                from wizard.core import account
                from wizard.core.checks import target_from_project

                base = target_from_project(state.project).openai_base_url
                account.set_openai_key(state.session, state.keys[Slot.OPENAI].secret, base)
        except Exception as error:
            self.app.call_from_thread(self._write_failed, self.explain(error))
            return
        self.app.call_from_thread(self._written, in_keyring and bool(state.keys))

    def _write_failed(self, text: str) -> None:
        box = self.query_one("#outcome", Vertical)
        box.remove_children()
        box.mount(Words(text, classes="verdict-problem"))
        self.query_one("#write", Button).disabled = False

    def _written(self, in_keyring: bool) -> None:
        self.state.written = True
        self.state.in_keyring = in_keyring
        self.go_next()
