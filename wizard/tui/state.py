"""What the person has chosen and typed so far: kept by the app, so going back loses nothing.

Plain data (no Textual): screens read and change it; the engine calls use it. Anything that
holds key text is a `Secret` (or a `KeyReport`, which holds one): Textual's crash dump prints
local variables and attributes, and it must never print a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.i18n import Lang
from wizard.core.keys import KeyReport, Slot
from wizard.core.probes import ProbeResult
from wizard.core.project import DEFAULT_MODEL, DEFAULT_OPENWEBUI_URL, Project
from wizard.core.secret import Secret

if TYPE_CHECKING:
    from wizard.core.demo import DemoEnvironment
    from wizard.core.keyflow import Session
    from wizard.core.plan import Outcome

# The order of the first setup; renewal starts at the Open WebUI key and skips the rest.
# "deploy" gets the written keys to the running backend and proves the site answers.
FIRST_SETUP = ("welcome", "explain", "openwebui", "openai", "tests", "review", "deploy", "done")
RENEWAL = ("openwebui", "tests", "review", "deploy", "done")


@dataclass
class WizardState:
    lang: Lang
    project: Project
    renew: bool = False
    demo: DemoEnvironment | None = None  # when running `--demo`
    openwebui_url: str = DEFAULT_OPENWEBUI_URL
    model: str = DEFAULT_MODEL
    typed: dict[Slot, Secret] = field(default_factory=dict)  # what is in each key field
    keys: dict[Slot, KeyReport] = field(default_factory=dict)  # the keys accepted for writing
    current: dict[Slot, KeyReport] = field(default_factory=dict)  # what the .env files hold now
    # Masked forms of the keys found in technova-config.js: every visitor could read them, so
    # a current key among them must be replaced, never kept.
    exposed: frozenset[str] = frozenset()
    skip_voice: bool = False
    # The Open WebUI session of "Make the key for me" (memory only): an admin's lets the
    # wizard also put the OpenAI key in Open WebUI's connection, if the person agrees.
    session: Session | None = None
    program: str = "technova-setup"  # how cron should start this program (found at launch)
    set_connection: bool = False
    # Plain-http addresses (not this computer) the person agreed to send keys to.
    allowed_plain_http: frozenset[str] = frozenset()
    results: dict[str, ProbeResult] = field(default_factory=dict)
    written: bool = False
    outcome: Outcome | None = None  # what the engine wrote (the Done step shows it)

    @property
    def steps(self) -> tuple[str, ...]:
        return RENEWAL if self.renew else FIRST_SETUP

    @property
    def unsaved(self) -> bool:
        """Something typed or chosen that is not written yet (Ctrl+Q then asks)."""
        return not self.written and (bool(self.keys) or any(self.typed.values()))

    def key_for(self, slot: Slot) -> KeyReport | None:
        """The key the checks and the files will use: the new one, else the current one."""
        return self.keys.get(slot) or self.current.get(slot)

    def is_exposed(self, report: KeyReport | None) -> bool:
        """True when this key was found in technova-config.js (every visitor could read it)."""
        return report is not None and bool(report.secret) and report.masked in self.exposed
