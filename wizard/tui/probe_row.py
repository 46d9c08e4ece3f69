"""One live test on the tests step: its name, a spinner while it runs, then its verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, LoadingIndicator, Static

from wizard.core.i18n import Lang, t
from wizard.core.probes import ProbeResult
from wizard.tui.base import Words


class ProbeRow(Vertical):
    DEFAULT_CSS = """
    ProbeRow { height: auto; margin-bottom: 1; }
    ProbeRow .probe-line { height: auto; }
    ProbeRow .probe-name { width: 28; text-style: bold; }
    ProbeRow .spinner { width: 8; height: 1; }
    ProbeRow .probe-verdict { width: 1fr; }
    ProbeRow .probe-details { height: auto; padding-left: 2; }
    """

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

    @property
    def is_running(self) -> bool:
        return self.query_one(LoadingIndicator).display

    def running(self) -> None:
        self.query_one(LoadingIndicator).display = True
        self.query_one(".probe-verdict", Static).update("")
        self.query_one(".probe-details", Vertical).remove_children()

    def show(self, result: ProbeResult, lang: Lang) -> None:
        """The verdict; for a failure also why, what next, and a button to the step to fix."""
        from wizard.tui.probing import ICONS

        parts = result.diagnosis.explanation.render(lang)
        verdict = result.diagnosis.verdict.value
        details: list[Widget] = []
        if not result.ok:
            details = [
                Words(t("tui.tests.because", lang, text=parts["why"]), classes="why"),
                Words(t("tui.tests.todo", lang, text=parts["next"]), classes="next"),
                Button(t("tui.tests.fix", lang), id=f"fix-{self.probe}", classes="small"),
            ]
        self.finished(ICONS[verdict], parts["what"], verdict, details)

    def finished(self, icon: str, text: str, css: str, details: list[Widget]) -> None:
        self.query_one(LoadingIndicator).display = False
        verdict = self.query_one(".probe-verdict", Static)
        verdict.update(f"{icon} {text}")
        verdict.set_classes(f"probe-verdict verdict-{css}")
        box = self.query_one(".probe-details", Vertical)
        box.remove_children()
        box.mount_all(details)
