"""Follow-up sheets (برگه پیگیری مصوبات) and notices (ابلاغ مصوبات) as Persian PDFs.

:func:`followup_sheet_pdf` lists the open resolutions of one body and/or one
responsible unit, with blank columns for the unit's answer, date and signature;
A4 landscape so that the text of a resolution keeps a readable width.
:func:`notice_pdf` is the letter sent after a meeting: one page per responsible
unit (lead or collaborator) with what the meeting assigned to it and by when.
Both reuse the minutes' paragraphs, tables, styles and running header/footer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app import __version__
from app.export import fonts
from app.export.letterhead import letterhead
from app.export.minutes_doc import ResolutionLine, minutes_doc
from app.export.minutes_pdf import BODY, BODY_NAME, CELL, CELL_HEAD, CELL_SMALL, HEAD_CENTER, NOTE, TITLE
from app.export.pdf_page import (
    FRAME_WIDTH,
    MARGIN_X,
    DocumentTemplate,
    PageDecor,
    PartStart,
    numbered_canvas,
)
from app.export.pdf_tables import GRID, HEADER_BG, Cell, rtl_table
from app.export.rtl_paragraph import RtlParagraph, TextStyle
from app.export.rtl_text import Span
from app.files import write_atomic
from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.lifecycle import OPEN_STATUSES
from app.services.overview import body_name
from app.services.tracker import TrackerRow, filter_rows, tracker_rows
from app.store.db import Store

__all__ = ["EMPTY_NOTICE", "EMPTY_SHEET", "OVERDUE", "followup_sheet_pdf", "notice_pdf", "render_followup_sheet"]

OVERDUE = "معوق"
STANDING = "مستمر"
EMPTY_SHEET = "مصوبهٔ بازی با این شرایط پیدا نشد."
EMPTY_NOTICE = "در این جلسه مصوبه‌ای برای واحدی ثبت نشده است."

RED = colors.HexColor("#a4161a")
CELL_CENTER = CELL.but(align="center")
SMALL_CENTER = CELL_SMALL.but(align="center")
OVERDUE_STYLE = CELL.but(font=fonts.BOLD, color=RED, align="center")
INFO = BODY.but(align="center")
LETTER = BODY.but(leading=22)

# --- A4 landscape: the sheet's page (pdf_page draws the same header and footer as the minutes) ---

LAND_WIDTH, LAND_HEIGHT = landscape(A4)
LAND_FRAME = LAND_WIDTH - 2 * MARGIN_X


def _p(text: str, style: TextStyle = CELL) -> Cell:
    return [RtlParagraph(text, style)]


# --- the follow-up sheet ----------------------------------------------------------------


def _sheet_rows(store: Store, *, today: dt.date, body_id: int | None, unit: str | None, overdue_only: bool,
                deadline_from: dt.date | None, deadline_to: dt.date | None) -> list[TrackerRow]:
    rows = tracker_rows(store, today=today, body_id=body_id)
    picked = filter_rows(rows, unit=unit or None, collaborating=True, statuses=OPEN_STATUSES,
                         overdue_only=overdue_only, deadline_from=deadline_from, deadline_to=deadline_to)
    # Oldest meeting first, then by resolution number: the order a unit answers in.
    return sorted(picked, key=lambda r: (r.meeting_date, r.meeting_id, r.number))


def _body_name(store: Store, body_id: int) -> str:
    return body_name(store, body_id)


def _deadline_cell(r: TrackerRow) -> Cell:
    if r.standing:
        text = STANDING
    elif r.deadline is not None:
        text = format_jalali(r.deadline)
    else:
        text = "—"
    cell = _p(text, CELL_CENTER)
    note = r.deadline_note()
    if note:
        cell.append(RtlParagraph(note, SMALL_CENTER))
    if r.overdue:
        cell.append(RtlParagraph(OVERDUE, OVERDUE_STYLE))
    return cell


def _status_cell(r: TrackerRow) -> Cell:
    label = r.status_label
    if r.last_progress is not None:
        label += f" ({fa_number(r.last_progress)}٪)"
    cell = _p(label)
    if r.last_follow_up is not None:
        cell.append(RtlParagraph(f"آخرین گزارش: {format_jalali(r.last_follow_up)}", CELL_SMALL))
    return cell


def _sheet_table(rows: Sequence[TrackerRow], *, show_body: bool) -> Flowable:
    # Reading order, right to left: ردیف، جلسه، متن، مسئول اجرا، مهلت، آخرین وضعیت، پاسخ واحد، تاریخ، امضا
    widths = [1.2 * cm, 2.8 * cm, 0.0, 3.0 * cm, 2.6 * cm, 2.4 * cm, 4.6 * cm, 1.9 * cm, 1.7 * cm]
    widths[2] = LAND_FRAME - sum(widths)
    head = ["ردیف", "جلسه", "متن مصوبه", "مسئول اجرا", "مهلت", "آخرین وضعیت", "پاسخ واحد", "تاریخ", "امضا"]
    data: list[list[Cell]] = [[_p(h, HEAD_CENTER if i in (0, 1, 4, 7, 8) else CELL_HEAD)
                               for i, h in enumerate(head)]]
    for i, r in enumerate(rows, start=1):
        meeting = _p(f"جلسهٔ {fa_number(r.meeting_number)}", CELL_CENTER)
        meeting.append(RtlParagraph(format_jalali(r.meeting_date), SMALL_CENTER))
        meeting.append(RtlParagraph(f"مصوبهٔ {fa_number(r.number)}", SMALL_CENTER))
        if show_body:
            meeting.append(RtlParagraph(r.body_name, SMALL_CENTER))
        units = _p(r.lead_unit or "—")
        if r.collaborators:
            units.append(RtlParagraph(f"همکار: {r.collaborators_text}", CELL_SMALL))
        data.append([_p(fa_number(i), CELL_CENTER), meeting, _p(r.text, CELL.but(align="justify")), units,
                     _deadline_cell(r), _status_cell(r), [Spacer(1, 2.0 * cm)], [], []])
    return rtl_table(data, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)])


def followup_sheet_pdf(store: Store, *, today: dt.date, body_id: int | None = None, unit: str | None = None,
                       overdue_only: bool = False, deadline_from: dt.date | None = None,
                       deadline_to: dt.date | None = None, rows: Sequence[TrackerRow] | None = None,
                       also: Sequence[str] = ()) -> bytes:
    """The follow-up sheet: the open resolutions of a body and/or a unit (lead or collaborator).

    With ``rows`` (the tracker's rows as shown), exactly those, in their order, whatever their
    status; the filters then only describe them, with ``also`` naming the filters the other
    arguments do not (status, words of the text…), so the sheet says what it holds.
    Raises UserError ``body_unknown`` for a ``body_id`` that names no body.
    """
    body_name = _body_name(store, body_id) if body_id is not None else ""
    shown = rows is not None
    if rows is None:
        rows = _sheet_rows(store, today=today, body_id=body_id, unit=unit, overdue_only=overdue_only,
                           deadline_from=deadline_from, deadline_to=deadline_to)
    fonts.register_fonts()
    story: list[Flowable] = []
    if body_name:
        story.append(RtlParagraph(body_name, BODY_NAME))
    story.append(RtlParagraph("برگه پیگیری مصوبات", TITLE))
    about = [f"واحد: {unit}" if unit else "", f"تاریخ: {format_jalali(today)}"]
    if overdue_only:
        about.append("فقط مصوبات معوق")
    if deadline_from is not None or deadline_to is not None:
        span = "مهلت" + (f" از {format_jalali(deadline_from)}" if deadline_from else "") + \
            (f" تا {format_jalali(deadline_to)}" if deadline_to else "")
        about.append(span)
    about += also
    story.append(RtlParagraph(" — ".join(a for a in about if a), INFO))
    if rows:
        story.append(RtlParagraph(f"شمار مصوبات{'' if shown else ' باز'}: {fa_number(len(rows))}؛ معوق: "
                                  f"{fa_number(sum(r.overdue for r in rows))}", NOTE.but(align="center")))
        story.append(Spacer(1, 10))
        story.append(_sheet_table(rows, show_body=body_id is None))
    else:
        story.append(Spacer(1, 10))
        story.append(RtlParagraph(EMPTY_SHEET, NOTE.but(align="center")))
    buffer = io.BytesIO()
    who = "، ".join(x for x in (body_name, unit or "") if x) or "همهٔ نهادها"
    template = DocumentTemplate(buffer, title=f"برگه پیگیری مصوبات — {who}", subject=format_jalali(today),
                                creator=f"Dabir {__version__}", pagesize=landscape(A4))
    decor = PageDecor(header_right=who, header_left=f"برگه پیگیری مصوبات — {format_jalali(today)}",
                      footer_right="", identifier="")
    template.build(story, canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()


def render_followup_sheet(store: Store, out: Path, **options: Any) -> None:
    """Write :func:`followup_sheet_pdf` to ``out`` atomically (nothing is written on error)."""
    write_atomic(out, followup_sheet_pdf(store, **options))


# --- the notice -------------------------------------------------------------------------


def _units_of(resolutions: Sequence[ResolutionLine]) -> list[str]:
    seen: dict[str, None] = {}
    for r in resolutions:
        for name in (r.lead_unit, *r.collaborators):
            if name.strip():
                seen.setdefault(name.strip(), None)
    return list(seen)


def _by_when(r: ResolutionLine) -> str:
    if r.standing:
        return STANDING
    if r.deadline is not None:
        return format_jalali(r.deadline)
    return r.deadline_text.strip() or "—"


def notice_pdf(store: Store, meeting_id: int) -> bytes:
    """The notice of a meeting's resolutions: one page per responsible unit (lead or collaborator).

    Raises UserError ``meeting_unknown``.
    """
    doc = minutes_doc(store, meeting_id)
    fonts.register_fonts()
    number = f"جلسهٔ {fa_number(doc.number)}" if doc.number else "جلسه"
    date = format_jalali(doc.date) if doc.date else doc.date_text
    subject = f"ابلاغ مصوبات {number} {doc.body_name} مورخ {date}"
    story: list[Flowable] = []
    widths = [1.4 * cm, 0.0, 2.6 * cm, 2.6 * cm]
    widths[1] = FRAME_WIDTH - sum(widths)
    for i, unit in enumerate(_units_of(doc.resolutions)):
        if i:
            story.append(PageBreak())
        story += [PartStart(),  # each unit's letter numbers its own pages
                  letterhead(doc.letter_number, doc.year, doc.letter_date),
                  RtlParagraph(doc.body_name, BODY_NAME), RtlParagraph("ابلاغ مصوبات", TITLE), Spacer(1, 12),
                  RtlParagraph([Span("به: ", fonts.BOLD), Span(unit)], LETTER),
                  RtlParagraph([Span("موضوع: ", fonts.BOLD), Span(subject)], LETTER), Spacer(1, 8),
                  RtlParagraph("با سلام و احترام، مصوبات زیر از جلسهٔ یادشده که اجرای آن‌ها بر عهدهٔ آن واحد است، "
                               "برای اقدام لازم و اعلام نتیجه به دبیرخانه ابلاغ می‌شود.", BODY.but(align="justify")),
                  Spacer(1, 8)]
        rows: list[list[Cell]] = [[_p("شماره", HEAD_CENTER), _p("متن مصوبه", CELL_HEAD), _p("نقش", HEAD_CENTER),
                                   _p("مهلت اجرا", HEAD_CENTER)]]
        for r in doc.resolutions:
            lead = r.lead_unit.strip() == unit
            if not lead and unit not in (c.strip() for c in r.collaborators):
                continue
            role = "مسئول اجرا" if lead else "همکار"
            rows.append([_p(fa_number(r.number), CELL_CENTER), _p(r.text, CELL.but(align="justify")),
                         _p(role, CELL_CENTER), _p(_by_when(r), CELL_CENTER)])
        story.append(rtl_table(rows, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]))
        signer = doc.secretary
        story += [Spacer(1, 1.2 * cm),
                  RtlParagraph("دبیر جلسه", BODY.but(font=fonts.BOLD, align="left")),
                  RtlParagraph(signer.name if signer else "", BODY.but(align="left")),
                  RtlParagraph(signer.post if signer and signer.post else "", CELL_SMALL.but(align="left")),
                  Spacer(1, 1.2 * cm), RtlParagraph("امضا: ....................", BODY.but(align="left"))]
    if not story:
        story = [RtlParagraph(doc.body_name, BODY_NAME), RtlParagraph("ابلاغ مصوبات", TITLE),
                 RtlParagraph(EMPTY_NOTICE, NOTE.but(align="center"))]
    buffer = io.BytesIO()
    template = DocumentTemplate(buffer, title=subject, subject="ابلاغ مصوبات", keywords=doc.uuid,
                                creator=f"Dabir {__version__}")
    decor = PageDecor(header_right=doc.body_name, header_left=f"ابلاغ مصوبات {number} — {date}",
                      footer_right="شناسهٔ سند:", identifier=doc.short_id or "—")
    template.build(story, canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()
