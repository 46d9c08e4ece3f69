"""Benchmarks for many sites: 1, 10 and 100 projects in one `check` run, and `status` cold
starts for each project shape with no D-Bus and with a dead D-Bus address, then with a live
session bus (a desktop keyring holding the project's keys; a user bus with no password store).

Run through `bench/run.py` (it prints and records the table), or alone:
    .venv/bin/python bench/many_bench.py
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DELAY = 2.0  # seconds before every answer (an LLM answer takes that; a chat probe waits on 4)
SIZES = (1, 10, 100)
PROBES = 4  # openwebui, chat, openai, realtime: every probe of every project at once

# Runs in a fresh process so that its peak memory is its own (the stand-ins run here).
_CHILD = """
import json, resource, sys, time
from wizard.core.many import check_projects, distinct_projects
from wizard.core.probes import Timeouts
folders, parallel = json.loads(sys.argv[1]), int(sys.argv[2])
projects = distinct_projects(folders)
start = time.perf_counter()
reports = check_projects(projects, parallel=parallel, use_keyring=False,
                         timeouts=Timeouts(connect=10, read=30, total=60))
wall = time.perf_counter() - start
assert all(int(r.exit_code) == 0 for r in reports), [
    (str(r.status.project.root), [x.diagnosis.code for x in r.results if not x.ok],
     [p.code for p in r.status.problems if p.severity.value != "info"]) for r in reports]
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"wall": wall, "maxrss_kb": usage.ru_maxrss, "cpu": cpu}))
"""


def _write_site(root: Path, demo: object) -> None:
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\n"  # type: ignore[attr-defined]
        f"OPENWEBUI_API_KEY={demo.openwebui_key}\n"  # type: ignore[attr-defined]
    )
    (root / "websocket-server").mkdir()
    (root / "websocket-server/.env").write_text(
        f"OPENAI_API_KEY={demo.openai_key}\n"  # type: ignore[attr-defined]
        f"OPENAI_BASE_URL={demo.openai_base_url}\n"  # type: ignore[attr-defined]
    )
    for env in ("backend/.env", "websocket-server/.env"):
        (root / env).chmod(0o600)


def _run_child(folders: list[str], parallel: int) -> dict[str, float]:
    done = subprocess.run(
        [PYTHON, "-c", _CHILD, json.dumps(folders), str(parallel)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _one_tls_context_for_the_stand_ins() -> None:
    """The Open WebUI stand-in opens an httpx client for every chat it relays to the OpenAI
    stand-in, and each one loads the CA bundle (~40 ms of the stand-in's processor, even for
    plain http). A real Open WebUI keeps its clients. Cached here, in the stand-ins' process
    only, so that the figure measures our checks, not the stand-in's start-up of TLS."""
    import functools

    import httpx._transports.default as transports

    transports.create_ssl_context = functools.cache(transports.create_ssl_context)


