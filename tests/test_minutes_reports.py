"""The follow-up reports a meeting heard, printed in its minutes (issue 12, defect 3)."""

from __future__ import annotations

import datetime as dt

from app.export.minutes_doc import minutes_doc, minutes_doc_from_data
from app.export.minutes_pdf import build_minutes_pdf
from app.export.minutes_reports import shorten
from app.persian.jalali import from_jalali
from app.services import bodies, meetings
from app.services.followup import MeetingFollowUp, add_follow_up, record_follow_ups_in_meeting
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import held_meeting
from tests.pdf_text import columns, document_text, fold, read_lines

TODAY = from_jalali(1405, 3, 1)
LONG = ("سامانه میز خدمت الکترونیکی در همه دستگاه‌های اجرایی استان راه‌اندازی شود و گزارش آن هر ماه به دبیرخانه "
        "ارسال شود تا در جلسات کمیته بررسی شود و دستگاه‌هایی که عقب مانده‌اند شناسایی و به استاندار معرفی شوند "
        "و برنامه زمان‌بندی تازه برای آنها تهیه شود")


def _world(store: Store) -> tuple[int, int, list[int]]:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    _, rids = held_meeting(store, council, from_jalali(1405, 1, 20), [
        ResolutionData(LONG, "دفتر فناوری اطلاعات", deadline="1405/02/30"),
        ResolutionData("گزارش عملکرد فصل اول ارسال شود.", "اداره کل امور اداری و مالی", deadline="1405/02/15"),
        ResolutionData("برنامه آموزشی تدوین شود.", "کمیته آموزش", deadline="1405/06/31"),
    ])
    data = meetings.new_meeting(store, council, today=TODAY)
    later = meetings.save_meeting(store, data, today=TODAY).meeting_id
    return council, later, rids


def test_the_reports_a_meeting_heard_are_printed_in_its_minutes(store: Store) -> None:
    _council, later, (r1, r2, r3) = _world(store)
    record_follow_ups_in_meeting(store, later, [
        MeetingFollowUp(r1, "in_progress", "سامانه در هفت دستگاه راه‌اندازی شد.", progress=60,
                        new_deadline=from_jalali(1405, 6, 31), extension_reason="دستگاه‌های باقی‌مانده"),
        MeetingFollowUp(r2, "done", "گزارش فصل اول رسید."),
    ], today=TODAY)
    # The editor's page signs a report with the meeting's label, as the service does; a report
    # from a unit (not heard in the meeting) is not part of its minutes.
    add_follow_up(store, r3, date=TODAY - dt.timedelta(days=3), reporter="رابط کمیته آموزش",
                  text="گزارشی که در جلسه خوانده نشد", progress=None, status_after="in_progress", today=TODAY)

    doc = minutes_doc(store, later)
    assert [(r.resolution_number, r.status, r.new_deadline) for r in doc.reports] == [
        (1, "in_progress", from_jalali(1405, 6, 31)), (2, "done", None)]
    text = document_text(read_lines(build_minutes_pdf(doc)))
    assert "پیگیری مصوبات جلسات قبل" in text
    cells = fold(" ".join(columns(read_lines(build_minutes_pdf(doc))).values()))
    for phrase in ("مصوبهٔ ۱ جلسهٔ ۱ (۱۴۰۵/۰۱/۲۰)", "مصوبهٔ ۲ جلسهٔ ۱", "سامانه در هفت دستگاه راه‌اندازی شد.",
                   "گزارش فصل اول رسید.", "در دست اقدام (۶۰ درصد)", "انجام شده", "۱۴۰۵/۰۶/۳۱",
                   "سامانه میز خدمت الکترونیکی در همه"):
        assert fold(phrase) in cells, phrase
    assert "گزارشی که در جلسه خوانده نشد" not in text
    assert "برنامه زمان‌بندی تازه" not in text  # the long text is shortened in the list

    # The live preview (the editor's unsaved state) shows the same reports.
    assert minutes_doc_from_data(store, meetings.load_meeting(store, later)).reports == doc.reports


def test_a_meeting_that_heard_no_report_prints_no_such_section(store: Store) -> None:
    _, later, _ = _world(store)
    assert minutes_doc(store, later).reports == ()
    assert "پیگیری مصوبات جلسات قبل" not in document_text(read_lines(build_minutes_pdf(minutes_doc(store, later))))


def test_shorten_keeps_a_short_text_and_cuts_a_long_one_sensibly() -> None:
    assert shorten("  گزارش   ارسال شود. ") == "گزارش ارسال شود."
    assert shorten(LONG).endswith(" …") and len(shorten(LONG).split()) <= 21
    first = "بند اول اجرا شود."
    assert shorten(first + " " + LONG) == first + " …"
    assert shorten("واژه " * 5000).count("واژه") == 20
