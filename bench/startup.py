"""Start-up and first-screen speed (issue: foundation).

Measures, in one run and on the same machine:
  1. a bare PySide6 window: process start → first frame (the baseline);
  2. ``dabir`` on the large store (20 bodies, ≈5,000 meetings, 50,000
     resolutions): process start → main window shown with the bodies tree and
     the first body's meetings filled in;
  3. in-process: showing one body's meeting list, and opening a meeting in the
     editor.
Targets: (2) ≤ 3 × (1); each of (3) under 100 ms. Prints medians of several runs.

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import installed_env, large_store  # noqa: E402

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: (print("DABIR_SHOWN", flush=True), app.quit()))
app.exec()
"""


def time_to_shown(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "DABIR_SHOWN" in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"never shown: {proc.stderr.read() if proc.stderr else ''}")
    proc.wait(timeout=30)
    return elapsed


def in_process(db: Path, runs: int) -> tuple[float, float]:
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from app.clock import FixedClock
    from app.services.overview import list_bodies, list_meetings
    from app.store.db import open_store
    from ui.shell.application import configure
    from ui.shell.jobs import Jobs
    from ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    configure(app)
    store = open_store(db)
    window = MainWindow(store, clock=FixedClock(dt.date(2026, 11, 23)), jobs=Jobs(app))
    window.show()
    # As a user would: the first click comes after the window's idle warm-up (ORM import).
    deadline = time.perf_counter() + 1.0
    while time.perf_counter() < deadline:
        app.processEvents()
    body_ids = [b.id for b in list_bodies(store)]
    list_times, open_times = [], []
    for i in range(runs):
        body = body_ids[(i + 3) % len(body_ids)]
        t = time.perf_counter()
        window.select_body(body)
        app.processEvents()
        list_times.append(time.perf_counter() - t)
        meeting = list_meetings(store, body, limit=1)[0].id
        t = time.perf_counter()
        window.select_meeting_row(0)
        window.editor.open_meeting(meeting)
        app.processEvents()
        open_times.append(time.perf_counter() - t)
    window.close()
    window.deleteLater()
    app.processEvents()
    store.close()
    print(f"first meeting opened after the warm-up:   {open_times[0] * 1000:.1f} ms")
    return statistics.median(list_times), statistics.median(open_times[1:] or open_times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = large_store()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    env = installed_env({"DABIR_STARTUP_PROBE": "1"})  # bytecode cached, as installed
    python = sys.executable
    # Warm the OS file cache once for both, then alternate so drift hits both alike.
    time_to_shown([python, "-c", BARE], env)
    time_to_shown([python, "-m", "ui.launcher", "--db", str(db)], env)
    bare, dabir = [], []
    for _ in range(args.runs):
        bare.append(time_to_shown([python, "-c", BARE], env))
        dabir.append(time_to_shown([python, "-m", "ui.launcher", "--db", str(db)], env))
    b, d = statistics.median(bare), statistics.median(dabir)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"bare PySide6 window shown:          {b * 1000:7.0f} ms")
    print(f"dabir main window (large store):    {d * 1000:7.0f} ms   = {d / b:.2f} × bare  (target ≤ 3.00 ×)")
    lists, opens = in_process(db, args.runs)
    print(f"a body's meeting list (250 rows):   {lists * 1000:7.1f} ms   (target < 100 ms)")
    print(f"open a meeting in the editor:       {opens * 1000:7.1f} ms   (target < 100 ms)")


if __name__ == "__main__":
    main()
