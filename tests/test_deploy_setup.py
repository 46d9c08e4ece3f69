"""technova-setup.toml (read, written, refused), what a project's files reveal about how it
runs (restart script, logs, a Compose service reading backend/.env), the Compose command
(proved with a recorded `docker` stand-in first on PATH: no container engine runs here),
backend code that decodes the key as a JWT, and the Coolify path end to end."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard.cli.main import main
from wizard.core.deploy import DeployConsent, deliver
from wizard.core.deploy.compose_file import read_env_files
from wizard.core.deploy.config import (
    ComposeSettings,
    CoolifySettings,
    DeployConfig,
    RestartSettings,
    Way,
    load_config,
    parse_config,
    render_config,
    write_config,
)
from wizard.core.deploy.detect import detect
from wizard.core.deploy.project_code import jwt_expiry_code
from wizard.core.deploy.site import prove_site
from wizard.core.errors import WizardError
from wizard.core.project import find_project
from wizard.core.secret import Secret
from wizard.standins.backend import make_backend_app
from wizard.standins.coolify import CoolifyState, make_coolify_app
from wizard.standins.server import Demo, run_in_thread, start_demo


def make_project(root: Path, backend_env: str = "OPENWEBUI_API_KEY=x\n") -> Path:
    (root / "backend").mkdir(parents=True, exist_ok=True)
    (root / "backend/.env").write_text(backend_env)
    return root


# --- technova-setup.toml --------------------------------------------------------------------


def test_the_issues_example_reads_and_every_shape_round_trips(tmp_path: Path) -> None:
    example = parse_config(
        '[restart]\ncommand = "./restart-with-logs.sh"        # run from the project root\n'
        'logs = ["logs/backend.log", "logs/websocket-server.log"]\n\n'
        '[coolify]\nurl = "https://coolify.example.com/"\nbackend = "abc123"\nvoice = "def456"\n'
    )
    assert example.way is Way.COOLIFY  # a [coolify] table says where the variables live
    assert example.coolify == CoolifySettings("https://coolify.example.com", "abc123", "def456")
    assert example.restart is not None and example.restart.logs[1] == "logs/websocket-server.log"
    shapes = [
        DeployConfig(Way.COMMAND, restart=RestartSettings('./r "x".sh', ("a.log",), 30)),
        DeployConfig(Way.COMPOSE, compose=ComposeSettings("compose.yaml", "api", "voice")),
        DeployConfig(Way.COOLIFY, coolify=CoolifySettings("https://c.example", "u1", None)),
        DeployConfig(Way.MANUAL, backend_url="http://localhost:3001"),
    ]
    project = find_project(make_project(tmp_path))
    for config in shapes:
        assert parse_config(render_config(config)) == config
        write_config(project, config)
        assert load_config(project) == config


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[restart\n", "deploy.config.unreadable"),
        ("[restart]\nlogs = []\n", "deploy.config.bad-value"),
        ('[deploy]\nway = "kubernetes"\n', "deploy.config.bad-value"),
        ('[deploy]\nway = "coolify"\n', "deploy.config.missing-table"),
        ('[coolify]\nurl = "coolify.example.com"\nbackend = "x"\n', "deploy.config.bad-value"),
        ('[restart]\ncommand = "./r.sh"\ntimeout = -1\n', "deploy.config.bad-value"),
    ],
)
def test_a_wrong_file_is_named_in_both_languages(text: str, code: str) -> None:
    with pytest.raises(WizardError) as caught:
        parse_config(text)
    assert caught.value.code == code
    assert "technova-setup.toml" in caught.value.render("fr")


def test_a_key_is_never_written_into_the_file(tmp_path: Path) -> None:
    project = find_project(make_project(tmp_path))
    pasted = "sk-" + "0123456789abcdef" * 2  # pasted where the application's uuid goes
    config = DeployConfig(Way.COOLIFY, coolify=CoolifySettings("https://c.example", pasted))
    with pytest.raises(WizardError) as caught:
        write_config(project, config)
    assert caught.value.code == "deploy.config.secret-refused"
    assert not (tmp_path / "technova-setup.toml").exists()


# --- detection ---------------------------------------------------------------------------------


COMPOSE_FILES = {
    "string": "services:\n  api:\n    image: node:20\n    env_file: ./backend/.env\n",
    "list": "services:\n  web:\n    build: .\n  api:\n    env_file:\n      - backend/.env\n"
    "      - other.env\n    ports:\n      - '3001:3001'\n",
    "long syntax": "version: '3.8'\nservices:\n  \"api\":\n    env_file:\n"
    "      - path: ./backend/.env  # the keys\n        required: true\n",
    "flow list": 'services:\n\n  api:\n    env_file: [ "backend/.env" ]\n',
    "tabs and comments": "# TechNova\nservices:\n  # backend\n  api:\n"
    "    env_file: 'backend/.env'\n  voice:\n    env_file: websocket-server/.env\n",
}


@pytest.mark.parametrize("shape", sorted(COMPOSE_FILES))
def test_a_compose_service_reading_backend_env_is_found(tmp_path: Path, shape: str) -> None:
    root = make_project(tmp_path)
    (root / "docker-compose.yml").write_text(COMPOSE_FILES[shape])
    found = detect(find_project(root))
    assert found.backend_service is not None and found.backend_service.service == "api"
    suggestion = found.suggestion()
    assert suggestion is not None and suggestion.way is Way.COMPOSE
    assert suggestion.compose is not None and suggestion.compose.service == "api"


def test_env_files_are_resolved_from_the_compose_files_folder(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    compose = tmp_path / "deploy" / "compose.yaml"
    compose.write_text("services:\n  api:\n    env_file: ../backend/.env\n")
    assert [p.env_file for p in read_env_files(compose)] == [tmp_path / "backend" / ".env"]
    unrelated = make_project(tmp_path / "p")
    (unrelated / "compose.yaml").write_text("services:\n  db:\n    env_file: db.env\n")
    assert detect(find_project(unrelated)).backend_service is None


def test_a_restart_script_and_its_logs_are_found(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for name in ("start.sh", "restart-with-logs.sh", "notes.txt"):
        (root / name).write_text("#!/bin/sh\n")
    (root / "logs").mkdir()
    (root / "logs/backend.log").write_text("")
    (root / "logs/websocket-server.log").write_text("")
    (root / "chat-widget").mkdir()
    (root / "chat-widget/technova-config.js").write_text(
        "window.TechNovaConfig = {\n  backendUrl: 'https://chat.example.com/',\n};\n"
    )
    found = detect(find_project(root))
    assert found.scripts == ("./restart-with-logs.sh", "./start.sh")
    assert found.logs == ("logs/backend.log", "logs/websocket-server.log")
    assert found.backend_url == "https://chat.example.com"
    suggestion = found.suggestion()
    assert suggestion is not None and suggestion.restart is not None
    assert suggestion.restart.command == "./restart-with-logs.sh"


# --- Docker Compose, with a recorded docker -------------------------------------------------


@pytest.fixture
def recorded_docker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `docker` script first on PATH that records its arguments and folder (no container
    engine runs on these machines; this proves which command we run, and where)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "docker-calls.jsonl"
    script = bin_dir / "docker"
    script.write_text(
        "#!/usr/bin/env python3\nimport json, os, sys\n"
        f"open({str(record)!r}, 'a').write(json.dumps([os.getcwd(), sys.argv[1:]]) + '\\n')\n"
        "print('Container technova-api-1  Recreated')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return record


def test_compose_recreates_the_service_never_restarts_it(
    tmp_path: Path, recorded_docker: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "site")
    (root / "compose.yaml").write_text(COMPOSE_FILES["tabs and comments"])
    monkeypatch.chdir(tmp_path)
    config = detect(find_project(root)).suggestion()
    assert config is not None
    outcome = deliver(find_project(root), config, DeployConsent(restart=True), checks=False)
    calls = [json.loads(line) for line in recorded_docker.read_text().splitlines()]
    assert calls == [
        [
            str(root),
            ["compose", "-f", "compose.yaml", "up", "-d", "--force-recreate", "api", "voice"],
        ]
    ]
    assert "restart" not in calls[0][1]
    assert outcome.steps[-1].ok is True
    assert "Container technova-api-1  Recreated" in outcome.steps[-1].details


def test_without_consent_or_docker_the_command_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    (root / "docker-compose.yml").write_text(COMPOSE_FILES["string"])
    config = detect(find_project(root)).suggestion()
    assert config is not None
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no docker here
    for consent in (DeployConsent(), DeployConsent(restart=True)):
        outcome = deliver(find_project(root), config, consent, checks=False)
        step = outcome.steps[-1]
        assert step.ok is None
        command = "docker compose -f docker-compose.yml up -d --force-recreate api"
        assert step.details == (command,)
        assert command in step.message.render("fr")


# --- the project's own code -----------------------------------------------------------------

SERVER_JS = """require('dotenv').config();
const jwt = require('jsonwebtoken');
const key = process.env.OPENWEBUI_API_KEY;
function checkExpiry() {
  const decoded = jwt.decode(key);
  if (decoded.exp * 1000 < Date.now()) console.error('🚨 API KEY EXPIRÉE');
}
"""


def test_backend_code_decoding_the_key_as_a_jwt_is_named_with_file_and_line(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path)
    (root / "backend/server.js").write_text(SERVER_JS)
    (root / "backend/src/lib").mkdir(parents=True)
    (root / "backend/src/lib/token.ts").write_text(
        "const k = process.env.OPENWEBUI_API_KEY!;\n"
        "export const payload = JSON.parse(atob(k.split('.')[1]));\n"
    )
    (root / "backend/src/node_modules").mkdir()
    (root / "backend/src/node_modules/x.js").write_text("jwt.decode(OPENWEBUI_API_KEY)\n")
    (root / "backend/other.js").write_text("jwt.decode(process.env.SESSION)\n")
    findings = jwt_expiry_code(find_project(root))
    assert [(f.file, f.line) for f in findings] == [
        ("backend/server.js", 5),
        ("backend/src/lib/token.ts", 2),
    ]


# --- the running site and the Coolify path --------------------------------------------------


@pytest.fixture(scope="module")
def servers() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def test_the_site_is_proven_or_the_failing_step_named(tmp_path: Path, servers: Demo) -> None:
    root = make_project(
        tmp_path,
        f"OPENWEBUI_URL={servers.openwebui.url}\nOPENWEBUI_API_KEY={servers.openwebui_key}\n",
    )
    with run_in_thread(make_backend_app(root)) as backend:
        assert prove_site(backend.url, deadline=10).ok
        (root / "backend/.env").write_text(
            f"OPENWEBUI_URL={servers.openwebui.url}\nOPENWEBUI_API_KEY=sk-{'0' * 32}\n"
        )
        refused = prove_site(backend.url, deadline=10)
        assert not refused.ok and refused.explanation.what.key == "deploy.site.refused.what"
        assert "401" in refused.explanation.what.render("en")
    gone = prove_site("http://127.0.0.1:9", deadline=1.0)
    assert gone.explanation.what.key == "deploy.site.unreachable.what"
    assert prove_site(None).explanation.what.key == "deploy.site.no-address.what"


def test_coolify_path_sets_the_variable_restarts_and_the_site_answers(
    tmp_path: Path,
    servers: Demo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`restart --yes` on a Coolify project: the key of backend/.env goes to the app's
    variables (POST since it was absent), the app restarts, the site answers."""
    state = CoolifyState(polls_queued=1, polls_in_progress=1)
    token = state.add_token()
    app = state.add_app("technova-backend", {"OPENWEBUI_URL": servers.openwebui.url})
    root = make_project(
        tmp_path,
        f"OPENWEBUI_URL={servers.openwebui.url}\nOPENWEBUI_API_KEY={servers.openwebui_key}\n",
    )
    with (
        run_in_thread(make_coolify_app(state)) as coolify,
        run_in_thread(make_backend_app(root)) as backend,
    ):
        config = DeployConfig(
            Way.COOLIFY, coolify=CoolifySettings(coolify.url, app.uuid), backend_url=backend.url
        )
        write_config(find_project(root), config)
        monkeypatch.setenv("COOLIFY_TOKEN", token)
        code = main(["restart", "--project", str(root), "--yes", "--lang", "fr"])
        out = capsys.readouterr().out
    assert code == 0, out
    assert app.envs["OPENWEBUI_API_KEY"]["value"] == servers.openwebui_key
    assert state.restarted == [app.uuid]
    assert "Le site répond" in out and "in_progress" in out
    assert servers.openwebui_key not in out and token not in out


