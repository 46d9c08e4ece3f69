"""Every message exists in French and English, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from wizard.core.i18n import LANGS, catalogue, detect_lang, placeholders

PACKAGE = Path(__file__).parent.parent / "wizard"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = catalogue()[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert placeholders(entry["en"]) == placeholders(entry["fr"]), key


def test_every_error_has_what_why_and_next() -> None:
    keys = set(catalogue())
    for key in keys:
        for part in ("what", "why", "next"):
            if key.endswith(f".{part}"):
                stem = key.rsplit(".", 1)[0]
                assert {f"{stem}.what", f"{stem}.why", f"{stem}.next"} <= keys, stem


def test_every_message_key_used_in_code_exists() -> None:
    """Literal keys passed to Msg(...) or WizardError(...) in the package are in the catalogue."""
    keys = set(catalogue())
    missing = []
    for path in PACKAGE.rglob("*.py"):
        if "catalogue" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(node, "func", None) and getattr(node.func, "id", "")
            if isinstance(node, ast.Call) and name in {"Msg", "WizardError"}:
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    key = first.value
                    wanted = key if name == "Msg" else f"{key}.what"
                    if wanted not in keys:
                        missing.append(f"{path.name}: {key}")
    assert not missing


def test_no_myth_is_stated() -> None:
    """FACTS.md, "Myths": these are only ever refuted, never stated."""
    for key, entry in catalogue().items():
        for text in entry.values():
            assert not re.search(r"90[ -](days|jours)", text), key
            if "owui-" in text:
                assert "never" in text or "jamais" in text, key


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US"}, "fr"),
        ({"LANGUAGE": "fr:en"}, "fr"),
        ({"LC_MESSAGES": "C", "LANG": "fr_FR"}, "en"),
    ],
)
def test_language_from_the_locale(environ: dict[str, str], lang: str) -> None:
    assert detect_lang(environ) == lang


def test_the_table_of_first_words_places_every_key_in_its_parts() -> None:
    """A message loads only the parts its first word names (status starts without the
    wizard's sentences): the table must name every part that holds such a key, and no other."""
    import importlib

    from wizard.core.catalogue import PARTS, PARTS_BY_FIRST_WORD

    found: dict[str, set[str]] = {}
    for name in PARTS:
        for key in importlib.import_module(f"wizard.core.catalogue.{name}").MESSAGES:
            found.setdefault(key.partition(".")[0], set()).add(name)
    assert {word: set(parts) for word, parts in PARTS_BY_FIRST_WORD.items()} == found


def test_a_key_loads_only_its_own_parts() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from wizard.core.i18n import Msg; Msg('status.keyring-unavailable')"
        ".render('fr'); print(sorted(m for m in sys.modules if 'core.catalogue.' in m))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['wizard.core.catalogue.status']"
