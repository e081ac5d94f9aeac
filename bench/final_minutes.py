"""What final minutes cost: saving with the audit log, finalising (content read, SHA-256,
sealed revision) and an amendment, on a large meeting — 40 attendees, 30 resolutions,
10 agenda items, 15 discussion entries — in a file store. Prints medians; no targets.

    .venv/bin/python bench/final_minutes.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.clock import IRAN  # noqa: E402
from app.services import amendments, bodies, directory, meetings, minutes_final  # noqa: E402
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, ResolutionData  # noqa: E402
from app.store.db import Store, open_store  # noqa: E402

TODAY = dt.date(2024, 11, 23)
NOW = dt.datetime(2024, 11, 23, 12, 0, tzinfo=IRAN)


def large_meeting(store: Store, body_id: int, number: int) -> int:
    data = meetings.new_meeting(store, body_id, today=TODAY)
    data.number, data.status, data.place = number, "held", "سالن جلسات استانداری"
    data.agenda = [AgendaData(f"بند {i} دستور جلسه دربارهٔ برنامهٔ تحول اداری") for i in range(10)]
    data.attendees = [AttendeeData(name=f"عضو شمارهٔ {i}", post="مدیرکل", organisation="استانداری") for i in range(40)]
    data.discussion = [DiscussionData("دبیر", f"گزارش بند {i} ارائه و دربارهٔ آن گفت‌وگو شد.") for i in range(15)]
    data.resolutions = [ResolutionData(f"مصوبهٔ {i}: گزارش پیشرفت سامانه‌ها هر ماه ارسال شود.", "دفتر فناوری اطلاعات",
                                       deadline="1403/10/30") for i in range(30)]
    return meetings.save_meeting(store, data, today=TODAY).meeting_id


def timed(figures: list[float], f, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Call ``f``, append its time in ms to ``figures``, return its result."""
    start = time.perf_counter()
    result = f(*args, **kwargs)
    figures.append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        body = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
        secretary = directory.save_person(store, "مریم صادقی", "دبیر")
        bodies.set_members(store, body, [(secretary.id, "secretary")])
        figures: dict[str, list[float]] = {"save (new, with audit lines)": [], "save again (one field)": [],
                                           "finalise": [], "amend (one field)": []}
        for run in range(runs):
            mid = timed(figures["save (new, with audit lines)"], large_meeting, store, body, run + 1)
            data = meetings.load_meeting(store, mid)
            data.place = "تالار"
            timed(figures["save again (one field)"], meetings.save_meeting, store, data, today=TODAY)
            timed(figures["finalise"], minutes_final.finalise, store, mid, now=NOW)
            amended = meetings.load_meeting(store, mid)
            amended.resolutions[3].text = "متن اصلاح‌شدهٔ مصوبه"
            timed(figures["amend (one field)"], amendments.amend, store, mid, amended, "اشتباه تایپی",
                  now=NOW, today=TODAY)
        lines = store.fetch_all("SELECT COUNT(*) FROM audit_log")[0][0]
        store.close()
    for name, values in figures.items():
        print(f"{name:32s} {statistics.median(values):7.1f} ms (median of {runs})")
    print(f"audit lines written: {lines}")


if __name__ == "__main__":
    main()
