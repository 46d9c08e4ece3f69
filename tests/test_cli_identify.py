"""`technova-setup identify`: one key on standard input, explained; JSON for scripts."""

from __future__ import annotations

import json
import subprocess
import sys

import keyshapes
import pytest


def identify(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "identify", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("kind", "key"), sorted(keyshapes.every_kind().items()))
def test_json_for_every_kind(kind: str, key: str) -> None:
    done = identify(key + "\n", "--json")
    data = json.loads(done.stdout)
    assert data["kind"] == kind
    assert data["masked"] == f"{key[:8]}…{key[-4:]}"
    assert data["fixes"] == []
    assert set(data) == {"kind", "masked", "fixes", "problems", "expires_at", "belongs_in"}
    usable = kind != "openai-admin"
    assert done.returncode == (0 if usable else 2)
    assert key not in done.stdout + done.stderr


def test_json_fields_for_an_expired_token_pasted_with_noise() -> None:
    token = keyshapes.openwebui_jwt(exp=1753747456)
    done = identify(f'  OPENWEBUI_API_KEY="{token}"\u200b \n', "--json")
    data = json.loads(done.stdout)
    assert data == {
        "kind": "openwebui-jwt",
        "masked": f"{token[:8]}…{token[-4:]}",
        "fixes": ["invisible", "whitespace", "variable-name", "quotes"],
        "problems": ["expired"],
        "expires_at": "2025-07-29T00:04:16Z",
        "belongs_in": None,
    }
    assert done.returncode == 2


@pytest.mark.parametrize(
    ("target", "key", "belongs_in"),
    [
        ("backend", keyshapes.openwebui_api_key(), "backend/.env"),
        ("voice", keyshapes.openai_project(), "websocket-server/.env"),
        ("connection", keyshapes.openai_project(), "Open WebUI › Admin › Connections"),
    ],
)
def test_belongs_in_for_each_target(target: str, key: str, belongs_in: str) -> None:
    data = json.loads(identify(key, "--json", "--for", target).stdout)
    assert data["belongs_in"] == belongs_in


def test_the_wrong_key_for_the_target_is_refused_with_the_reason() -> None:
    done = identify(keyshapes.openwebui_api_key(), "--for", "voice", "--lang", "en")
    assert done.returncode == 2
    assert "this place needs the OpenAI key" in done.stdout
    done = identify(keyshapes.openai_project(), "--for", "backend", "--lang", "fr")
    assert "cet endroit attend la clé Open WebUI" in done.stdout


@pytest.mark.parametrize(
    ("pasted", "problem"),
    [
        ("", "empty"),
        ("hello there", "not-a-key"),
        (keyshapes.openai_project()[:100], "truncated"),
        ("owui-3f9a1c2b4d5e6f708192a3b4c5d6e7f8", "made-up-prefix"),
        ("sk-ant-api03-" + "A" * 90, "other-service"),
    ],
)
def test_problems_in_json_and_words(pasted: str, problem: str) -> None:
    done = identify(pasted, "--json")
    assert json.loads(done.stdout)["problems"] == [problem]
    assert done.returncode == 2
    for lang in ("en", "fr"):
        words = identify(pasted, "--lang", lang)
        assert words.returncode == 2
        assert "✗" in words.stdout


def test_text_in_both_languages() -> None:
    key = keyshapes.openwebui_api_key()
    english = identify(f" '{key}' ", "--lang", "en").stdout
    french = identify(f" '{key}' ", "--lang", "fr").stdout
    assert "Open WebUI API key" in english and "does not expire" in english
    assert "clé d'API Open WebUI" in french and "n'expire pas" in french
    assert "backend/.env" in english and "backend/.env" in french


