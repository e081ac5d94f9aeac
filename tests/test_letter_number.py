"""The minutes as an official document: «بسمه تعالی», the letter block, the secretariat's number
per body and Jalali year, the ordinal naming the year, the status in the footer (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.export.followup_pdf import notice_pdf
from app.export.minutes_doc import minutes_doc
from app.export.minutes_pdf import build_minutes_pdf, render_minutes
from app.persian.jalali import from_jalali
from app.services import bodies, meetings
from app.services.letter_number import issue_letter_number
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import held_meeting
from tests.pdf_text import document_text, read_lines

DAY = from_jalali(1405, 9, 11)


def _letters(store: Store) -> list[tuple[object, ...]]:
    return store.fetch_all("SELECT id, letter_number, letter_date, updated_at FROM meetings ORDER BY id")


def test_numbers_are_given_per_body_and_year_once_and_never_to_a_draft(store: Store) -> None:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    committee = bodies.save_body(store, "کمیته آموزش", "committee", council).id
    a, _ = held_meeting(store, council, from_jalali(1405, 2, 1), [ResolutionData("الف", "دبیرخانه")])
    b, _ = held_meeting(store, council, from_jalali(1405, 5, 1), [ResolutionData("ب", "دبیرخانه")])
    c, _ = held_meeting(store, committee, from_jalali(1405, 5, 2), [])
    d, _ = held_meeting(store, council, from_jalali(1406, 1, 20), [])
    draft = meetings.save_meeting(store, meetings.new_meeting(store, council, today=DAY), today=DAY).meeting_id
    before = _letters(store)

    assert issue_letter_number(store, draft, today=DAY).number is None  # a draft is not sent
    assert _letters(store) == before
    first = issue_letter_number(store, b, today=DAY)
    assert (first.number, first.date, first.year, first.changes.meetings) == (1, DAY, 1405, frozenset({b}))
    assert issue_letter_number(store, a, today=DAY).number == 2  # in the order they are written out
    assert issue_letter_number(store, c, today=DAY).number == 1  # another body counts on its own
    assert issue_letter_number(store, d, today=DAY).number == 1  # a new year starts again
    again = issue_letter_number(store, b, today=from_jalali(1405, 12, 1))
    assert (again.number, again.date, again.changes.meetings) == (1, DAY, frozenset())  # kept, not given twice
    # Giving a number is not an edit of the minutes.
    assert [row[3] for row in _letters(store)] == [row[3] for row in before]
    with pytest.raises(UserError) as err:
        issue_letter_number(store, 999, today=DAY)
    assert err.value.code == "meeting_unknown"


def test_the_minutes_and_the_notice_are_official_documents(store: Store, tmp_path: Path) -> None:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    held_meeting(store, council, from_jalali(1405, 2, 1), [])
    second, _ = held_meeting(store, council, from_jalali(1405, 9, 1),
                             [ResolutionData("گزارش فصل ارسال شود.", "دفتر فناوری اطلاعات")])
    preview = document_text(read_lines(build_minutes_pdf(minutes_doc(store, second))))
    assert "شماره: ............" in preview  # not written out yet: no number, a line to fill

    out = tmp_path / "minutes.pdf"
    render_minutes(store, second, out, when=__import__("datetime").datetime(2026, 12, 2, 9, 0))
    lines = read_lines(out)
    text = document_text(lines)
    first_page = [line.logical for line in lines if line.page == 1]
    assert first_page[1] == "شماره: ۱۴۰۵/۱" and first_page[2] == "بسمه تعالی"
    assert "تاریخ: ۱۴۰۵/۰۹/۱۱" in text and "پیوست: ندارد" in text
    assert "دومین جلسهٔ سال ۱۴۰۵" in text and "(شمارهٔ" not in text
    assert "وضعیت" not in text  # the internal status is a footer, not the title block's
    assert lines[-1].logical.endswith("صورتجلسه نهایی")
    assert minutes_doc(store, second).letter_number == 1

    notice = document_text(read_lines(notice_pdf(store, second)))
    assert "بسمه تعالی" in notice and "شماره: ۱۴۰۵/۱" in notice and "تاریخ: ۱۴۰۵/۰۹/۱۱" in notice


def test_a_failed_export_gives_no_number(store: Store, tmp_path: Path) -> None:
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    meeting, _ = held_meeting(store, council, from_jalali(1405, 2, 1), [])
    before = _letters(store)
    with pytest.raises(UserError):
        render_minutes(store, meeting, tmp_path / "no" / "such" / "folder" / "m.pdf")
    assert _letters(store) == before
