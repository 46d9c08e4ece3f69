"""Messages: files."""

MESSAGES: dict[str, dict[str, str]] = {}
