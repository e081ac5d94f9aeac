"""Final minutes stay final: finalising, refusals on every path, amendments, the audit log,
append-only history at the database, deleting drafts only."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError

from app.cli import main
from app.clock import IRAN
from app.errors import UserError, ValidationError
from app.services import amendments, audit, bodies, directory, followup, meetings, minutes_final
from app.services.meeting_data import AgendaData, DiscussionData, ResolutionData
from app.services.minutes_content import content_of, field_changes, field_label, fingerprint
from app.store import history_guard
from app.store.db import Store, open_store

NOW = dt.datetime(2024, 11, 23, 10, 42, tzinfo=IRAN)
LATER = dt.datetime(2026, 12, 3, 9, 15, tzinfo=IRAN)  # 1405/09/12


def dump(store: Store) -> list[str]:
    """Every row of every table and the schema, as SQL text: «unchanged» means equal dumps."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return list(raw.iterdump())


def refused(store: Store, code: str, call) -> UserError:  # type: ignore[no-untyped-def]
    before = dump(store)
    with pytest.raises(UserError) as err:
        call()
    assert err.value.code == code, err.value
    assert any("\u0600" <= ch <= "\u06ff" for ch in err.value.message)
    assert dump(store) == before
    return err.value


@pytest.fixture
def body(store: Store) -> int:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    chair = directory.save_person(store, "علی شاهرخی", "استاندار", "استانداری همدان")
    sec = directory.save_person(store, "مریم صادقی", "مدیرکل دفتر تحول اداری", "استانداری همدان")
    bodies.set_members(store, council.id, [(chair.id, "chair"), (sec.id, "secretary")])
    return council.id


def held(store: Store, body: int, today: dt.date) -> int:
    data = meetings.new_meeting(store, body, today=today)
    data.status, data.place = "held", "سالن جلسات استانداری"
    data.agenda = [AgendaData("برنامهٔ تحول اداری")]
    data.attendees = meetings.attendees_from_members(store, body)
    data.discussion = [DiscussionData("دبیر", "گزارش پیشرفت ارائه شد.", 0)]
    data.resolutions = [ResolutionData("فهرست خدمات الکترونیکی تهیه شود.", "دفتر فناوری اطلاعات",
                                       deadline="۱۴۰۳/۰۹/۳۰"),
                        ResolutionData("گزارش ماهانه ارائه شود.", "دفتر برنامه‌ریزی", standing=True)]
    return meetings.save_meeting(store, data, today=today).meeting_id


@pytest.fixture
def final(store: Store, body: int, today: dt.date) -> int:
    mid = held(store, body, today)
    minutes_final.finalise(store, mid, now=NOW)
    return mid


def test_finalise_seals_revision_one_with_the_fingerprint(store: Store, final: int) -> None:
    state = minutes_final.final_state(store, final)
    assert state.final and state.revision == 1 and state.label == "ویرایش ۱"
    assert state.finalised_at == dt.datetime(2024, 11, 23, 10, 42)
    assert state.fingerprint == fingerprint(content_of(store, final))
    assert len(state.fingerprint or "") == 64
    assert [r.revision for r in minutes_final.revisions(store, final)] == [1]
    lines = audit.audit_lines(store, meeting_id=final)
    assert lines[-1].action == "finalise" and lines[-1].after == {"revision": 1, "fingerprint": state.fingerprint}


def test_finalise_lists_what_is_missing_and_changes_nothing(store: Store, body: int, today: dt.date) -> None:
    data = meetings.new_meeting(store, body, today=today)
    data.attendees = []  # the members it starts with, all taken off
    mid = meetings.save_meeting(store, data, today=today).meeting_id
    err = refused(store, "minutes_incomplete", lambda: minutes_final.finalise(store, mid, now=NOW))
    assert "فهرست حاضرین خالی است." in err.message
    refused(store, "meeting_unknown", lambda: minutes_final.finalise(store, 999, now=NOW))


def test_finalise_twice_is_refused(store: Store, final: int) -> None:
    refused(store, "meeting_already_final", lambda: minutes_final.finalise(store, final, now=NOW))


