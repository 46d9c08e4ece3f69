"""`technova-config.js`: writing the widget's settings, and finding and removing keys in it.

Every visitor's browser downloads this file, so nothing secret ever belongs in it. The widget
only needs to know where the backend is (and the voice server, its language and its name);
the backend holds the keys. People still paste keys here, so this module reads the file as
JavaScript (string literals, template literals, comments), finds every key in it, and removes
them while leaving every other byte as the user wrote it.

Pure text functions, except `read_widget_config` and `write_widget_config`; no printing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from wizard.core.errors import WizardError
from wizard.core.files.guard import WIDGET_LIMIT, read_bounded, write_target
from wizard.core.files.jslex import LINE_END, Lines, Token, lex
from wizard.core.keys import (
    MADE_UP_PREFIXES,
    PROBLEM_OTHER_SERVICE,
    PROBLEM_TRUNCATED,
    KeyReport,
    is_masked_copy,
    recognise_key,
)
from wizard.core.project import project_root_of
from wizard.core.record import record
from wizard.core.sanitize import clean_text
from wizard.core.secret import Secret

# What replaces a key found in a comment (a comment is read by every visitor too).
REMOVED_MARKER = "[removed by technova-setup]"
DEFAULT_NAME = "technova-config.js"
FILE_MODE = 0o644  # public by design: the web server must be able to serve it
BACKUP_MODE = 0o600  # a backup may hold a key we just removed: never public

# The file's header: it is code, read by whoever edits the website, so it is always in English.
HEADER = (
    "// technova-config.js: settings for the TechNova chat widget, written by technova-setup.\n"
    "//\n"
    "// Every visitor's browser downloads this file and anyone can read it, so no key\n"
    "// (OpenAI, Open WebUI or any other) ever belongs here. The keys live on the backend,\n"
    "// in its .env file; the widget only needs to know where the backend is.\n"
)


@record
class WidgetSettings:
    """What the widget needs to know. None of it is secret."""

    backend_url: str  # where the widget sends chat messages, e.g. "http://localhost:3001"
    voice_url: str | None = None  # the websocket server, e.g. "ws://localhost:8081"
    language: str = "en"  # "en" | "fr"
    assistant_name: str = "TechNova"

    def fields(self) -> dict[str, str | None]:
        """The settings under their names in the JavaScript file, in the file's order."""
        return {
            "backendUrl": self.backend_url,
            "voiceUrl": self.voice_url,
            "language": self.language,
            "assistantName": self.assistant_name,
        }


@record
class SecretFinding:
    """A key found in the widget config. Holds the masked key only, never the full value."""

    line: int  # 1-based
    field: str | None  # the property/variable name before the literal (`apiKey`), if any
    kind: str  # a key kind from recognise_key ("openai-project"), or one of CREDENTIAL_LIKE
    masked: str

    def __post_init__(self) -> None:
        # Both come from the file (a property name, a value's ends): shown, so cleaned.
        if self.field is not None:
            object.__setattr__(self, "field", clean_text(self.field, limit=100))
        object.__setattr__(self, "masked", clean_text(self.masked, limit=100))

    @property
    def is_key(self) -> bool:
        """A real key (or a piece of one), rather than something that only stands for one."""
        return self.kind not in CREDENTIAL_LIKE


# Values that are not keys but stand for one: no less wrong in a file every visitor reads.
MADE_UP = "made-up-prefix"  # `owui-…`: a prefix folk guides invented (FACTS.md, Myths)
PLACEHOLDER = "placeholder"  # `YOUR_KEY`, `votre-cle-ici`, `xxx`, `sk-your-key-here`
MASKED = "masked"  # `sk-proj-…sQoA`: a key as dashboards show it
SECRET_FIELD = "secret-field"  # any other text in a property named like a secret (`apiKey`)
CREDENTIAL_LIKE = frozenset({MADE_UP, PLACEHOLDER, MASKED, SECRET_FIELD})


# --------------------------------------------------------------------------------------------
# A small JavaScript lexer: enough to tell code from strings, templates, comments and regexes.
# --------------------------------------------------------------------------------------------
# Finding keys
# --------------------------------------------------------------------------------------------

