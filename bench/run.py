"""Benchmarks: how fast the product is, as ratios to a baseline measured on the same machine.

Run: .venv/bin/python bench/run.py [--rounds N] [--write]
Never asserted in tests (machines are noisy); `--write` records the table in bench/RESULTS.md.

1. `status --json` cold start vs a bare `python -c pass`, for each project shape (API key,
   session token, widget file, site in git): no D-Bus, a dead D-Bus address, a live session
   bus with and without a keyring holding the keys; as README installs it (target ≤ 4×)
2. `check`, three probes each delayed 300 ms, vs the slowest   (target ≤ 1.15×)
3. one probe (OpenAI /v1/models) vs curl doing the same request (target ≤ 1.5×)
4. TUI: launch to the first screen ready, and keystroke to verdict in the key field (Pilot)
5. `check` of 10 and 100 projects vs 1, stand-ins answering after a fixed delay (target ≤ 1.5×),
   with the memory each project adds (bench/many_bench.py)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def median_seconds(action: Callable[[], object], rounds: int) -> float:
    action()  # warm the file cache, not measured
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quietly(*command: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env
    )


def _target(demo: object) -> object:
    from wizard.core.probes import ProbeTarget
    from wizard.core.secret import Secret

    return ProbeTarget(
        openwebui_url=demo.openwebui.url,  # type: ignore[attr-defined]
        openwebui_key=Secret(demo.openwebui_key),  # type: ignore[attr-defined]
        openai_base_url=demo.openai_base_url,  # type: ignore[attr-defined]
        openai_key=Secret(demo.openai_key),
    )  # type: ignore[attr-defined]


def bench_concurrency(rounds: int) -> tuple[str, float, float, str]:
    from wizard.core.probes import Timeouts, run_probes
    from wizard.standins.server import start_demo

    timeouts = Timeouts(connect=5, read=10, total=20)
    with start_demo() as demo:
        target = _target(demo)
        demo.openwebui_state.cache_models = True
        asyncio.run(run_probes(target, ("openwebui",), timeouts))  # type: ignore[arg-type]
        # Each probe ~300 ms: Open WebUI asks twice (150 ms each), OpenAI and Realtime once.
        demo.openwebui_state.delay = 0.15
        demo.openai_state.delay = 0.3
        walls, slowest = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            results = asyncio.run(
                run_probes(
                    target,
                    ("openwebui", "openai", "realtime"),  # type: ignore[arg-type]
                    timeouts,
                )
            )
            walls.append(time.perf_counter() - start)
            slowest.append(max(r.elapsed_ms for r in results) / 1000)
    return (
        "check, 3 probes × 300 ms, vs the slowest probe",
        statistics.median(walls),
        statistics.median(slowest),
        "≤ 1.15×",
    )


def bench_probe_vs_curl(rounds: int) -> tuple[str, float, float, str]:
    from wizard.core.probes import Timeouts, probe_openai
    from wizard.standins.server import start_demo

    curl = shutil.which("curl")
    if curl is None:
        return "one probe vs curl (curl missing)", float("nan"), float("nan"), "≤ 1.5×"
    with start_demo() as demo:
        target = _target(demo)
        ours = median_seconds(lambda: asyncio.run(probe_openai(target, Timeouts())), rounds)  # type: ignore[arg-type]
        # curl reads the key from a header file, so it never appears in a process list.
        with tempfile.NamedTemporaryFile("w", suffix=".h", delete=False) as headers:
            headers.write(f"Authorization: Bearer {demo.openai_key}\n")
        try:
            theirs = median_seconds(
                lambda: run_quietly(
                    curl,
                    "-s",
                    "-o",
                    os.devnull,
                    "-H",
                    f"@{headers.name}",
                    demo.openai_base_url + "/models",
                ),
                rounds,
            )
        finally:
            os.unlink(headers.name)
    return "one probe (in process) vs curl (a process)", ours, theirs, "≤ 1.5×"


def bench_tui(rounds: int) -> list[tuple[str, float, float, str]]:
    try:
        from tui_bench import measure_tui  # type: ignore[import-not-found]
    except ImportError:
        return []
    return measure_tui(rounds)


def table(rows: list[tuple[str, float, float, str]]) -> str:
    lines = ["| measure | ours | baseline | ratio | target |", "|---|---|---|---|---|"]
    for name, ours, base, target in rows:
        ratio = ours / base if base else float("nan")
        baseline = f"{base * 1000:.1f} ms" if base == base else "—"
        lines.append(f"| {name} | {ours * 1000:.1f} ms | {baseline} | {ratio:.2f}× | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from many_bench import bench_many, bench_status_shapes

    many_rows, many_notes = bench_many(max(3, args.rounds // 5))
    rows = [
        *bench_status_shapes(args.rounds),
        bench_concurrency(max(3, args.rounds // 3)),
        bench_probe_vs_curl(args.rounds),
        *many_rows,
        *bench_tui(args.rounds),
    ]
    text = table(rows)
    if many_notes:
        text += "\n\nMeasured notes:\n" + "\n".join(f"- {note}" for note in many_notes)
    print(text)
    if args.write:
        machine = (
            f"{platform.node()}: {platform.system()} {platform.release()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}"
        )
        (ROOT / "bench/RESULTS.md").write_text(
            "# Benchmark results\n\n"
            f"Taken {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine}, "
            f"median of {args.rounds} rounds (`.venv/bin/python bench/run.py --write`).\n\n"
            f"{text}\n"
        )


if __name__ == "__main__":
    main()
