"""The resolution register as XLSX: what the tracker shows, right to left, Jalali, readable back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.demo.fill import fill_demo
from app.errors import UserError
from app.export.register_xlsx import HEADERS, register_xlsx, write_register
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
    assert isinstance(data[2], str) and data[2].count("/") == 2  # Jalali text, not a date cell
    assert all(ch in "۰۱۲۳۴۵۶۷۸۹/" for ch in data[2])
    assert all(v[11] == "معوق" for v in values[1:])
    assert {v[14] for v in values[1:]} == {r.uuid for r in rows}


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
