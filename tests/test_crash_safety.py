"""Crash safety and concurrency of the .env writer, with real processes and real SIGKILLs."""

from __future__ import annotations

import os
import random
import signal
import stat
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import IO

import keyshapes

from wizard.core.files.envfile import write_env

KILLS = 300


def big_env(key: str) -> str:
    """A .env of ~100 kB, so a write lasts long enough for kills to land inside it."""
    filler = "".join(f"# note {i}: {'x' * 90}\n" for i in range(1_000))
    return f"PORT=3001\n{filler}OPENWEBUI_API_KEY={key}\nOPENWEBUI_MODEL=technova\n"


def _child_write_time(env: Path, old: str, new_key: str) -> float:
    """The median time, over 7 rounds, from forking a child to its exit after one write."""
    times = []
    for _ in range(7):
        env.write_text(old)
        env.chmod(0o600)
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                write_env(env, {"OPENWEBUI_API_KEY": new_key})
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        times.append(time.perf_counter() - start)
        for backup in Path(os.environ["XDG_STATE_HOME"]).rglob("*.bak"):
            backup.unlink()
    return statistics.median(times)


def test_sigkill_at_random_moments_leaves_old_or_new_never_half(tmp_path: Path) -> None:
    old_key, new_key = keyshapes.openwebui_api_key(), keyshapes.openwebui_api_key()
    old, new = big_env(old_key), big_env(new_key)
    env = tmp_path / "backend" / ".env"
    env.parent.mkdir()
    rng = random.Random(20261124)
    # Kills land from before the write to just after: timed as the kills see it, from the
    # fork to the child's exit (a write in this process is faster than a forked child's,
    # and kills timed on it landed before most writes had begun).
    duration = _child_write_time(env, old, new_key)
    outcomes = {"old": 0, "new": 0, "mid-write": 0}
    kills = 0
    # At least KILLS kills, and on until 10 of them landed while bytes were being written.
    while kills < KILLS or (outcomes["mid-write"] < 10 and kills < 5 * KILLS):
        kills += 1
        for leftover in env.parent.iterdir():
            leftover.unlink()
        # The previous rounds' backups too: a folder of a thousand backups would slow each
        # write down round after round, and the kills (timed once) would all land early.
        for backup in Path(os.environ["XDG_STATE_HOME"]).rglob("*.bak"):
            backup.unlink()
        env.write_text(old)
        env.chmod(0o600)
        pid = os.fork()
        if pid == 0:  # the child: one write, then out without any cleanup of its own
            try:
                write_env(env, {"OPENWEBUI_API_KEY": new_key})
            finally:
                os._exit(0)
        # Half the kills anywhere, half near the end, where the bytes are being written.
        late = rng.random() < 0.5
        time.sleep(rng.uniform(0.6, 1.05) * duration if late else rng.uniform(0, 1.3) * duration)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        content = env.read_text()
        assert content in (old, new), "the .env file is half-written"
        outcomes["old" if content == old else "new"] += 1
        if list(env.parent.glob("*.tmp")):  # killed while a temporary file was being filled
            outcomes["mid-write"] += 1
        assert stat.S_IMODE(env.stat().st_mode) == 0o600
        for backup in Path(os.environ["XDG_STATE_HOME"]).rglob("*.bak"):
            assert backup.read_text() == old, "a backup is not a whole copy of the old file"
            assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    # The kills landed both before and after the switch: the test did test something.
    assert outcomes["old"] > 10 and outcomes["new"] > 10, outcomes
    assert outcomes["mid-write"] >= 10, outcomes


def test_a_later_write_clears_what_a_killed_one_left(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("OPENWEBUI_API_KEY=a\n")
    (tmp_path / "..env.abc123.tmp").write_text("half a fi")  # tempfile's name for `.env`
    write_env(env, {"OPENWEBUI_API_KEY": keyshapes.openwebui_api_key()})
    assert not list(tmp_path.glob("*.tmp"))


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from wizard.core.files.envfile import write_env
    path, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(rounds):
        write_env(path, {name: f"{name.lower()}-{i}"}, backup=False)
""")


def test_two_processes_writing_at_once_lose_no_update(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("# shared\nOPENWEBUI_API_KEY=start\nOPENWEBUI_URL=start\n")
    rounds = 150
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(env), name, str(rounds)])
        for name in ("OPENWEBUI_API_KEY", "OPENWEBUI_URL")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    assert env.read_text() == (
        f"# shared\nOPENWEBUI_API_KEY=openwebui_api_key-{rounds - 1}\n"
        f"OPENWEBUI_URL=openwebui_url-{rounds - 1}\n"
    )


def test_the_one_that_waits_is_told(tmp_path: Path) -> None:
    import fcntl

    env = tmp_path / ".env"
    env.write_text("OPENWEBUI_API_KEY=a\n")
    waited: list[bool] = []
    folder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)  # another run holds the lock (its own open file)…

    def release_soon() -> None:  # …and finishes once we have said that we wait
        waited.append(True)
        fcntl.flock(folder, fcntl.LOCK_UN)

    write_env(env, {"OPENWEBUI_API_KEY": "b"}, on_wait=release_soon)
    os.close(folder)
    assert waited == [True]
    assert env.read_text() == "OPENWEBUI_API_KEY=b\n"


def read_until(stream: IO[str], wanted: str, seconds: float) -> str:
    """What `stream` printed up to the line holding `wanted` (a reader thread, bounded wait)."""
    import queue
    import threading

    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    seen = ""
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"never printed {wanted!r}: {seen!r}"
        try:
            seen += lines.get(timeout=remaining)
        except queue.Empty:
            continue
    return seen


def test_two_renewals_at_once_one_waits_and_says_so(tmp_path: Path) -> None:
    """Two `renew --key-stdin` processes on one project: the second is told it waits, and
    the file ends with one of the two keys, whole."""
    import fcntl

    from wizard.standins.server import start_demo

    with start_demo() as demo:
        (tmp_path / "backend").mkdir()
        env = tmp_path / "backend/.env"
        env.write_text(f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY=old\n")
        folder = os.open(tmp_path / "backend", os.O_RDONLY)
        fcntl.flock(folder, fcntl.LOCK_EX)  # the first run, in the middle of its write
        second = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wizard",
                "renew",
                "--key-stdin",
                "--project",
                str(tmp_path),
                "--lang",
                "en",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stdin is not None
        second.stdin.write(demo.openwebui_key + "\n")
        second.stdin.close()
        assert second.stdout is not None
        # It checks the key on the server, then reaches the lock and says that it waits.
        out = read_until(second.stdout, "Another technova-setup is changing backend/.env", 60)
        assert second.poll() is None  # still waiting
        assert "OPENWEBUI_API_KEY=old\n" in env.read_text()  # nothing written meanwhile
        fcntl.flock(folder, fcntl.LOCK_UN)
        os.close(folder)
        assert second.wait(timeout=60) == 0
        out += second.stdout.read()
    assert "Another technova-setup is changing backend/.env" in out
    assert f"OPENWEBUI_API_KEY={demo.openwebui_key}\n" in env.read_text()
