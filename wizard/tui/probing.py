"""What the tests step runs: the four live tests, what each one concerns, and its target."""

from __future__ import annotations

from wizard.core.diagnosis import Verdict
from wizard.core.keys import Slot
from wizard.core.probes import ProbeResult, ProbeTarget, Timeouts
from wizard.core.record import replace
from wizard.core.secret import Secret
from wizard.tui.state import WizardState

PROBES = ("openwebui", "chat", "openai", "realtime")
FIX_STEP = {"openwebui": "openwebui", "chat": "openwebui", "openai": "openai", "realtime": "openai"}
SLOT_OF = {"openwebui": Slot.OPENWEBUI, "chat": Slot.OPENWEBUI, "openai": Slot.OPENAI}
SLOT_OF["realtime"] = Slot.OPENAI
TIMEOUTS = Timeouts(connect=5, read=20, total=40)
ICONS = {"ok": "✓", "warning": "!", "critical": "✗", "unknown": "?"}


def refused(result: ProbeResult) -> bool:
    """A ✗: the test said no (not a warning, not "could not tell")."""
    return result.diagnosis.verdict is Verdict.CRITICAL


def probe_target(state: WizardState) -> ProbeTarget:
    """The project's own settings (files: call it in a thread), with the keys chosen here."""
    from wizard.core.checks import target_from_project

    base = target_from_project(state.project)

    def secret(slot: Slot) -> Secret | None:
        report = state.key_for(slot)
        return report.secret if report is not None else None

    return replace(
        base,
        openwebui_url=state.openwebui_url,
        openwebui_key=secret(Slot.OPENWEBUI),
        openai_key=secret(Slot.OPENAI),
        model=state.model,
    )
