"""Step 5: both paths tested live, side by side; each failure says what, why, and what next."""

from __future__ import annotations

import dataclasses

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, LoadingIndicator, Static

from wizard.core.keys import Slot
from wizard.core.probes import ProbeResult, ProbeTarget, Timeouts
from wizard.core.secret import Secret
from wizard.tui.base import WizardScreen, Words

PROBES = ("openwebui", "chat", "openai", "realtime")
FIX_STEP = {"openwebui": "openwebui", "chat": "openwebui", "openai": "openai", "realtime": "openai"}
TIMEOUTS = Timeouts(connect=5, read=20, total=40)


class ProbeRow(Vertical):
    """One probe: its name, a spinner while it runs, then its verdict in words."""

    def __init__(self, name: str, label: str) -> None:
        super().__init__(id=f"row-{name}", classes="probe-row")
        self.probe = name
        self.label = label

    def compose(self) -> ComposeResult:
        with Horizontal(classes="probe-line"):
            yield Words(self.label, classes="probe-name")
            yield LoadingIndicator(classes="spinner")
            yield Words("", classes="probe-verdict")
        yield Vertical(classes="probe-details")

    def running(self) -> None:
        self.query_one(LoadingIndicator).display = True
        self.query_one(".probe-verdict", Static).update("")
        self.query_one(".probe-details", Vertical).remove_children()

    def finished(self, icon: str, text: str, css: str, details: list[Static]) -> None:
        self.query_one(LoadingIndicator).display = False
        verdict = self.query_one(".probe-verdict", Static)
        verdict.update(f"{icon} {text}")
        verdict.set_classes(f"probe-verdict verdict-{css}")
        box = self.query_one(".probe-details", Vertical)
        box.remove_children()
        box.mount_all(details)


class TestsScreen(WizardScreen):
    STEP = "tests"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page"):
            yield Words(self.step_label(), classes="step")
            yield Words(self.t("tui.tests.heading"), classes="heading")
            for name in PROBES:
                yield ProbeRow(name, self.t(f"probe.{name}"))
            with Horizontal(classes="buttons"):
                yield Button(self.t("tui.button.back"), id="back")
                yield Button(self.t("tui.tests.cancel"), id="cancel")
                yield Button(self.t("tui.tests.again"), id="again")
                yield Button(self.t("tui.tests.continue"), id="continue", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()  # Enter goes on, once the verdicts are read
        self.run_all()

    def on_screen_resume(self) -> None:
        # Back from fixing a key: test again with what is now typed.
        if self.is_mounted and self.state.results:
            self.run_all()

    def run_all(self) -> None:
        self.state.results.clear()
        self.workers.cancel_group(self, "probes")
        self.query_one("#continue", Button).label = self.t("tui.tests.continue")
        for name in PROBES:
            row = self.query_one(f"#row-{name}", ProbeRow)
            if name in ("openai", "realtime") and self.state.skip_voice:
                row.finished("·", self.t("tui.tests.skipped"), "info", [])
                continue
            row.running()
            self.run_probe(name)

    @work(group="probes")
    async def run_probe(self, name: str) -> None:
        from wizard.core import probes

        row = self.query_one(f"#row-{name}", ProbeRow)
        try:
            target = await self._target()
            run = {
                "openwebui": probes.probe_openwebui,
                "chat": probes.probe_chat_both_ways,
                "openai": probes.probe_openai,
                "realtime": probes.probe_realtime,
            }[name]
            result: ProbeResult = await run(target, TIMEOUTS)
        except Exception as error:  # a verdict, never a crash
            row.finished("?", self.explain(error), "unknown", [])
            return
        self.state.results[name] = result
        self.show(row, result)

    async def _target(self) -> ProbeTarget:
        """The project's own settings (read in a thread: files), with the keys typed here."""
        import asyncio

        from wizard.core.checks import target_from_project

        base = await asyncio.to_thread(target_from_project, self.state.project)

        def secret(slot: Slot) -> Secret | None:
            report = self.state.key_for(slot)
            return report.secret if report is not None else None

        return dataclasses.replace(
            base,
            openwebui_url=self.state.openwebui_url,
            openwebui_key=secret(Slot.OPENWEBUI),
            openai_key=secret(Slot.OPENAI),
            model=self.state.model,
        )

    def show(self, row: ProbeRow, result: ProbeResult) -> None:
        parts = result.diagnosis.explanation.render(self.state.lang)
        verdict = result.diagnosis.verdict.value
        icon = {"ok": "✓", "warning": "!", "critical": "✗", "unknown": "?"}[verdict]
        details: list[Static] = []
        if not result.ok:
            details = [
                Words(self.t("tui.tests.because", text=parts["why"]), classes="why"),
                Words(self.t("tui.tests.todo", text=parts["next"]), classes="next"),
                Button(self.t("tui.tests.fix"), id=f"fix-{row.probe}", classes="small fix"),
            ]  # type: ignore[list-item]
        row.finished(icon, parts["what"], verdict, details)
        if not result.ok:
            self.query_one("#continue", Button).label = self.t("tui.tests.continue-anyway")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "back":
            self.workers.cancel_group(self, "probes")
            self.action_back()
        elif button == "cancel":
            self.workers.cancel_group(self, "probes")
            for name in PROBES:
                row = self.query_one(f"#row-{name}", ProbeRow)
                if name not in self.state.results and row.query_one(LoadingIndicator).display:
                    row.finished("·", self.t("tui.tests.cancelled"), "info", [])
        elif button == "again":
            self.run_all()
        elif button == "continue":
            self.workers.cancel_group(self, "probes")
            self.go_next()
        elif button.startswith("fix-"):
            self.wizard.jump_to(FIX_STEP[button.removeprefix("fix-")])
