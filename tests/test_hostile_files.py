"""Hostile project files: FIFOs, devices, sockets, huge files, links out of the project, modes,
and where backups and temporary files land. Each test sets up the attack on a real disk."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import keyshapes
import pytest

from wizard.core.errors import WizardError
from wizard.core.files.envfile import read_env, write_env
from wizard.core.files.widget_config import read_widget_config, write_widget_config
from wizard.core.i18n import Msg

KEY = keyshapes.openwebui_api_key()


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    (root / "chat-widget").mkdir()
    return root


def _within(seconds: float, action: Callable[[], object]) -> BaseException | object:
    """Run `action` in a thread; fail if it is still running after `seconds` (a hang)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except BaseException as error:  # the test inspects it
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked: the program would hang on this file"
    return outcome[0]


def _refusal(outcome: object, code: str) -> WizardError:
    assert isinstance(outcome, WizardError), outcome
    assert outcome.code == code, outcome.code
    for lang in ("en", "fr"):
        assert outcome.render(lang).strip()  # a sentence in both languages
    return outcome


# --- only regular files --------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: the file stays a socket for the test


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # endless bytes: a bounded read must not even start


SPECIAL = {"fifo": _fifo, "socket": _socket, "device": _device}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_env_file_is_refused_before_any_read(tmp_path: Path, kind: str) -> None:
    root = _project(tmp_path)
    env = root / "backend/.env"
    SPECIAL[kind](env)
    for action in (lambda: read_env(env), lambda: write_env(env, {"OPENWEBUI_API_KEY": KEY})):
        error = _refusal(_within(5, action), "safety.not-regular")
        kind_msg = error.params["kind"]
        assert isinstance(kind_msg, Msg) and kind_msg.key == f"safety.kind.{kind}"
    assert stat.S_ISFIFO(os.lstat(env).st_mode) if kind == "fifo" else True  # left as it was


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_widget_file_is_refused_before_any_read(tmp_path: Path, kind: str) -> None:
    root = _project(tmp_path)
    widget = root / "chat-widget/technova-config.js"
    SPECIAL[kind](widget)
    for action in (
        lambda: read_widget_config(widget),
        lambda: write_widget_config(widget, "window.TechNovaConfig = {};\n"),
    ):
        _refusal(_within(5, action), "safety.not-regular")


def test_status_of_a_project_whose_env_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    from wizard.core.project import find_project
    from wizard.core.status import project_status

    root = _project(tmp_path)
    os.mkfifo(root / "backend/.env")
    report = _within(10, lambda: project_status(find_project(root), use_keyring=False))
    assert not isinstance(report, BaseException), report
    assert "file-unreadable" in {p.code for p in report.problems}  # type: ignore[attr-defined]


def test_a_huge_env_is_refused_unread(tmp_path: Path) -> None:
    root = _project(tmp_path)
    env = root / "backend/.env"
    with env.open("wb") as handle:  # sparse: 64 MB on paper, nothing on disk
        handle.truncate(64 * 1024 * 1024)
    _refusal(_within(5, lambda: read_env(env)), "safety.too-large")
    _refusal(_within(5, lambda: write_env(env, {"A": "1"})), "safety.too-large")
    assert env.stat().st_size == 64 * 1024 * 1024


def test_a_huge_widget_file_is_refused_unread(tmp_path: Path) -> None:
    root = _project(tmp_path)
    widget = root / "chat-widget/technova-config.js"
    with widget.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    _refusal(_within(5, lambda: read_widget_config(widget)), "safety.too-large")


# --- links ---------------------------------------------------------------------------------


def test_a_link_out_of_the_project_is_not_written_without_permission(tmp_path: Path) -> None:
    root = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere.env"
    elsewhere.write_text("OPENWEBUI_API_KEY=old\n")
    env = root / "backend/.env"
    env.symlink_to(elsewhere)
    error = _refusal(
        _within(5, lambda: write_env(env, {"OPENWEBUI_API_KEY": KEY})), "safety.symlink-outside"
    )
    assert error.params["target"] == str(elsewhere.resolve())
    assert elsewhere.read_text() == "OPENWEBUI_API_KEY=old\n"

    written = write_env(env, {"OPENWEBUI_API_KEY": KEY}, follow_outside_symlink=True)
    assert written.outside_project and env.is_symlink()
    assert read_env(elsewhere).values == {"OPENWEBUI_API_KEY": KEY}


