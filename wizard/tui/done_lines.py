"""What the Done step says, from the project as re-read after writing (never from memory alone).

A test that passed is called "works" only when the file it reads has no problem now; every
problem still there is listed; a key that was readable in technova-config.js is named as
one to replace until a different key is written.
"""

from __future__ import annotations

from wizard.core.expiry import expiry_message
from wizard.core.i18n import Lang, Msg, t
from wizard.core.keys import KeyReport, Slot
from wizard.core.plan import Outcome, env_file_for
from wizard.core.status import Severity
from wizard.tui.probing import PROBES, SLOT_OF
from wizard.tui.project_view import ProjectView
from wizard.tui.state import WizardState

Line = tuple[str, str]  # (css class, sentence)
_ICONS = {"critical": "✗", "unknown": "?", "warning": "!", "info": "·"}
_SERIOUS = {Severity.CRITICAL, Severity.WARNING, Severity.UNKNOWN}


def done_lines(state: WizardState, view: ProjectView, outcome: Outcome | None) -> list[Line]:
    lang, project = state.lang, view.project
    problems = [p for p in view.status.problems if p.severity in _SERIOUS]
    troubled = {p.file for p in problems}
    lines: list[Line] = []
    for name in PROBES:
        label = t(f"probe.{name}", lang)
        result = state.results.get(name)
        file = project.relative(env_file_for(project, SLOT_OF[name]))
        if result is None:
            lines.append(("info", t("tui.done.untested", lang, name=label)))
        elif not result.ok:
            what = result.diagnosis.explanation.what.render(lang)
            lines.append(("problem", t("tui.done.fails", lang, name=label, what=what)))
        elif file in troubled:
            lines.append(("warning", t("tui.done.passed-but", lang, name=label, file=file)))
        else:
            lines.append(("ok", t("tui.done.works", lang, name=label)))
    order = [Severity.CRITICAL, Severity.UNKNOWN, Severity.WARNING]
    for problem in sorted(problems, key=lambda p: order.index(p.severity)):
        icon = _ICONS[problem.severity.value]
        lines.append((problem.severity.value, f"{icon} {problem.message.render(lang)}"))
    keys = view.settings.keys if view.settings is not None else {}
    exposed = state.exposed | view.exposed
    for slot in (Slot.OPENWEBUI, Slot.OPENAI):
        report = keys.get(slot)
        if report is not None:
            lines.append(("where", _where(state, view, slot, report, outcome)))
            if report.masked in exposed:
                lines.append(("problem", t(f"tui.done.exposed.{slot.value}", lang)))
    if outcome is not None:
        lines += [("warning", "! " + msg.render(lang)) for msg in outcome.skipped]
        if outcome.keyring_problem is not None:
            lines.append(("warning", "! " + outcome.keyring_problem.render(lang)))
    owui = keys.get(Slot.OPENWEBUI)
    if owui is not None:
        renewal = expiry_message(owui, lang).render(lang)
        lines.append(("renewal", t("tui.done.renewal", lang, text=renewal)))
    return lines


def _where(
    state: WizardState, view: ProjectView, slot: Slot, report: KeyReport, outcome: Outcome | None
) -> str:
    lang: Lang = state.lang
    in_keyring = outcome is not None and outcome.in_keyring and slot in state.keys
    return t(
        "tui.done.where",
        lang,
        kind=Msg(f"kind.{report.kind.value}").render(lang),
        masked=report.masked,
        file=view.project.relative(env_file_for(view.project, slot)),
        keyring=t("tui.done.and-keyring", lang) if in_keyring else "",
    )