# A run of characters a key is made of (JWTs have dots between their three parts).
_BARE_TOKEN = re.compile(r"(?<![\w.-])[A-Za-z0-9][\w-]*(?:\.[\w-]+)*")
_MIN_BARE_LENGTH = 12
_MIN_PARTIAL_LENGTH = 16
# These four only for a piece of a key, or one in a comment: kept as text, compiled by `re`
# when first needed (`status` reads the widget every hour; most have neither).
_KNOWN_PREFIX = r"^(?:sk-(?:proj-|svcacct-|admin-)?|eyJ|[A-Za-z]+[_-])"
_WORD = r"(?:[a-z]+|[A-Z][a-z]*|[A-Z]+)"
_PLACEHOLDER = rf"{_WORD}(?:[-_.]{_WORD})*"
_REPEATED = r"(.)\1{5,}"
_NAME_BEFORE = r"([A-Za-z_$][\w$]*)['\"]?\s*[:=]\s*['\"`]?$"


# Property names that say "secret": `apiKey`, `api_key`, `token`, `accessToken`, `secret`,
# `authorization`, `bearer`, `password`, `openaiKey`, `cle_api`… (compared without `_`, `-`,
# `$` or spaces, in lower case). `tokenHeader` or `storageKey` are not secrets: the name must
# end like one. A bare `key` is one; another `…key` only after one of these words.
_KEY_QUALIFIERS = (
    *("api", "openai", "owui", "openwebui", "webui", "secret", "access", "private", "auth"),
    *("client", "session", "bearer", "service", "llm", "chat", "voice", "realtime", "gpt"),
)
_SECRET_ENDINGS = (
    *(f"{qualifier}key" for qualifier in _KEY_QUALIFIERS),
    *("token", "secret", "password", "passwd", "pwd", "passphrase", "authorization", "auth"),
    *("bearer", "credential", "credentials", "cle", "clé", "cleapi", "cléapi", "jeton"),
    "motdepasse",
)
_IGNORED_IN_NAMES = frozenset("-_$")
# A value that stands for a key: "your"/"votre"/"insert"… with "key"/"clé"/"token"…, or a run
# of x or * (`xxx`, `sk-XXXXXXXX`). Whole values without spaces only: not a sentence. Kept as
# text, compiled by `re` when a value first needs them (most widgets' values never do).
_PLACEHOLDER_MARK = (
    r"(?i)(?:your|votre|vos|my|mon|ma|insert|ins[ée]r|paste|coll|put|mett|here|ici|changeme"
    r"|replace|remplac|todo)"
)
_PLACEHOLDER_WORD = r"(?i)(?:key|cl[ée]|token|jeton|secret)"
_RUN_MARKS = "xX*•.…"
_PLACEHOLDER_RUN = rf"(?:[a-z]+[-_])*[{_RUN_MARKS}]{{3,}}"  # so it ends with three marks
_NO_SPACE_VALUE = re.compile(r"[^\s]{1,80}")


def is_secret_name(name: str | None) -> bool:
    """True for a property or variable named like a secret (`apiKey`, `access_token`…)."""
    if not name:
        return False
    folded = "".join(c for c in name if c not in _IGNORED_IN_NAMES and not c.isspace()).lower()
    return folded == "key" or folded.endswith(_SECRET_ENDINGS)


def credential_like(value: str, field: str | None) -> str | None:
    """Which kind of stand-in for a key `value` is (MADE_UP, PLACEHOLDER…), or None.

    Real keys are found by `recognise_key` first; this catches what only stands for one.
    """
    text = value.strip().strip("<>{}[]()")
    if not text:
        return None
    if text.lower().startswith(MADE_UP_PREFIXES):
        return MADE_UP
    if is_masked_copy(text):
        return MASKED
    # The cheap tests first: most values (a URL, a title) are decided before the long
    # patterns are ever compiled (`status` starts them all from nothing, every hour).
    if _NO_SPACE_VALUE.fullmatch(text) and (
        (all(c in _RUN_MARKS for c in text[-3:]) and re.fullmatch(_PLACEHOLDER_RUN, text))
        or (re.search(_PLACEHOLDER_WORD, text) and re.search(_PLACEHOLDER_MARK, text))
    ):
        return PLACEHOLDER
    if is_secret_name(field):
        return SECRET_FIELD
    return None