def bench_many(rounds: int) -> tuple[list[tuple[str, float, float, str]], list[str]]:
    """Rows for run.py's table, and notes (memory per project, the cap used)."""
    from wizard.standins.server import start_demo

    _one_tls_context_for_the_stand_ins()

    base = Path(tempfile.mkdtemp(prefix="bench-many-"))
    rows: list[tuple[str, float, float, str]] = []
    notes: list[str] = []
    try:
        with start_demo() as demo:
            demo.openwebui_state.cache_models = True
            sites = [str(base / f"site{index:03}") for index in range(max(SIZES))]
            for site in sites:
                _write_site(Path(site), demo)
            _run_child(sites[:1], PROBES)  # the model list cached, files in the page cache
            demo.openwebui_state.delay = DELAY
            demo.openai_state.delay = DELAY
            measured: dict[int, tuple[float, float, float]] = {}
            for size in SIZES:
                runs = [_run_child(sites[:size], PROBES * size) for _ in range(rounds)]
                measured[size] = (
                    statistics.median(r["wall"] for r in runs),
                    statistics.median(r["maxrss_kb"] for r in runs),
                    statistics.median(r["cpu"] for r in runs),
                )
            one_wall, one_rss, _ = measured[1]
            for size in SIZES[1:]:
                wall = measured[size][0]
                rows.append(
                    (f"check, {size} projects × 4 probes vs 1 project", wall, one_wall, "≤ 1.5×")
                )
            per_project = (measured[max(SIZES)][1] - one_rss) / (max(SIZES) - 1)
            notes.append(
                f"Many projects: stand-ins answer after {DELAY * 1000:.0f} ms each; `--parallel` "
                f"= 4 × projects (all probes at once). Peak memory (max RSS of the checking "
                f"process): {one_rss / 1024:.1f} MB for 1 project, "
                f"{measured[max(SIZES)][1] / 1024:.1f} MB for {max(SIZES)}: "
                f"{per_project:.0f} kB more per project."
            )
            load = os.getloadavg()[0]
            notes.append(
                f"Load average during the many-projects runs: {load:.1f} on {os.cpu_count()} "
                "processors (other work on the machine slows the 100-project run most: it is "
                f"the one that needs the processor, ~{measured[max(SIZES)][2]:.1f} s of it)."
            )
            default_runs = [_run_child(sites, 16) for _ in range(max(1, rounds // 2))]
            notes.append(
                f"With the default `--parallel 16`, {max(SIZES)} projects ({max(SIZES) * PROBES} "
                f"probes) take {statistics.median(r['wall'] for r in default_runs):.2f} s: "
                "the cap is the limit, as it should be."
            )
    finally:
        shutil.rmtree(base)
    return rows, notes


# ----------------------------------------------------------------------------- cold starts


_SHAPES = ("API key", "session token", "widget file", "site in git")


def _shape(base: Path, name: str) -> Path:
    """One project shape: the backend .env with an API key or a session token, or a widget
    file present as well, or a whole site in git (voice server, widget, restart script)."""
    root = base / name
    (root / "backend").mkdir(parents=True)
    if name == "session token":
        header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        # {"id":"b1946ac9","exp":4102444800} (year 2100), base64url, signature made up.
        payload = "eyJpZCI6ImIxOTQ2YWM5IiwiZXhwIjo0MTAyNDQ0ODAwfQ"
        key = f"{header}.{payload}.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWhlcmUtYXQtYWxsLW9r"
    else:
        key = "sk-0123456789abcdef0123456789abcdef"
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL=http://localhost:3000\nOPENWEBUI_API_KEY={key}\n"
    )
    (root / "backend/.env").chmod(0o600)
    if name in ("widget file", "site in git"):
        (root / "frontend").mkdir()
        (root / "frontend/technova-config.js").write_text(
            "window.TECHNOVA_CONFIG = {\n  backendUrl: 'https://chat.example.com/api',\n"
            "  title: 'TechNova',\n};\n"
        )
    if name == "site in git":
        (root / "websocket-server").mkdir()
        voice = root / "websocket-server/.env"
        voice.write_text(f"OPENAI_API_KEY=sk-proj-{'Zq7' * 14}T3BlbkFJ{'wXyZ' * 10}\n")
        voice.chmod(0o600)
        (root / "restart-with-logs.sh").write_text("#!/bin/sh\ncd backend && npm start &\n")
        (root / ".gitignore").write_text(".env\nnode_modules\n")
        for command in (["init", "-q"], ["add", "."]):
            subprocess.run(["git", "-C", str(root), *command], check=True, capture_output=True)
    return root


def _cpu(command: list[str], env: dict[str, str]) -> float:
    """The processor time (user + system) one run of `command` costs, its children's too
    (git). On a shared machine this moves far less than the wall time, and a cold start is
    processor work."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _median_cpu(
    ours: list[str], bare: list[str], env: dict[str, str], rounds: int
) -> tuple[float, float]:
    """The median processor time of `ours` and of `bare`, their runs taken in turns: the
    machine's speed drifts over seconds here, and both sides of a ratio must see the same."""
    _cpu(ours, env)  # warm the file cache
    _cpu(bare, env)
    pairs = [(_cpu(ours, env), _cpu(bare, env)) for _ in range(rounds)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def bench_status_shapes(rounds: int) -> list[tuple[str, float, float, str]]:
    base = Path(tempfile.mkdtemp(prefix="bench-shapes-"))
    rows = []
    try:
        config = base / "config"  # no keyringrc.cfg from whoever runs the bench
        config.mkdir()
        # As installed: pip compiles the bytecode, so a cron run never compiles our sources.
        # (A PYTHONDONTWRITEBYTECODE inherited from a shell would time the compiler instead.)
        unwanted = {"DBUS_SESSION_BUS_ADDRESS", "PYTHONDONTWRITEBYTECODE"}
        plain = {k: v for k, v in os.environ.items() if k not in unwanted}
        plain |= {"XDG_CONFIG_HOME": str(config)}
        subprocess.run(
            [PYTHON, "-m", "compileall", "-q", str(ROOT / "wizard")],
            env=plain,
            capture_output=True,
            check=False,
        )
        dead = plain | {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={base}/bus-of-a-closed-session"}
        for shape in _SHAPES:
            root = _shape(base, shape)
            for label, env in (("no D-Bus", plain), ("dead D-Bus address", dead)):
                ours, bare = _median_cpu(
                    [PYTHON, "-m", "wizard", "status", "--project", str(root), "--json"],
                    [PYTHON, "-c", "pass"],
                    env,
                    rounds,
                )
                rows.append(
                    (
                        f"status --json, {shape}, {label}, vs python -c pass (CPU time)",
                        ours,
                        bare,
                        "≤ 4×",
                    )
                )
        installed = _install_as_readme_says(base, plain)
        rows += _bench_desktop_sessions(base, plain, rounds, installed)
        buses = {"no D-Bus": plain, "dead D-Bus address": dead}
        rows += _bench_as_installed(base, rounds, installed, buses)
    finally:
        shutil.rmtree(base)
    return rows


def _install_as_readme_says(base: Path, plain: dict[str, str]) -> tuple[str, str]:
    """The program as README installs it: `pip install .` in a venv of its own (its
    dependencies reached through a .pth to this checkout's venv). Its python and program."""
    venv = base / "installed"
    subprocess.run([sys._base_executable, "-m", "venv", str(venv)], check=True)  # type: ignore[attr-defined]
    packages = next((venv / "lib").glob("python3*/site-packages"))
    here = next((Path(PYTHON).parent.parent / "lib").glob("python3*/site-packages"))
    (packages / "technova-dependencies.pth").write_text(f"{here}\n")  # keyring, httpx…
    subprocess.run(
        [str(venv / "bin/pip"), "install", "-q", "--no-deps", str(ROOT)],
        env=plain,
        check=True,
        capture_output=True,
    )
    python, program = str(venv / "bin/python"), str(venv / "bin/technova-setup")
    subprocess.run([python, "-m", "compileall", "-q", str(packages / "wizard")], check=True)
    return python, program


def _bench_as_installed(
    base: Path, rounds: int, installed: tuple[str, str], environments: dict[str, dict[str, str]]
) -> list[tuple[str, float, float, str]]:
    """The same shapes as README installs the program, run by its console script. The rows
    above run in this checkout's editable venv, where `python -c pass` itself pays for the
    editable-install finder (pathlib, importlib.util: ~12 ms) that a real install never
    loads, so their ratios are lower for the same work."""
    python, program = installed
    rows = []
    for shape in _SHAPES:
        status = [program, "status", "--project", str(base / shape), "--json"]
        for bus, env in environments.items():
            ours, bare = _median_cpu(status, [python, "-c", "pass"], env, rounds)
            label = f"status --json, {shape}, {bus}, installed (pip install .), vs python -c pass"
            rows.append((f"{label} (CPU time)", ours, bare, "≤ 4×"))
    return rows


# Run inside a private D-Bus session, where the keyring answers as on a desktop. Before it
# is timed, each status must say what the row claims: keys read from the keyring, or no
# password store (a bus that answers nothing would time the 5 s wait for an answer instead).
_IN_SESSION = """
import json, os, subprocess, sys
sys.path.insert(0, sys.argv[1])
from many_bench import PYTHON, _median_cpu
roots, rounds, keep = json.loads(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "keep"
installed_python, installed_program = sys.argv[5], sys.argv[6]
env = dict(os.environ)
times = {}
for shape, root in roots.items():
    if keep:  # as the wizard leaves it: the project's keys kept
        subprocess.run([PYTHON, "-c", KEEP_BOTH, root], check=True)
    faces = [("installed", [installed_program], [installed_python, "-c", "pass"])]
    if shape == "API key":  # and in this checkout's editable venv
        faces.append(("editable", [PYTHON, "-m", "wizard"], [PYTHON, "-c", "pass"]))
    for face, program, bare in faces:
        status = [*program, "status", "--project", root, "--json"]
        said = json.loads(subprocess.run(status, env=env, capture_output=True, text=True).stdout)
        if keep:
            assert all(c["in_keyring"] for c in said["credentials"]), said
        else:
            assert "keyring-unavailable" in {p["code"] for p in said["problems"]}, said
            assert all(c["in_keyring"] is None for c in said["credentials"]), said
        times[f"{shape}|{face}"] = _median_cpu(status, bare, env, rounds)
print(json.dumps(times))
"""
_KEEP_BOTH = """
import sys
from pathlib import Path
from wizard.core import keystore
from wizard.core.keys import Slot
from wizard.core.secret import Secret
from wizard.core.files.envread import read_env
root = Path(sys.argv[1])
for slot, name in ((Slot.OPENWEBUI, "backend/.env"), (Slot.OPENAI, "websocket-server/.env")):
    if (root / name).exists():  # the key the file holds: status finds both the same
        keystore.save_key(slot, root, Secret(read_env(root / name).values[slot.value]))
"""
_BUS_WITHOUT_SERVICES = """<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir={folder}</listen><auth>EXTERNAL</auth>
<policy context="default">
<allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/>
</policy></busconfig>
"""


def _bench_desktop_sessions(
    base: Path, plain: dict[str, str], rounds: int, installed: tuple[str, str]
) -> list[tuple[str, float, float, str]]:
    """`status` where the session bus is alive, for every shape as installed (and the API key
    in the editable venv): a desktop whose keyring holds the project's keys (one plain
    session reads them), and a server's user bus with no password store at all."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        return []
    roots = {shape: str(base / shape) for shape in _SHAPES}
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    env = plain | {"XDG_DATA_HOME": str(base / "data"), "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("DISPLAY", None)
    config = base / "bus.conf"
    config.write_text(_BUS_WITHOUT_SERVICES.format(folder=runtime))
    unlock = "printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null;"
    sessions = (
        ("desktop keyring holding the keys", [], unlock, "keep"),
        ("session bus without a password store", [f"--config-file={config}"], "", "none"),
    )
    child = _IN_SESSION.replace("KEEP_BOTH", repr(_KEEP_BOTH))
    rows = []
    for label, options, start, keep in sessions:
        arguments = [PYTHON, "-c", child, str(Path(__file__).parent), json.dumps(roots)]
        arguments += [str(rounds), keep, *installed]
        done = subprocess.run(
            ["dbus-run-session", *options, "--", "sh", "-c", f'{start} exec "$0" "$@"', *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times = json.loads(done.stdout.splitlines()[-1])
        for key, (ours, bare) in times.items():
            shape, face = key.split("|")
            where = ", installed (pip install .)" if face == "installed" else ""
            name = f"status --json, {shape}, {label}{where}, vs python -c pass (CPU time)"
            rows.append((name, ours, bare, "≤ 4×"))
    return rows


if __name__ == "__main__":
    for row in bench_status_shapes(9):
        print(row[0], f"{row[1] / row[2]:.2f}×")
    many_rows, many_notes = bench_many(3)
    for row in many_rows:
        print(row[0], f"{row[1]:.2f} s", f"{row[1] / row[2]:.2f}×")
    print("\n".join(many_notes))
