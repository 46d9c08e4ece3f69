"""Messages: the Textual wizard's screens."""

MESSAGES: dict[str, dict[str, str]] = {}