def test_coolify_refusals_end_as_the_failing_step(tmp_path: Path, servers: Demo) -> None:
    state = CoolifyState(api_enabled=False)
    token = state.add_token()
    app = state.add_app("backend")
    root = make_project(tmp_path, f"OPENWEBUI_API_KEY={servers.openwebui_key}\n")
    with run_in_thread(make_coolify_app(state)) as coolify:
        config = DeployConfig(Way.COOLIFY, coolify=CoolifySettings(coolify.url, app.uuid))
        consent = DeployConsent(set_variables=True, restart=True)
        project = find_project(root)
        outcome = deliver(project, config, consent, coolify_token=Secret(token))
        assert outcome.failing_step is not None
        assert outcome.verdict.what.key == "deploy.coolify.api-disabled.what"
        assert outcome.site is None  # nothing is proven past a failed step
        state.api_enabled, state.outcome = True, "failed"
        outcome = deliver(
            project, config, consent, coolify_token=Secret(token), coolify_interval=0.01
        )
        assert outcome.verdict.what.key == "deploy.coolify.deployment-failed.what"
        assert "container exited with code 1" in outcome.verdict.render("en")["what"]
        # Without the person's agreement, nothing is changed in Coolify.
        before = len(state.requests)
        outcome = deliver(project, config, DeployConsent(), coolify_token=Secret(token))
        assert len(state.requests) == before
        assert [s.ok for s in outcome.steps if s.name.startswith("coolify")] == [None, None]


