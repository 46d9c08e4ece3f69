"""Which Open WebUI answers: its version, as `GET /api/version` says, and what follows from it.

Two generations behave differently (FACTS.md, "Open WebUI 0.6.x"): 0.6.x, the folk guides'
era, and the newest we verified, 0.12.4. Only 0.6.18 and 0.12.4 were observed; any version
up to 0.6 counts as 0.6, and everything else, an unknown version included, as the newest
(its answers are the ones most sites will meet from now on).
"""

from __future__ import annotations

import re
from enum import StrEnum

from wizard.core.i18n import Msg, catalogue
from wizard.core.record import record

_VERSION = re.compile(r"^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?")
_MAX_SHOWN = 40  # characters of a reported version we repeat: it is hostile text


class Generation(StrEnum):
    V0_6 = "0.6"  # ENABLE_API_KEY, keys on by default, tokens that never expire
    V0_12 = "0.12"  # ENABLE_API_KEYS, keys off by default, `features.api_keys`


NEWEST = Generation.V0_12
VARIANT_SUFFIX = {Generation.V0_6: ".v0.6", Generation.V0_12: ""}


@record
class OpenWebUIVersion:
    """The version a server reported (None: it did not say) and how we treat it."""

    reported: str | None
    generation: Generation
    assumed: bool  # True: unknown or unreadable, so we behave as the newest known

    @property
    def is_legacy(self) -> bool:
        return self.generation is Generation.V0_6

    @property
    def label(self) -> Msg:
        """For people: "0.6.18", or a sentence saying it is unknown and what we assume."""
        if self.reported is None:
            return Msg("openwebui.version-unknown", {"assumed": NEWEST.value})
        if self.assumed:
            return Msg(
                "openwebui.version-unrecognised",
                {"version": self.reported, "assumed": NEWEST.value},
            )
        return Msg("openwebui.version", {"version": self.reported})

    def variant(self, key: str) -> str:
        """The catalogue key of `key` for this generation (`key.v0.6` on 0.6.x, if it exists)."""
        candidate = key + VARIANT_SUFFIX[self.generation]
        return candidate if candidate in catalogue() else key

    def msg(self, key: str, **params: object) -> Msg:
        return Msg(self.variant(key), params)


UNKNOWN = OpenWebUIVersion(None, NEWEST, assumed=True)


def parse_version(payload: object) -> OpenWebUIVersion:
    """The answer of `GET /api/version` (`{"version": "0.6.18"}`), whatever it holds."""
    text = payload.get("version") if isinstance(payload, dict) else None
    if not isinstance(text, str) or not text.strip():
        return UNKNOWN
    shown = "".join(c for c in text.strip()[:_MAX_SHOWN] if c.isprintable())
    match = _VERSION.match(shown)
    if match is None:
        return OpenWebUIVersion(shown, NEWEST, assumed=True)
    major, minor = int(match.group(1)), int(match.group(2))
    generation = Generation.V0_6 if (major, minor) <= (0, 6) else Generation.V0_12
    return OpenWebUIVersion(shown, generation, assumed=False)
