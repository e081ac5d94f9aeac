"""The minutes as a right-to-left Word document (DOCX), for the last-minute edit.

The same :class:`~app.export.minutes_doc.MinutesDoc` as the PDF, the same parts in the
same order: «بسمه تعالی» and the letter block, the title, the details, agenda, attendees,
discussion, resolutions, the follow-up reports heard, signatures; status and document id
in the footer. python-docx writes it; every paragraph is right to left (``w:bidi``),
every run is ``w:rtl`` in Vazirmatn (its complex-script font too, which Word uses for
Persian), and every table is laid out right to left (``w:bidiVisual``). The signed PDF
stays the record: this file is a convenience copy, and the dialog that writes it says so.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from app.export.letterhead import ATTACHMENT_NONE, BESMEH, BLANK, meeting_ordinal
from app.export.minutes_doc import MinutesDoc, minutes_doc
from app.export.minutes_pdf import EMPTY, _attendee_groups, _deadline, _signatories
from app.export.minutes_reports import shorten
from app.export.rtl_text import prepare
from app.files import write_atomic
from app.persian import labels
from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.letter_number import letter_label
from app.store.db import Store

__all__ = ["FONT", "build_minutes_docx", "render_minutes_docx"]

FONT = "Vazirmatn"
NAVY = "1D3557"
HEADER_FILL = "E6ECF3"
GROUP_FILL = "F3F5F8"


def _on(element: Any, tag: str, **attributes: str) -> Any:
    """The child ``tag`` of ``element`` (made when missing), with ``attributes`` set."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for name, value in attributes.items():
        child.set(qn(name), value)
    return child


