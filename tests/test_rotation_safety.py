"""A rotation never leaves the person without a working key (issue: never lose a working key).

Making a new Open WebUI key kills the old one at once. So `login` and `renew` first check that
backend/.env can be written (and nobody else is writing it); and if saving still fails after
the server made the new key, the new key is kept in a private recovery file and the message
says where — never "Nothing was changed".
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest

from wizard.cli.main import main
from wizard.core.demo import DemoKeyring
from wizard.core.errors import WizardError
from wizard.core.files.envread import read_env
from wizard.standins.server import Demo, start_demo

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Demo]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    with start_demo() as running:
        yield running
    keyring.set_keyring(previous)


def works(url: str, key: str) -> bool:
    answer = httpx.get(url + "/api/models", headers={"Authorization": f"Bearer {key}"})
    return answer.status_code == 200


def project_for(root: Path, demo: Demo) -> Path:
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"PORT=3001\nOPENWEBUI_URL={demo.openwebui.url}\n"
        f"OPENWEBUI_API_KEY={demo.openwebui_key}\nOPENWEBUI_MODEL=technova\n"
    )
    return root


def recovery_files(state: Path) -> list[Path]:
    folder = state / "technova-setup/recovery"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


@pytest.mark.skipif(not shutil.which("setpriv"), reason="setpriv (util-linux) is not installed")
@pytest.mark.parametrize("command", ["renew", "login"])
def test_a_read_only_backend_folder_keeps_the_old_key_working(demo: Demo, command: str) -> None:
    """Run as `nobody` (root ignores file modes) with backend/ read-only: the command refuses
    before any key is made, so the old key still works, and says so."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run the command as another user")
    base = Path(tempfile.mkdtemp(prefix="technova-ro-"))
    try:
        base.chmod(0o755)
        project = project_for(base / "site", demo)
        (project / "backend/.env").chmod(0o644)
        (project / "backend").chmod(0o555)
        home = base / "home"
        home.mkdir()
        os.chown(home, NOBODY, NOBODY)
        before = (project / "backend/.env").read_text()
        args = [command, "--project", str(project), "--yes", "--lang", "en"]
        if command == "login":
            args += ["--email", demo.admin_email, "--password-stdin"]
        done = subprocess.run(
            [
                "setpriv",
                f"--reuid={NOBODY}",
                f"--regid={NOBODY}",
                "--clear-groups",
                sys.executable,
                "-m",
                "wizard",
                *args,
            ],
            input=demo.admin_password + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            env={
                **os.environ,
                "HOME": str(home),
                "XDG_STATE_HOME": str(home / "st"),
                "PYTHONPATH": str(ROOT),
            },
        )
        out = done.stdout + done.stderr
        assert done.returncode == 3, out
        assert "cannot be written" in out and "no new key was made" in out
        assert works(demo.openwebui.url, demo.openwebui_key)  # the old key was never replaced
        assert (project / "backend/.env").read_text() == before
        assert demo.admin_password not in out and demo.openwebui_key not in out
    finally:
        (base / "site/backend").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("command", ["renew", "login"])
def test_a_save_that_fails_after_the_key_was_made_keeps_the_new_key_recoverable(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """The disk fills up (or a permission changes) between the check and the write: the new
    key, which already replaced the old one on the server, is in a 0600 recovery file the
    message names."""
    project = project_for(tmp_path / "site", demo)
    before = (project / "backend/.env").read_text()

    def disk_full(*args: object, **kwargs: object) -> object:
        raise WizardError("files.disk_full", path=str(project / "backend/.env"))

    monkeypatch.setattr("wizard.core.files.envfile.write_env", disk_full)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(demo.admin_password + "\n"))
    args = [command, "--project", str(project), "--yes", "--lang", "en"]
    if command == "login":
        args += ["--email", demo.admin_email, "--password-stdin"]
    code = main(args)
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 3, text
    assert not works(demo.openwebui.url, demo.openwebui_key)  # the server made a new key
    kept = recovery_files(tmp_path / "state")
    assert len(kept) == 1 and str(kept[0]) in text and "NOT lost" in text
    assert "Nothing was changed" not in text
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(kept[0].parent.stat().st_mode) == 0o700
    line = next(ln for ln in kept[0].read_text().splitlines() if ln.startswith("OPENWEBUI"))
    new = line.split("=", 1)[1]
    assert works(demo.openwebui.url, new) and new not in text
    assert (project / "backend/.env").read_text() == before


def test_the_recovery_file_is_removed_once_the_key_is_written(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_for(tmp_path / "site", demo)
    assert main(["renew", "--project", str(project), "--yes", "--lang", "en"]) == 0
    capsys.readouterr()
    new = read_env(project / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert works(demo.openwebui.url, new) and recovery_files(tmp_path / "state") == []


def test_a_run_already_writing_makes_the_second_refuse_before_making_a_key(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    project = project_for(tmp_path / "site", demo)
    fd = os.open(project / "backend", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        code = main(["renew", "--project", str(project), "--yes", "--lang", "fr"])
    finally:
        os.close(fd)
    out = capsys.readouterr()
    assert code == 3 and "aucune nouvelle clé n'a été créée" in out.err
    assert works(demo.openwebui.url, demo.openwebui_key)


def test_a_password_is_never_sent_over_plain_http_to_another_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`login --url http://<not this machine>` refuses before asking anything (no network
    either: 192.0.2.0/24 is reserved for documentation and never routed)."""
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend/.env").write_text("PORT=3001\n")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("Hunter2-password\n"))
    code = main(
        [
            "login",
            "--project",
            str(tmp_path),
            "--url",
            "http://192.0.2.10:3000",
            "--email",
            "a@example.com",
            "--password-stdin",
            "--yes",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr()
    assert code == 3 and "--allow-http" in out.err
    assert __import__("sys").stdin.read() == "Hunter2-password\n"  # the password was not read


@pytest.mark.parametrize("follow", [False, True])
def test_a_backend_env_linked_out_of_the_project_needs_follow_symlinks(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], follow: bool
) -> None:
    shared = tmp_path / "elsewhere/backend.env"
    shared.parent.mkdir()
    shared.write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={demo.openwebui_key}\n"
    )
    (tmp_path / "site/backend").mkdir(parents=True)
    (tmp_path / "site/backend/.env").symlink_to(shared)
    args = ["renew", "--project", str(tmp_path / "site"), "--yes", "--lang", "en"]
    code = main([*args, "--follow-symlinks"] if follow else args)
    out = capsys.readouterr()
    new = read_env(shared).values["OPENWEBUI_API_KEY"]
    assert (tmp_path / "site/backend/.env").is_symlink()
    if follow:
        assert code == 0, out.out + out.err
        assert new != demo.openwebui_key and works(demo.openwebui.url, new)
    else:
        assert code == 3 and str(shared) in out.err
        assert new == demo.openwebui_key and works(demo.openwebui.url, demo.openwebui_key)