def test_a_linked_folder_out_of_the_project_counts_as_outside(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "websocket-server").mkdir()
    outside = tmp_path / "shared-backend"
    outside.mkdir()
    (root / "backend").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WizardError) as caught:
        write_env(root / "backend/.env", {"OPENWEBUI_API_KEY": KEY})
    assert caught.value.code == "safety.symlink-outside"
    assert not (outside / ".env").exists()


def test_a_widget_link_out_of_the_project_is_not_written(tmp_path: Path) -> None:
    root = _project(tmp_path)
    public = tmp_path / "var-www" / "technova-config.js"
    public.parent.mkdir()
    public.write_text("window.TechNovaConfig = {};\n")
    (root / "chat-widget/technova-config.js").symlink_to(public)
    with pytest.raises(WizardError) as caught:
        write_widget_config(root / "chat-widget/technova-config.js", "// new\n")
    assert caught.value.code == "safety.symlink-outside"
    assert public.read_text() == "window.TechNovaConfig = {};\n"


def test_a_link_inside_the_project_is_written_at_its_target(tmp_path: Path) -> None:
    root = _project(tmp_path)
    real = root / "websocket-server/.env"
    real.write_text("OPENWEBUI_API_KEY=old\n")
    link = root / "backend/.env"
    link.symlink_to(Path("../websocket-server/.env"))
    written = write_env(link, {"OPENWEBUI_API_KEY": KEY})
    assert link.is_symlink() and not written.outside_project
    assert read_env(real).values == {"OPENWEBUI_API_KEY": KEY}


# --- modes and owners ----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_group_readable_env_keeps_its_group_and_says_so(tmp_path: Path) -> None:
    env = _project(tmp_path) / "backend/.env"
    env.write_text("OPENWEBUI_API_KEY=old\n")
    env.chmod(0o640)
    written = write_env(env, {"OPENWEBUI_API_KEY": KEY})
    assert _mode(env) == 0o640
    assert [note.key for note in written.notes] == ["safety.group-can-read"]


def test_a_world_readable_env_becomes_private(tmp_path: Path) -> None:
    env = _project(tmp_path) / "backend/.env"
    env.write_text("A=1\n")
    env.chmod(0o666)
    written = write_env(env, {"OPENWEBUI_API_KEY": KEY})
    assert _mode(env) == 0o600 and written.notes == ()


def test_a_read_only_env_stays_read_only(tmp_path: Path) -> None:
    env = _project(tmp_path) / "backend/.env"
    env.write_text("OPENWEBUI_API_KEY=old\n")
    env.chmod(0o400)
    written = write_env(env, {"OPENWEBUI_API_KEY": KEY})
    assert _mode(env) == 0o400
    assert read_env(env).values == {"OPENWEBUI_API_KEY": KEY}
    assert [note.key for note in written.notes] == ["safety.kept-read-only"]


def test_a_new_env_is_0600(tmp_path: Path) -> None:
    env = _project(tmp_path) / "backend/.env"
    assert write_env(env, {"OPENWEBUI_API_KEY": KEY}).created
    assert _mode(env) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_owner_is_kept_when_root_writes(tmp_path: Path) -> None:
    env = _project(tmp_path) / "backend/.env"
    env.write_text("A=1\n")
    os.chown(env, 65534, 65534)
    write_env(env, {"OPENWEBUI_API_KEY": KEY})
    info = env.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)


# --- backups and temporary files -----------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    return done.stdout.decode()


