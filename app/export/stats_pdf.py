"""The dashboard on paper (آمار و عملکرد): one body's figures for a period, with its charts,
for the council's meeting. The same figures as the window, from the same
:class:`app.services.stats.BodyFigures`; the charts are bars drawn as table rows
(label, bar, value), so every label is ordinary Persian text in the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app import __version__
from app.export import fonts
from app.export.minutes_pdf import BODY_NAME, CELL, CELL_CENTER, CELL_HEAD, HEAD_CENTER, HEADING, NOTE, TITLE
from app.export.pdf_page import FRAME_WIDTH, DocumentTemplate, PageDecor, numbered_canvas
from app.export.pdf_tables import GRID, HEADER_BG, Cell, rtl_table
from app.export.rtl_paragraph import RtlParagraph
from app.persian import labels
from app.persian.jalali import format_jalali
from app.persian.text import fa_number, to_persian_digits
from app.services.stats import BodyFigures, format_rate

__all__ = ["STATUS_ORDER", "figure_rows", "stats_pdf"]

STATUS_ORDER = ("not_started", "in_progress", "partly_done", "done", "not_feasible", "cancelled", "superseded",
                "standing")
TOP_UNITS = 8
BAR_COLOUR = colors.HexColor("#457b9d")
RATE_COLOUR = colors.HexColor("#2a9d8f")
OVERDUE_COLOUR = colors.HexColor("#a4161a")
WARNING = NOTE.but(font=fonts.BOLD, color=OVERDUE_COLOUR, align="center")


def _days(days: float | None) -> str:
    return "—" if days is None else to_persian_digits(f"{days:.1f}".removesuffix(".0")).replace(".", "٫")


def figure_rows(f: BodyFigures) -> list[tuple[str, str]]:
    """(caption, value) in the dashboard's reading order, Persian digits."""
    g = f.figures
    rate = g.implementation_rate
    counts = [("جلسات برگزارشده", f.meetings_held), ("جلسات الزامی", f.meetings_required), ("مصوبات", g.made)]
    rows = [(caption, fa_number(n)) for caption, n in counts]
    rows.append(("درصد تحقق", "—" if rate is None else format_rate(rate)))
    rows += [(caption, fa_number(n)) for caption, n in (
        ("انجام‌شده", g.done), ("بخشی انجام‌شده", g.partly_done), ("در دست اقدام", g.in_progress),
        ("اقدام نشده", g.not_started), ("در دست پیگیری", g.open), ("معوق", g.overdue),
        ("امکان‌پذیر نیست", g.not_feasible), ("لغو یا جایگزین‌شده", g.cancelled + g.superseded),
        ("مستمر", g.standing))]
    rows.append(("میانگین روز تا انجام", _days(g.average_days_to_done)))
    return rows


class _Bar(Flowable):
    """A horizontal bar, ``share`` (0–1) of the cell's width, drawn from the right edge (RTL)."""

    def __init__(self, share: float, colour: colors.Color, width: float) -> None:
        super().__init__()
        self.share, self.colour, self.bar_width = max(0.0, min(1.0, share)), colour, width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.bar_width, 10

    def draw(self) -> None:
        length = self.bar_width * self.share
        self.canv.setFillColor(self.colour)
        self.canv.setStrokeColor(self.colour)
        if length > 0:
            self.canv.rect(self.bar_width - length, 0, length, 10, fill=1, stroke=0)


