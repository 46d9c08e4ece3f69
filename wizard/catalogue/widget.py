"""Messages: widget."""

MESSAGES: dict[str, dict[str, str]] = {}
