"""``summary.pdf`` of a quarterly package (خلاصهٔ فصل): the quarter's figures, the follow-up
table of the package's resolutions, the meetings left out as drafts, and the list of files.

Built from the follow-up sheet's and the minutes' pieces (A4 landscape, Vazirmatn,
right-to-left paragraphs and tables), so it reads like the other documents of the program.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from app import __version__
from app.export import fonts
from app.export.followup_pdf import LAND_FRAME, OVERDUE, SMALL_CENTER, STANDING
from app.export.minutes_pdf import BODY_NAME, CELL, HEAD_CENTER, HEADING, NOTE, TITLE
from app.export.pdf_page import DocumentTemplate, PageDecor, numbered_canvas
from app.export.pdf_tables import GRID, HEADER_BG, Cell, rtl_table
from app.export.rtl_paragraph import RtlParagraph, TextStyle
from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.stats import BodyFigures, format_rate
from app.services.tracker import TrackerRow

__all__ = ["LEFT_OUT", "LeftOut", "SummaryFile", "summary_pdf"]

LEFT_OUT = "پیش‌نویس، ارسال نشد"
CENTER = CELL.but(align="center")


@dataclass(frozen=True)
class SummaryFile:
    name: str
    what: str  # Persian: «صورتجلسهٔ جلسهٔ ۵ — ۱۴۰۳/۰۴/۱۲»


@dataclass(frozen=True)
class LeftOut:
    body_name: str
    number: int
    date_text: str


def _p(text: str, style: TextStyle = CELL) -> Cell:
    return [RtlParagraph(text, style)]


def _table(head: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> Flowable:
    data: list[list[Cell]] = [[_p(h, HEAD_CENTER) for h in head], *[list(r) for r in rows]]
    return rtl_table(data, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)])


def _figures(figures: Sequence[BodyFigures]) -> list[Flowable]:
    head = ["نهاد", "جلسات برگزارشده", "جلسات الزامی", "مصوبات", "انجام‌شده", "در دست پیگیری", "معوق",
            "درصد تحقق"]
    widths = [0.0] + [2.6 * cm] * 7
    widths[0] = LAND_FRAME - sum(widths)
    rows = []
    for f in figures:
        rate = f.figures.implementation_rate
        rows.append([_p(f.body.name), *(_p(fa_number(n), CENTER) for n in (
            f.meetings_held, f.meetings_required, f.figures.made, f.figures.done, f.figures.open, f.figures.overdue)),
            _p(format_rate(rate) if rate is not None else "—", CENTER)])
    out: list[Flowable] = [RtlParagraph("آمار فصل", HEADING), _table(head, rows, widths)]
    missed = [name for f in figures for name in f.missed_names()]
    if missed:
        out.append(RtlParagraph("جلسهٔ الزامی برگزار نشد: " + "، ".join(missed), NOTE))
    return out


def _deadline(r: TrackerRow) -> Cell:
    cell = _p(STANDING if r.standing else format_jalali(r.deadline) if r.deadline else "—", CENTER)
    if r.overdue:
        cell.append(RtlParagraph(OVERDUE, CENTER.but(font=fonts.BOLD)))
    return cell


def _follow_up(rows: Sequence[TrackerRow]) -> list[Flowable]:
    out: list[Flowable] = [RtlParagraph("وضعیت پیگیری مصوبات", HEADING)]
    if not rows:
        return [*out, RtlParagraph("در این بسته مصوبه‌ای نیست.", NOTE)]
    head = ["ردیف", "جلسه", "متن مصوبه", "مسئول اجرا", "مهلت", "وضعیت", "آخرین گزارش"]
    widths = [1.2 * cm, 3.0 * cm, 0.0, 3.6 * cm, 2.6 * cm, 2.8 * cm, 2.6 * cm]
    widths[2] = LAND_FRAME - sum(widths)
    data = []
    for i, r in enumerate(rows, start=1):
        meeting = _p(f"جلسهٔ {fa_number(r.meeting_number)}", CENTER)
        meeting.append(RtlParagraph(format_jalali(r.meeting_date), SMALL_CENTER))
        meeting.append(RtlParagraph(r.body_name, SMALL_CENTER))
        status = r.status_label + (f" ({fa_number(r.last_progress)}٪)" if r.last_progress is not None else "")
        data.append([_p(fa_number(i), CENTER), meeting, _p(r.text, CELL.but(align="justify")),
                     _p(r.lead_unit or "—"), _deadline(r), _p(status),
                     _p(format_jalali(r.last_follow_up) if r.last_follow_up else "—", CENTER)])
    return [*out, _table(head, data, widths)]


def _left_out(left_out: Sequence[LeftOut]) -> list[Flowable]:
    if not left_out:
        return []
    widths = [0.0, 3.0 * cm, 3.0 * cm, 5.0 * cm]
    widths[0] = LAND_FRAME - sum(widths)
    rows = [[_p(x.body_name), _p(fa_number(x.number), CENTER), _p(x.date_text, CENTER), _p(LEFT_OUT, CENTER)]
            for x in left_out]
    return [RtlParagraph("جلسه‌هایی که صورتجلسهٔ نهایی ندارند", HEADING),
            _table(["نهاد", "جلسه", "تاریخ", "وضعیت"], rows, widths)]


def _files(files: Sequence[SummaryFile]) -> list[Flowable]:
    widths = [1.2 * cm, 0.0, 10.0 * cm]
    widths[1] = LAND_FRAME - sum(widths)
    rows = [[_p(fa_number(i), CENTER), _p(f.what), _p(f.name, CELL.but(align="left"))]
            for i, f in enumerate(files, start=1)]
    return [RtlParagraph("پرونده‌های بسته", HEADING), _table(["ردیف", "محتوا", "نام پرونده"], rows, widths)]


def summary_pdf(*, body_name: str, period_label: str, office: str, made_on: str, figures: Sequence[BodyFigures],
                rows: Sequence[TrackerRow], left_out: Sequence[LeftOut], files: Sequence[SummaryFile],
                signed_by: str) -> bytes:
    fonts.register_fonts()
    story: list[Flowable] = [
        RtlParagraph(body_name, BODY_NAME),
        RtlParagraph(f"بستهٔ گزارش فصلی — {period_label}", TITLE),
        RtlParagraph(f"فرستنده: {office} — تاریخ تهیه: {made_on}"
                     + (f" — امضاکننده: {signed_by}" if signed_by else " — بدون امضای دیجیتال"),
                     NOTE.but(align="center")),
        Spacer(1, 6),
        *_figures(figures), *_follow_up(rows), *_left_out(left_out), *_files(files),
    ]
    buffer = io.BytesIO()
    template = DocumentTemplate(buffer, title=f"بستهٔ گزارش فصلی — {body_name} — {period_label}",
                                subject=period_label, creator=f"Dabir {__version__}", pagesize=landscape(A4))
    decor = PageDecor(header_right=body_name, header_left=f"بستهٔ گزارش فصلی — {period_label}",
                      footer_right="", identifier="")
    template.build(story, canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()