def _rtl_run(run: Any, *, size: float, bold: bool = False, color: str | None = None) -> None:
    from docx.shared import Pt, RGBColor

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    r_pr = run._element.get_or_add_rPr()
    _on(r_pr, "w:rFonts", **{"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT})
    _on(r_pr, "w:rtl")
    if bold:
        _on(r_pr, "w:bCs")
    _on(r_pr, "w:szCs", **{"w:val": str(int(size * 2))})


def _fixed(text: str) -> str:
    """The text as the PDF prints it (letters, digits: :func:`rtl_text.prepare`), its outer spaces kept:
    a run is a part of a line («تاریخ: » then the date)."""
    core = text.strip(" ")
    if not core:
        return text
    start = text.index(core)
    return text[:start] + prepare(core) + text[start + len(core):]


def _clear(cell: Any) -> None:
    """A table cell without its paragraphs (python-docx gives each an empty one)."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)


class _Writer:
    """Adds right-to-left paragraphs and tables to a python-docx document."""

    def __init__(self) -> None:
        from docx import Document
        from docx.shared import Cm

        self.document = Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        _on(section._sectPr, "w:bidi")
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        _on(normal.element.get_or_add_rPr(), "w:rFonts", **{"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT})
        _on(normal.element.get_or_add_pPr(), "w:bidi")

    def paragraph(self, parts: str | Sequence[tuple[str, bool]], *, size: float = 11, align: str = "start",
                  color: str | None = None, bold: bool = False, space_after: float = 4, container: Any = None,
                  rule: bool = False) -> Any:
        """A bidi paragraph of ``parts`` ((text, bold) pairs, or one text)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        target = container if container is not None else self.document
        p = target.add_paragraph()
        _on(p._p.get_or_add_pPr(), "w:bidi")
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(space_after)
        for text, strong in ([(parts, bold)] if isinstance(parts, str) else parts):
            _rtl_run(p.add_run(_fixed(text)), size=size, bold=strong, color=color)
        if rule:
            borders = _on(p._p.get_or_add_pPr(), "w:pBdr")
            _on(borders, "w:bottom", **{"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "8C98A6"})
        return p

    def heading(self, number: int | None, title: str) -> None:
        text = f"{fa_number(number)}. {title}" if number is not None else title
        p = self.paragraph(text, size=13 if number is not None else 11.5, bold=True, color=NAVY, space_after=6,
                           rule=number is not None)
        p.paragraph_format.keep_with_next = True

    def note(self, text: str) -> None:
        self.paragraph(text, size=10, color="56606B")

    def table(self, rows: Sequence[Sequence[str | Sequence[tuple[str, bool]]]], widths_cm: Sequence[float], *,
              header: bool = True, groups: Sequence[int] = (), size: float = 9.5, grid: bool = True) -> Any:
        """A right-to-left table (``w:bidiVisual``): the first column is the rightmost."""
        from docx.shared import Cm

        table = self.document.add_table(rows=0, cols=len(widths_cm))
        if grid:
            table.style = self.document.styles["Table Grid"]
        _on(table._tbl.tblPr, "w:bidiVisual")
        for i, row in enumerate(rows):
            cells = table.add_row().cells
            if i in groups:
                cells[0].merge(cells[-1])
                cells = [cells[0]]
            for j, (cell, value) in enumerate(zip(cells, row, strict=False)):
                cell.width = Cm(widths_cm[j] if i not in groups else sum(widths_cm))
                _clear(cell)
                strong = (header and i == 0) or i in groups
                self.paragraph(value, size=size, bold=strong, container=cell, space_after=0,
                               color=NAVY if strong else None)
                fill = HEADER_FILL if header and i == 0 else GROUP_FILL if i in groups else None
                if fill:
                    _on(cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill})
        if header and rows:
            _on(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")  # repeated on every page
        return table

    def footer(self, parts: Sequence[str]) -> None:
        footer = self.document.sections[0].footer
        p = footer.paragraphs[0]
        _on(p._p.get_or_add_pPr(), "w:bidi")
        for text in parts:
            _rtl_run(p.add_run(_fixed(text)), size=8, color="56606B")

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _letterhead(w: _Writer, doc: MinutesDoc) -> None:
    block = [[("شماره: ", True), (letter_label(doc.letter_number, doc.year) or BLANK, False)],
             [("تاریخ: ", True), (format_jalali(doc.letter_date) or BLANK, False)],
             [("پیوست: ", True), (ATTACHMENT_NONE, False)]]
    cells = w.table([["", "", ""]], [4.6, 7.8, 4.6], header=False, grid=False).rows[0].cells
    _clear(cells[1])
    w.paragraph(BESMEH, size=11, bold=True, align="center", container=cells[1], space_after=0)
    _clear(cells[2])  # the leftmost: the letter block
    for line in block:
        w.paragraph(line, size=9, container=cells[2], space_after=0)


def _title(w: _Writer, doc: MinutesDoc) -> None:
    _letterhead(w, doc)
    w.paragraph(doc.body_name, size=14, bold=True, align="center", space_after=2)
    w.paragraph("صورتجلسه", size=20, bold=True, align="center", color=NAVY, space_after=2)
    if doc.number:
        w.paragraph(meeting_ordinal(doc.number, doc.rank, doc.year), size=12, align="center", space_after=8)

    def info(label: str, value: str) -> list[tuple[str, bool]]:
        return [(label + ": ", True), (value or "—", False)]

    chair = doc.chair.name if doc.chair else ""
    secretary = doc.secretary.name if doc.secretary else ""
    w.table([[info("تاریخ", doc.date_label), info("ساعت", doc.time_label), info("مکان", doc.place)],
             [info("رئیس جلسه", chair), info("دبیر جلسه", secretary), ""]], [5.67] * 3, header=False)


def _body(w: _Writer, doc: MinutesDoc) -> None:
    w.heading(1, "دستور جلسه")
    if not doc.agenda:
        w.note(EMPTY["agenda"])
    for i, text in enumerate(doc.agenda, start=1):
        w.paragraph(f"{fa_number(i)}. {text}")

    w.heading(2, "حاضرین")
    if not doc.attendees:
        w.note(EMPTY["attendees"])
    else:
        rows: list[list[Any]] = [["ردیف", "نام و نام خانوادگی", "سمت", "سازمان", "امضا"]]
        groups: list[int] = []
        number = 0
        for title, people in _attendee_groups(doc.attendees):
            groups.append(len(rows))
            rows.append([title])
            for a in people:
                number += 1
                name = a.name
                if a.status == "deputy" and a.deputy_name.strip():
                    name += f" (نماینده: {a.deputy_name.strip()})"
                mark = "" if a.status in ("present", "deputy") else labels.ATTENDANCE_STATUS.get(a.status, a.status)
                rows.append([fa_number(number), name, a.post, a.organisation, mark])
        w.table(rows, [1.3, 4.4, 4.8, 3.9, 2.6], groups=groups)

    w.heading(3, "خلاصهٔ مذاکرات")
    if not doc.discussion:
        w.note(EMPTY["discussion"])
    for d in doc.discussion:
        w.paragraph([(d.speaker.strip() + ": ", True), (d.text, False)] if d.speaker.strip() else d.text,
                    align="justify")

    w.heading(4, "مصوبات")
    if not doc.resolutions:
        w.note(EMPTY["resolutions"])
    else:
        rows = [["شماره", "متن مصوبه", "مسئول اجرا", "مهلت اجرا"]]
        for r in doc.resolutions:
            units = r.lead_unit or "—"
            if r.collaborators:
                units += f" (همکار: {'، '.join(r.collaborators)})"
            rows.append([fa_number(r.number), r.text, units, _deadline(r)])
        w.table(rows, [1.4, 9.2, 4.0, 2.4])
    if doc.reports:
        w.heading(None, "پیگیری مصوبات جلسات قبل")
        rows = [["مصوبه", "متن مصوبه (خلاصه)", "گزارش", "وضعیت تازه", "مهلت تازه"]]
        for h in doc.reports:
            source = h.source_label + (f" ({format_jalali(h.meeting_date)})" if h.meeting_date else "")
            rows.append([source, shorten(h.resolution_text), h.report.strip() or "—", h.status_label,
                         format_jalali(h.new_deadline) or "—"])
        w.table(rows, [3.0, 4.6, 4.6, 2.6, 2.2])

    w.heading(5, "امضای حاضرین")
    signatories = _signatories(doc)
    if not signatories:
        w.note(EMPTY["signatures"])
    else:
        from docx.shared import Cm

        table = w.table([["سمت در جلسه", "نام", "سمت", "امضا"],
                         *[[role, s.name, s.post, ""] for role, s in signatories]], [3.0, 5.0, 5.0, 4.0])
        for row in table.rows[1:]:
            row.height = Cm(1.6)  # room to sign


def build_minutes_docx(doc: MinutesDoc) -> bytes:
    """The minutes of ``doc`` as DOCX bytes."""
    w = _Writer()
    _title(w, doc)
    _body(w, doc)
    w.footer([labels.MEETING_STATUS.get(doc.status, doc.status), " — شناسهٔ سند: ", doc.short_id or "—"])
    props = w.document.core_properties
    props.title = f"صورتجلسهٔ جلسهٔ {fa_number(doc.number)} {doc.body_name}" if doc.number else doc.body_name
    props.keywords = doc.uuid
    return w.bytes()


def render_minutes_docx(store: Store, meeting_id: int, out: Path | BinaryIO, *, today: dt.date | None = None) -> None:
    """Write the minutes of meeting ``meeting_id`` as DOCX (atomically to a path).

    Like the PDF export, minutes not in draft get their letter number first; ``today``
    (a date) is the day it is given. Raises UserError ``meeting_unknown`` and the
    ``export_*`` codes.
    """
    from app.clock import SystemClock
    from app.services.letter_number import numbered_for_export

    with numbered_for_export(store, meeting_id, today=today or SystemClock().today()):  # callers pass their clock
        data = build_minutes_docx(minutes_doc(store, meeting_id))
        if isinstance(out, (str, os.PathLike)):
            write_atomic(Path(out), data)
        else:
            out.write(data)
