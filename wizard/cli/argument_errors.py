"""argparse's error messages, whole, in the person's language, ending with where to read more.

argparse writes its errors in English (its gettext catalogue is rarely installed), in a few
fixed shapes: each shape known here becomes a catalogue sentence with the same facts; an
unknown one is kept as argparse wrote it. Values typed by the person are shown only when they
are short and cannot be a key or a password (a mistyped option may be followed by one).
"""

from __future__ import annotations

import re

from wizard.core.i18n import Lang, Msg

# argparse 3.11–3.13 message shapes → catalogue key (named groups become parameters).
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^unrecognized arguments: (?P<args>.*)$", re.S), "cli.args.unrecognized"),
    (
        re.compile(r"^the following arguments are required: (?P<args>.*)$", re.S),
        "cli.args.required",
    ),
    (
        re.compile(
            r"^argument (?P<option>[^:]+): invalid choice: (?P<value>.*?) "
            r"\(choose from (?P<choices>.*)\)$",
            re.S,
        ),
        "cli.args.invalid-choice",
    ),
    (re.compile(r"^argument (?P<option>[^:]+): expected one argument$"), "cli.args.expected-one"),
    (
        re.compile(r"^argument (?P<option>[^:]+): invalid \w+ value: (?P<value>.*)$", re.S),
        "cli.args.invalid-value",
    ),
    (
        re.compile(r"^argument (?P<option>[^:]+): not allowed with argument (?P<other>.*)$"),
        "cli.args.not-allowed-with",
    ),
    (
        re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$", re.S),
        "cli.args.ambiguous",
    ),
)


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,11}")  # a command-like word, 12 characters at most


def shown_value(text: str) -> str:
    """A value the person typed, as it may be shown: quotes dropped, masked when it is long or
    looks like anything but a short word (it may be a secret given to a mistyped option)."""
    from wizard.core.keys import recognise_key
    from wizard.core.sanitize import clean_text
    from wizard.core.secret import mask

    value = text.strip().strip("'\"")
    if value.startswith("-"):  # an option's name (and not what follows a `=`)
        return clean_text(value.split("=", 1)[0], limit=40)
    if not _WORD.fullmatch(value) or recognise_key(value).looks_like_secret:
        return mask(value)
    return value


def _shown_list(text: str) -> str:
    return ", ".join(shown_value(part) for part in re.split(r"[,\s]+", text.strip()) if part)


def argument_error(message: str, prog: str, lang: Lang) -> str:
    """`prog: <argparse's error in lang>` and, on the next line, where help is."""
    from wizard.core.sanitize import clean_text

    sentence = None
    for shape, key in _SHAPES:
        match = shape.match(message.strip())
        if match is None:
            continue
        params = {name: _shown_list(value) for name, value in match.groupdict().items()}
        sentence = Msg(key, params).render(lang)
        break
    if sentence is None:  # a shape we do not know: argparse's words, cleaned and masked
        sentence = " ".join(shown_value(w) if not w.endswith(":") else w for w in message.split())
        sentence = clean_text(sentence, limit=300)
    return f"{prog}: {sentence}\n{Msg('cli.args.see-help', {'prog': prog}).render(lang)}\n"
