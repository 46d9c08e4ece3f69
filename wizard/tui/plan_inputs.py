"""The wizard's state turned into the engine's `PlanInputs` (the CLI builds the same)."""

from __future__ import annotations

from wizard.core.keys import CheckedKey, Slot, check_key
from wizard.core.plan import FailedCheck, PlanInputs
from wizard.tui.probing import SLOT_OF, refused
from wizard.tui.state import WizardState


def inputs_from_state(state: WizardState) -> PlanInputs:
    """New keys bound to their slots, the address with the Open WebUI key, the OpenAI key for
    Open WebUI's connection when an admin asked for it, and every refused live test."""
    keys: dict[Slot, CheckedKey] = {
        slot: check_key(report.secret, slot) for slot, report in state.keys.items()
    }
    session = state.session
    connection = keys.get(Slot.OPENAI) if state.set_connection and session is not None else None
    failed = tuple(
        FailedCheck(SLOT_OF[name], result.diagnosis.explanation.what)
        for name, result in state.results.items()
        if refused(result)
    )
    return PlanInputs(
        keys=tuple(keys.values()),
        openwebui_url=state.openwebui_url if Slot.OPENWEBUI in keys else None,
        connection_key=connection if session is not None and session.is_admin else None,
        failed_checks=failed,
        create_widget=not state.renew,  # a first setup writes the widget config if missing
    )
