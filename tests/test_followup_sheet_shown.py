"""The follow-up sheet made from the tracker prints what the tracker shows and says which filters
chose it; each unit's letter in a notice numbers its own pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.export.followup_pdf import notice_pdf
from app.persian.text import fa_number
from app.services import bodies
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests import test_gui_tracker as base
from tests.builders import held_meeting
from tests.gui_helpers import type_text
from tests.pdf_text import columns, document_text, fold, page_count, read_lines
from ui.followup.tracker_window import TrackerWindow

ids, tracker = base.ids, base.tracker  # the tracker's own store and window


def test_the_sheet_prints_the_rows_shown_and_names_the_filters(qtbot, tracker: TrackerWindow,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path, ids: dict[str, int]) -> None:
    w = tracker
    w.overdue.setChecked(False)
    w.text.setFocus()
    type_text(w.text, "کمیته")  # two open resolutions of the council carry the word; others are open too
    w.apply_filters()
    shown = [w.model.row_at(i) for i in range(w.model.rowCount())]
    assert {r.id for r in shown} == {ids["b"], ids["c"]}
    target = tmp_path / "sheet.pdf"
    w.exports.ask_save_path = lambda *_args: target  # type: ignore[method-assign]
    w.exports.export_sheet()
    assert w.exports.last_written == target
    lines = read_lines(target.read_bytes())
    text = fold(document_text(lines))
    assert fold("متن دارای «کمیته»") in text and fold("شمار مصوبات: ۲") in text
    printed = fold(next(t for t in columns(lines).values() if t.startswith("متن مصوبه")))
    for r in shown:
        assert fold(r.text) in printed
    others = ("سامانه میز خدمت", "پنجره واحد خدمات", "گزارش عملکرد فصل دوم")  # open, but not shown
    assert not any(fold(o) in printed for o in others)

    w.text.clear()
    w.status.setCurrentIndex(w.status.findText("انجام شده"))
    w.apply_filters()
    assert w.model.rowCount() == 0
    w.exports.export_sheet()
    empty = fold(document_text(read_lines(target.read_bytes())))
    assert fold("وضعیت: انجام شده") in empty and fold("با این شرایط پیدا نشد") in empty


def test_each_units_notice_numbers_its_own_pages(store: Store) -> None:
    body = bodies.save_body(store, "کارگروه توسعه مدیریت", "working_group").id
    long = "این مصوبه برای آزمودن شماره‌گذاری صفحه‌ها نوشته شده و باید در چند سطر بشکند. " * 6
    many = [ResolutionData(f"{long} بند {n}.", "واحد الف", deadline="1403/12/01") for n in range(1, 16)]
    meeting, _ = held_meeting(store, body, dt.date(2024, 11, 23), [*many, ResolutionData("یک کار کوتاه.", "واحد ب")])
    pdf = notice_pdf(store, meeting)
    pages = page_count(pdf)
    assert pages >= 3
    lines = read_lines(pdf)
    footers = [re.search(r"صفحه [۰-۹]+ از [۰-۹]+", next(line.logical for line in lines if line.page == p
                                                        and "شناسهٔ سند" in line.logical)).group()  # type: ignore[union-attr]
               for p in range(1, pages + 1)]
    first = pages - 1  # unit الف's letter; then unit ب's single page
    assert footers == [f"صفحه {fa_number(n)} از {fa_number(first)}" for n in range(1, first + 1)] + ["صفحه ۱ از ۱"]
    last = document_text([line for line in lines if line.page == pages])
    assert "به: واحد ب" in last
