"""The backend's own code where the folk guides show it matters: a `server.js` that decodes
`OPENWEBUI_API_KEY` as a JWT to warn before it "expires". An API key is no JWT and never
expires, so such code logs errors or false alarms once the backend has one."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from wizard.core.project import Project
from wizard.core.record import record

_SOURCES = (".js", ".mjs", ".cjs", ".ts")
_SKIPPED = frozenset({"node_modules", ".git", "dist", "build", "coverage"})
_KEY_NAME = "OPENWEBUI_API_KEY"
# A JWT decoded by hand or with a library: jwt.decode(…), jwtDecode(…), decodeJwt(…),
# or the token's middle part read with split('.')[1] and base64 / atob.
_DECODE = (  # compiled when first needed: most backends never decode the key
    r"\bjwt\s*\.\s*decode\s*\(|\bjwt_?[dD]ecode\s*\(|\bdecodeJwt\s*\(|\bparseJwt\s*\("
    r"|split\(\s*['\"`]\.['\"`]\s*\)\s*\[\s*1\s*\]"
)
_MAX_FILE = 500_000
_MAX_FILES = 400


@record
class CodeFinding:
    file: str  # relative to the project root
    line: int
    excerpt: str  # the line, trimmed (code, not a secret: .env values are not in code)


def _sources(project: Project) -> Iterator[Path]:
    backend = project.root / "backend"
    for name in ("server.js", "server.mjs", "server.ts", "index.js", "app.js"):
        if (backend / name).is_file():
            yield backend / name
    count = 0
    for folder, dirs, files in os.walk(backend / "src"):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_SOURCES) and count < _MAX_FILES:
                count += 1
                yield Path(folder) / name


def jwt_expiry_code(project: Project) -> list[CodeFinding]:
    """Each line of the backend's code that decodes the Open WebUI key as a JWT."""
    findings = []
    for path in _sources(project):
        try:
            text = path.read_text("utf-8", errors="replace")[:_MAX_FILE]
        except OSError:
            continue
        if _KEY_NAME not in text:  # decoding some other token is not our business
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(_DECODE, line):
                from wizard.core.deploy.scrub import scrub  # here: found in few projects

                excerpt = scrub(line.strip())[:120]
                findings.append(CodeFinding(project.relative(path), number, excerpt))
    return findings
