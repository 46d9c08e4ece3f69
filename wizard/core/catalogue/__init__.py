"""The message catalogue: every sentence the product shows, in English and French.

One module per part of the product keeps edits apart; they are merged here into one
table, and a test checks every entry has both languages with the same placeholders.
"""

from __future__ import annotations

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
            # French typography (no-break spaces) is set here, once, for every part.
            merged[key] = {**entry, "fr": french_spacing(entry["fr"])} if "fr" in entry else entry
    return merged


MESSAGES = _merge()
