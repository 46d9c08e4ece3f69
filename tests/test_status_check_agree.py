"""`status` and `check` agree, key by key, on projects rebuilt from the folk guides' own
situations; and `check` itself: chat-only sites, the voice code's beta header, the wrong
model id, one deadline for the chat, a closed pipe, `--timeout` that means something.

The live side runs against the OpenAI and Open WebUI stand-ins (`start_demo`), whose keys
and session tokens are accepted exactly as the real servers accept them (FACTS.md)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core.probes import ProbeTarget, Timeouts, probe_chat_both_ways, probe_openwebui
from wizard.core.secret import Secret
from wizard.standins.server import Demo, start_demo


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def write(root: Path, relative: str, text: str, mode: int = 0o600) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    path.chmod(mode)


def backend(demo: Demo, key_line: str, newline: str = "\n") -> str:
    lines = [f"OPENWEBUI_URL={demo.openwebui.url}", key_line, "OPENWEBUI_MODEL=technova"]
    return newline.join(lines) + newline


def voice(demo: Demo, key_line: str) -> str:
    return f"{key_line}\nOPENAI_BASE_URL={demo.openai_base_url}\nPORT=8081\n"


def token(demo: Demo, seconds: float | None) -> str:
    state = demo.openwebui_state
    return str(state.make_token(state.first_admin(), expires_in=seconds))


# Each situation writes a project; the folk guides describe every one of them.
Situation = Callable[[Demo, Path], None]


def healthy(d: Demo, root: Path) -> None:
    write(root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key}"))
    write(root, "websocket-server/.env", voice(d, f"OPENAI_API_KEY={d.openai_key}"))


SITUATIONS: dict[str, Situation] = {
    "healthy": healthy,
    "crlf-export-comments-quotes": lambda d, root: (
        write(
            root,
            "backend/.env",
            backend(d, f'# the chat\r\nexport OPENWEBUI_API_KEY="{d.openwebui_key}"', "\r\n"),
        ),
        write(root, "websocket-server/.env", voice(d, f"OPENAI_API_KEY='{d.openai_key}' # ok")),
    ),
    "bom": lambda d, root: write(
        root, "backend/.env", "\ufeff" + backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key}")
    ),
    "pasted-with-spaces": lambda d, root: write(
        root,
        "backend/.env",
        backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key[:15]} {d.openwebui_key[15:]}"),
    ),
    "zero-width-space": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key}\u200b")
    ),
    "wrong-key-wrong-file": lambda d, root: (
        write(root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={d.openai_key}")),
        write(root, "websocket-server/.env", voice(d, f"OPENAI_API_KEY={d.openwebui_key}")),
    ),
    "jwt-expired": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={token(d, -3600)}")
    ),
    "jwt-expiring-in-hours": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={token(d, 3 * 3600)}")
    ),
    "jwt-renew-soon": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={token(d, 8 * 86400)}")
    ),
    "jwt-distant": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={token(d, 25 * 86400)}")
    ),
    "masked-dots": lambda d, root: write(
        root, "websocket-server/.env", voice(d, "OPENAI_API_KEY=sk-proj-...sQoA")
    ),
    "masked-ellipsis": lambda d, root: write(
        root, "backend/.env", backend(d, "OPENWEBUI_API_KEY=sk-proj-…sQoA")
    ),
    "masked-stars": lambda d, root: write(
        root, "websocket-server/.env", voice(d, "OPENAI_API_KEY=sk-proj-" + "*" * 30 + "sQoA")
    ),
    "chat-only": lambda d, root: write(
        root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key}")
    ),
    "chat-only-example-env": lambda d, root: (
        write(root, "backend/.env", backend(d, f"OPENWEBUI_API_KEY={d.openwebui_key}")),
        write(root, "websocket-server/.env", 'OPENAI_API_KEY=""\nPUBLIC_URL=""\n'),
    ),
    "no-widget-owui-in-env": lambda d, root: write(
        root, "backend/.env", backend(d, "OPENWEBUI_API_KEY=owui-7f3a9c2e1b8d4f6a9e0c")
    ),
    "beta-header-in-code": lambda d, root: (
        healthy(d, root),
        write(root, "websocket-server/src/server.ts", "{ 'OpenAI-Beta': 'realtime=v1' }"),
    ),
    "look-alike-prefix": lambda d, root: write(
        root, "backend/.env", backend(d, "OPENWEBUI_API_KEY=\u0455" + d.openwebui_key[1:])
    ),
    "other-service": lambda d, root: write(
        root, "websocket-server/.env", voice(d, "OPENAI_API_KEY=sk-ant-api03-" + "a" * 80)
    ),
    "owui-in-widget": lambda d, root: (
        healthy(d, root),
        write(
            root,
            "chat-widget/technova-config.js",
            "window.TechNovaConfig = {\n  backendUrl: 'http://localhost:3001',\n"
            "  apiKey: 'owui-7f3a9c2e1b8d4f6a',\n};\n",
            0o644,
        ),
    ),
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(args)
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(SITUATIONS))
def test_status_and_check_agree_on_every_key(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    SITUATIONS[name](demo, tmp_path)
    project = ["--project", str(tmp_path), "--json"]
    status_code, status = run(["status", *project], capsys)
    check_code, check = run(["check", *project, "--timeout", "5"], capsys)

    def levels(data: dict) -> dict[str, tuple[str, bool]]:  # type: ignore[type-arg]
        return {c["variable"]: (c["severity"], c["usable"]) for c in data["credentials"]}

    assert levels(status) == levels(check), (name, status["problems"], check["checks"])
    # A key status calls usable is one the live servers accept; a key status calls broken
    # (not a key, stored with extras, in the wrong file, expired) is one they refuse. A token
    # that dies in hours still works: critical, not usable, yet accepted today.
    by_slot = {"openwebui": "OPENWEBUI_API_KEY", "chat": "OPENWEBUI_API_KEY"}
    by_slot |= {"openai": "OPENAI_API_KEY", "realtime": "OPENAI_API_KEY"}
    broken = {"key-unusable", "key-with-extras", "key-in-wrong-file", "jwt-expired"}
    broken_files = {p.get("file") for p in status["problems"] if p["code"] in broken}
    files = {c["variable"]: c["file"] for c in status["credentials"]}
    for result in check["checks"]:
        variable = by_slot[result["name"]]
        if variable not in files:
            continue
        if levels(status)[variable][1] and result["status"] != "realtime-code-beta-header":
            assert result["ok"], (name, result)  # (the beta header is the code's fault)
        if files[variable] in broken_files:
            assert not result["ok"] and result["verdict"] == "critical", (name, result)
    # Parts that are not set up are not probed, and the exit codes say the same thing.
    probed = {by_slot[r["name"]] for r in check["checks"]}
    assert probed == set(levels(status)), (name, probed)
    keyring = {"keyring-missing", "keyring-unavailable"}
    if not any(p["code"] in keyring for p in status["problems"]):
        assert status_code == check_code == status["exit"] == check["exit"], name


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_on_a_healthy_chat_only_site_exits_0_and_says_so(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    SITUATIONS["chat-only"](demo, tmp_path)
    code = main(["check", "--project", str(tmp_path), "--lang", lang, "--timeout", "5"])
    out = capsys.readouterr().out
    assert code in (0, 1)  # 1 only when this computer's keyring lacks a copy
    words = {"en": "The chat works", "fr": "Le chat fonctionne"}[lang]
    assert words in out
    assert {"en": "Both paths", "fr": "Les deux chemins"}[lang] not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_realtime_probe_blames_the_code_that_sends_the_beta_header(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    healthy(demo, tmp_path)
    write(tmp_path, "websocket-server/index.js", "const h = {\n  'OpenAI-Beta': 'realtime=v1',\n}")
    code, data = run(
        ["check", "--project", str(tmp_path), "--json", "--lang", lang, "--only", "realtime"],
        capsys,
    )
    (realtime,) = data["checks"]
    assert realtime["status"] == "realtime-code-beta-header" and code == 2
    text = " ".join(realtime["diagnosis"].values())
    assert "websocket-server/index.js:2" in text
    assert {"en": "key is fine", "fr": "est bonne"}[lang] in text
    voice = [c for c in data["credentials"] if c["variable"] == "OPENAI_API_KEY"]
    assert voice[0]["usable"] is True  # the key is not what fails


@pytest.mark.parametrize("wanted", ["TechNova", "Technova ", "tech-nova", "technova-v2"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wrong_model_id_names_the_ids_and_the_closest(demo: Demo, wanted: str, lang: str) -> None:
    target = ProbeTarget(
        openwebui_url=demo.openwebui.url,
        openwebui_key=Secret(demo.openwebui_key),
        model=wanted,
    )
    result = asyncio.run(probe_openwebui(target, Timeouts(connect=3, read=5, total=10)))
    assert result.diagnosis.code == "openwebui-wrong-model-id"
    parts = result.diagnosis.explanation.render(lang)  # type: ignore[arg-type]
    assert "technova" in parts["why"] and "gpt-4o-mini" in parts["why"]
    closest = {"en": "The closest is “technova”", "fr": "Le plus proche est «\u00a0technova\u00a0»"}
    assert closest[lang] in parts["why"]
    assert "OpenAI" not in parts["what"] + parts["why"]  # not "the OpenAI key inside Open WebUI"
    assert "OPENWEBUI_MODEL" in parts["next"]


def test_the_chat_probe_keeps_one_deadline_for_both_requests(demo: Demo) -> None:
    demo.openwebui_state.delay = 0.8
    try:
        target = ProbeTarget(
            openwebui_url=demo.openwebui.url, openwebui_key=Secret(demo.openwebui_key)
        )
        start = time.perf_counter()
        result = asyncio.run(probe_chat_both_ways(target, Timeouts(connect=2, read=3, total=1.2)))
        took = time.perf_counter() - start
    finally:
        demo.openwebui_state.delay = 0.0
    # Each request alone fits in 1.2 s; both together do not: the limit stated is the one kept.
    assert result.diagnosis.code == "timeout"
    assert result.diagnosis.params["seconds"] == "1.2"
    assert took < 2.0


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "1e999", "1e308"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_timeout_accepts_only_a_finite_positive_number(
    demo: Demo, tmp_path: Path, value: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    healthy(demo, tmp_path)
    start = time.perf_counter()
    code = main(["check", f"--timeout={value}", "--project", str(tmp_path), "--lang", lang])
    captured = capsys.readouterr()
    assert code == 3  # unknown, for a monitor: not "critical"
    assert {"en": "time limit", "fr": "limite de temps"}[lang] in captured.err
    assert captured.out == "" and time.perf_counter() - start < 5  # nothing was probed


def test_timeout_that_is_not_a_number_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--timeout", "abc", "--project", "."])
    assert stop.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly(demo: Demo, tmp_path: Path) -> None:
    healthy(demo, tmp_path)
    for number in range(40):  # a long report: many problems to print
        write(tmp_path, f"websocket-server/src/f{number}.js", "x")
    done = subprocess.run(
        f"{sys.executable} -m wizard check --project {tmp_path} --timeout 5 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert keyshapes.MARKER not in done.stdout
