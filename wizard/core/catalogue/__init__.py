"""The message catalogue: every sentence the product shows, in English and French.

One module per part of the product keeps edits apart; they are merged here into one
table, and a test checks every entry has both languages with the same placeholders.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from wizard.core.catalogue import (
    account,
    cliargs,
    common,
    deploy,
    diagnosis,
    faults,
    files,
    keys,
    keystore,
    monitoring,
    plan,
    safety,
    status,
    tui,
    widget,
)
from wizard.core.typography import french_spacing

_PARTS = (
    *(common, keys, files, widget, keystore, status, diagnosis, plan, account, tui, safety),
    faults,
    deploy,
    monitoring,
    cliargs,
)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in _PARTS:
        for key, entry in part.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message {key!r} defined twice ({part.__name__})")
            merged[key] = entry
    return merged


class _Catalogue(Mapping[str, dict[str, str]]):
    """The merged table; French typography (no-break spaces) is set on each entry the first
    time it is read, for every part at once — not on all of them when a cron run starts."""

    def __init__(self, raw: dict[str, dict[str, str]]) -> None:
        self._raw = raw
        self._ready: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: str) -> dict[str, str]:
        entry = self._ready.get(key)
        if entry is None:
            raw = self._raw[key]
            entry = {**raw, "fr": french_spacing(raw["fr"])} if "fr" in raw else raw
            self._ready[key] = entry
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


MESSAGES: Mapping[str, dict[str, str]] = _Catalogue(_merge())
