"""A project restarted by its own `restart-with-logs.sh`, as the folk guides show: the script
starts a real backend and voice server (processes that read their `.env` once, at start, and
write the guides' log lines), from the project root whatever folder we are in. After a new key
is saved, `technova-setup restart --yes` ends with the site answering; a broken key ends with
the quoted log line and the fix."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from wizard.cli.main import main
from wizard.core.deploy.config import RestartSettings
from wizard.core.deploy.restart import run_restart
from wizard.core.errors import WizardError
from wizard.core.files.envfile import write_env
from wizard.standins.openai import new_openai_key
from wizard.standins.server import Demo, start_demo

RESTART_SCRIPT = """#!/bin/sh
# Restarts the TechNova backend and voice server. Paths are relative: run from the project root.
mkdir -p logs
for name in backend websocket-server; do
  if [ -f "logs/$name.pid" ]; then kill "$(cat "logs/$name.pid")" 2>/dev/null; fi
done
sleep 0.3
nohup {python} -m wizard.standins.backend_process backend --port {port} > logs/backend.log 2>&1 &
echo $! > logs/backend.pid
nohup {python} -m wizard.standins.backend_process voice > logs/websocket-server.log 2>&1 &
echo $! > logs/websocket-server.pid
echo "Services restarted: backend on {port}"
"""

TOML = """[restart]
command = "./restart-with-logs.sh"
logs = ["logs/backend.log", "logs/websocket-server.log"]
timeout = 30
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def servers() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


