"""Two editors, one store (issue «Nothing lost»): no silent lost update, no raw IntegrityError.

A meeting carries a version that every save raises; a save from a copy read before the last
save is refused with a message saying who saved meanwhile, and the refused copy is kept as
the meeting's draft, so nothing typed is lost and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.errors import StaleRecord
from app.services import bodies, meetings
from app.services.meeting_data import AgendaData, MeetingData, ResolutionData
from app.store.db import Store, open_store

TODAY = dt.date(2024, 11, 23)  # 1403/09/03
ROOT = Path(__file__).resolve().parent.parent


def _meeting(store: Store) -> int:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    data = meetings.new_meeting(store, council, today=TODAY)
    data.agenda = [AgendaData("گزارش دبیرخانه")]
    data.resolutions = [ResolutionData("گزارش پیشرفت هر ماه ارائه شود.", "دفتر برنامه‌ریزی", standing=True)]
    return meetings.save_meeting(store, data, today=TODAY).meeting_id


def _content(data: MeetingData) -> tuple[list[str], list[str], str]:
    return [a.text for a in data.agenda], [r.text for r in data.resolutions], data.place


def test_the_second_editor_of_a_meeting_is_refused_and_keeps_its_version_as_a_draft(store: Store) -> None:
    mid = _meeting(store)
    first, second = meetings.load_meeting(store, mid), meetings.load_meeting(store, mid)
    first.agenda.append(AgendaData("برنامهٔ سال آینده"))
    first.resolutions.append(ResolutionData("برنامهٔ سال آینده تا پایان دی تهیه شود.", "دفتر برنامه‌ریزی",
                                            deadline="۱۴۰۳/۱۰/۳۰"))
    meetings.save_meeting(store, first, today=TODAY)
    second.place = "تالار استانداری"

    with pytest.raises(StaleRecord) as refused:
        meetings.save_meeting(store, second, today=TODAY)
    assert refused.value.code == "meeting_stale"
    assert "جای دیگری ذخیره شده است" in refused.value.message and "پیش‌نویس" in refused.value.message

    stored = meetings.load_meeting(store, mid)  # the first editor's additions survive
    assert _content(stored) == (["گزارش دبیرخانه", "برنامهٔ سال آینده"],
                                ["گزارش پیشرفت هر ماه ارائه شود.", "برنامهٔ سال آینده تا پایان دی تهیه شود."], "")
    draft = meetings.find_draft(store, mid, stored.body_id)  # and the second one's version is kept
    assert draft is not None and draft.data.place == "تالار استانداری"
    assert _content(draft.data)[0] == ["گزارش دبیرخانه"]


def test_saving_twice_from_one_copy_is_not_stale_and_a_fresh_copy_may_save(store: Store) -> None:
    mid = _meeting(store)
    data = meetings.load_meeting(store, mid)
    version = data.version
    data.place = "سالن ۱"
    meetings.save_meeting(store, data, today=TODAY)
    data.place = "سالن ۲"
    meetings.save_meeting(store, data, today=TODAY)  # the same editor saving again
    fresh = meetings.load_meeting(store, mid)
    assert fresh.place == "سالن ۲" and version is not None and fresh.version == version + 2
    fresh.place = "سالن ۳"
    meetings.save_meeting(store, fresh, today=TODAY)
    assert meetings.load_meeting(store, mid).place == "سالن ۳"


def test_the_refusal_names_who_saved_meanwhile(store: Store) -> None:
    mid = _meeting(store)
    first, second = meetings.load_meeting(store, mid), meetings.load_meeting(store, mid)
    first.place = "سالن"
    meetings.save_meeting(store, first, today=TODAY, now=dt.datetime(2024, 11, 23, 10, 42, tzinfo=dt.UTC))
    second.place = "تالار"
    with pytest.raises(StaleRecord) as refused:
        meetings.save_meeting(store, second, today=TODAY)
    assert "کاربر «" in refused.value.message and "۱۴۰۳/۰۹/۰۳" in refused.value.message


def test_a_lost_race_at_the_database_is_a_persian_refusal_not_a_traceback(file_store: Store) -> None:
    """Two programs passing the checks at the same moment: the second UPDATE of a versioned row
    matches nothing (StaleDataError), the second INSERT of a meeting number breaks the unique
    constraint (IntegrityError). Both reach the user as refusals in Persian."""
    from sqlalchemy.orm.exc import StaleDataError

    from app.errors import ValidationError
    from app.store.models import Meeting

    with pytest.raises(StaleRecord) as stale, file_store.session():
        raise StaleDataError("UPDATE statement on table 'units' expected to update 1 row(s); 0 were matched.")
    assert stale.value.code == "record_stale" and "هم‌زمان" in stale.value.message

    mid = _meeting(file_store)
    taken = meetings.load_meeting(file_store, mid)
    with pytest.raises(ValidationError) as clash, file_store.session() as s:
        s.add(Meeting(body_id=taken.body_id, year=1403, number=taken.number, date=TODAY))
    assert clash.value.problems[0].code == "number_taken" and clash.value.problems[0].field == "number"


def test_two_processes_creating_meetings_of_one_body_get_only_persian_refusals(tmp_path: Path) -> None:
    """The issue's run: two processes each creating meetings of one body at once. Every save
    either succeeds or is refused as «number taken» in Persian; none ends in a raw error."""
    db = tmp_path / "two.db"
    store = open_store(db, create=True)
    try:
        body = bodies.save_body(store, "کمیته آموزش", "committee").id
    finally:
        store.close()
    child = textwrap.dedent(f"""
        import datetime as dt, json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from app.errors import UserError
        from app.services import meetings
        from app.store.db import open_store
        store = open_store(sys.argv[1], create=False)
        ok = refused = 0
        codes = set()
        for i in range(40):
            data = meetings.new_meeting(store, {body}, today=dt.date(2024, 11, 23))
            try:
                meetings.save_meeting(store, data, today=dt.date(2024, 11, 23))
                ok += 1
            except UserError as exc:
                refused += 1
                codes.add(getattr(exc, "problems", [exc])[0].code)
        store.close()
        print(json.dumps({{"ok": ok, "refused": refused, "codes": sorted(codes)}}))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", child, str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0 and "Traceback" not in err, err
        results.append(json.loads(out))
    assert sum(r["ok"] for r in results) >= 40
    assert {c for r in results for c in r["codes"]} <= {"number_taken"}
    store = open_store(db, create=False)
    try:
        numbers = [row[0] for row in store.fetch_all("SELECT number FROM meetings WHERE body_id = :b", b=body)]
    finally:
        store.close()
    assert len(numbers) == len(set(numbers)) == sum(r["ok"] for r in results)


