"""The A4 page of Dabir's documents: margins, running header, and the «صفحه ۲ از ۵» footer.

The footer needs the page count, known only at the end, so the canvas keeps
each finished page and draws the header and footer on all of them when the
document is saved (one layout pass instead of two). A document made of parts sent
apart (the notice: one letter per unit) puts :class:`PartStart` at the head of each
part, and each part's pages are numbered on their own («صفحه ۱ از ۲» within it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.export import fonts
from app.export.rtl_text import Span, draw_line, layout
from app.persian.text import fa_number

__all__ = ["FRAME_WIDTH", "MARGIN_X", "PAGE_HEIGHT", "PAGE_WIDTH", "DocumentTemplate", "PageDecor", "PartStart"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.5 * cm
MARGIN_BOTTOM = 2.3 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
MUTED = colors.HexColor("#56606b")
HAIRLINE = colors.HexColor("#b8c0c9")


@dataclass(frozen=True)
class PageDecor:
    """What every page carries besides the story: header texts, footer texts."""

    header_right: str  # the body's name
    header_left: str  # «صورتجلسهٔ جلسهٔ ۱ — ۱۳۹۷/۱۰/۰۸»
    footer_right: str  # «شناسهٔ سند:»
    identifier: str  # the short id, printed with its digits as they are
    footer_left: str = ""  # «پیش‌نویس» for a draft


def _draw_text(canv: Canvas, spans: list[Span], x: float, y: float, width: float, size: float,
               align: str) -> None:
    for line in layout(spans, width, size)[:1]:
        draw_line(canv, line, x, y, width, size, align)  # type: ignore[arg-type]


def _decorate(canv: Canvas, decor: PageDecor, page: int, total: int) -> None:
    size = 8.0
    page_width, page_height = canv._pagesize
    frame_width = page_width - 2 * MARGIN_X
    third = frame_width / 3
    canv.saveState()
    canv.setFillColor(MUTED)
    canv.setStrokeColor(HAIRLINE)
    canv.setLineWidth(0.5)
    top = page_height - 1.45 * cm
    _draw_text(canv, [Span(decor.header_right, fonts.MEDIUM)], MARGIN_X + frame_width / 2, top,
               frame_width / 2, size, "right")
    _draw_text(canv, [Span(decor.header_left)], MARGIN_X, top, frame_width / 2 - 6, size, "left")
    canv.line(MARGIN_X, top - 0.3 * cm, MARGIN_X + frame_width, top - 0.3 * cm)
    bottom = 1.25 * cm
    canv.line(MARGIN_X, bottom + 0.45 * cm, MARGIN_X + frame_width, bottom + 0.45 * cm)
    _draw_text(canv, [Span(f"صفحه {fa_number(page)} از {fa_number(total)}", fonts.MEDIUM)],
               MARGIN_X + third, bottom, third, size, "center")
    _draw_text(canv, [Span(decor.footer_right + " "), Span(decor.identifier, keep_digits=True)],
               MARGIN_X + 2 * third, bottom, third, size, "right")
    if decor.footer_left:
        _draw_text(canv, [Span(decor.footer_left, fonts.BOLD)], MARGIN_X, bottom, third, size, "left")
    canv.restoreState()


_PART_FLAG = "_dabir_part_starts"


class PartStart(Flowable):
    """Takes no room; marks the page it lands on as the first page of a part."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, _PART_FLAG, True)


def _part_numbers(starts: list[bool]) -> list[tuple[int, int]]:
    """(page within its part, pages in the part) for each page; no mark: one part."""
    firsts = [i for i, first in enumerate(starts) if first or i == 0]
    out: list[tuple[int, int]] = []
    for k, first in enumerate(firsts):
        end = firsts[k + 1] if k + 1 < len(firsts) else len(starts)
        out += [(n - first + 1, end - first) for n in range(first, end)]
    return out


def numbered_canvas(decor: PageDecor) -> Callable[..., Canvas]:
    """A canvas class that draws ``decor`` on every page once the page count (of each part) is known."""

    class _NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            setattr(self, _PART_FLAG, False)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            setattr(self, _PART_FLAG, False)
            self._startPage()

        def save(self) -> None:
            numbers = _part_numbers([bool(state.get(_PART_FLAG)) for state in self._pages])
            for (number, total), state in zip(numbers, self._pages, strict=True):
                self.__dict__.update(state)
                _decorate(self, decor, number, total)
                super().showPage()
            super().save()

    return _NumberedCanvas


class DocumentTemplate(BaseDocTemplate):
    """A4 (portrait unless ``pagesize`` says otherwise), one frame inside the margins; PDF metadata."""

    def __init__(self, target: Any, *, title: str, subject: str, keywords: str = "", creator: str = "",
                 pagesize: tuple[float, float] = A4) -> None:
        super().__init__(target, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author="دبیر",
                         subject=subject, keywords=keywords, creator=creator, lang="fa-IR")
        width, height = pagesize
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
