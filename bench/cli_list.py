"""`dabir list` speed and memory on the large store (bench/generate.py: 50,000 resolutions).

Runs, side by side in one process and alternating so that the machine's load falls on
all alike, a bare ``python -c pass`` and each command as a fresh process, and prints the
median wall time and the peak memory (max RSS) of each. Targets (issue 8):

- ``dabir list bodies`` within 3 × a bare Python start;
- ``dabir list resolutions --json`` on 50,000 resolutions within 0.5 s, its memory not
  growing with the rows: compared with one body's 2,500 resolutions.

    .venv/bin/python bench/cli_list.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import installed_env, large_store  # noqa: E402


def _run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one process, output thrown away.

    The peak comes from GNU time, a small process of its own: a child forked from this
    one would count this process's memory as its own peak.
    """
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          cwd=ROOT, check=False, env=installed_env())
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return elapsed, int(proc.stderr.decode().split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = str(large_store())
    py = sys.executable
    dabir = [py, "-m", "ui.launcher", "--db", db]
    cases = {
        "bare python -c pass": [py, "-c", "pass"],
        "dabir list bodies": [*dabir, "list", "bodies"],
        "dabir list meetings": [*dabir, "list", "meetings"],
        "dabir list resolutions --json --body 1 (2,500)": [*dabir, "list", "resolutions", "--json", "--body", "1"],
        "dabir list resolutions --json (50,000)": [*dabir, "list", "resolutions", "--json"],
    }
    for cmd in cases.values():  # warm the page cache
        _run(cmd)
    times: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, float] = {}
    for _ in range(args.runs):
        for name, cmd in cases.items():
            seconds, mib = _run(cmd)
            times[name].append(seconds)
            memory[name] = max(memory.get(name, 0.0), mib)
    bare = statistics.median(times["bare python -c pass"])
    print(f"runs: {args.runs} (medians), store: {db}")
    for name in cases:
        t = statistics.median(times[name])
        print(f"  {name:<48} {t * 1000:7.0f} ms  = {t / bare:5.1f} × bare   peak {memory[name]:6.1f} MiB")
    bodies = statistics.median(times["dabir list bodies"]) / bare
    whole = statistics.median(times["dabir list resolutions --json (50,000)"])
    growth = memory["dabir list resolutions --json (50,000)"] - memory["dabir list resolutions --json --body 1 (2,500)"]
    print(f"list bodies {bodies:.1f} × bare (target ≤ 3), list resolutions --json {whole * 1000:.0f} ms "
          f"(target ≤ 500), memory +{growth:.1f} MiB for 47,500 more rows ({growth * 1024 / 47_500:.2f} KiB a row)")


if __name__ == "__main__":
    main()