def _chart(title: str, bars: Sequence[tuple[str, float, str]], colour: colors.Color, *,
           top: float | None = None) -> Flowable:
    """A titled bar chart: (label, value, value as shown) per bar; ``top`` the value of a full bar."""
    label_w, value_w = 5.2 * cm, 2.0 * cm
    bar_w = FRAME_WIDTH - label_w - value_w - 12
    most = top if top is not None else max((v for _l, v, _s in bars), default=0) or 1
    rows: list[list[Cell]] = [[[RtlParagraph(label, CELL)], [_Bar(value / most, colour, bar_w)],
                               [RtlParagraph(shown, CELL_CENTER)]] for label, value, shown in bars]
    table = rtl_table(rows, [label_w, bar_w + 12, value_w], header_rows=0,
                      commands=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return KeepTogether([RtlParagraph(title, HEADING), table])


def stats_pdf(f: BodyFigures, parts: Sequence[tuple[str, BodyFigures]], *, today: dt.date) -> bytes:
    """The figures of ``f`` and its charts; ``parts`` the rate chart's quarters or years
    (:func:`app.services.stats.stats_by_part`)."""
    fonts.register_fonts()
    p = f.period
    whole = " با کمیته‌های زیرمجموعه" if f.include_sub_bodies else ""
    story: list[Flowable] = [RtlParagraph(f"{f.body.name}{whole}", BODY_NAME), RtlParagraph("آمار و عملکرد", TITLE),
                             RtlParagraph(f"{p.label} — از {format_jalali(p.start, 'long')} تا "
                                          f"{format_jalali(p.end, 'long')}؛ وضعیت مصوبات تا "
                                          f"{format_jalali(today, 'long')}", NOTE.but(align="center")),
                             Spacer(1, 6), RtlParagraph(f.summary(), CELL.but(align="center"))]
    missed = f.missed_names()
    if missed:
        story.append(RtlParagraph("هشدار — جلسهٔ الزامی برگزار نشد: " + "، ".join(missed), WARNING))
    story.append(Spacer(1, 8))
    cells = figure_rows(f)
    half = (len(cells) + 1) // 2
    width = FRAME_WIDTH / 4
    grid = []
    for i in range(half):
        row = []
        for caption, value in (cells[i], cells[i + half] if i + half < len(cells) else ("", "")):
            row += [[RtlParagraph(caption, CELL)], [RtlParagraph(value, HEAD_CENTER)]]
        grid.append(row)
    story.append(rtl_table(grid, [width * 1.3, width * 0.7] * 2, header_rows=0, commands=[*GRID]))

    g = f.figures
    if g.made:
        story.append(_chart("وضعیت مصوبات", [(labels.RESOLUTION_STATUS[s], getattr(g, s), fa_number(getattr(g, s)))
                                             for s in STATUS_ORDER], BAR_COLOUR))
    rates = [(name, q.figures.implementation_rate) for name, q in parts]
    by = "سال" if len(p.years()) > 1 else "فصل"
    if any(r is not None for _n, r in rates):
        story.append(_chart(f"درصد تحقق به تفکیک {by}",
                            [(name, r or 0, "بی‌مصوبه" if r is None else format_rate(r)) for name, r in rates],
                            RATE_COLOUR, top=100))
    overdue = sorted((u for u in f.units if u.figures.overdue), key=lambda u: (-u.figures.overdue, u.name))
    if overdue:
        story.append(_chart("مصوبات معوق به تفکیک واحد مسئول",
                            [(u.name, u.figures.overdue, fa_number(u.figures.overdue)) for u in overdue[:TOP_UNITS]],
                            OVERDUE_COLOUR))
    if f.units:
        head = [[RtlParagraph(h, CELL_HEAD if i == 0 else HEAD_CENTER)]
                for i, h in enumerate(("واحد مسئول اجرا", "مصوبه", "انجام‌شده", "در پیگیری", "معوق", "درصد تحقق"))]
        rows = [head]
        for u in f.units:
            r = u.figures.implementation_rate
            rows.append([[RtlParagraph(u.name, CELL)]] + [[RtlParagraph(v, CELL_CENTER)] for v in (
                fa_number(u.figures.made), fa_number(u.figures.done), fa_number(u.figures.open),
                fa_number(u.figures.overdue), "—" if r is None else format_rate(r))])
        rest = (FRAME_WIDTH - 6 * cm) / 5
        story += [RtlParagraph("عملکرد واحدهای مسئول اجرا", HEADING),
                  rtl_table(rows, [6 * cm] + [rest] * 5, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)])]
    buffer = io.BytesIO()
    template = DocumentTemplate(buffer, title=f"آمار و عملکرد — {f.body.name} — {p.label}", subject="آمار و عملکرد",
                                creator=f"Dabir {__version__}")
    decor = PageDecor(header_right=f.body.name, header_left=f"آمار و عملکرد — {p.label}", footer_right="تاریخ تهیه:",
                      identifier=format_jalali(today))
    template.build(story, canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()
