"""The log lines the folk guides quote, recognised in new lines only; nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core.deploy.logs import LogWatch, recognise
from wizard.core.deploy.scrub import scrub
from wizard.core.secret import Secret


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("OpenAI Realtime API connected", ("realtime-connected", True)),
        ("[ws] Session updated confirmed", ("session-confirmed", True)),
        (
            "OpenAI Realtime API closed: 3000 invalid_request_error.invalid_api_key",
            ("invalid-api-key", False),
        ),
        ("🚨 API KEY EXPIRÉE - renouvelez-la", ("key-expired", False)),
        ("Open WebUI error 401: Your session has expired", ("refused-401", False)),
        ("request failed with status 401.", ("refused-401", False)),
        ("(401) Unauthorized", ("refused-401", False)),
        ("2025-07-29 12:00:01.401 backend listening", None),
        ("listening on port 4010", None),
        ("GET /assets/401.png 200", None),
        ("Session update sent", None),
    ],
)
def test_the_guides_lines_are_recognised(line: str, expected: tuple[str, bool] | None) -> None:
    assert recognise(line) == expected


def test_only_lines_written_after_the_watch_began_count(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "websocket-server.log"
    log.parent.mkdir()
    log.write_text("Model error: invalid_api_key (yesterday)\n")
    watch = LogWatch(tmp_path, ["logs/websocket-server.log", "logs/missing.log"])
    with log.open("a") as handle:
        handle.write("OpenAI Realtime API connected\nSession updated conf")
    findings = watch.read(0.2, interval=0.05)
    assert [(f.code, f.line_number) for f in findings] == [("realtime-connected", 1)]
    log.write_text("restarted\nError: invalid_api_key\n")  # emptied by the restart, rewritten
    findings = watch.read(5, interval=0.05)  # stops at the first failure, well before 5 s
    assert [(f.code, f.ok) for f in findings] == [("invalid-api-key", False)]


def test_scrub_masks_keys_tokens_and_control_sequences() -> None:
    key = Secret("sk-" + "0123456789abcdef" * 2)
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
    text = scrub(f"\x1b[31mkey={key.reveal()} Bearer abcdefgh12345678 token {jwt}\x07", [key])
    assert key.reveal() not in text and jwt not in text and "abcdefgh12345678" not in text
    assert "\x1b" not in text and "\x07" not in text
    assert "invalid_request_error.invalid_api_key" in scrub(
        "closed: 3000 invalid_request_error.invalid_api_key"
    )
