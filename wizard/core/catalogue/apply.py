"""Messages: saving keys into the project (keyring, .env files)."""

MESSAGES: dict[str, dict[str, str]] = {
    "apply.wrong-slot.OPENWEBUI_API_KEY.what": {
        "en": "The key {masked} is an OpenAI key, not an Open WebUI key.",
        "fr": "La clé {masked} est une clé OpenAI, pas une clé Open WebUI.",
    },
    "apply.wrong-slot.OPENWEBUI_API_KEY.why": {
        "en": "The chat backend talks to your Open WebUI, which only accepts keys it made "
        "itself; the OpenAI key belongs inside Open WebUI's connection and in "
        "websocket-server/.env.",
        "fr": "Le backend du chat parle à votre Open WebUI, qui n'accepte que les clés qu'il a "
        "créées lui-même ; la clé OpenAI va dans la connexion d'Open WebUI et dans "
        "websocket-server/.env.",
    },
    "apply.wrong-slot.OPENWEBUI_API_KEY.next": {
        "en": "Nothing was written. In Open WebUI, open Settings › Account › API Keys, create "
        "a key, and paste that one here.",
        "fr": "Rien n'a été écrit. Dans Open WebUI, ouvrez Paramètres › Compte › Clés API, "
        "créez une clé, et collez-la ici.",
    },
    "apply.wrong-slot.OPENAI_API_KEY.what": {
        "en": "The key {masked} is an Open WebUI key, not an OpenAI key.",
        "fr": "La clé {masked} est une clé Open WebUI, pas une clé OpenAI.",
    },
    "apply.wrong-slot.OPENAI_API_KEY.why": {
        "en": "Open WebUI keys start with sk- like OpenAI's, but only your Open WebUI "
        "accepts them; OpenAI refuses them.",
        "fr": "Les clés Open WebUI commencent par sk- comme celles d'OpenAI, mais seul votre "
        "Open WebUI les accepte ; OpenAI les refuse.",
    },
    "apply.wrong-slot.OPENAI_API_KEY.next": {
        "en": "Nothing was written. Create an OpenAI key at "
        "https://platform.openai.com/api-keys and paste that one here.",
        "fr": "Rien n'a été écrit. Créez une clé OpenAI sur "
        "https://platform.openai.com/api-keys et collez-la ici.",
    },
    "apply.unusable.what": {
        "en": "The key {masked} cannot be saved: {reason}",
        "fr": "La clé {masked} ne peut pas être enregistrée : {reason}",
    },
    "apply.unusable.why": {
        "en": "A key that would be refused would only break the chat later.",
        "fr": "Une clé qui serait refusée ne ferait que casser le chat plus tard.",
    },
    "apply.unusable.next": {
        "en": "Nothing was written. Copy the whole key again from where it was made, and "
        "paste it again.",
        "fr": "Rien n'a été écrit. Copiez à nouveau la clé entière là où elle a été créée, et "
        "collez-la de nouveau.",
    },
}