def test_without_a_token_coolify_is_not_called_and_the_way_to_give_one_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wizard.core.deploy.coolify as coolify_module

    monkeypatch.delenv("COOLIFY_TOKEN", raising=False)
    monkeypatch.setattr(coolify_module, "coolify_token", lambda root: None)
    root = make_project(tmp_path, f"OPENWEBUI_API_KEY=sk-{'a' * 32}\n")
    config = DeployConfig(Way.COOLIFY, coolify=CoolifySettings("http://127.0.0.1:9", "app"))
    consent = DeployConsent(set_variables=True, restart=True)
    outcome = deliver(find_project(root), config, consent)
    assert outcome.verdict.what.key == "deploy.coolify.no-token.what"
    assert "COOLIFY_TOKEN" in outcome.verdict.render("fr")["next"]


def test_status_shows_the_deployment_and_the_jwt_decoding_code(tmp_path: Path) -> None:
    from wizard.core.status import Severity, project_status

    root = make_project(tmp_path, f"OPENWEBUI_API_KEY=sk-{'a' * 32}\n")
    (root / "backend/server.js").write_text(SERVER_JS)
    (root / "restart-with-logs.sh").write_text("#!/bin/sh\n")
    problems = {p.code: p for p in project_status(find_project(root), use_keyring=False).problems}
    assert problems["deployment"].severity is Severity.INFO
    assert "./restart-with-logs.sh" in problems["deployment"].message.render("en")
    code = problems["backend-code-decodes-jwt"]
    assert code.severity is Severity.WARNING and code.file == "backend/server.js"
    assert "ligne 5" in code.message.render("fr")
    write_config(find_project(root), DeployConfig(Way.MANUAL))
    problems = {p.code: p for p in project_status(find_project(root), use_keyring=False).problems}
    assert "technova-setup.toml" in problems["deployment"].message.render("en")


