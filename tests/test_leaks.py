"""Leak hunting: every command, both languages, text and JSON, good and bad keys, a forced
internal error — and no key, nor any 12-character run of one, in anything we print.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.standins.server import Demo, start_demo

WINDOW = 12


def leaked(secret: str, text: str) -> list[str]:
    """Every run of WINDOW characters of `secret` found in `text`."""
    return [
        secret[i : i + WINDOW]
        for i in range(len(secret) - WINDOW + 1)
        if secret[i : i + WINDOW] in text
    ]


def assert_no_leak(secrets: list[str], *texts: str) -> None:
    everything = "\n".join(texts)
    for secret in secrets:
        assert not leaked(secret, everything), f"a part of a key was printed: {secret[:4]}…"


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def make_project(root: Path, demo: Demo, backend_key: str, voice_key: str, widget_key: str) -> None:
    for folder in ("backend", "websocket-server", "chat-widget"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={backend_key} \n"
    )
    (root / "websocket-server/.env").write_text(
        f'OPENAI_API_KEY="{voice_key}"\nOPENAI_BASE_URL={demo.openai_base_url}\n'
    )
    (root / "chat-widget/technova-config.js").write_text(
        f"window.TECHNOVA = {{ backendUrl: 'http://localhost:3001', apiKey: '{widget_key}' }};\n"
    )


SCENARIOS = {
    # backend key, voice key, widget key: good ones, swapped ones, expired, unknown to servers
    "good": lambda d: (d.openwebui_key, d.openai_key, keyshapes.openai_project()),
    "swapped": lambda d: (d.openai_key, d.openwebui_key, keyshapes.openwebui_api_key()),
    "refused": lambda d: (
        keyshapes.openwebui_api_key(),
        keyshapes.openai_project(),
        keyshapes.openai_service_account(),
    ),
    "expired": lambda d: (
        keyshapes.openwebui_jwt(exp=1753747456),
        keyshapes.openai_legacy(),
        keyshapes.openwebui_jwt_in(3600),
    ),
}
COMMANDS = [["status"], ["status", "--json"], ["check"], ["check", "--json"]]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # warnings would show up too
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_project_commands_never_print_a_key(
    demo: Demo, tmp_path: Path, scenario: str, lang: str
) -> None:
    keys = list(SCENARIOS[scenario](demo))
    make_project(tmp_path, demo, *keys)
    for command in COMMANDS:
        done = (
            run(*command, "--project", str(tmp_path), "--lang", lang, "--timeout", "10")
            if command[0] == "check"
            else run(*command, "--project", str(tmp_path), "--lang", lang)
        )
        assert done.returncode in (0, 1, 2, 3), done.stderr
        assert "Traceback" not in done.stderr
        assert_no_leak(keys, done.stdout, done.stderr)
    # Backups and the files' own names never carry a value either.
    names = "\n".join(str(p) for p in tmp_path.rglob("*"))
    assert_no_leak(keys, names)


@pytest.mark.parametrize("kind", sorted(keyshapes.every_kind()))
@pytest.mark.parametrize(
    "args",
    [
        ["identify"],
        ["identify", "--json"],
        ["identify", "--for", "backend"],
        ["identify", "--for", "voice", "--lang", "fr"],
    ],
)
def test_identify_never_prints_the_key(kind: str, args: list[str]) -> None:
    key = keyshapes.every_kind()[kind]
    for pasted in (key, f'  "{key}"\u200b\n', f"OPENAI_API_KEY={key[:-10]}"):
        done = run(*args, stdin=pasted)
        assert_no_leak([key], done.stdout, done.stderr)


@pytest.mark.parametrize("kind", sorted(keyshapes.every_kind()))
def test_a_key_on_the_command_line_is_refused_without_being_echoed(kind: str) -> None:
    key = keyshapes.every_kind()[kind]
    for args in (["identify", key], ["status", "--project", key], ["check", f"--lang={key}"]):
        done = run(*args)
        assert done.returncode == 2
        assert_no_leak([key], done.stdout, done.stderr)


def test_a_forced_internal_error_shows_only_its_class(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = keyshapes.openai_project()

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"could not use {key}")

    monkeypatch.setattr("wizard.core.status.project_status", explode)
    assert main(["status", "--project", str(tmp_path), "--lang", "en"]) == 3
    captured = capsys.readouterr()
    assert "RuntimeError" in captured.err
    assert_no_leak([key], captured.out, captured.err)


def test_exceptions_and_reprs_of_key_objects_hold_no_key() -> None:
    from wizard.core.errors import WizardError
    from wizard.core.keys import Slot, check_key, recognise_key

    key = keyshapes.openai_project()
    report = recognise_key(key)
    assert_no_leak([key], repr(report), str(report), repr(report.secret), str(report.secret))
    with pytest.raises(WizardError) as refused:
        check_key(key, Slot.OPENWEBUI)
    assert_no_leak(
        [key],
        str(refused.value),
        repr(refused.value),
        refused.value.render("en"),
        refused.value.render("fr"),
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_login_and_renew_never_print_a_key_or_the_password(tmp_path: Path, lang: str) -> None:
    import keyring

    from wizard.core.demo import DemoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    try:
        with start_demo() as demo:
            (tmp_path / "backend").mkdir()
            old = keyshapes.openwebui_jwt(exp=1753747456)
            (tmp_path / "backend/.env").write_text(
                f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={old}\n"
            )
            outputs = []
            for args, stdin in (
                (
                    ["login", "--email", demo.admin_email, "--password-stdin", "--yes"],
                    demo.admin_password + "\n",
                ),
                (["renew", "--yes"], ""),
                (["renew", "--key-stdin"], demo.openwebui_key + "\n"),  # refused: replaced
                (
                    ["login", "--email", demo.admin_email, "--password-stdin", "--yes"],
                    "wrong-password-123456\n",
                ),
            ):
                done = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "import keyring, sys; from wizard.core.demo import "
                        "DemoKeyring; keyring.set_keyring(DemoKeyring()); "
                        "from wizard.cli.main import "
                        "main; sys.exit(main(sys.argv[1:]))",
                        *args,
                        "--project",
                        str(tmp_path),
                        "--lang",
                        lang,
                    ],
                    input=stdin,
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                assert "Traceback" not in done.stderr
                outputs += [done.stdout, done.stderr]
            written = (tmp_path / "backend/.env").read_text().split("OPENWEBUI_API_KEY=")[1]
            assert_no_leak(
                [
                    old,
                    demo.openwebui_key,
                    demo.admin_password,
                    "wrong-password-123456",
                    written.strip(),
                ],
                *outputs,
            )
    finally:
        keyring.set_keyring(previous)


# --- where copies of keys live: backups, recovery files, crash dumps --------------------------


def _private_chain(path: Path, top: Path) -> None:
    """`path` is 0600 and every folder from it up to `top` is 0700."""
    import stat

    assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    folder = path.parent
    while folder != top and folder != folder.parent:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        folder = folder.parent


def test_backups_and_recovery_files_keep_keys_only_in_private_places(
    tmp_path: Path, private_state_folder: Path
) -> None:
    """Old keys (backups) and new ones (recovery files) exist only in the project's two .env
    files and in 0600 files of the 0700 state folder: never beside the project's files, in the
    web folder, in a file name, or in what `status` prints."""
    from wizard.core import recovery
    from wizard.core.files.envfile import write_env
    from wizard.core.files.widget_config import write_widget_config
    from wizard.core.keys import Slot, check_key
    from wizard.core.project import find_project

    old_backend, old_voice, widget_key = (
        keyshapes.openwebui_api_key(),
        keyshapes.openai_project(),
        keyshapes.openai_legacy(),
    )
    new_backend, kept = keyshapes.openwebui_api_key(), keyshapes.openwebui_api_key()
    root = tmp_path / "site"
    for folder in ("backend", "websocket-server", "chat-widget"):
        (root / folder).mkdir(parents=True)
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    (root / ".gitignore").write_text(".env\n")
    (root / "backend/.env").write_text(f"OPENWEBUI_API_KEY={old_backend}\n")
    (root / "websocket-server/.env").write_text(f"OPENAI_API_KEY={old_voice}\n")
    widget = root / "chat-widget/technova-config.js"
    widget.write_text(f"window.TechNovaConfig = {{ apiKey: '{widget_key}' }};\n")

    write_env(root / "backend/.env", {"OPENWEBUI_API_KEY": new_backend})
    write_env(root / "websocket-server/.env", {"OPENAI_API_KEY": keyshapes.openai_project()})
    write_widget_config(widget, "window.TechNovaConfig = {};\n")
    project = find_project(root)
    recovery_file = recovery.keep_safe(project, check_key(kept, Slot.OPENWEBUI))

    secrets = [old_backend, old_voice, widget_key, new_backend, kept]
    allowed = {root / "backend/.env", root / "websocket-server/.env"}
    holders = []
    for place in (root, private_state_folder):
        for path in place.rglob("*"):
            assert_no_leak(secrets, str(path))  # names never carry a value
            if path.is_file() and not path.is_symlink():
                text = path.read_text(errors="replace")
                if any(leaked(secret, text) for secret in secrets):
                    holders.append(path)
    for path in holders:
        if path in allowed:
            continue
        assert path.is_relative_to(private_state_folder), f"a key was copied to {path}"
        _private_chain(path, private_state_folder)
    assert recovery_file in holders and len(holders) >= 5  # 3 backups, 1 recovery, the .env

    status = run("status", "--project", str(root), "--lang", "en")
    status_json = run("status", "--project", str(root), "--json")
    assert_no_leak(secrets, status.stdout, status.stderr, status_json.stdout)


@pytest.fixture
def wizard_demo() -> Iterator[object]:
    from wizard.core.demo import start_demo_environment

    with start_demo_environment() as running:
        yield running


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_a_crash_dump_with_both_keys_pasted_holds_neither(
    wizard_demo: object, monkeypatch: pytest.MonkeyPatch, anyio_backend: str
) -> None:
    """Textual's crash dump prints every frame's locals: with both keys in the wizard's state,
    a crash on the second key screen shows neither (the TUI's hook: `app.error_console`)."""
    import io

    from rich.console import Console
    from tui_helpers import press, settle, type_key

    from wizard.tui import make_app

    class ForcedCrash(RuntimeError):
        pass

    demo = wizard_demo
    openwebui_key = demo.openwebui_key  # type: ignore[attr-defined]
    openai_key = demo.openai_key  # type: ignore[attr-defined]
    app = make_app(str(demo.project), "en", demo=demo)  # type: ignore[attr-defined]
    app.error_console = Console(width=200, record=True, file=io.StringIO(), markup=False)

    def crash(*args: object, **kwargs: object) -> object:
        raise ForcedCrash("forced for the leak hunt")

    with pytest.raises(ForcedCrash):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "start")
            await press(pilot, "next")
            await type_key(pilot, f"  {openwebui_key}\n")
            await press(pilot, "next")
            monkeypatch.setattr("wizard.tui.key_field.describe", crash)
            await type_key(pilot, f" {openai_key} ")
            await settle(pilot)
    dump = app.error_console.export_text()
    assert "ForcedCrash" in dump and "Traceback" in dump
    assert_no_leak([openwebui_key, openai_key], dump)
