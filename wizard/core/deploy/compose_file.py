"""Which Docker Compose service reads which `.env` file, from a compose file's `env_file` lines.

Only that is needed, so a small reader of YAML's block layout does it (no YAML library):
`services:` at the top level, one key per service under it, and in each service `env_file`
as a string, a flow list (`[a, b]`) or a block list of strings or of `{path: …}` items.
The file is hostile text: anything else is skipped, nothing is evaluated.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from wizard.core.record import record

COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
# A `key:` line; compiled when first needed (by `re`): most projects have no compose file.
_KEY = r"""^(?P<key>"[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?:\s+(?P<value>.*)|$)"""
_MAX_BYTES = 1_000_000


@record
class ServiceEnvFile:
    service: str
    env_file: Path  # resolved against the compose file's folder


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _without_comment(line: str) -> str:
    # A `#` starts a comment at the line start or after a space, outside quotes.
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index].rstrip()
    return line.rstrip()


def _lines(text: str) -> list[tuple[int, str]]:
    """(indent, content) of each meaningful line."""
    found = []
    for raw in text.splitlines():
        line = _without_comment(raw.replace("\t", "  "))
        if line.strip() and line.strip() not in ("---", "..."):
            found.append((len(line) - len(line.lstrip(" ")), line.strip()))
    return found


def _flow_list(value: str) -> list[str]:
    inner = value.strip()[1:-1]
    return [_unquote(item) for item in inner.split(",") if item.strip()]


def _env_files(block: list[tuple[int, str]], value: str | None, key_indent: int) -> list[str]:
    """The paths of one `env_file`: its inline value, or the list lines that follow it."""
    if value:
        return _flow_list(value) if value.startswith("[") else [_unquote(value)]
    paths: list[str] = []
    for indent, content in block:
        if indent < key_indent or (indent == key_indent and not content.startswith("- ")):
            break
        if content.startswith("- "):
            item = content[2:].strip()
            match = re.match(_KEY, item)
            if match and _unquote(match["key"]) == "path":
                paths.append(_unquote(match["value"] or ""))
            elif not match:
                paths.append(_unquote(item))
        else:
            match = re.match(_KEY, content)  # `path:` on its own line inside a `- required:` item
            if match and _unquote(match["key"]) == "path":
                paths.append(_unquote(match["value"] or ""))
    return [path for path in paths if path]


def read_env_files(compose_file: Path) -> list[ServiceEnvFile]:
    """Every (service, env file) pair the compose file declares; [] when it cannot be read."""
    try:
        with compose_file.open("rb") as handle:
            text = handle.read(_MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return []
    lines = _lines(text)
    start = next((i for i, (ind, c) in enumerate(lines) if ind == 0 and c == "services:"), None)
    if start is None:
        return []
    body: list[tuple[int, str]] = []
    for indent, content in lines[start + 1 :]:
        if indent == 0:
            break
        body.append((indent, content))
    if not body:
        return []
    service_indent = body[0][0]
    found: list[ServiceEnvFile] = []
    service: str | None = None
    for index, (indent, content) in enumerate(body):
        match = re.match(_KEY, content)
        if indent == service_indent:
            service = _unquote(match["key"]) if match else None
            continue
        if service is None or match is None or _unquote(match["key"]) != "env_file":
            continue
        value = (match["value"] or "").strip() or None
        for path in _env_files(body[index + 1 :], value, indent):
            resolved = Path(os.path.normpath(compose_file.parent / path))
            found.append(ServiceEnvFile(service, resolved))
    return found


def compose_files(root: Path) -> list[Path]:
    """The compose files at the project root, in Docker Compose's own order of preference."""
    return [root / name for name in COMPOSE_NAMES if (root / name).is_file()]
