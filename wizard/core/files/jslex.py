"""A small JavaScript lexer: enough to tell code from strings, template literals, comments and
regular expressions in `technova-config.js`, with each string's decoded value and its offsets.

It never runs or fully parses the script: the widget config is short, hand-edited, and often
not valid JavaScript after a folk guide's edit; a lexer that keeps going finds every key.
"""

from __future__ import annotations

import re

from wizard.core.record import record

_WS = re.compile(r"[\s\ufeff]+")
# Any character from U+00AA to U+FFFF counts as a name character, as JavaScript's Unicode
# names allow. Written as "not below U+00AA, not above U+FFFF": the same set as the range
# "[\u00aa-\uffff]", which Python's regex compiler takes 7 ms to build at every start.
_BEYOND_ASCII = r"[^\x00-\xa9\U00010000-\U0010ffff]"
_IDENT = re.compile(rf"(?:[A-Za-z_$#]|{_BEYOND_ASCII})(?:[\w$]|{_BEYOND_ASCII})*")
_NUMBER = re.compile(r"\.?\d(?:[\w.]|(?<=[eE])[+-])*")
# Where a line ends, before its \n, \r, U+2028 or U+2029 (zero-width: callers use its start).
# Two classes, not [\n\r\u2028\u2029]: that one costs 0.3 ms to compile (see envfile._JS_BOL).
LINE_END = re.compile(r"(?=[\n\r])|(?=[\u2028\u2029])")
# After these words a `/` starts a regular expression, not a division.
_KEYWORDS_BEFORE_EXPRESSION = frozenset(
    {
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
        "yield",
        "await",
    }
)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


@record
class Token:
    kind: str  # "ws" "comment" "string" "chunk" "regex" "ident" "number" "punct"
    start: int
    end: int
    text: str  # the raw source of the token
    quote: str = ""  # strings: ' " or `
    value: str = ""  # strings: the decoded value; chunks: the raw text between delimiters

    @property
    def significant(self) -> bool:
        return self.kind not in ("ws", "comment")


def _decode(raw: str) -> str:
    """The value of a string literal's inside (escapes as JavaScript reads them)."""

    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("u{"):
            code = int(body[2:-1], 16)
            return chr(code) if code <= 0x10FFFF else ""
        if body[0] in "ux" and len(body) > 1:
            return chr(int(body[1:], 16))
        if body in ("\n", "\r", "\r\n", "\u2028", "\u2029"):
            return ""  # a line continuation
        return _SIMPLE_ESCAPES.get(body, body)

    decoded = _ESCAPE.sub(one, raw)
    # \uD83D\uDE00 pairs: join surrogates the way a JavaScript string holds them.
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _scan_string(text: str, i: int) -> int:
    """End of the '…' or "…" literal starting at i (at the line end if it is never closed)."""
    quote = text[i]
    j = i + 1
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 3 if text.startswith("\r\n", j + 1) else 2
        elif ch == quote:
            return j + 1
        elif ch in "\n\r":
            return j
        else:
            j += 1
    return n


def _scan_template_chunk(text: str, i: int) -> tuple[int, bool]:
    """From a ` or a substitution's closing }, the end of the static part; True if `${` ends it."""
    j = i + 1
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 2
        elif ch == "`":
            return j + 1, False
        elif ch == "$" and text.startswith("${", j):
            return j + 2, True
        else:
            j += 1
    return n, False


def _scan_regex(text: str, i: int) -> int | None:
    """End of the /regex/flags starting at i, or None when it is not one after all."""
    j = i + 1
    n = len(text)
    in_class = False
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch in "\n\r":
            return None
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            j += 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            return j
        j += 1
    return None


def _regex_allowed(previous: Token | None) -> bool:
    if previous is None:
        return True
    if previous.kind == "punct":
        return previous.text not in ")]}"
    if previous.kind == "ident":
        return previous.text in _KEYWORDS_BEFORE_EXPRESSION
    if previous.kind == "chunk":
        return previous.text.endswith("${")
    return False


def lex(text: str) -> list[Token]:
    """Every token of `text`, in order, covering it entirely. Lenient with broken code."""
    tokens: list[Token] = []
    previous: Token | None = None  # the last significant token
    substitutions: list[int] = []  # brace depth at each open `${`
    depth = 0
    i = 0
    n = len(text)

    def add(kind: str, end: int, quote: str = "", value: str = "") -> None:
        nonlocal i, previous
        token = Token(kind, i, end, text[i:end], quote, value)
        tokens.append(token)
        if token.significant:
            previous = token
        i = end

    while i < n:
        ch = text[i]
        if match := _WS.match(text, i):
            add("ws", match.end())
        elif text.startswith("//", i):
            line_end = LINE_END.search(text, i)
            add("comment", line_end.start() if line_end else n)
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            add("comment", n if close < 0 else close + 2)
        elif ch in "'\"":
            end = _scan_string(text, i)
            closed = end - i >= 2 and text[end - 1] == ch
            add("string", end, ch, _decode(text[i + 1 : end - 1 if closed else end]))
        elif ch == "`" or (ch == "}" and substitutions and substitutions[-1] == depth):
            if ch == "}":
                substitutions.pop()
            end, opens = _scan_template_chunk(text, i)
            if ch == "`" and not opens:
                closed = end - i >= 2 and text[end - 1] == "`"
                add("string", end, "`", _decode(text[i + 1 : end - 1 if closed else end]))
            else:
                inner_end = end - 2 if opens else (end - 1 if text[end - 1 : end] == "`" else end)
                add("chunk", end, "`", text[i + 1 : inner_end])
            if opens:
                substitutions.append(depth)
        elif ch == "/" and _regex_allowed(previous) and (regex_end := _scan_regex(text, i)):
            add("regex", regex_end)
        elif match := _IDENT.match(text, i):
            add("ident", match.end())
        elif match := _NUMBER.match(text, i):
            add("number", match.end())
        else:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            add("punct", i + 1)
    return tokens


class Lines:
    """1-based line numbers of offsets (a line ends at \\n; \\r\\n counts once)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r(?!\n)", text)]

    def number(self, offset: int) -> int:
        from bisect import bisect_right  # here: only a finding asks for its line

        return bisect_right(self.starts, offset)

    def start(self, offset: int) -> int:
        return self.starts[self.number(offset) - 1]
