"""Step 5: both paths tested live, side by side; each failure says what, why, and what next.

After a ✗ the focused button is "Back to fix it": Enter pressed again and again goes back to
the key, never on towards writing a key that was just refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer

from wizard.core.keys import KeyReport, Slot
from wizard.core.probes import ProbeResult, ProbeTarget, VersionRead
from wizard.tui.base import WizardScreen, Words
from wizard.tui.probe_row import ProbeRow
from wizard.tui.probing import FIX_STEP, PROBES, TIMEOUTS, probe_target, refused


class TestsScreen(WizardScreen):
    STEP = "tests"
    keys_when_left: tuple[KeyReport | None, ...] | None = None  # the keys tested, when left
    version_read: VersionRead | None = None  # this run's one read of Open WebUI's version

    @dataclass
    class TargetRead(Message):
        target: ProbeTarget

    @dataclass
    class ProbeDone(Message):
        name: str
        result: ProbeResult | None
        problem: str = ""  # a sentence when the test itself could not run

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(classes="page"):
            yield Words(self.t("tui.tests.heading"), classes="heading")
            version_line = Words("", id="openwebui-version")  # which Open WebUI answered
            version_line.display = False  # until a server says its version
            yield version_line
            for name in PROBES:
                yield ProbeRow(name, self.t(f"probe.{name}"))
        with Horizontal(classes="buttons actions"):
            yield Button(self.t("tui.tests.cancel"), id="cancel")
            yield Button(self.t("tui.tests.again"), id="again")
            yield Button(self.t("tui.tests.fix-first"), id="fix", variant="primary")
            yield Button(self.t("tui.tests.continue"), id="continue")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.run_all()

    def _keys_now(self) -> tuple[KeyReport | None, ...]:
        return tuple(self.state.key_for(slot) for slot in Slot)

    def on_screen_suspend(self) -> None:
        self.keys_when_left = self._keys_now()

    def on_screen_resume(self) -> None:
        # Back on this step with other keys (a modal or Escape brings it back): test again.
        if self.keys_when_left is not None and self.keys_when_left != self._keys_now():
            self.run_all()

    def rows(self) -> list[ProbeRow]:
        return list(self.query(ProbeRow))

    def run_all(self) -> None:
        self.state.results.clear()
        self.workers.cancel_group(self, "probes")
        for row in self.rows():
            row.running()
        self._update_buttons()
        self.read_target()

    @work(thread=True, group="probes", exclusive=True)
    def read_target(self) -> None:
        """The engine reads where each key would go (files: a thread)."""
        from textual.worker import get_current_worker

        try:
            target = probe_target(self.state)
        except Exception as error:  # a verdict, never a crash
            for name in PROBES:
                self.post_message(self.ProbeDone(name, None, self.explain(error)))
            return
        if not get_current_worker().is_cancelled:  # tests started again meanwhile
            self.post_message(self.TargetRead(target))

    @on(TargetRead)
    def _target_read(self, event: TargetRead) -> None:
        """Both addresses the keys go to are checked before anything is sent."""
        from wizard.tui.transport_question import ask_before_sending

        target = event.target
        urls = [target.openwebui_url]
        if not self.state.skip_voice:
            urls.append(target.openai_base_url)
        ask_before_sending(self, urls, lambda: self._start_probes(target), self._not_sent)

    def _not_sent(self) -> None:
        for row in self.rows():
            row.finished("·", self.t("tui.tests.not-sent"), "info", [])
        self._update_buttons()

    def _start_probes(self, target: ProbeTarget) -> None:
        # One `GET /api/version` for this run, shared by the two Open WebUI probes.
        self.version_read = VersionRead(self.state.openwebui_url, TIMEOUTS)
        for row in self.rows():
            if row.probe in ("openai", "realtime") and self.state.skip_voice:
                row.finished("·", self.t("tui.tests.skipped"), "info", [])
            else:
                self.run_probe(row.probe, target)
        self._update_buttons()

    @work(group="probes")
    async def run_probe(self, name: str, target: ProbeTarget) -> None:
        from wizard.core import probes

        try:
            if name in ("openwebui", "chat"):
                run_openwebui = {
                    "openwebui": probes.probe_openwebui,
                    "chat": probes.probe_chat_both_ways,
                }[name]
                result = await run_openwebui(target, TIMEOUTS, version=self.version_read)
            else:
                run = {"openai": probes.probe_openai, "realtime": probes.probe_realtime}[name]
                result = await run(target, TIMEOUTS)
            self.post_message(self.ProbeDone(name, result))
        except Exception as error:  # a verdict, never a crash
            self.post_message(self.ProbeDone(name, None, self.explain(error)))

    @on(ProbeDone)
    def _probe_done(self, event: ProbeDone) -> None:
        row = self.query_one(f"#row-{event.name}", ProbeRow)
        result = event.result
        if result is None:
            row.finished("?", event.problem, "unknown", [])
        else:
            self.state.results[event.name] = result
            version = result.openwebui_version
            if version is not None and version.reported is not None:
                label = version.label.render(self.state.lang)
                version_line = self.query_one("#openwebui-version", Words)
                version_line.update(self.t("tui.tests.openwebui-version", version=label))
                version_line.display = True
            row.show(result, self.state.lang)
        self._update_buttons()

    def first_refused(self) -> str | None:
        results = self.state.results
        return next((n for n in PROBES if n in results and refused(results[n])), None)

    def _update_buttons(self) -> None:
        """Cancel only while tests run; Continue once they end; after a ✗, "Back to fix it"
        is offered and focused, and Continue says "anyway"."""
        running = any(row.is_running for row in self.rows())
        failed = self.first_refused()
        self.query_one("#cancel", Button).disabled = not running
        fix = self.query_one("#fix", Button)
        fix.display = failed is not None
        go_on = self.query_one("#continue", Button)
        go_on.disabled = running
        go_on.label = self.t("tui.tests.continue-anyway" if failed else "tui.tests.continue")
        go_on.variant = "default" if failed else "primary"
        if failed is not None:
            fix.focus()
        elif not running:
            go_on.focus()
        else:
            self.set_focus(None)  # Enter does nothing until there is a verdict to act on

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.workers.cancel_group(self, "probes")
        for row in self.rows():
            if row.probe not in self.state.results and row.is_running:
                row.finished("·", self.t("tui.tests.cancelled"), "info", [])
        self._update_buttons()

    @on(Button.Pressed, "#again")
    def _again(self) -> None:
        self.run_all()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.workers.cancel_group(self, "probes")
        self.go_next()

    @on(Button.Pressed, "#fix")
    def _fix_first(self) -> None:
        failed = self.first_refused()
        if failed is not None:
            self.wizard.jump_to(FIX_STEP[failed])

    @on(Button.Pressed, ".probe-details Button")
    def _fix_one(self, event: Button.Pressed) -> None:
        self.wizard.jump_to(FIX_STEP[(event.button.id or "").removeprefix("fix-")])
