"""A large store for benchmarks: 20 bodies × 10 Jalali years ≈ 5,000 meetings, 50,000 resolutions.

Written with SQLAlchemy Core in bulk (the ORM would take minutes); cached in
bench/out/ and rebuilt when missing. Run directly to (re)build it.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from app.persian.jalali import from_jalali
from app.persian.text import normalize_for_search
from app.store.db import open_store
from app.store.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    DiscussionEntry,
    Meeting,
    Person,
    Resolution,
    Unit,
)

OUT = Path(__file__).resolve().parent / "out"
BODIES, YEARS, MEETINGS_PER_YEAR, RESOLUTIONS_PER_MEETING = 20, 10, 25, 10
STATUSES = ["not_started", "in_progress", "done", "done", "done", "partly_done", "cancelled", "standing"]
WORDS = ["تدوین", "برنامه", "اصلاح", "نظام", "اداری", "استقرار", "سامانه", "G2B", "ارزیابی", "عملکرد", "دستگاه\u200cهای", "اجرایی", "کاهش", "۳۰", "درصدی", "زمان", "ارائه", "خدمت", "فرمانداران", "مدیران", "کل", "گزارش", "پیشرفت", "ماهانه", "ارسال", "گردد"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build(path: Path) -> dict[str, int]:
    rng = random.Random(20)
    if path.exists():
        path.unlink()
    store = open_store(path)
    counts = {"meetings": 0, "resolutions": 0}
    with store.engine.begin() as conn:
        conn.execute(insert(Unit), [{"id": i, "uuid": str(uuid.uuid4()), "name": f"واحد شماره {i}",
                                     "name_norm": f"واحد شماره {i}", "notes": ""} for i in range(1, 41)])
        conn.execute(insert(Person), [{"id": i, "uuid": str(uuid.uuid4()), "name": f"عضو شماره {i}",
                                       "name_norm": f"عضو شماره {i}", "post": "مدیرکل", "organisation_id": 1 + i % 40}
                                      for i in range(1, 201)])
        conn.execute(insert(Body), [{"id": b, "uuid": str(uuid.uuid4()), "name": f"کمیته شماره {b}",
                                     "kind": "council" if b % 6 == 1 else "committee",
                                     "parent_id": None if b % 6 == 1 else b - (b - 1) % 6,
                                     "meetings_per_year": 4, "position": b} for b in range(1, BODIES + 1)])
        conn.execute(insert(BodyMember), [{"body_id": b, "person_id": (b * 10 + k) % 200 + 1,
                                           "role": "chair" if k == 0 else "secretary" if k == 1 else "member",
                                           "position": k} for b in range(1, BODIES + 1) for k in range(10)])
        meeting_id = resolution_id = 0
        for year in range(1395, 1395 + YEARS):
            meetings, agenda, attendance, discussion, resolutions = [], [], [], [], []
            for b in range(1, BODIES + 1):
                for n in range(1, MEETINGS_PER_YEAR + 1):
                    meeting_id += 1
                    month, day = 1 + (n - 1) // 2 % 12, 1 + (n * 7) % 28
                    date = from_jalali(year, month, day)
                    meetings.append({"id": meeting_id, "uuid": str(uuid.uuid4()), "body_id": b, "year": year,
                                     "number": n, "date": date, "start_time": dt.time(10), "end_time": dt.time(12),
                                     "place": "سالن جلسات", "chair_id": None, "secretary_id": None,
                                     "status": "final", "created_at": dt.datetime(2020, 1, 1),
                                     "updated_at": dt.datetime(2020, 1, 1)})
                    agenda += [{"uuid": str(uuid.uuid4()), "meeting_id": meeting_id, "position": i,
                                "text": _text(rng, 8)} for i in range(4)]
                    attendance += [{"uuid": str(uuid.uuid4()), "meeting_id": meeting_id,
                                    "person_id": (b * 10 + k) % 200 + 1, "position": k, "kind": "member",
                                    "status": "present", "deputy_name": "", "post": "مدیرکل", "organisation": ""}
                                   for k in range(10)]
                    discussion += [{"uuid": str(uuid.uuid4()), "meeting_id": meeting_id, "position": i,
                                    "speaker": "مدیرکل", "speaker_id": None, "agenda_item_id": None,
                                    "text": _text(rng, 40)} for i in range(3)]
                    for r in range(1, RESOLUTIONS_PER_MEETING + 1):
                        resolution_id += 1
                        text = _text(rng, 18)
                        status = rng.choice(STATUSES)
                        resolutions.append({
                            "id": resolution_id, "uuid": str(uuid.uuid4()), "meeting_id": meeting_id, "number": r,
                            "text": text, "text_norm": normalize_for_search(text), "lead_unit_id": rng.randint(1, 40),
                            "deadline": None if status == "standing" else date + dt.timedelta(days=rng.randint(10, 120)),
                            "standing": status == "standing", "status": status, "superseded_by_id": None})
            for table, rows in ((Meeting, meetings), (AgendaItem, agenda), (Attendance, attendance),
                                (DiscussionEntry, discussion), (Resolution, resolutions)):
                conn.execute(insert(table), rows)
            counts["meetings"] += len(meetings)
            counts["resolutions"] += len(resolutions)
    store.close()
    return counts


def large_store() -> Path:
    """The cached large store, built on first use."""
    OUT.mkdir(exist_ok=True)
    path = OUT / "large.db"
    if not path.exists():
        t = time.perf_counter()
        counts = build(path)
        print(f"built {path.name}: {counts['meetings']:,} meetings, {counts['resolutions']:,} resolutions "
              f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    (OUT / "large.db").unlink(missing_ok=True)
    print(large_store())


def installed_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for timing ``dabir`` as a user runs it: with its bytecode cached.

    An installed program (and the PyInstaller bundle) carries compiled bytecode; a process
    started with ``PYTHONDONTWRITEBYTECODE`` (set on some machines, this one included)
    compiles every module it imports on every start, about 20 ms of a 80 ms command. The
    children write and reuse their bytecode in ``bench/out/pycache``, outside the tree; the
    first (warm-up) run of each bench writes it.
    """
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env.update(extra or {})
    return env

