"""The quarterly package at a busy office's scale. Prints figures; the targets (issue 9) beside them.

- export of a busy body's quarter: 13 final meetings, 300 resolutions, signed (target < 5 s),
  with the time per minutes PDF;
- ``dabir verify`` of that package (target < 2 s);
- import of N such packages (default 40) from different committees into one province store
  (target < 60 s in all), and the province tracker over all of them (target < 100 ms).

    .venv/bin/python bench/package.py [--committees N]
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
from app.persian.jalali import format_jalali_latin  # noqa: E402
from app.services import bodies, directory, meetings, minutes_final  # noqa: E402
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, ResolutionData  # noqa: E402
from app.store.db import Store, open_store  # noqa: E402

TODAY = dt.date(2024, 12, 25)  # 1403/10/05: the autumn (1403, quarter 3) has ended
NOW = dt.datetime(2024, 12, 25, 10, 0, tzinfo=IRAN)
AUTUMN_DAYS = [dt.date(2024, 9, 23) + dt.timedelta(days=6 * i) for i in range(13)]
PER_MEETING = (23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 24)  # 300 resolutions


def busy_body(store: Store, council: int, name: str) -> int:
    body = bodies.save_body(store, name, "committee", council, 12).id
    secretary = directory.save_person(store, f"دبیر {name}", "دبیر")
    bodies.set_members(store, body, [(secretary.id, "secretary")])
    for number, (day, count) in enumerate(zip(AUTUMN_DAYS, PER_MEETING, strict=True), start=1):
        data = meetings.new_meeting(store, body, today=TODAY)
        data.number, data.date, data.status, data.place = number, format_jalali_latin(day), "held", "سالن جلسات"
        data.secretary_id = secretary.id
        data.agenda = [AgendaData(f"بند {i} دستور جلسه دربارهٔ برنامهٔ تحول اداری") for i in range(5)]
        data.attendees = [AttendeeData(name=f"عضو {i} {name}", post="مدیرکل", organisation="استانداری")
                          for i in range(12)]
        data.discussion = [DiscussionData("دبیر", f"گزارش بند {i} ارائه و دربارهٔ آن گفت‌وگو شد.") for i in range(5)]
        data.resolutions = [ResolutionData(f"مصوبهٔ {i}: گزارش پیشرفت سامانه‌ها هر ماه به دبیرخانه ارسال شود.",
                                           f"واحد {i % 9}", deadline="1403/12/20") for i in range(count)]
        meeting_id = meetings.save_meeting(store, data, today=TODAY).meeting_id
        minutes_final.finalise(store, meeting_id, now=NOW)
    return body


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--committees", type=int, default=40)
    n = parser.parse_args().committees
    from app.export.certificates import create_local_certificate
    from app.package.export import export_package
    from app.package.import_ import import_package
    from app.package.verify import verify_package
    from app.services.tracker import tracker_rows

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        p12 = folder / "s.p12"
        create_local_certificate(p12, "bench", name="دبیر استان", now=NOW)
        office = open_store(folder / "office.db")
        council = bodies.save_body(office, "شورای راهبری توسعه مدیریت استان", "council").id
        started = time.perf_counter()
        committees = [busy_body(office, council, f"کمیتهٔ {i + 1}") for i in range(n)]
        print(f"made {n} committees × 13 final meetings × 300 resolutions in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        first = export_package(office, committees[0], 1403, 3, folder / "p0.zip", sign=(p12, "bench"), now=NOW)
        export_s = time.perf_counter() - started
        print(f"export, signed: {export_s:.2f} s (target < 5 s); {first.meetings} minutes PDFs, {first.resolutions} "
              f"resolutions, {first.size / 1e6:.1f} MB; per PDF median {statistics.median(first.pdf_seconds):.3f} s")
        started = time.perf_counter()
        report = verify_package(folder / "p0.zip", now=NOW)
        print(f"verify: {time.perf_counter() - started:.2f} s (target < 2 s); ok={report.ok}")

        paths = [folder / "p0.zip"]
        for i, body in enumerate(committees[1:], start=1):
            paths.append(folder / f"p{i}.zip")
            export_package(office, body, 1403, 3, paths[-1], sign=(p12, "bench"), now=NOW)
        office.close()

        province = open_store(folder / "province.db")
        bodies.save_body(province, "شورای راهبری توسعه مدیریت استان", "council")
        started = time.perf_counter()
        for path in paths:
            import_package(province, path, allow_unsigned=True, dry_run=False, now=NOW)
        print(f"import of {n} packages: {time.perf_counter() - started:.1f} s (target < 60 s)")
        times = []
        for _ in range(5):
            province.close()
            province = open_store(folder / "province.db", create=False)
            started = time.perf_counter()
            rows = tracker_rows(province, today=TODAY)
            times.append((time.perf_counter() - started) * 1000)
        print(f"province tracker over {len(rows)} resolutions: first {times[0]:.0f} ms, median "
              f"{statistics.median(times):.0f} ms (target < 100 ms)")
        province.close()


if __name__ == "__main__":
    main()
