"""`status` on projects built like the folk guides' own: widget configs holding stand-ins for
keys, `.env` values as Node's dotenv reads them, chat-only sites, the voice code's beta
header, a JWT in the wrong file. Files are written the way people write them (CRLF, `export`,
comments, quotes, a BOM)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core.project import find_project
from wizard.core.status import ExitCode, Severity, project_status
from wizard.core.voice_code import MAX_FILE_BYTES, find_beta_header

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def write(root: Path, relative: str, text: str, mode: int = 0o600) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    path.chmod(mode)


def status_of(root: Path) -> dict[str, object]:
    report = project_status(find_project(root), now=NOW, use_keyring=False)
    return {
        "codes": {p.code: p.severity for p in report.problems},
        "report": report,
    }


def run_json(root: Path, capsys: pytest.CaptureFixture[str], lang: str = "en") -> dict:  # type: ignore[type-arg]
    code = main(["status", "--project", str(root), "--json", "--lang", lang])
    data = json.loads(capsys.readouterr().out)
    assert data["exit"] == code
    return data  # type: ignore[no-any-return]


# --- 1. anything standing for a key in the widget -------------------------------------------

WIDGETS = {
    "owui-bare-name": "window.TechNovaConfig = {\n  apiKey: 'owui-7f3a9c2e1b8d4f6a',\n};\n",
    "owui-quoted-name": 'window.TechNovaConfig = {\r\n  "owuiKey": "owui-abc123def456",\r\n};\r\n',
    "owui-template": "window.TechNovaConfig = {\n  key: `owui-${'x'}`,\n"
    "  token: `owui-0123456789`,\n};\n",
    "placeholder-fr": 'window.TechNovaConfig = { cle_api: "votre-cle-ici" };\n',
    "placeholder-en": "const TechNovaConfig = { api_key: 'YOUR_KEY' };\n",
    "xxx": "window.TechNovaConfig = { openaiKey: 'xxx' };\n",
    "secret-field": "window.TechNovaConfig = { authorization: 'Bearer hunter2' };\n",
    "masked": "window.TechNovaConfig = { apiKey: 'sk-proj-…sQoA' };\n",
}


@pytest.mark.parametrize("name", sorted(WIDGETS))
@pytest.mark.parametrize("backend", [True, False])
def test_a_stand_in_for_a_key_in_the_widget_is_critical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, backend: bool
) -> None:
    write(tmp_path, "chat-widget/technova-config.js", WIDGETS[name], 0o644)
    if backend:
        write(tmp_path, "backend/.env", f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    found = status_of(tmp_path)["codes"]
    assert found["secret-in-widget-config"] is Severity.CRITICAL  # type: ignore[index]
    for lang in ("en", "fr"):
        data = run_json(tmp_path, capsys, lang)
        assert data["exit"] == 2


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_owui_prefix_gets_its_own_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    write(tmp_path, "chat-widget/technova-config.js", WIDGETS["owui-bare-name"], 0o644)
    data = run_json(tmp_path, capsys, lang)
    (message,) = [p["message"] for p in data["problems"] if p["code"] == "secret-in-widget-config"]
    words = {
        "en": ("does not exist", "owui-", "no key belongs in the widget", "line 2"),
        "fr": ("n'existe pas", "owui-", "aucune clé n'a sa place dans le", "ligne 2"),
    }[lang]
    assert all(word in message for word in words), message
    assert "owui-7f3a9c2e1b8d4f6a" not in json.dumps(data)


# --- 2. the consumer's reading --------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "\ufeffOPENWEBUI_API_KEY={key}\n",  # a BOM from Notepad
        "OPENWEBUI_API_KEY=\u00a0{key}\u00a0\n",  # no-break spaces dotenv trims
        "OPENWEBUI_API_KEY={key}\r\n",  # CRLF
        "export OPENWEBUI_API_KEY={key}\n",
        "OPENWEBUI_API_KEY = {key}   # the chat's key\n",
        "OPENWEBUI_API_KEY='{key}'\n",
        'OPENWEBUI_API_KEY="{key}"\n',
        "# OPENWEBUI_API_KEY=old\nOPENWEBUI_API_KEY={key}\n",
    ],
)
def test_what_dotenv_cleans_is_not_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    key = keyshapes.openwebui_api_key()
    write(tmp_path, "backend/.env", "OPENWEBUI_URL=http://localhost:3000\n" + line.format(key=key))
    data = run_json(tmp_path, capsys)
    (credential,) = data["credentials"]
    assert credential["usable"] is True and credential["severity"] == "info"
    assert data["exit"] == 0, data["problems"]


@pytest.mark.parametrize(
    ("line", "extras"),
    [
        ("OPENWEBUI_API_KEY={key}\u200b\n", "invisible"),  # zero-width space: dotenv keeps it
        ("OPENWEBUI_API_KEY=\u200b{key}\n", "invisible"),
        ('OPENWEBUI_API_KEY=" {key} "\n', "spaces"),  # inside quotes: kept
        ("OPENWEBUI_API_KEY='\"{key}\"'\n", "quotation"),
        ("OPENWEBUI_API_KEY=Bearer {key}\n", "Bearer"),
        ("OPENWEBUI_API_KEY={half1} {half2}\n", "spaces"),  # pasted in two pieces
    ],
)
def test_what_dotenv_keeps_is_critical_and_never_usable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, extras: str
) -> None:
    key = keyshapes.openwebui_api_key()
    text = line.format(key=key, half1=key[:18], half2=key[18:])
    write(tmp_path, "backend/.env", text)
    data = run_json(tmp_path, capsys)
    (credential,) = data["credentials"]
    assert credential["usable"] is False and credential["severity"] == "critical"
    (problem,) = [p for p in data["problems"] if p["code"] == "key-with-extras"]
    assert extras in problem["message"]
    assert data["exit"] == 2


def test_usable_and_severity_agree_for_every_credential(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        keyshapes.openwebui_api_key(),
        keyshapes.openwebui_api_key() + "\u200b",
        "owui-1234567890abcdef",
        keyshapes.openai_project(),
        keyshapes.openwebui_jwt(exp=(datetime.now(UTC) + timedelta(hours=2)).timestamp()),
        keyshapes.openwebui_jwt(exp=(datetime.now(UTC) + timedelta(days=8)).timestamp()),
        keyshapes.openwebui_jwt(exp=(datetime.now(UTC) - timedelta(days=8)).timestamp()),
        "sk-proj-…sQoA",
    ]
    for index, value in enumerate(cases):
        root = tmp_path / str(index)
        write(root, "backend/.env", f"OPENWEBUI_API_KEY={value}\n")
        for credential in run_json(root, capsys)["credentials"]:
            assert credential["usable"] is (credential["severity"] != "critical"), value


# --- 3. chat-only sites ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "voice",
    [
        None,  # no websocket-server/ at all
        "",  # the folder, no .env
        "PUBLIC_URL=https://example.com\n",  # a .env without the key
        'OPENAI_API_KEY=""\nPUBLIC_URL=""\n',  # the upstream .env.example, copied as is
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_chat_only_site_is_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], voice: str | None, lang: str
) -> None:
    write(tmp_path, "backend/.env", f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    if voice is not None:
        (tmp_path / "websocket-server").mkdir()
        if voice:
            write(tmp_path, "websocket-server/.env", voice)
    data = run_json(tmp_path, capsys, lang)
    assert data["exit"] == 0
    (note,) = [p for p in data["problems"] if p["code"] == "voice-not-set-up"]
    assert note["severity"] == "info"
    assert {"en": "not set up", "fr": "pas installée"}[lang] in note["message"]
    report = status_of(tmp_path)["report"]
    assert report.chat_set_up and not report.voice_set_up  # type: ignore[attr-defined]


def test_a_site_without_widget_file_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "backend/.env", f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    write(tmp_path, "websocket-server/.env", f"OPENAI_API_KEY={keyshapes.openai_project()}\n")
    report = status_of(tmp_path)["report"]
    assert report.exit_code is ExitCode.OK  # type: ignore[attr-defined]


# --- 4. the voice server's code -------------------------------------------------------------

BETA_SOURCES = [
    ('headers: {\n  Authorization: `Bearer ${key}`,\n  "OpenAI-Beta": "realtime=v1",\n}', 3),
    ("const h = { 'openai-beta': 'realtime=v1' };", 1),
    ("ws.setHeader('OpenAI-Beta', 'realtime=v1')", 1),
    ("\n\n\n  `OpenAI-Beta: realtime=v1`", 4),
]


@pytest.mark.parametrize(("source", "line"), BETA_SOURCES)
@pytest.mark.parametrize("suffix", [".js", ".ts", ".mjs", ".cjs"])
def test_the_beta_header_is_found_with_its_file_and_line(
    tmp_path: Path, source: str, line: int, suffix: str
) -> None:
    write(tmp_path, f"websocket-server/src/server{suffix}", source)
    found = find_beta_header(tmp_path)
    assert found is not None
    assert (found.file, found.line) == (f"websocket-server/src/server{suffix}", line)


def test_the_scan_skips_dependencies_comments_links_and_big_files(tmp_path: Path) -> None:
    header = '"OpenAI-Beta": "realtime=v1"'
    write(tmp_path, "websocket-server/node_modules/openai/index.js", header)
    write(tmp_path, "websocket-server/src/old.js", f"// {header}\n/* {header} */\n")
    write(tmp_path, "websocket-server/README.md", header)
    write(tmp_path, "websocket-server/bundle.js", " " * MAX_FILE_BYTES + header)
    outside = tmp_path / "elsewhere"
    write(outside, "x.js", header)
    (tmp_path / "websocket-server/linked").symlink_to(outside)
    (tmp_path / "websocket-server/link.js").symlink_to(outside / "x.js")
    assert find_beta_header(tmp_path) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_status_reports_the_header_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    write(tmp_path, "backend/.env", f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    write(tmp_path, "websocket-server/.env", f"OPENAI_API_KEY={keyshapes.openai_project()}\n")
    write(tmp_path, "websocket-server/src/server.ts", BETA_SOURCES[0][0])
    data = run_json(tmp_path, capsys, lang)
    (problem,) = [p for p in data["problems"] if p["code"] == "voice-beta-header"]
    assert problem["severity"] == "critical" and data["exit"] == 2
    assert "websocket-server/src/server.ts" in problem["message"]
    assert {"en": "line 3", "fr": "ligne 3"}[lang] in problem["message"]
    assert "OpenAI-Beta: realtime=v1" in problem["message"]
    # The key itself is fine: its own verdict says so.
    voice = [c for c in data["credentials"] if c["variable"] == "OPENAI_API_KEY"]
    assert voice[0]["usable"] is True


# --- 8. true sentences ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_session_token_in_the_voice_file_speaks_of_voice_not_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    expired = keyshapes.openwebui_jwt(exp=(datetime.now(UTC) - timedelta(days=3)).timestamp())
    write(tmp_path, "websocket-server/.env", f"OPENAI_API_KEY={expired}\n")
    data = run_json(tmp_path, capsys, lang)
    voice = [p for p in data["problems"] if p.get("file") == "websocket-server/.env"]
    codes = {p["code"] for p in voice}
    assert "key-in-wrong-file" in codes and "jwt-expired" not in codes  # not "the chat expired"
    (wrong,) = [p["message"] for p in voice if p["code"] == "key-in-wrong-file"]
    assert {"en": "voice does not work", "fr": "la voix ne fonctionne pas"}[lang] in wrong


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_keyring_line_is_silent_when_keyring_and_env_differ(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard.cli.main import render_status
    from wizard.core.keys import Slot, recognise_key
    from wizard.core.status import Credential, StatusReport

    key = recognise_key(keyshapes.openwebui_api_key())
    project = find_project(tmp_path)
    also = {"en": "Also in the keyring", "fr": "Aussi dans le trousseau"}[lang]
    for matches, shown in ((True, True), (False, False), (None, False)):
        credential = Credential(Slot.OPENWEBUI, "backend/.env", key, True, Severity.INFO, matches)
        text = render_status(StatusReport(project, [credential]), lang)  # type: ignore[arg-type]
        assert (also in text) is shown


# --- 9. no project, no folder ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["status", "check"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_project_exits_3_and_a_missing_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, lang: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "no-such-folder"
    for folder, words in (
        (empty, {"en": "No TechNova project", "fr": "Aucun projet TechNova"}),
        (missing, {"en": "does not exist", "fr": "n'existe pas"}),
    ):
        extra = ["--timeout", "2"] if command == "check" else []
        code = main([command, "--project", str(folder), "--lang", lang, *extra])
        out = capsys.readouterr().out
        assert code == 3
        assert words[lang] in out
    assert not os.path.exists(missing)
