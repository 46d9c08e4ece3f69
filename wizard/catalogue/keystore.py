"""Messages: keystore."""

MESSAGES: dict[str, dict[str, str]] = {}