@pytest.fixture
def project(tmp_path: Path, servers: Demo) -> Iterator[Path]:
    root = tmp_path / "technova"
    port = free_port()
    state = servers.openwebui_state
    key = state.create_api_key(state.first_admin())  # the admin's one key, fresh for each test
    (root / "backend").mkdir(parents=True)
    (root / "websocket-server").mkdir()
    (root / "chat-widget").mkdir()
    (root / "backend/.env").write_text(
        f"PORT={port}\nOPENWEBUI_URL={servers.openwebui.url}\n"
        f"OPENWEBUI_API_KEY={key}\nOPENWEBUI_MODEL=technova\n"
    )
    (root / "websocket-server/.env").write_text(
        f'OPENAI_API_KEY="{servers.openai_key}"\nOPENAI_BASE_URL={servers.openai_base_url}\n'
    )
    (root / "chat-widget/technova-config.js").write_text(
        f'window.TechNovaConfig = {{ backendUrl: "http://127.0.0.1:{port}" }};\n'
    )
    script = root / "restart-with-logs.sh"
    script.write_text(RESTART_SCRIPT.format(python=sys.executable, port=port))
    script.chmod(0o755)
    (root / "technova-setup.toml").write_text(TOML)
    try:
        yield root
    finally:
        for pid_file in (root / "logs").glob("*.pid"):
            with contextlib.suppress(ValueError, OSError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def chat(root: Path) -> httpx.Response:
    text = (root / "chat-widget/technova-config.js").read_text()
    url = text.split('"')[1]
    return httpx.post(url + "/api/chat", json={"message": "Bonjour"}, timeout=30)


def start(root: Path) -> None:
    subprocess.run(["./restart-with-logs.sh"], cwd=root, check=True, capture_output=True)


def test_a_new_key_reaches_the_running_backend_and_the_site_answers(
    project: Path,
    servers: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    start(project)
    assert _eventually_answers(project)
    # A renewal: the old key dies at once; the backend still runs with it.
    state = servers.openwebui_state
    new_key = state.create_api_key(state.first_admin())
    write_env(project / "backend/.env", {"OPENWEBUI_API_KEY": new_key})
    assert chat(project).status_code == 502  # the file is right, the running site is not
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the script's relative paths only work from the root
    code = main(["restart", "--project", str(project), "--yes", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Services restarted" in out  # the command's output is shown
    assert "Session updated confirmed" in out  # the voice log's success line, recognised
    assert "The site answers" in out
    assert new_key not in out and servers.openai_key not in out
    assert chat(project).status_code == 200


def _eventually_answers(root: Path) -> bool:
    import time

    for _ in range(60):
        with contextlib.suppress(httpx.HTTPError):
            if chat(root).status_code == 200:
                return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_broken_key_ends_with_the_quoted_log_line_and_the_fix(
    project: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = new_openai_key()  # well formed, but OpenAI does not know it
    write_env(project / "websocket-server/.env", {"OPENAI_API_KEY": wrong})
    code = main(["restart", "--project", str(project), "--yes", "--lang", lang])
    out = capsys.readouterr().out
    assert code == 2, out
    assert "invalid_api_key" in out  # the log line, quoted…
    assert wrong not in out and wrong[8:28] not in out  # …with the key masked
    assert "https://platform.openai.com/api-keys" in out  # …and the fix
    assert "logs/websocket-server.log" in out
    if lang == "fr":
        assert "indique que la clé est refusée" in out


def test_the_command_runs_in_the_project_folder_and_its_problems_are_named(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "where.sh").write_text("#!/bin/sh\npwd\n")
    (project / "where.sh").chmod(0o755)
    monkeypatch.chdir(tmp_path)
    done = run_restart(project, RestartSettings("./where.sh"))
    assert done.ok and done.output == (str(project),)

    (project / "where.sh").chmod(0o644)
    with pytest.raises(WizardError) as caught:
        run_restart(project, RestartSettings("./where.sh"))
    assert caught.value.code == "deploy.restart.not-executable"
    assert "chmod +x ./where.sh" in caught.value.render("en")
    assert "chmod +x ./where.sh" in caught.value.render("fr")

    for command, code in [
        ("./missing.sh", "deploy.restart.not-found"),
        ("no-such-program-here --now", "deploy.restart.not-on-path"),
        ("./missing.sh && echo done", "deploy.restart.not-found"),
    ]:
        with pytest.raises(WizardError) as caught:
            run_restart(project, RestartSettings(command))
        assert caught.value.code == code, command
        assert str(project) in caught.value.render("en") or code.endswith("not-on-path")


def test_a_failing_or_endless_command_is_reported_with_its_output_masked(project: Path) -> None:
    key = "sk-" + "ab12" * 8
    (project / "fail.sh").write_text(f"#!/bin/sh\necho 'using {key}'\necho boom >&2\nexit 4\n")
    (project / "fail.sh").chmod(0o755)
    done = run_restart(project, RestartSettings("./fail.sh"))
    assert done.exit_code == 4 and not done.ok
    assert "boom" in done.output and not any(key in line for line in done.output)
    forever = run_restart(project, RestartSettings("sleep 30", timeout=0.5))
    assert forever.timed_out and forever.seconds < 10


def test_a_script_that_ends_by_following_its_logs_still_proves_the_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restart-with-logs.sh` ending with `tail -f`: stopped at the deadline, said so, and
    the site is tested all the same (it answers: the backend was restarted)."""
    script = project / "restart-with-logs.sh"
    script.write_text(script.read_text() + "exec tail -F logs/backend.log\n")
    (project / "technova-setup.toml").write_text(TOML.replace("timeout = 30", "timeout = 3"))
    code = main(["restart", "--project", str(project), "--yes", "--lang", "en"])
    out = capsys.readouterr().out
    assert "was still running after" in out and "tail -f" in out
    assert "The site answers" in out and code == 0, out


def test_restart_asks_once_writes_the_file_and_restarts(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No technova-setup.toml: the script found at the root is offered, the file written
    after a yes, the backend restarted after another; the next run asks nothing."""
    (project / "technova-setup.toml").unlink()
    answers = iter(["o", "o", "o"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code = main(["restart", "--project", str(project), "--lang", "fr"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "./restart-with-logs.sh" in out and "Le site répond" in out
    written = (project / "technova-setup.toml").read_text()
    assert 'command = "./restart-with-logs.sh"' in written
    assert '"logs/backend.log"' in written  # the logs the first start left, found too
    assert next(answers, None) is None  # exactly three questions


def test_renews_restart_command_runs_from_the_project_root(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`renew --restart-command CMD` hands CMD to `deliver_after_save`: it runs in the project
    folder, not in the folder the command was started from (issue 12, item 10)."""
    from wizard.cli.deploy import deliver_after_save
    from wizard.core.project import find_project

    (project / "technova-setup.toml").unlink()
    monkeypatch.chdir(tmp_path)
    code = deliver_after_save(
        find_project(project), "en", yes=True, restart_command="./restart-with-logs.sh"
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Services restarted" in out and "The site answers" in out
    assert not (project / "technova-setup.toml").exists()  # a one-off command is not saved
    (project / "restart-with-logs.sh").chmod(0o644)
    assert (
        deliver_after_save(
            find_project(project), "fr", yes=True, restart_command="./restart-with-logs.sh"
        )
        == 2
    )
    out = capsys.readouterr().out
    assert "chmod +x ./restart-with-logs.sh" in out


def test_renew_yes_ends_with_the_site_answering(
    project: Path, servers: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`renew --yes`: the backend's key rotates (the old one dies at once), is saved, reaches
    the running backend through restart-with-logs.sh, and the site answers."""
    from wizard.core.files.envread import read_env

    start(project)
    assert _eventually_answers(project)
    old = read_env(project / "backend/.env").values["OPENWEBUI_API_KEY"]
    code = main(["renew", "--project", str(project), "--yes", "--lang", "en"])
    out = capsys.readouterr().out
    new = read_env(project / "backend/.env").values["OPENWEBUI_API_KEY"]
    assert new != old and new not in out
    assert "Services restarted" in out and "The site answers" in out, out
    assert code == 0, out
    assert chat(project).status_code == 200
