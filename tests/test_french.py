"""French typography over the whole catalogue: a no-break space before `:` `;` `?` `!` and
inside « », whatever part of the product a sentence belongs to."""

from __future__ import annotations

import pytest

from wizard.core.i18n import catalogue
from wizard.core.typography import NO_BREAK_SPACE, french_spacing, spacing_mistakes


def test_every_french_sentence_of_the_catalogue_is_spaced_right() -> None:
    wrong = {key: spacing_mistakes(entry["fr"]) for key, entry in catalogue().items()}
    assert {key: found for key, found in wrong.items() if found} == {}


@pytest.mark.parametrize(
    ("written", "typeset"),
    [
        ("Clés trouvées :", "Clés trouvées\u00a0:"),
        ("Pourquoi: parce que", "Pourquoi\u00a0: parce que"),
        ("Vraiment ? Oui !", "Vraiment\u00a0? Oui\u00a0!"),
        ("a ; b", "a\u00a0; b"),
        ("le mot « Bearer »", "le mot «\u00a0Bearer\u00a0»"),
        ("le mot «Bearer»", "le mot «\u00a0Bearer\u00a0»"),
        ("est-il là ?…", "est-il là\u00a0?…"),
        ("(une clé OpenAI !)", "(une clé OpenAI\u00a0!)"),
        # Left as they are: addresses, times, and code quoted in guillemets.
        ("https://platform.openai.com/api-keys", "https://platform.openai.com/api-keys"),
        ("wss://x/v1/realtime?model=gpt-realtime", "wss://x/v1/realtime?model=gpt-realtime"),
        ("à 02:04 (CEST)", "à 02:04 (CEST)"),
        (
            "l'en-tête « OpenAI-Beta: realtime=v1 »",
            "l'en-tête «\u00a0OpenAI-Beta: realtime=v1\u00a0»",
        ),
        ("Déjà\u00a0: bon", "Déjà\u00a0: bon"),
    ],
)
def test_the_typesetter(written: str, typeset: str) -> None:
    assert french_spacing(written) == typeset
    assert spacing_mistakes(typeset) == []
    assert french_spacing(typeset) == typeset  # applying it twice changes nothing


@pytest.mark.parametrize("text", ["Clés trouvées :", "Pourquoi: oui", "Oui !", "« x »", "«x»"])
def test_a_mistake_is_found(text: str) -> None:
    assert spacing_mistakes(text)
    assert NO_BREAK_SPACE not in text


def test_plurals_months_and_english_leftovers_in_french() -> None:
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    for key, entry in catalogue().items():
        french = entry["fr"]
        assert "(s)" not in french and "(s)" not in entry["en"], key
        assert not any(f" {month} " in f" {french} " for month in months), key


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_next_steps_name_a_place_and_a_command_that_exist(lang: str) -> None:
    from wizard.core.diagnosis import diagnose_openai_error, diagnose_openwebui_refusal

    error = {"code": "invalid_api_key", "type": "invalid_request_error", "message": "Incorrect"}
    for where, place in (
        ("voice", "websocket-server/.env"),
        ("openwebui-connection", "Open WebUI"),
    ):
        parts = diagnose_openai_error(401, error, where=where).explanation.render(lang)  # type: ignore[arg-type]
        assert place in parts["next"]
        # Never "put it in the OpenAI key in websocket-server/.env".
        assert {"en": "in the OpenAI key", "fr": "dans la clé OpenAI"}[lang] not in parts["next"]
    disabled = diagnose_openwebui_refusal(
        403,
        "Use of API key is not enabled in the environment.",
        key_kind="openwebui-api-key",
        jwt_expired=False,
        file="backend/.env",
    )
    assert "technova-setup login" in disabled.explanation.render(lang)["next"]  # type: ignore[arg-type]


def _options_of() -> dict[str, set[str]]:
    import argparse

    from wizard.cli.main import build_parser

    parser = build_parser()
    found = {"": {o for a in parser._actions for o in a.option_strings}}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = {o for a in sub._actions for o in a.option_strings}
    return found


def test_every_option_a_sentence_suggests_exists() -> None:
    import re

    options = _options_of()
    assert "--url" in options["login"] and "--url" not in options["renew"]
    for key, entry in catalogue().items():
        for lang in ("en", "fr"):
            text = entry[lang]
            # `technova-setup renew --url`: that command must have that option.
            for command, option in re.findall(r"technova-setup (\w[\w-]*) (--[a-z][a-z-]*)", text):
                if command in options:
                    assert option in options[command], (key, command, option)
            # `--url` belongs to login (and check's --openai-url): renew reads backend/.env.
            # Only login has it: a sentence suggesting it names login (renew, run from the
            # same message, reads OPENWEBUI_URL instead).
            for found in re.finditer(r"(?<![\w-])--url\b", text):
                assert "login" in text[: found.start()], (key, lang)