def test_the_service_refuses_to_edit_final_minutes(store: Store, final: int, today: dt.date) -> None:
    data = meetings.load_meeting(store, final)
    data.place = "جای دیگر"
    err = refused(store, "meeting_final", lambda: meetings.save_meeting(store, data, today=today))
    assert "اصلاح صورتجلسه" in err.message
    data = meetings.load_meeting(store, final)
    data.status = "held"  # «un-finalising» is an edit too
    refused(store, "meeting_final", lambda: meetings.save_meeting(store, data, today=today))


def test_a_recovered_draft_of_final_minutes_is_refused(store: Store, final: int, today: dt.date) -> None:
    data = meetings.load_meeting(store, final)
    data.resolutions[0].text = "متن دیگری"
    meetings.save_draft(store, data, now=NOW)  # kept from before, or typed in an amendment
    recovered = meetings.find_draft(store, final, None)
    assert recovered is not None
    refused(store, "meeting_final", lambda: meetings.save_meeting(store, recovered.data, today=today))


def test_follow_ups_go_on_after_finalising(store: Store, final: int, today: dt.date) -> None:
    rid = meetings.load_meeting(store, final).resolutions[0]
    resolution_id = store.read("resolutions_of_meeting", meeting_id=final)[0][0]
    followup.add_follow_up(store, resolution_id, date=today, reporter="دفتر", text="آغاز شد.", progress=10,
                           status_after="in_progress", today=today)
    assert rid.text
    # The seal is of the minutes, not of their follow-up history.
    assert minutes_final.final_state(store, final).fingerprint == fingerprint(content_of(store, final))


def test_saving_with_the_final_status_finalises(store: Store, body: int, today: dt.date) -> None:
    mid = held(store, body, today)
    data = meetings.load_meeting(store, mid)
    data.status = "final"
    meetings.save_meeting(store, data, today=today, now=NOW)
    assert minutes_final.final_state(store, mid).revision == 1


def test_an_amendment_records_before_and_after_and_keeps_revision_one(store: Store, final: int,
                                                                      today: dt.date) -> None:
    first = content_of(store, final)
    data = meetings.load_meeting(store, final)
    data.place = "تالار شهید رجایی"
    data.resolutions[0].text = "فهرست خدمات الکترونیکی تا پایان آذر تهیه شود."
    result = amendments.amend(store, final, data, "اشتباه تایپی در متن مصوبه", now=LATER, today=today)
    assert result.revision == 2
    assert [c["field"] for c in result.field_changes] == ["place", "resolutions[0].text"]
    assert result.field_changes[0] == {"field": "place", "before": "سالن جلسات استانداری",
                                       "after": "تالار شهید رجایی"}
    (amendment,) = minutes_final.amendments(store, final)
    assert amendment.reason == "اشتباه تایپی در متن مصوبه" and amendment.secretary == "مریم صادقی"
    assert amendment.os_user == audit.os_user() and amendment.created_at == dt.datetime(2026, 12, 3, 9, 15)
    state = minutes_final.final_state(store, final)
    assert state.revision == 2 and state.label == "ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲"
    assert state.fingerprint == fingerprint(content_of(store, final)) != fingerprint(first)
    assert minutes_final.revision_content(store, final, 1) == first
    assert minutes_final.revision_content(store, final, 2) == content_of(store, final)
    amend_line = [line for line in audit.audit_lines(store, meeting_id=final) if line.action == "amend"]
    assert amend_line and amend_line[0].after["reason"] == "اشتباه تایپی در متن مصوبه"  # type: ignore[index]
    place_lines = [line for line in audit.audit_lines(store, meeting_id=final)
                   if line.entity == "meeting" and line.action == "update" and "place" in (line.after or {})]
    assert place_lines[-1].before == {"place": "سالن جلسات استانداری"}
    assert place_lines[-1].after == {"place": "تالار شهید رجایی"}


def test_amendments_refuse_bad_input_and_change_nothing(store: Store, body: int, final: int,
                                                        today: dt.date) -> None:
    data = meetings.load_meeting(store, final)
    data.place = "جای دیگر"
    refused(store, "amendment_reason_missing", lambda: amendments.amend(store, final, data, "  ", now=LATER))
    same = meetings.load_meeting(store, final)
    refused(store, "amendment_no_change", lambda: amendments.amend(store, final, same, "هیچ", now=LATER))
    draft_id = held(store, body, today)
    draft = meetings.load_meeting(store, draft_id)
    refused(store, "meeting_not_final", lambda: amendments.amend(store, draft_id, draft, "علت", now=LATER))
    bad = meetings.load_meeting(store, final)
    bad.resolutions[0].text = ""
    before = dump(store)
    with pytest.raises(ValidationError):
        amendments.amend(store, final, bad, "علت", now=LATER, today=today)
    assert dump(store) == before
    refused(store, "revision_unknown", lambda: minutes_final.revision_content(store, final, 5))


