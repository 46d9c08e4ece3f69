"""The message catalogue: every sentence the product shows, in English and French.

One module per part of the product keeps edits apart; they are merged here into one
table (a part is loaded when one of its keys is first asked for), and a test checks every
entry has both languages with the same placeholders.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping

PARTS = (
    *("common", "keys", "files", "widget", "keystore", "status", "diagnosis", "plan", "account"),
    *("tui", "safety", "faults", "deploy", "monitoring", "cliargs"),
)
# The parts holding the keys that begin with each first word (`status.…` is in status.py): a
# message loads only those. `status` from cron needs five parts of fifteen.
# tests/test_catalogue.py checks this table against every key.
PARTS_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {
    "account": ("account",),
    "check": ("status", "account"),
    "cli": ("status", "cliargs"),
    "common": ("plan",),
    "date": ("common",),
    "demo": ("status",),
    "deploy": ("deploy",),
    "diag": ("diagnosis", "safety"),
    "expiry": ("common",),
    "faults": ("faults",),
    "files": ("files",),
    "fix": ("keys",),
    "identify": ("keys",),
    "keyflow": ("plan",),
    "keystore": ("keystore",),
    "kind": ("keys",),
    "login": ("account",),
    "many": ("monitoring",),
    "monitoring": ("monitoring",),
    "nagios": ("monitoring",),
    "openwebui": ("account",),
    "place": ("diagnosis",),
    "plan": ("plan",),
    "probe": ("diagnosis",),
    "problem": ("keys",),
    "reminder": ("monitoring",),
    "renew": ("account",),
    "safety": ("safety",),
    "severity": ("status",),
    "span": ("common",),
    "status": ("status",),
    "transport": ("safety",),
    "tui": ("account", "tui", "deploy"),
    "where": ("diagnosis",),
    "widget": ("widget",),
}


class Catalogue(Mapping[str, dict[str, str]]):
    """The table of every part, loaded part by part as keys are asked for; French typography
    (no-break spaces) is set on each entry the first time it is read."""

    def __init__(self) -> None:
        self._raw: dict[str, dict[str, str]] = {}
        self._loaded: set[str] = set()
        self._ready: dict[str, dict[str, str]] = {}

    def _load(self, parts: Iterable[str]) -> None:
        for name in parts:
            if name in self._loaded:
                continue
            part = importlib.import_module(f"wizard.core.catalogue.{name}")
            for key, entry in part.MESSAGES.items():
                if key in self._raw:
                    raise RuntimeError(f"message {key!r} defined twice ({part.__name__})")
                self._raw[key] = entry
            self._loaded.add(name)

    def _raw_entry(self, key: str) -> dict[str, str]:
        if key not in self._raw:
            self._load(PARTS_BY_FIRST_WORD.get(key.partition(".")[0], PARTS))
        if key not in self._raw:
            self._load(PARTS)  # a key the table does not place yet is still found
        return self._raw[key]

    def __getitem__(self, key: str) -> dict[str, str]:
        entry = self._ready.get(key)
        if entry is None:
            from wizard.core.typography import french_spacing  # French only: see text()

            raw = self._raw_entry(key)
            entry = {**raw, "fr": french_spacing(raw["fr"])} if "fr" in raw else raw
            self._ready[key] = entry
        return entry

    def text(self, key: str, lang: str) -> str:
        """One sentence in `lang`; French typography is set on French only, so an English run
        never compiles its patterns."""
        if lang == "fr":
            return self[key]["fr"]
        return self._raw_entry(key)[lang]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self._raw_entry(key)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        self._load(PARTS)
        return iter(self._raw)

    def __len__(self) -> int:
        self._load(PARTS)
        return len(self._raw)


MESSAGES = Catalogue()
