"""The tracker window over 50,000 resolutions (issue: following up resolutions).

On the store of ``bench/tracker.py`` (50,000 resolutions with collaborators, reports
and extensions), in one process with Qt offscreen, measures what a secretary waits for:

  1. opening the tracker window: rows read, filters built, the first screen painted;
  2. each filter a secretary uses, until the list is painted again;
  3. sorting on a column, re-reading a row after a report, and every row (F5);
  4. the start-up banner's counts (done once, after the main window's first frame);
  5. for information, the dashboard of one council: opening it, refreshing it.

Target: each under 100 ms. Prints the median of several runs after a warm-up run,
beside the same work on the service alone (``bench/tracker.py``) as the baseline.

    .venv/bin/python bench/tracker_window.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.services.tracker import filter_rows, tracker_rows  # noqa: E402
from app.store.db import open_store  # noqa: E402
from bench.tracker import TODAY, tracker_store  # noqa: E402
from ui.followup.banner import attention_text  # noqa: E402
from ui.followup.tracker_model import TrackerModel  # noqa: E402
from ui.followup.tracker_window import TrackerWindow  # noqa: E402
from ui.shell.application import configure  # noqa: E402

TARGET_MS = 100.0


def median_ms(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    """Median time of ``fn`` over ``runs`` runs after one warm-up; ``setup`` runs untimed before each."""
    times = []
    for i in range(runs + 1):
        if setup is not None:
            setup()
        t = time.perf_counter()
        fn()
        if i:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    app = QApplication.instance() or QApplication(sys.argv)
    configure(app)  # type: ignore[arg-type]
    store = open_store(tracker_store())
    store.warm_up()
    windows: list[TrackerWindow] = []

    def painted(w: TrackerWindow) -> None:
        w.view.viewport().grab()  # paint the visible rows, as the screen would

    def open_window() -> None:
        w = TrackerWindow(store, clock=FixedClock(TODAY))
        w.show()
        painted(w)
        windows.append(w)

    def open_and_settle() -> None:
        open_window()
        w = windows[-1]
        while w.history_timer.isActive():  # the counts line and the history pane follow the paint
            app.processEvents()

    def close_windows() -> None:  # untimed: only one window alive at a time, as in the app
        while windows:
            old = windows.pop()
            old.close()
            old.deleteLater()
        app.processEvents()
        gc.collect()

    service = median_ms(lambda: tracker_rows(store, today=TODAY)[0:50], runs)
    settled = median_ms(open_and_settle, runs, setup=close_windows)
    figure = median_ms(open_window, runs, setup=close_windows)
    w = windows[-1]
    rows = len(w.model.rows)
    print(f"tracker window over {rows:,} resolutions (Qt offscreen), median of {runs} runs:")
    flag = "ok" if figure < TARGET_MS else "OVER"
    print(f"  open and paint the first screen   {figure:7.1f} ms  [{flag}]   service alone {service:6.1f} ms")
    print(f"  … then counts line and history    {settled:7.1f} ms")

    unit = w.model.row_at(0).lead_unit
    body_id = w.model.row_at(0).body_id
    base = tracker_rows(store, today=TODAY)

    def run_filter(name: str, act_on: Callable[[], None], options: dict[str, object],
                   start: dict[str, object] | None = None) -> None:
        """From ``start`` (set_filters' arguments; default none), one user action until the list is painted."""
        def act() -> None:
            act_on()
            if w.text_timer.isActive():  # typing filters after a pause; the pause is not counted
                w.apply_filters()
            painted(w)

        ms = median_ms(act, runs, setup=lambda: (w.set_filters(**(start or {})), painted(w)))  # type: ignore[arg-type]
        alone = median_ms(lambda: filter_rows(base, **options)[0:50], runs)  # type: ignore[arg-type]
        flag = "ok" if ms < TARGET_MS else "OVER"
        print(f"  {name:<33}{ms:7.1f} ms  [{flag}]   service alone {alone:6.1f} ms   ({len(w.model.rows):,} rows)")

    run_filter("clear every filter", w.clear_filters, {}, {"overdue_only": True, "unit": unit})
    run_filter("overdue only", lambda: w.overdue.setChecked(True), {"overdue_only": True})
    run_filter("one unit (typed)", lambda: w.unit.setText(unit), {"unit": unit})
    run_filter("then overdue only", lambda: w.overdue.setChecked(True), {"unit": unit, "overdue_only": True},
               {"unit": unit})
    run_filter("then lead or collaborating", lambda: w.collaborating.setChecked(True),
               {"unit": unit, "collaborating": True}, {"unit": unit})
    run_filter("a council and its committees", lambda: w.body.setCurrentIndex(w.body.findData(body_id)),
               {"body_id": body_id})
    run_filter("text «دستگاههاي اجرايي»", lambda: w.text.setText("دستگاههاي اجرايي"),
               {"text": "دستگاههاي اجرايي"})
    run_filter("status «در دست اقدام»", lambda: w.status.setCurrentIndex(w.status.findText("در دست اقدام")),
               {"statuses": ["in_progress"]})

    header = w.view.horizontalHeader()
    w.clear_filters()

    def sort_on(column: int) -> Callable[[], None]:
        def sort() -> None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
            painted(w)
        return sort

    print(f"  sort by deadline (all rows)       {median_ms(sort_on(TrackerModel.DEADLINE), runs):7.1f} ms")
    print(f"  sort by status (all rows)         {median_ms(sort_on(TrackerModel.STATUS), runs):7.1f} ms")
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    w.overdue.setChecked(True)
    rid = w.model.row_at(0).id
    print(f"  after a report: its row re-read   {median_ms(lambda: (w.refresh_resolutions([rid]), painted(w)), runs):7.1f} ms")
    print(f"  F5: every row re-read             {median_ms(lambda: (w.reload(), painted(w)), runs):7.1f} ms")
    print(f"  start-up banner counts            {median_ms(lambda: attention_text(store, TODAY), runs):7.1f} ms")
    w.close()

    from ui.dashboard.window import Dashboard  # the dashboard reads the same store

    council = store.fetch_all("SELECT id FROM bodies WHERE parent_id IS NULL ORDER BY id LIMIT 1")[0][0]
    boards: list[Dashboard] = []

    def open_dashboard() -> None:
        d = Dashboard(store, clock=FixedClock(TODAY), body_id=council)
        d.show()
        d.grab()
        boards.append(d)

    print(f"  dashboard: open one council       {median_ms(open_dashboard, runs):7.1f} ms")
    d = boards[-1]
    print(f"  dashboard: refresh after a report {median_ms(lambda: (d.refresh(), d.grab()), runs):7.1f} ms")
    d.sub_bodies.setChecked(True)
    print(f"  … with its committees             {median_ms(lambda: (d.refresh(), d.grab()), runs):7.1f} ms")
    for b in boards:
        b.close()
    store.close()


if __name__ == "__main__":
    main()