def test_field_changes_and_labels() -> None:
    before = {"place": "الف", "agenda": ["یک"], "resolutions": [{"text": "a", "standing": False}]}
    after = {"place": "الف", "agenda": ["یک", "دو"], "resolutions": [{"text": "b", "standing": False}]}
    assert field_changes(before, after) == [{"field": "agenda[1]", "before": None, "after": "دو"},
                                            {"field": "resolutions[0].text", "before": "a", "after": "b"}]
    assert field_label("resolutions[1].text") == "مصوبهٔ ۲ — متن"
    assert field_label("agenda[0]") == "بند ۱ دستور جلسه"
    assert field_label("place") == "محل"


@pytest.mark.parametrize("table", history_guard.APPEND_ONLY)
def test_history_tables_refuse_update_and_delete_at_the_database(store: Store, final: int, today: dt.date,
                                                                  table: str) -> None:
    resolution_id = store.read("resolutions_of_meeting", meeting_id=final)[0][0]
    followup.add_follow_up(store, resolution_id, date=today, reporter="دفتر", text="آغاز شد.", progress=10,
                           status_after="in_progress", new_deadline=dt.date(2025, 1, 20),
                           extension_reason="کمبود اعتبار", today=today)
    data = meetings.load_meeting(store, final)
    data.place = "تالار"
    amendments.amend(store, final, data, "جابه‌جایی محل", now=LATER, today=today)
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        assert raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0
        column = {"follow_ups": "text", "deadline_extensions": "reason", "meeting_revisions": "content",
                  "amendments": "reason", "audit_log": "os_user"}[table]
        for sql in (f"UPDATE {table} SET {column} = 'x'", f"DELETE FROM {table}"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                raw.execute(sql)
        raw.rollback()


def test_no_service_rewrites_history_even_the_orm(store: Store, final: int) -> None:
    from app.store.models import AuditEntry

    before = dump(store)
    with store.reading() as s:
        assert s.get(AuditEntry, 1) is not None

    def rewrite() -> None:
        with store.session() as s:
            entry = s.get(AuditEntry, 1)
            assert entry is not None
            entry.os_user = "someone else"

    with pytest.raises(UserError) as refused:  # the trigger, said in Persian
        rewrite()
    assert refused.value.code == "history_append_only" and isinstance(refused.value.__cause__, DatabaseError)
    assert dump(store) == before


def test_the_demo_reset_puts_the_guard_back(file_store: Store, today: dt.date) -> None:
    from app.demo.fill import fill_demo

    fill_demo(file_store, today=today)
    fill_demo(file_store, today=today, reset=True)
    with file_store.engine.connect() as conn:
        assert history_guard.installed(conn)


def test_every_kind_of_change_is_audited(store: Store, body: int, final: int, today: dt.date) -> None:
    unit = directory.save_unit(store, "دفتر بازرسی")
    directory.save_unit(store, "دفتر بازرسی و پاسخگویی", unit.id)
    resolution_id = store.read("resolutions_of_meeting", meeting_id=final)[0][0]
    followup.extend_deadline(store, resolution_id, new_deadline=dt.date(2025, 2, 1), reason="کمبود اعتبار",
                             date=today, today=today)
    bodies.save_body(store, "کمیته آموزش", "committee", body)
    kinds = {(line.entity, line.action) for line in audit.audit_lines(store)}
    assert {("body", "create"), ("person", "create"), ("body_member", "create"), ("meeting", "create"),
            ("resolution", "create"), ("attendance", "create"), ("meeting", "finalise"), ("unit", "create"),
            ("unit", "update"), ("extension", "create"), ("resolution", "update")} <= kinds
    renamed = [line for line in audit.audit_lines(store) if line.entity == "unit" and line.action == "update"]
    assert renamed[0].before == {"name": "دفتر بازرسی"} and renamed[0].after == {"name": "دفتر بازرسی و پاسخگویی"}
    assert all(line.os_user == audit.os_user() for line in audit.audit_lines(store))


def test_only_draft_meetings_are_deleted_and_the_log_keeps_the_content(store: Store, body: int, final: int,
                                                                       today: dt.date) -> None:
    refused(store, "meeting_not_draft", lambda: meetings.delete_meeting(store, final))
    heldm = held(store, body, today)
    refused(store, "meeting_not_draft", lambda: meetings.delete_meeting(store, heldm))
    data = meetings.new_meeting(store, body, today=today)
    data.place = "اتاق ۲"
    data.resolutions = [ResolutionData("مصوبهٔ پیش‌نویس", "دفتر فناوری اطلاعات")]
    draft = meetings.save_meeting(store, data, today=today).meeting_id
    meetings.delete_meeting(store, draft, now=LATER)
    assert not store.read("meeting_exists", id=draft)
    (line,) = [line for line in audit.audit_lines(store, meeting_id=draft) if line.action == "delete"]
    assert line.entity == "meeting" and line.before is not None
    assert line.before["place"] == "اتاق ۲" and line.before["resolutions"][0]["text"] == "مصوبهٔ پیش‌نویس"
    assert line.when == dt.datetime(2026, 12, 3, 9, 15)
    assert not [x for x in audit.audit_lines(store, meeting_id=draft) if x.entity == "resolution"
                and x.action == "delete"]  # one line with the content, not one a row


# --- a store from before 0004 ---------------------------------------------------

def test_meetings_final_before_0004_become_revision_one_and_are_sealed_when_amended(tmp_path: Path,
                                                                                    today: dt.date) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from app.store.db import alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:  # what a 0003 store held: a final meeting, written as that program wrote it
        for sql in (
            "INSERT INTO bodies VALUES (1, 'b-1', 'کارگروه', 'working_group', NULL, 4, 0, NULL)",
            "INSERT INTO people VALUES (1, 'p-1', 'مریم صادقی', 'مریم صادقی', 'دبیر', NULL)",
            "INSERT INTO body_members VALUES (1, 1, 1, 'secretary', 0)",
            "INSERT INTO meetings VALUES (1, 'm-1', 1, 1403, 1, '2024-11-23', NULL, NULL, 'سالن', NULL, 1,"
            " 'final', '2024-11-23 09:00:00', '2024-11-23 11:00:00')",
            "INSERT INTO attendance VALUES (1, 'a-1', 1, 1, 0, 'member', 'present', '', 'دبیر', '')",
            "INSERT INTO resolutions VALUES (1, 'r-1', 1, 1, 'گزارش ارسال شود.', '', NULL, NULL, 0,"
            " 'not_started', NULL)"):
            conn.exec_driver_sql(sql)
    engine.dispose()
    store = open_store(path)  # upgrades to 0004
    try:
        state = minutes_final.final_state(store, 1)
        assert state.final and state.revision == 1 and state.fingerprint is None
        assert state.finalised_at == dt.datetime(2024, 11, 23, 11, 0)
        data = meetings.load_meeting(store, 1)
        refused(store, "meeting_final", lambda: meetings.save_meeting(store, data, today=today))
        before = content_of(store, 1)
        data.place = "تالار"
        amendments.amend(store, 1, data, "محل درست", now=LATER, today=today)
        assert minutes_final.revision_content(store, 1, 1) == before
        assert minutes_final.final_state(store, 1).revision == 2
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), sqlite3.connect(path) as raw:
            raw.execute("DELETE FROM amendments")
    finally:
        store.close()


