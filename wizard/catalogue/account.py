"""Messages: signing in to Open WebUI, its API keys, its OpenAI connection and models."""

MESSAGES: dict[str, dict[str, str]] = {}