def test_bodies_people_and_units_saved_from_an_older_copy_are_refused(store: Store) -> None:
    from app.services import directory

    body = bodies.save_body(store, "کمیته آموزش", "committee").body
    unit = directory.save_unit(store, "دفتر فناوری اطلاعات").unit
    person = directory.save_person(store, "مریم صادقی", "دبیر", "استانداری").person
    bodies.save_body(store, "کمیته آموزش و توانمندسازی", "committee", body_id=body.id, version=body.version)
    directory.save_unit(store, "دفتر فناوری اطلاعات استانداری", unit_id=unit.id, version=unit.version)
    directory.save_person(store, "مریم صادقی", "مدیرکل", "استانداری", person_id=person.id, version=person.version)
    for stale in (lambda: bodies.save_body(store, "کمیته", "committee", body_id=body.id, version=body.version),
                  lambda: directory.save_unit(store, "دفتر", unit_id=unit.id, version=unit.version),
                  lambda: directory.save_person(store, "م. صادقی", person_id=person.id, version=person.version)):
        with pytest.raises(StaleRecord) as refused:
            stale()
        assert "جای دیگری ذخیره شده است" in refused.value.message
    assert bodies.get_body(store, body.id).name == "کمیته آموزش و توانمندسازی"
    assert "دفتر فناوری اطلاعات استانداری" in [u.name for u in directory.list_units(store)]
    assert directory.get_person(store, person.id).post == "مدیرکل"