# --- the command line -----------------------------------------------------------

def _db_with_meeting(tmp_path: Path, today: dt.date) -> tuple[Path, int]:
    path = tmp_path / "dabir.db"
    store = open_store(path)
    council = bodies.save_body(store, "شورا", "council")
    person = directory.save_person(store, "مریم صادقی", "دبیر")
    bodies.set_members(store, council.id, [(person.id, "secretary")])
    mid = held(store, council.id, today)
    store.close()
    return path, mid


def _file_dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_cli_finalize_then_audit(tmp_path: Path, today: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    path, mid = _db_with_meeting(tmp_path, today)
    assert main(["--db", str(path), "finalize", str(mid)]) == 0
    out = capsys.readouterr().out
    assert "نهایی شد" in out and "ویرایش ۱" in out and "SHA-256:" in out
    before = _file_dump(path)
    assert main(["--db", str(path), "finalize", str(mid)]) == 2
    assert "از پیش نهایی" in capsys.readouterr().err
    assert main(["--db", str(path), "finalize", "999"]) == 2
    assert main(["--db", str(path), "audit", "--meeting", "999"]) == 2
    assert _file_dump(path) == before
    assert main(["--db", str(path), "audit", "--meeting", str(mid), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["action"] == "finalise" and rows[-1]["meeting_id"] == mid
    assert {"id", "when", "os_user", "entity", "entity_id", "entity_uuid", "action", "before", "after"} <= set(rows[0])
    assert main(["--db", str(path), "audit"]) == 0
    text = capsys.readouterr().out
    assert "نهایی کردن جلسه" in text and "ایجاد نهاد" in text


def test_cli_minutes_of_an_unknown_revision_exits_2(tmp_path: Path, today: dt.date,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path, mid = _db_with_meeting(tmp_path, today)
    out = tmp_path / "m.pdf"
    assert main(["--db", str(path), "minutes", str(mid), "-o", str(out), "--revision", "1"]) == 2
    assert "ویرایش" in capsys.readouterr().err and not out.exists()
    main(["--db", str(path), "finalize", str(mid)])
    assert main(["--db", str(path), "minutes", str(mid), "-o", str(out), "--revision", "3"]) == 2
    assert not out.exists()
    assert main(["--db", str(path), "minutes", str(mid), "-o", str(out), "--revision", "1"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


# --- the PDF --------------------------------------------------------------------

def test_the_pdf_prints_the_revision_and_the_amendments_and_an_earlier_revision(store: Store, final: int,
                                                                                 today: dt.date,
                                                                                 tmp_path: Path) -> None:
    import io

    from app.export.minutes_pdf import render_minutes
    from tests.pdf_text import document_text, fold, read_lines

    def text_of(**kw) -> str:  # type: ignore[no-untyped-def]
        out = io.BytesIO()
        render_minutes(store, final, out, **kw)
        return fold(document_text(read_lines(out.getvalue())))

    first = text_of()
    assert fold("ویرایش ۱") in first and fold("اصلاحیه‌ها") not in first
    data = meetings.load_meeting(store, final)
    data.place = "تالار شهید رجایی"
    amendments.amend(store, final, data, "محل جلسه اشتباه ثبت شده بود", now=LATER, today=today)
    second = text_of()
    for phrase in ("ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲", "اصلاحیه‌ها", "علت: محل جلسه اشتباه ثبت شده بود",
                   "سالن جلسات استانداری", "تالار شهید رجایی", "پیش از اصلاح", "پس از اصلاح", "مریم صادقی"):
        assert fold(phrase) in second, phrase
    earlier = text_of(revision=1)
    assert fold("ویرایش ۱") in earlier and fold("سالن جلسات استانداری") in earlier
    assert fold("تالار شهید رجایی") not in earlier and fold("اصلاحیه‌ها") not in earlier
    refused(store, "revision_unknown", lambda: render_minutes(store, final, tmp_path / "x.pdf", revision=3))
    assert not (tmp_path / "x.pdf").exists()


def test_a_resolution_named_by_an_extension_is_not_removed(store: Store, body: int, final: int,
                                                           today: dt.date) -> None:
    later_day = today + dt.timedelta(days=3)
    data = meetings.new_meeting(store, body, today=later_day)
    data.resolutions = [ResolutionData("مهلت مصوبهٔ پیشین یک ماه تمدید شد.", "دفتر فناوری اطلاعات")]
    later = meetings.save_meeting(store, data, today=later_day).meeting_id
    granting = store.read("resolutions_of_meeting", meeting_id=later)[0][0]
    extended = store.read("resolutions_of_meeting", meeting_id=final)[0][0]
    followup.extend_deadline(store, extended, new_deadline=dt.date(2025, 1, 30), reason="تأخیر در اعتبار",
                             granted_by_resolution_id=granting, date=later_day, today=later_day)
    edited = meetings.load_meeting(store, later)
    edited.resolutions = []
    refused(store, "resolution_granted_extension", lambda: meetings.save_meeting(store, edited, today=later_day))
    refused(store, "resolution_granted_extension", lambda: meetings.delete_meeting(store, later))
