"""What makes the minutes and the notice an official document: «بسمه تعالی» and the letter block.

The block (شماره / تاریخ / پیوست) stands at the top left, as on the secretariat's letters;
the number is the one :mod:`app.services.letter_number` gave and stored, the date the day
it was given. Before that (a draft, the preview) the block's values are dotted lines, to be
filled by hand if the page is printed. The ordinal names the year: «دومین جلسهٔ سال ۱۴۰۵».
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from app.export import fonts
from app.export.pdf_page import FRAME_WIDTH
from app.export.pdf_tables import rtl_table
from app.export.persian_numbers import ordinal_words
from app.export.rtl_paragraph import RtlParagraph, TextStyle
from app.export.rtl_text import Span
from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.letter_number import letter_label

__all__ = ["ATTACHMENT_NONE", "BESMEH", "BLANK", "letterhead", "meeting_ordinal"]

BESMEH = "بسمه تعالی"
BLANK = "............"
ATTACHMENT_NONE = "ندارد"
_BESMEH = TextStyle(font=fonts.BOLD, size=11, leading=20, align="center")
_BLOCK = TextStyle(size=9, leading=15.5)
_BLOCK_WIDTH = 4.6 * cm


def letterhead(number: int | None, year: int | None, date: dt.date | None, *,
               attachment: str = ATTACHMENT_NONE) -> Flowable:
    """«بسمه تعالی» centred and, at the left, «شماره: ۱۴۰۵/۷ — تاریخ: ۱۴۰۵/۰۹/۱۱ — پیوست: ندارد»."""
    bold = fonts.BOLD

    def line(label: str, value: str) -> RtlParagraph:
        return RtlParagraph([Span(label + ": ", bold), Span(value or BLANK)], _BLOCK)

    block = [line("شماره", letter_label(number, year)), line("تاریخ", format_jalali(date)),
             line("پیوست", attachment)]
    side = _BLOCK_WIDTH
    return rtl_table([[[], [RtlParagraph(BESMEH, _BESMEH)], block]], [side, FRAME_WIDTH - 2 * side, side],
                     header_rows=0, commands=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])


def meeting_ordinal(number: int, rank: int | None, year: int | None) -> str:
    """«دومین جلسهٔ سال ۱۴۰۵» (its number added when it differs from the rank); without a
    rank and year, as before: «یکصدوهشتادوششمین جلسه (شمارهٔ ۱۸۶)»."""
    if rank and year:
        own = f" (شمارهٔ {fa_number(number)})" if number != rank else ""
        return f"{ordinal_words(rank)} جلسهٔ سال {fa_number(year)}{own}"
    return f"{ordinal_words(number)} جلسه (شمارهٔ {fa_number(number)})"
