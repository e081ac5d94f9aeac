"""Minutes PDF speed (issue: signed Persian PDF minutes).

A large meeting — 10 agenda items, 40 attendees, 30 resolutions, 15 discussion
entries, about 8 pages — made of the demo's real texts and saved in a fresh
store. Measures, in one run and on the same machine:

  1. in-process: the PDF built from the read model (``build_minutes_pdf``),
     and the whole ``render_minutes`` (SQL read + PDF) into memory;
  2. the whole ``dabir minutes ID -o OUT.pdf`` command, process start to exit;
  3. when LibreOffice and python-docx are installed: LibreOffice converting an
     equivalent DOCX to PDF (``soffice --headless --convert-to pdf``).

Targets: (1) under 150 ms; (2) at most half of (3) — the issue measured
LibreOffice at about 1.1 s for a 10-page Persian minutes DOCX. Prints medians.

    .venv/bin/python bench/minutes.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo.fill import fill_demo  # noqa: E402
from app.export.minutes_doc import MinutesDoc, minutes_doc  # noqa: E402
from app.export.minutes_pdf import build_minutes_pdf, render_minutes  # noqa: E402
from app.services import listing  # noqa: E402
from app.services.meeting_data import AgendaData, AttendeeData, DiscussionData, MeetingData, ResolutionData  # noqa: E402
from app.services.meetings import load_meeting, save_meeting  # noqa: E402
from app.store.db import Store, open_store  # noqa: E402
from bench.generate import installed_env  # noqa: E402

TODAY = dt.date(2024, 11, 23)


def large_meeting(store: Store) -> int:
    """Save the large meeting, its parts drawn from every demo meeting; returns its id."""
    agenda: list[str] = []
    attendees: dict[int | None, AttendeeData] = {}
    discussion: list[DiscussionData] = []
    resolutions: list[ResolutionData] = []
    body_id = 0
    for row in listing.rows(store, "meetings", body_id=None, meeting_id=None):
        m = load_meeting(store, row["id"])
        body_id = body_id or m.body_id
        agenda += [a.text for a in m.agenda if a.text not in agenda]
        for a in m.attendees:
            attendees.setdefault(a.person_id, AttendeeData(a.name, a.person_id, a.post, a.organisation, a.kind))
        discussion += [DiscussionData(d.speaker, d.text) for d in m.discussion]
        resolutions += [ResolutionData(r.text, r.lead_unit, r.collaborators, standing=r.standing)
                        for r in m.resolutions]
    people = list(attendees.values())
    while len(people) < 40:  # the demo directory may be smaller than a large council
        people.append(AttendeeData(f"عضو مدعو شماره {len(people) + 1}", None, "کارشناس", "استانداری همدان", "guest"))
    people = people[:40]
    for i, a in enumerate(people):  # some absent, excused or represented, as in a real council
        a.status = ("absent", "excused", "deputy")[i % 3] if i % 7 == 6 else "present"
        a.deputy_name = "معاون ایشان" if a.status == "deputy" else ""
    discussion.sort(key=lambda d: -len(d.text))
    data = MeetingData(body_id=body_id, number=90, date="1403/09/01", start_time="08:30", end_time="12:00",
                       place="سالن شهید رجایی استانداری", status="final",
                       agenda=[AgendaData(t) for t in agenda[:10]], attendees=people,
                       discussion=discussion[:15], resolutions=resolutions[:30])
    return save_meeting(store, data, today=TODAY).meeting_id


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page[^s]", pdf))


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def command_ms(db: Path, meeting: int, out: Path, runs: int) -> float:
    cmd = [sys.executable, "-m", "ui.launcher", "--db", str(db), "minutes", str(meeting), "-o", str(out)]
    env = installed_env()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)  # warm the file cache, write bytecode

    def once() -> None:
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)

    return median_ms(once, runs)


def libreoffice_ms(doc: MinutesDoc, folder: Path, runs: int) -> float | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("LibreOffice: not installed here, so no DOCX → PDF comparison (the issue measured about 1.1 s).")
        return None
    if importlib.util.find_spec("docx") is None:
        print("LibreOffice: installed, but python-docx is not, so no DOCX to convert; comparison skipped.")
        return None
    source = folder / "minutes.docx"
    _write_docx(doc, source)
    cmd = [office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    subprocess.run(cmd, check=True, capture_output=True)

    def once() -> None:
        subprocess.run(cmd, check=True, capture_output=True)

    return median_ms(once, runs)


def _write_docx(doc: MinutesDoc, path: Path) -> None:  # pragma: no cover - needs python-docx
    import docx  # type: ignore[import-not-found]

    d = docx.Document()
    d.add_heading(doc.body_name, 0)
    d.add_heading("صورتجلسه", 1)
    for i, item in enumerate(doc.agenda, 1):
        d.add_paragraph(f"{i}. {item}")
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("ردیف", "نام", "سمت", "سازمان"), strict=True):
        cell.text = text
    for i, a in enumerate(doc.attendees, 1):
        for cell, text in zip(table.add_row().cells, (str(i), a.name, a.post, a.organisation), strict=True):
            cell.text = text
    for entry in doc.discussion:
        d.add_paragraph(f"{entry.speaker}: {entry.text}")
    table = d.add_table(rows=1, cols=3)
    for r in doc.resolutions:
        for cell, text in zip(table.add_row().cells, (str(r.number), r.text, r.lead_unit), strict=True):
            cell.text = text
    for p in d.paragraphs:
        p.paragraph_format.alignment = 2  # right
    d.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        store = open_store(db)
        fill_demo(store, today=TODAY)
        meeting = large_meeting(store)
        doc = minutes_doc(store, meeting)
        pdf = build_minutes_pdf(doc)  # warm-up: fonts registered, caches filled
        render_minutes(store, meeting, io.BytesIO())
        print(f"large meeting: {len(doc.agenda)} agenda items, {len(doc.attendees)} attendees, "
              f"{len(doc.resolutions)} resolutions, {len(doc.discussion)} discussion entries → "
              f"{pages(pdf)} pages, {len(pdf) // 1024} KiB")
        build = median_ms(lambda: build_minutes_pdf(doc), args.runs)
        render = median_ms(lambda: render_minutes(store, meeting, io.BytesIO()), args.runs)
        store.close()
        print(f"in-process build_minutes_pdf:         {build:7.1f} ms   (target < 150 ms)")
        print(f"in-process render_minutes (SQL+PDF):  {render:7.1f} ms")
        command = command_ms(db, meeting, folder / "out.pdf", args.runs)
        print(f"`dabir minutes` whole command:        {command:7.1f} ms   (target ≤ ½ LibreOffice; ≈550 ms)")
        office = libreoffice_ms(doc, folder, max(3, args.runs // 3))
        if office is not None:
            print(f"LibreOffice DOCX → PDF:               {office:7.1f} ms   → dabir = {command / office:.2f} × LibreOffice")


if __name__ == "__main__":
    main()
