"""Resolutions tracker speed (issue: following up resolutions).

On the large store (``bench/generate.py``: 20 bodies, 5,000 meetings, 50,000
resolutions), copied once to ``bench/out/tracker.db`` with a follow-up history
added — collaborators on most resolutions, one to three reports on every
resolution that moved, deadline extensions on some — measures, in one process:

  1. opening the tracker: ``tracker_rows`` and the first screen of rows
     (``rows[0:50]``), on the store as opened (its plain sqlite3 reader) and
     after ``Store.warm_up()`` (the SQLAlchemy engine, as in the running app);
  2. ``filter_rows`` on the opened rows, for the filters a secretary uses;
  3. for information: sorting, the start-up banner's counts, carry-over for one
     body, and ``body_stats`` for every body over one year.

Targets: (1) and each of (2) under 100 ms, a text filter under 15 ms. Beside each text
filter, for comparison on the same machine in the same run: the FTS5 query alone (what
SQLite itself needs to find the matches) and the LIKE scan the index replaced. Prints medians of several runs
(after two warm-up runs); the first run of a filter that reads a column once is
printed too.

    .venv/bin/python bench/tracker.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.persian.jalali import from_jalali, quarter_range  # noqa: E402
from app.persian.text import normalize_for_search  # noqa: E402
from app.services.followup import carry_over  # noqa: E402
from app.services.stats import body_stats  # noqa: E402
from app.services.tracker import count_attention, filter_rows, tracker_rows  # noqa: E402
from app.store.db import open_store  # noqa: E402
from app.store.text_search import fts_query  # noqa: E402
from bench.generate import OUT, large_store  # noqa: E402

TODAY = from_jalali(1404, 9, 1)  # the large store's meetings run from 1395 to 1404
TARGET_MS = 100.0
TEXT_TARGET_MS = 15.0


def _history(path: Path) -> None:
    """Collaborators, follow-up reports and extensions on the copied store (plain SQL, one transaction)."""
    rng = random.Random(4)
    conn = sqlite3.connect(path)
    with conn:
        rows = conn.execute("SELECT r.id, r.lead_unit_id, r.status, r.deadline, m.date FROM resolutions r "
                            "JOIN meetings m ON m.id = r.meeting_id").fetchall()
        collaborators, reports, extensions, deadlines = [], [], [], []
        now = "2025-01-01 00:00:00"
        for rid, lead, status, deadline, date in rows:
            meeting = dt.date.fromisoformat(date)
            if rng.random() < 0.6:
                others = rng.sample([u for u in range(1, 41) if u != lead], rng.randint(1, 2))
                collaborators += [(rid, u, k) for k, u in enumerate(others)]
            if status in ("not_started", "standing"):
                continue
            day = meeting
            for k in range(rng.randint(1, 3)):
                day += dt.timedelta(days=rng.randint(7, 60))
                last = k == 2 or rng.random() < 0.4
                after = status if last else "in_progress"
                progress = 100 if after == "done" else None if after == "cancelled" else rng.randrange(10, 95, 5)
                reports.append((str(uuid.uuid4()), rid, day.isoformat(), "رابط واحد مسئول", lead,
                                "گزارش پیشرفت کار و مکاتبات انجام‌شده با واحدهای همکار", progress, None, after, now))
                if last:
                    break
            if deadline and status == "in_progress" and rng.random() < 0.15:
                current = dt.date.fromisoformat(deadline)
                for _ in range(rng.randint(1, 2)):
                    new = current + dt.timedelta(days=rng.choice((30, 60, 90)))
                    extensions.append((str(uuid.uuid4()), rid, current.isoformat(), current.isoformat(),
                                       new.isoformat(), "درخواست واحد مسئول", "دبیر شورا", now))
                    current = new
                deadlines.append((current.isoformat(), rid))
        conn.executemany("INSERT INTO resolution_collaborators (resolution_id, unit_id, position) VALUES (?, ?, ?)",
                         collaborators)
        conn.executemany("INSERT INTO follow_ups (uuid, resolution_id, date, reporter, reporter_unit_id, text, "
                         "progress, new_deadline, status_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         reports)
        conn.executemany("INSERT INTO deadline_extensions (uuid, resolution_id, date, old_deadline, new_deadline, "
                         "reason, granted_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", extensions)
        conn.executemany("UPDATE resolutions SET deadline = ? WHERE id = ?", deadlines)
    counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("resolutions", "resolution_collaborators", "follow_ups", "deadline_extensions")]
    conn.close()
    print("tracker store: {:,} resolutions, {:,} collaborators, {:,} reports, {:,} extensions".format(*counts))


def tracker_store() -> Path:
    large = large_store()
    path = OUT / "tracker.db"
    if not path.exists() or path.stat().st_mtime < large.stat().st_mtime:
        shutil.copyfile(large, path)
        _history(path)
    return path


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of ``runs`` after two warm-up runs), in ms."""
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times)