def test_the_language_follows_the_locale() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "identify"],
        input=keyshapes.openwebui_api_key(),
        capture_output=True,
        text=True,
        env={"LANG": "fr_FR.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert "C'est une clé d'API Open WebUI" in done.stdout


@pytest.mark.parametrize("command", [["identify"], ["status", "--project"], []])
def test_a_key_on_the_command_line_is_refused_and_never_echoed(command: list[str]) -> None:
    key = keyshapes.openai_project()
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *command, key], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "not accepted on the command line" in done.stderr or "ligne de commande" in done.stderr
    assert key not in done.stdout + done.stderr
    assert key[8:-4][:12] not in done.stdout + done.stderr


def test_identify_and_status_never_load_textual(tmp_path) -> None:
    probe = (
        # main(), not the program: the program ends a report without Python's teardown.
        "import sys\nfrom wizard.cli.main import main\nmain(sys.argv[1:])\n"
        "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') "
        "for m in sys.modules) else 'CLEAN', file=sys.stderr)"
    )
    for args in (["identify", "--json"], ["status", "--project", str(tmp_path), "--json"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            input="sk-x",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.stderr.strip().endswith("CLEAN"), (args, done.stderr)


def test_the_program_ends_a_report_with_all_its_output_and_its_code(tmp_path) -> None:
    """`run()` ends status without Python's teardown: nothing printed may be lost, and the
    exit code is status's own (here 1: the key file is readable by everyone)."""
    (tmp_path / "backend").mkdir()
    env_file = tmp_path / "backend/.env"
    env_file.write_text(f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n" + "# x\n" * 5000)
    env_file.chmod(0o644)
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "status", "--project", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(done.stdout)  # whole: it parses
    assert report["project"] == str(tmp_path)
    assert done.returncode == 1
    assert any(p["code"] == "env-readable-by-others" for p in report["problems"])


@pytest.mark.parametrize(
    ("argv", "fast"),
    [
        (["status", "--project", "."], True),
        (["identify"], True),
        (["--project", "status"], False),  # the wizard, in a folder named status
        (["restart", "--yes"], False),
    ],
)
def test_run_skips_the_teardown_only_after_a_report(
    argv: list[str], fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report ends with os._exit (its output flushed); everything else exits normally, so
    that the demo's and the wizard's clean-ups still run."""
    import importlib

    cli = importlib.import_module("wizard.cli.main")  # the module (wizard.cli.main is also a name)

    class Ended(Exception):
        pass

    def fake_exit(code: int) -> None:
        raise Ended(code)

    def fake_main() -> int:
        cli._command_run = None
        parsed = cli.build_parser().parse_args(argv)
        cli._command_run = parsed.command
        return 4

    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    with pytest.raises(Ended if fast else SystemExit) as ended:
        cli.run()
    assert ended.value.args[0] == 4 if fast else ended.value.code == 4


@pytest.mark.parametrize("command", ["identify", "status", "check", "login", "renew", "restart"])
def test_the_collector_stays_paused_only_for_the_short_offline_reports(command: str) -> None:
    """`entry.run` pauses Python's cyclic garbage collector while the modules load; `main`
    turns it back on for everything but `status` and `identify` (the wizard included)."""
    import gc
    import importlib

    cli = importlib.import_module("wizard.cli.main")
    was_enabled = gc.isenabled()
    try:
        for name in (command, None):  # None: the wizard
            gc.disable()
            cli.collect_garbage_for(name)
            assert gc.isenabled() == (name not in ("status", "identify"))
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_the_installed_program_starts_with_the_collector_paused(tmp_path) -> None:
    """Through the real entry point: paused while loading, still paused when status ends."""
    probe = (
        "import gc, os, sys\n"
        "real_exit = os._exit\n"
        "def exit_and_say(code):\n"
        "    sys.stderr.write(f'COLLECTOR={gc.isenabled()}'); sys.stderr.flush(); real_exit(code)\n"
        "os._exit = exit_and_say\n"
        "sys.argv = ['technova-setup', *sys.argv[1:]]\n"
        "from wizard.cli.entry import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "status", "--project", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(done.stdout)["project"] == str(tmp_path)
    assert done.stderr.endswith("COLLECTOR=False")