def _is_reportable(report: KeyReport) -> bool:
    """A key, or a piece of one worth hiding; not a placeholder such as `sk-your-key-here`."""
    if not report.looks_like_secret:
        return False
    if not {PROBLEM_TRUNCATED, PROBLEM_OTHER_SERVICE} & set(report.problems):
        return True  # a complete key: always
    value = report.secret.reveal()
    if len(value) < _MIN_PARTIAL_LENGTH:
        return False
    body = re.sub(_KNOWN_PREFIX, "", value)
    return not (re.fullmatch(_PLACEHOLDER, body) or re.search(_REPEATED, body))


def _keys_in_words(text: str) -> Iterator[tuple[int, int, KeyReport]]:
    """Keys standing as words in free text (a comment, a URL): their span and report."""
    for match in _BARE_TOKEN.finditer(text):
        if match.end() - match.start() < _MIN_BARE_LENGTH:
            continue
        word = match.group()
        report = recognise_key(word)
        if _is_reportable(report):
            yield match.start(), match.end(), report
            continue
        # `token.eyJ…`: a session token glued to a word by a dot.
        inner = word.find(".eyJ") + 1
        if inner:
            report = recognise_key(word[inner:])
            if _is_reportable(report):
                yield match.start() + inner, match.end(), report


def _keys_in_value(value: str) -> list[KeyReport]:
    """The keys in a string's value: the whole value as a key, or keys inside it."""
    if not value.strip():
        return []
    report = recognise_key(value)
    if _is_reportable(report):
        return [report]
    return [report for _, _, report in _keys_in_words(value)]


@record
class _Hit:
    finding: SecretFinding
    token: Token
    start: int  # the raw span to cut: the whole literal, or the key inside a comment/template
    end: int


def _field_before(tokens: list[Token], index: int) -> str | None:
    """The name a literal is given: `name: "…"`, `"name": "…"`, `name = "…"`, `a.name = "…"`."""
    sig = [t for t in reversed(tokens[:index]) if t.significant][:3]
    if len(sig) >= 2 and sig[0].kind == "punct" and sig[0].text in ":=":
        name = sig[1]
        if name.kind == "ident":
            return name.text
        if name.kind == "string" and sig[0].text == ":":
            return name.value
        # `config["apiKey"] = "…"`
        if name.text == "]" and sig[0].text == "=" and len(sig) == 3 and sig[2].kind == "string":
            return sig[2].value
    return None


def _hits(text: str) -> list[_Hit]:
    tokens = lex(text)
    lines = Lines(text)
    hits: list[_Hit] = []
    for index, token in enumerate(tokens):
        if token.kind == "string":
            reports = _keys_in_value(token.value)
            field = _field_before(tokens, index)
            for report in reports:
                finding = SecretFinding(
                    lines.number(token.start), field, report.kind.value, report.masked
                )
                hits.append(_Hit(finding, token, token.start, token.end))
            stand_in = None if reports else credential_like(token.value, field)
            if stand_in is not None:
                masked = Secret(token.value.strip()).masked or token.quote * 2
                finding = SecretFinding(lines.number(token.start), field, stand_in, masked)
                hits.append(_Hit(finding, token, token.start, token.end))
        elif token.kind in ("comment", "chunk"):
            # A chunk's text starts after its opening ` or }; a comment's at its start.
            offset = token.start + (1 if token.kind == "chunk" else 0)
            body = token.value if token.kind == "chunk" else token.text
            for start, end, report in _keys_in_words(body):
                named = re.search(_NAME_BEFORE, body[:start])
                field = named.group(1) if named else None
                if field is None and token.kind == "chunk":
                    field = _field_before(tokens, index)
                finding = SecretFinding(
                    lines.number(offset + start), field, report.kind.value, report.masked
                )
                hits.append(_Hit(finding, token, offset + start, offset + end))
    return hits


