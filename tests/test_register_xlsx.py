"""The resolution register as XLSX: what the tracker shows, right to left, Jalali, readable back."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.demo.fill import fill_demo
from app.errors import UserError
from app.export.register_xlsx import HEADERS, register_xlsx, write_register
from app.persian.jalali import format_jalali_latin
from app.services.tracker import filter_rows, tracker_rows
from app.store.db import Store

TODAY = dt.date(2024, 11, 23)


def test_the_filtered_register_comes_back_row_for_row(store: Store) -> None:
    fill_demo(store, today=TODAY)
    rows = filter_rows(tracker_rows(store, today=TODAY), overdue_only=True)
    assert len(rows) > 0
    sheet = load_workbook(io.BytesIO(register_xlsx(rows))).active
    assert sheet.sheet_view.rightToLeft
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == HEADERS
    assert len(values) == len(rows) + 1
    first, data = rows[0], values[1]
    assert data[4] == first.text and data[5] == first.lead_unit
    assert data[2] == format_jalali_latin(first.meeting_date)  # Jalali text «1403/09/03», not a date cell
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", data[2])
    assert all(v[11] == "معوق" for v in values[1:])
    assert values[0][-1] == "شناسه" and {v[-1] for v in values[1:]} == {r.uuid for r in rows}


def test_jalali_dates_sort_as_text_and_gregorian_dates_are_real_dates(store: Store) -> None:
    fill_demo(store, today=TODAY)
    rows = tracker_rows(store, today=TODAY)
    sheet = load_workbook(io.BytesIO(register_xlsx(rows))).active
    header = [c.value for c in sheet[1]]
    jalali, gregorian = header.index("تاریخ جلسه"), header.index("تاریخ جلسه (میلادی)")
    deadline, deadline_g = header.index("مهلت اجرا"), header.index("مهلت اجرا (میلادی)")
    body = list(sheet.iter_rows(min_row=2))
    for cells, r in zip(body, rows, strict=True):
        assert cells[jalali].data_type == "s" and cells[jalali].number_format == "@"
        assert cells[gregorian].is_date and cells[gregorian].value.date() == r.meeting_date
        if r.deadline is not None and not r.standing:
            assert cells[deadline].value == format_jalali_latin(r.deadline)
            assert cells[deadline_g].value.date() == r.deadline
    # Sorting the text column orders the meetings as the calendar does.
    pairs = [(c[jalali].value, c[gregorian].value) for c in body]
    assert [g for _, g in sorted(pairs)] == sorted(g for _, g in pairs)


def test_extended_deadlines_show_the_original(store: Store) -> None:
    fill_demo(store, today=TODAY)
    extended = [r for r in tracker_rows(store, today=TODAY) if r.extensions]
    assert extended
    sheet = load_workbook(io.BytesIO(register_xlsx(extended))).active
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert row[8] and row[9] == extended[0].extensions


def test_written_atomically_and_refused_plainly(store: Store, tmp_path: Path) -> None:
    fill_demo(store, today=TODAY)
    rows = tracker_rows(store, today=TODAY)
    target = tmp_path / "register.xlsx"
    write_register(rows, target)
    assert load_workbook(target).active.max_row == len(rows) + 1
    with pytest.raises(UserError) as err:
        write_register(rows, tmp_path / "missing" / "register.xlsx")
    assert err.value.code == "export_unwritable"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.xlsx"]
