"""What an integrity check costs at start-up, on the large store (50,000 resolutions).

Prints, in milliseconds (median of several runs): the check open_store does at every
start (the 100-byte header and the schema read that finding the revision needs),
``PRAGMA quick_check`` and ``PRAGMA integrity_check`` (each reads every page), and a
checked backup (online copy + integrity_check of the copy). The numbers are why the
start checks only the header and the schema and the full check runs with the day's
first backup (app/store/integrity.py).

    .venv/bin/python bench/integrity.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import large_store  # noqa: E402


def median_ms(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    runs = p.parse_args().runs
    from app.store import integrity
    from app.store.backup import copy_store

    store = large_store()
    size = store.stat().st_size

    def start_check() -> None:
        assert integrity.header_problem(store) is None
        conn = sqlite3.connect(store)
        integrity.read_revision(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    def pragma(name: str) -> Callable[[], object]:
        def run() -> object:
            conn = sqlite3.connect(store)
            try:
                return conn.execute(f"PRAGMA {name}").fetchall()
            finally:
                conn.close()
        return run

    folder = Path(tempfile.mkdtemp())
    try:
        print(f"store: {size / 1e6:.1f} MB")
        print(f"start check (header + schema): {median_ms(start_check, runs * 4):8.2f} ms")
        print(f"PRAGMA quick_check:            {median_ms(pragma('quick_check'), runs):8.1f} ms")
        print(f"PRAGMA integrity_check:        {median_ms(pragma('integrity_check'), runs):8.1f} ms")
        print(f"checked backup (copy + check): {median_ms(lambda: copy_store(store, folder / 'b.db'), runs):8.1f} ms")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