def test_backups_live_outside_the_project_and_git_sees_nothing_new(
    tmp_path: Path, private_state_folder: Path
) -> None:
    root = _project(tmp_path)
    _git(root, "init", "-q")
    (root / ".gitignore").write_text(".env\n")
    env = root / "backend/.env"
    env.write_text(f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
    widget = root / "chat-widget/technova-config.js"
    widget.write_text(f'window.TechNovaConfig = {{ apiKey: "{KEY}" }};\n')
    before = _git(root, "status", "--porcelain", "--ignored", "--untracked-files=all")

    backup = write_env(env, {"OPENWEBUI_API_KEY": KEY}).backup
    widget_backup = write_widget_config(widget, "window.TechNovaConfig = {};\n")

    for copy in (backup, widget_backup):
        assert copy is not None and copy.is_relative_to(private_state_folder)
        assert not copy.is_relative_to(root)
        assert not copy.name.startswith(".env") and _mode(copy) == 0o600
        folder = copy.parent
        while folder != private_state_folder:
            assert _mode(folder) == 0o700, folder
            folder = folder.parent
    # Nothing new for git, ignored or not, and nothing left in the web folder but the config.
    assert _git(root, "status", "--porcelain", "--ignored", "--untracked-files=all") == before
    assert sorted(p.name for p in widget.parent.iterdir()) == ["technova-config.js"]


def test_two_projects_of_the_same_name_keep_separate_backups(tmp_path: Path) -> None:
    first, second = _project(tmp_path / "a"), _project(tmp_path / "b")
    backups = []
    for root in (first, second):
        (root / "backend/.env").write_text("A=1\n")
        backups.append(write_env(root / "backend/.env", {"A": "2"}).backup)
    assert backups[0] is not None and backups[1] is not None
    assert backups[0].parent != backups[1].parent


def test_temporary_files_never_match_env_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    names: list[str] = []
    real_mkstemp = tempfile.mkstemp  # atomic and backups import tempfile when they write

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        names.append(Path(name).name)
        return fd, name  # type: ignore[no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    (root / "backend/.env").write_text("A=1\n")
    write_env(root / "backend/.env", {"A": "2"})
    write_widget_config(root / "chat-widget/technova-config.js", "// x\n")
    assert names and not any(".env" in name for name in names), names


def test_a_fifo_gitignore_is_refused_not_waited_on(tmp_path: Path) -> None:
    from wizard.core.files.gitignore import ignore_env_files
    from wizard.core.project import find_project

    root = _project(tmp_path)
    _git(root, "init", "-q")
    (root / "backend/.env").write_text("A=1\n")
    os.mkfifo(root / ".gitignore")
    _refusal(_within(10, lambda: ignore_env_files(find_project(root))), "safety.not-regular")


def test_names_and_values_from_the_widget_file_are_cleaned() -> None:
    from wizard.core.files.widget_config import find_secrets

    text = (
        'window.TechNovaConfig = {\n  "api\\u001b]0;PWNED\\u0007Key": '
        f'"{keyshapes.openai_project()}",\n'
        '  "\x1b]0;PWNED\x07token": "\x1b]0;PWNED\x07sk-proj-0123456789abcdef0123456789",\n};\n'
    )
    for finding in find_secrets(text):
        for shown in (finding.field or "", finding.masked):
            assert "\x1b" not in shown and "\x07" not in shown, repr(shown)


def test_status_with_a_fifo_gitignore_says_it_could_not_check(tmp_path: Path) -> None:
    from wizard.core.project import find_project
    from wizard.core.status import project_status

    root = _project(tmp_path)
    _git(root, "init", "-q")
    (root / "backend/.env").write_text(f"OPENWEBUI_API_KEY={KEY}\n")
    os.mkfifo(root / ".gitignore")
    report = _within(10, lambda: project_status(find_project(root), use_keyring=False))
    codes = {p.code for p in report.problems}  # type: ignore[attr-defined]
    assert "git-could-not-check" in codes and "env-not-gitignored" not in codes


def test_a_widget_link_inside_the_project_is_written_at_its_target(tmp_path: Path) -> None:
    from wizard.core.files.guard import outside_target

    root = _project(tmp_path)
    (root / "public").mkdir()
    real = root / "public/technova-config.js"
    real.write_text("window.TechNovaConfig = {};\n")
    link = root / "chat-widget/technova-config.js"
    link.symlink_to(Path("../public/technova-config.js"))
    assert outside_target(link, root) is None
    write_widget_config(link, "// new\n")
    assert link.is_symlink() and real.read_text() == "// new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644  # public by design, still

    elsewhere = tmp_path / "www.js"
    elsewhere.write_text("// theirs\n")
    link.unlink()
    link.symlink_to(elsewhere)
    assert outside_target(link, root) == elsewhere.resolve()
    write_widget_config(link, "// allowed\n", follow_outside_symlink=True)
    assert link.is_symlink() and elsewhere.read_text() == "// allowed\n"