def find_secrets(text: str) -> list[SecretFinding]:
    """Every key written in the widget config, wherever it is: any string, any field, comments.

    A key in a comment counts: the browser downloads comments too. Findings hold the masked
    key only. Placeholders such as `sk-your-key-here` are not keys and are not reported.
    """
    return [hit.finding for hit in _hits(text)]


# --------------------------------------------------------------------------------------------
# Removing keys
# --------------------------------------------------------------------------------------------


def _property_line_span(text: str, tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The span of the whole line when the string at `index` is a line holding one property.

    `  apiKey: 'sk-…',  // note` is dropped whole, when dropping it keeps the object valid:
    the line starts a property (after `{` or `,`), and it either ends with its own comma
    or is the object's last property.
    """
    sig_before = [i for i in range(index - 1, -1, -1) if tokens[i].significant][:3]
    if len(sig_before) < 3:
        return None
    colon, key, opener = (tokens[i] for i in sig_before)
    if colon.text != ":" or key.kind not in ("ident", "string") or opener.text not in "{,":
        return None
    if opener.kind != "punct":
        return None
    lines = Lines(text)
    line_start = lines.start(key.start)
    # Only blanks before the key on its line, and nothing but them spanning the line's start.
    for token in tokens[sig_before[2] + 1 : sig_before[1]]:
        if token.end > line_start and token.kind != "ws":
            return None
    if text[line_start : key.start].strip(" \t"):
        return None
    # After the literal: an optional comma and comments closed on this line, then the line end.
    has_comma = False
    line_end = len(text)
    j = index + 1
    while j < len(tokens):
        token = tokens[j]
        if token.kind == "ws":
            newline = LINE_END.search(token.text)
            if newline:
                line_end = token.start + newline.start()
                break
        elif token.kind == "comment":
            if LINE_END.search(token.text):
                return None  # a block comment running on to the next lines
        elif token.kind == "punct" and token.text == "," and not has_comma:
            has_comma = True
        else:
            return None
        j += 1
    if not has_comma:
        following = next((t for t in tokens[j:] if t.significant), None)
        if following is None or following.text != "}":
            return None
    end = line_end
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text):
        end += 1
    return line_start, end


def remove_secrets(text: str) -> tuple[str, list[SecretFinding]]:
    """The text without any key in it, and what was removed; every other line stays as it was.

    A line holding just one property (`  apiKey: 'sk-…',`) is dropped; any other key in a
    string becomes an empty string of the same quotes (`''`); a key in a comment becomes
    `[removed by technova-setup]`, and one inside a template literal is cut out of it.
    """
    hits = _hits(text)
    if not hits:
        return text, []
    tokens = lex(text)
    index_of = {token.start: i for i, token in enumerate(tokens)}
    edits: dict[tuple[int, int], str] = {}
    for hit in hits:
        token = hit.token
        if token.kind == "string":
            span = _property_line_span(text, tokens, index_of[token.start])
            if span is not None:
                edits[span] = ""
            else:
                edits[(token.start, token.end)] = token.quote * 2
        elif token.kind == "comment":
            edits[(hit.start, hit.end)] = REMOVED_MARKER
        else:
            edits[(hit.start, hit.end)] = ""
    return _apply(text, edits), [hit.finding for hit in hits]


def _apply(text: str, edits: dict[tuple[int, int], str]) -> str:
    """Apply non-nested edits; an edit inside another (a key in a dropped line) is skipped."""
    # At one offset: an insertion first, then the largest span (which holds the others).
    ordered = sorted(edits.items(), key=lambda e: (e[0][0], e[0][0] != e[0][1], -e[0][1]))
    kept: list[tuple[tuple[int, int], str]] = []
    for span, replacement in ordered:
        if kept and span[0] < kept[-1][0][1]:
            continue  # inside the previous (larger or earlier) edit
        kept.append((span, replacement))
    pieces: list[str] = []
    position = 0
    for (start, end), replacement in kept:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------
# Writing settings
# --------------------------------------------------------------------------------------------


def _json_literal(value: str) -> str:
    # Readable unicode, but U+2028/U+2029 escaped: older browsers end a string at them.
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _js_string(value: str, quote: str) -> str:
    """`value` as a literal in the user's quote style when it fits plainly, else JSON's."""
    plain = not any(ord(ch) < 0x20 or ch in "\\\u2028\u2029\x7f" for ch in value)
    if quote == "'" and plain and "'" not in value:
        return f"'{value}'"
    if quote == "`" and plain and "`" not in value and "${" not in value:
        return f"`{value}`"
    return _json_literal(value)


def _refuse_secrets(settings: WidgetSettings) -> None:
    for name, value in settings.fields().items():
        if value is None:
            continue
        reports = _keys_in_value(value)
        if reports:
            raise WizardError(
                "widget.secret_refused",
                field=name,
                masked=reports[0].masked,
                kind=reports[0].kind.value,
            )


def render_widget_config(settings: WidgetSettings) -> str:
    """A new `technova-config.js` for these settings, with a header saying no key belongs here.

    Raises `WizardError("widget.secret_refused")` when a value is itself a key.
    """
    _refuse_secrets(settings)
    lines = [
        f"  {name}: {'null' if value is None else _json_literal(value)},"
        for name, value in settings.fields().items()
    ]
    body = "\n".join(lines)
    return f"{HEADER}\nwindow.TechNovaConfig = {{\n{body}\n}};\n"


# --------------------------------------------------------------------------------------------
# Reading and writing the file
# --------------------------------------------------------------------------------------------


def read_widget_config(path: Path) -> str:
    """The file's text, exactly (line endings and a BOM kept), or a WizardError saying why not.

    Only a regular file of at most `WIDGET_LIMIT` bytes is read (`safety.not-regular`,
    `safety.too-large`), without ever blocking on a FIFO.
    """
    where = str(path)
    try:
        data = read_bounded(path, WIDGET_LIMIT, directory_code="widget.is_directory")
    except IsADirectoryError:
        raise WizardError("widget.is_directory", path=where) from None
    except OSError as error:
        raise WizardError("widget.not_readable", path=where, reason=error.strerror or "") from None
    if data is None:
        raise WizardError("widget.not_found", path=where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise WizardError("widget.not_utf8", path=where, line=line) from None


def _write_with_backup(
    path: Path, data: bytes, root: Path, follow_outside_symlink: bool
) -> Path | None:
    """Back up the old file, then replace it atomically.

    The backup is private (0600) and kept in the user's state folder, never beside the
    config: that folder is what the web server publishes, and the backup may hold the very
    key we are removing. A symbolic link is followed, so the link stays and its target is
    updated (outside the project only with permission). Returns the backup's path, None for
    a new file.
    """
    # Here, not at the top: `status` reads this file every hour and never writes it.
    from wizard.core.files.atomic import atomic_write, remove_stale_temporaries
    from wizard.core.files.backups import keep_backup

    target = write_target(
        path,
        root,
        follow_outside_symlink=follow_outside_symlink,
        directory_code="widget.is_directory",
    ).target
    target.parent.mkdir(parents=True, exist_ok=True)  # a first install: chat-widget/ may be new
    remove_stale_temporaries(target)
    backup = None
    owner = None
    old = read_bounded(target, WIDGET_LIMIT, directory_code="widget.is_directory")
    if old is not None:
        info = target.stat()
        owner = (info.st_uid, info.st_gid)
        backup = keep_backup(target, old, root, None)
    atomic_write(target, data, FILE_MODE, owner)
    return backup


def write_widget_config(
    path: Path,
    text: str,
    *,
    root: Path | None = None,
    follow_outside_symlink: bool = False,
) -> Path | None:
    """Write the config atomically, readable by all (0644: the web server serves it).

    The previous file, if any, is backed up in the user's state folder (see `backups`);
    returns that path (None for a new file). `root` is the project's folder (found from
    `path` when not given). Raises `widget.is_directory`, `widget.not_writable`,
    `safety.not-regular`, `safety.too-large` or `safety.symlink-outside`.
    """
    where = str(path)
    project_root = root if root is not None else project_root_of(path)
    try:
        return _write_with_backup(path, text.encode("utf-8"), project_root, follow_outside_symlink)
    except OSError as error:
        raise WizardError("widget.not_writable", path=where, reason=error.strerror or "") from None
