"""The resolution register as an XLSX workbook (دفتر مصوبات), for Excel users upstream.

openpyxl writes it: the register is a plain table, and openpyxl is the well-kept
library for that (no Excel, no LibreOffice needed). The sheet is right to left,
Jalali dates are zero-padded text «1405/09/11» (Excel has no Jalali calendar; as
text they sort and filter right), each beside a real Gregorian date column for
formulas, the uuid is the last column, and the rows are exactly the ones given
(the tracker's filter decides).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from app.files import write_atomic
from app.persian.jalali import format_jalali_latin
from app.persian.text import to_persian_digits
from app.services.tracker import TrackerRow

__all__ = ["HEADERS", "register_xlsx", "write_register"]

HEADERS = ("نهاد", "جلسه", "تاریخ جلسه", "شماره مصوبه", "متن مصوبه", "مسئول اجرا", "همکار",
           "مهلت اجرا", "مهلت اولیه", "تمدید", "وضعیت", "معوق", "آخرین پیگیری", "درصد پیشرفت",
           "تاریخ جلسه (میلادی)", "مهلت اجرا (میلادی)", "آخرین پیگیری (میلادی)", "شناسه")
_WIDTHS = (28, 8, 12, 8, 70, 28, 28, 12, 12, 6, 16, 7, 12, 10, 14, 14, 14, 38)
# Jalali dates are text «1405/09/11» (zero-padded, ASCII digits: they sort and filter as
# text); the Gregorian columns are real dates, for formulas. The uuid comes last.
JALALI_COLUMNS = (3, 8, 9, 13)
GREGORIAN_COLUMNS = (15, 16, 17)


def _row(r: TrackerRow) -> list[object]:
    deadline = "مستمر" if r.standing else format_jalali_latin(r.deadline)
    return [r.body_name, to_persian_digits(r.meeting_number), format_jalali_latin(r.meeting_date), r.number, r.text,
            r.lead_unit, r.collaborators_text, deadline,
            format_jalali_latin(r.original_deadline) if r.extensions else "", r.extensions or "",
            r.status_label, "معوق" if r.overdue else "", format_jalali_latin(r.last_follow_up),
            r.last_progress if r.last_progress is not None else "",
            r.meeting_date, None if r.standing else r.deadline, r.last_follow_up, r.uuid]


def register_xlsx(rows: Iterable[TrackerRow], *, title: str = "دفتر مصوبات") -> bytes:
    """The workbook's bytes: one sheet, a bold frozen header, filters, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(HEADERS))
    count = 0
    for r in rows:
        sheet.append(_row(r))
        count += 1
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F5")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    wrap = Alignment(wrap_text=True, vertical="top", horizontal="right")
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=7):
        for cell in row:
            cell.alignment = wrap
    for column in JALALI_COLUMNS:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "@"  # text: Excel never takes «1405/09/11» for a date
    for column in GREGORIAN_COLUMNS:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_register(rows: Iterable[TrackerRow], target: Path, *, title: str = "دفتر مصوبات") -> None:
    """Write the register atomically (never a half-written workbook)."""
    write_atomic(Path(target), register_xlsx(rows, title=title))