def line(label: str, first: float, median: float, target: float | None = TARGET_MS) -> None:
    mark = ("ok" if median < target else "SLOW") if target is not None else ""
    print(f"  {label:<58} {median:7.1f} ms   (first {first:6.1f})  {mark}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    path = tracker_store()
    store = open_store(path)
    runs = args.runs

    def open_tracker():  # type: ignore[no-untyped-def]
        rows = tracker_rows(store, today=TODAY)
        rows[0:50]
        return rows

    print(f"today {TODAY}, runs {runs}; target {TARGET_MS:.0f} ms")
    print("opening the tracker (tracker_rows + the first 50 rows):")
    line("store as opened (sqlite3 reader)", *timed(open_tracker, runs))
    store.warm_up()
    line("after warm_up (SQLAlchemy engine, as in the app)", *timed(open_tracker, runs))

    rows = open_tracker()
    council = {b for b in range(1, 7)}  # body 1 and its committees 2–6
    q_from, q_to = quarter_range(1404, 2)
    filters: list[tuple[str, dict[str, object]]] = [
        ("overdue only", {"overdue_only": True}),
        ("one unit's open resolutions", {"unit": "واحد شماره 7", "statuses": {"not_started", "in_progress",
                                                                              "partly_done"}}),
        ("a council and its committees", {"body_id": council}),
        ("deadline in summer 1404", {"deadline_from": q_from, "deadline_to": q_to}),
        ("text «دستگاههاي اجرايي» (Arabic letters, no ZWNJ)", {"text": "دستگاههاي اجرايي"}),
        ("text «G2B»", {"text": "g2b"}),
        ("overdue + unit + text", {"overdue_only": True, "unit": "واحد شماره 7", "text": "سامانه"}),
        ("unit as lead or collaborator", {"unit": "واحد شماره 7", "collaborating": True}),
    ]
    print(f"filter_rows on the {len(rows):,} opened rows (rows kept → ms):")
    for label, kwargs in filters:
        found = len(filter_rows(rows, **kwargs))  # type: ignore[call-overload]
        text = str(kwargs.get("text", ""))
        line(f"{label} → {found:,}", *timed(lambda kw=kwargs: filter_rows(rows, **kw), runs),  # type: ignore[misc]
             target=TEXT_TARGET_MS if text else TARGET_MS)
        if text and len(kwargs) == 1:
            words = normalize_for_search(text).split()
            match = fts_query(words)
            line("  the FTS5 query alone", *timed(lambda m=match: store.fetch_all(  # type: ignore[misc]
                "SELECT group_concat(rowid) FROM resolutions_fts WHERE resolutions_fts MATCH :q", q=m), runs),
                target=None)
            like = " AND ".join(f"text_norm LIKE :w{i}" for i in range(len(words)))
            params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
            scan = f"SELECT id FROM resolutions WHERE {like}"
            line("  the LIKE scan it replaced", *timed(lambda q=scan, p=params: store.fetch_all(  # type: ignore[misc]
                q, **p), runs), target=None)

    print("for information:")
    line("sort by deadline", *timed(lambda: rows.sorted("deadline"), runs), target=None)
    line("banner counts (due this week, overdue)", *timed(lambda: count_attention(rows), runs), target=None)
    line("all 50,000 rows built (export)", *timed(lambda: list(rows), 1), target=None)
    line("carry-over for one body", *timed(lambda: carry_over(store, 3, today=TODAY), runs), target=None)
    line("body_stats, every body, year 1403", *timed(lambda: body_stats(store, today=TODAY, year=1403), runs),
         target=None)
    soon, overdue = count_attention(rows)
    print(f"banner: {soon:,} due within 7 days, {overdue:,} overdue")
    store.close()


if __name__ == "__main__":
    main()
