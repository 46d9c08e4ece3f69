"""Fuzzing the three parsers of untrusted text: the key recogniser, the .env editor and the
widget-config reader. Whatever the input, the only exception allowed is our own WizardError,
and no output ever carries more of a key than its mask.

FUZZ_EXAMPLES sets the number of inputs per target (CI: 34,000 each, ~100,000 in all).
"""

from __future__ import annotations

import os
import string

import keyshapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.errors import WizardError
from wizard.core.files.widget_config import (
    find_secrets,
    remove_secrets,
)
from wizard.core.keys import KeyKind, Slot, recognise_key

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1500"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that looks like what people paste: pieces of real keys mixed with noise.
NOISE = st.sampled_from(
    [
        " ",
        "\n",
        "\r\n",
        "\t",
        '"',
        "'",
        "\u200b",
        "\u00a0",
        "\ufeff",
        "Bearer ",
        "OPENAI_API_KEY=",
        "export ",
        "#",
        "=",
        "sk-",
        "eyJ",
        "owui-",
        "sk-ant-",
        "AIza",
        "T3BlbkFJ",
        ".",
        "-",
        "_",
    ]
)
KEYS = st.sampled_from(sorted(keyshapes.every_kind().values()))


@st.composite
def pasted_text(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(NOISE, st.text(max_size=40), KEYS, KEYS.map(lambda k: k[: len(k) // 2])),
            max_size=6,
        )
    )
    return "".join(parts)


# What each kind's text must start with ("" for a text we do not recognise).
KIND_PREFIXES = {
    KeyKind.OPENAI_PROJECT: "sk-proj-",
    KeyKind.OPENAI_SERVICE_ACCOUNT: "sk-svcacct-",
    KeyKind.OPENAI_ADMIN: "sk-admin-",
    KeyKind.OPENAI_LEGACY: "sk-",
    KeyKind.OPENWEBUI_API_KEY: "sk-",
    KeyKind.OPENWEBUI_JWT: "eyJ",
    KeyKind.UNKNOWN: "",
}


@FUZZ
@given(text=pasted_text(), slot=st.sampled_from([None, Slot.OPENAI, Slot.OPENWEBUI]))
def test_the_recogniser_never_fails_and_never_shows_more_than_the_mask(
    text: str, slot: Slot | None
) -> None:
    report = recognise_key(text, slot=slot)
    assert isinstance(report.kind, KeyKind)
    secret = report.secret.reveal()
    # Never more than 8 + 4 characters shown, and at least two thirds of any value hidden.
    shown = report.masked.replace("…", "")
    assert len(shown) <= 12 and len(shown) <= len(secret) / 3 + 0.5
    if len(secret) > 12:
        assert secret not in report.masked and secret not in repr(report)
    # The kind always agrees with what the text starts with.
    assert secret.startswith(KIND_PREFIXES[report.kind])
    if report.usable:
        assert report.kind is not KeyKind.UNKNOWN and report.belongs_in is not None


ENV_LINE = st.one_of(
    st.text(alphabet=string.printable, max_size=60),
    st.builds(
        lambda k, v: f"{k}={v}",
        st.sampled_from(["OPENWEBUI_API_KEY", "PORT", "A"]),
        st.text(max_size=40),
    ),
    st.sampled_from(
        [
            "# comment",
            "",
            "export OPENWEBUI_API_KEY='x'",
            'OPENWEBUI_API_KEY="a\nb"',
            "OPENWEBUI_API_KEY=${HOME}",
            "=",
            "\ufeffA=1",
            "A='unterminated",
        ]
    ),
)


@FUZZ
@given(
    lines=st.lists(ENV_LINE, max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    value=st.one_of(KEYS, st.text(max_size=30)),
)
def test_the_env_editor_raises_only_our_errors(lines: list[str], newline: str, value: str) -> None:
    from wizard.core.files.envfile import set_values

    text = newline.join(lines)
    try:
        result = set_values(text, {"OPENWEBUI_API_KEY": value})
    except WizardError:
        return
    assert isinstance(result, str)


JS_PIECE = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "window.TechNovaConfig = {",
            "}",
            "};",
            "apiKey: ",
            "'",
            '"',
            "`",
            "${",
            "//",
            "/*",
            "*/",
            "/re/g",
            "\\",
            ",",
            ":",
            "backendUrl: 'http://x'",
            "\n",
            "const a = ",
            "export default {",
        ]
    ),
    KEYS.map(lambda k: f"'{k}'"),
)


@FUZZ
@given(pieces=st.lists(JS_PIECE, max_size=12))
def test_the_widget_reader_raises_only_our_errors_and_never_leaks(pieces: list[str]) -> None:
    text = "".join(pieces)
    findings = find_secrets(text)
    for finding in findings:
        assert len(finding.masked.replace("…", "")) <= 12
    cleaned, removed = remove_secrets(text)
    assert len(removed) == len(findings)
    assert not find_secrets(cleaned) or cleaned == text