def test_the_demo_shows_the_coolify_path() -> None:
    from wizard.core.demo import start_demo_environment
    from wizard.core.files.envfile import write_env

    with start_demo_environment() as demo:
        project = find_project(demo.project)
        config = load_config(project)
        assert config is not None and config.way is Way.COOLIFY
        write_env(project.backend_env, {"OPENWEBUI_API_KEY": demo.openwebui_key})
        write_env(project.voice_env, {"OPENAI_API_KEY": demo.openai_key})
        heard: list[object] = []
        consent = DeployConsent(set_variables=True, restart=True)
        outcome = deliver(project, config, consent, heard.append, coolify_interval=0.01)
        assert outcome.site_answers, outcome.verdict.render("en")
        assert any(getattr(m, "key", "") == "deploy.coolify.status" for m in heard)
        assert demo.coolify is not None


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Restart the backend now"), ("fr", "Redémarrez")]
)
def test_after_a_renewal_a_manual_site_is_told_to_restart_not_tested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    from wizard.cli.deploy import deliver_after_save
    from wizard.core.deploy import KeyToDeliver
    from wizard.core.keys import Slot

    root = make_project(tmp_path)
    write_config(find_project(root), DeployConfig(Way.MANUAL))
    key = KeyToDeliver(Slot.OPENWEBUI, Secret(f"sk-{'b' * 32}"))
    assert deliver_after_save(find_project(root), lang, yes=True, keys=[key]) == 0
    out = capsys.readouterr().out
    assert words in out and "technova-setup restart" in out
