"""A right-to-left table that no content can make fail: a row too tall for a page becomes paragraphs.

reportlab splits a tall row between pages (``splitInRow``), but a row taller than a
page less the repeated header can come out a point too tall for the next page, and a
row held to its neighbour (``NOSPLIT``) never splits: both raise ``LayoutError`` and
the whole export fails (a 30,000-word resolution, a 400-word attendee name).
:func:`safe_table` measures each row first. Rows that fit comfortably stay in the
table; a row taller than :data:`TALL_ROW` of a page is printed between two parts of
the table as paragraphs (each column's header in bold, then the cell's text, all at
the frame's full width), which split between any two lines. Nothing is shortened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Spacer

from app.export import fonts
from app.export.pdf_page import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT
from app.export.pdf_tables import PADDING, Cell, rtl_table
from app.export.rtl_paragraph import RtlParagraph, TextStyle
from app.export.rtl_text import Span

__all__ = ["FRAME_HEIGHT", "TALL_ROW", "row_height", "safe_table"]

FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TALL_ROW = 0.75  # a row taller than this share of the frame (less the header) is printed as paragraphs
_LABEL = TextStyle(font=fonts.BOLD, size=9.5, leading=16.5, space_before=4)
_SHORT = 60  # characters: a value this short goes on its label's line


def row_height(row: Sequence[Cell], widths: Sequence[float]) -> float:
    """The row's height in the table: its tallest cell with the paddings of :data:`pdf_tables.GRID`."""
    tallest = 0.0
    for cell, width in zip(row, widths, strict=False):
        inner = max(width - 2 * (PADDING + 1), 1.0)
        tallest = max(tallest, sum(f.wrap(inner, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                                   for f in cell))
    return tallest + (PADDING - 2) + (PADDING - 1)


def _text(cell: Cell) -> str:
    return " ".join("".join(s.text for s in f.content) for f in cell if isinstance(f, RtlParagraph)).strip()


def _as_paragraphs(row: Sequence[Cell], header: Sequence[Cell]) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 6)]
    for i, cell in enumerate(row):
        if not _text(cell):
            continue
        label = _text(header[i]) if i < len(header) else ""
        first = cell[0]
        if label and len(cell) == 1 and isinstance(first, RtlParagraph) and len(_text(cell)) <= _SHORT:
            # A short value (a number, a date) on its label's line: «شماره: ۲».
            out.append(RtlParagraph([Span(label + ": ", _LABEL.font), *first.content],
                                    first.style.but(align="right", space_before=_LABEL.space_before)))
            continue
        if label:
            out.append(RtlParagraph(label + ":", _LABEL))
        out.extend(RtlParagraph(f.content, f.style.but(align="justify" if f.style.align == "justify" else "right"))
                   if isinstance(f, RtlParagraph) else f for f in cell)
    out.append(Spacer(1, 6))
    return out


def _shift(cmd: tuple[Any, ...], start: int, stop: int, header_rows: int) -> tuple[Any, ...] | None:
    """A command of the whole table for the part holding data rows ``start``..``stop - 1``."""
    name, (c0, r0), (c1, r1), *rest = cmd
    if r0 < 0 or r1 < 0 or (r0 < header_rows and r1 < header_rows):
        return cmd  # the whole table, or the header only: every part has them
    lo, hi = max(r0, start), min(r1, stop - 1)
    if lo > hi:
        return None
    return (name, (c0, lo - start + header_rows), (c1, hi - start + header_rows), *rest)


def safe_table(rows: Sequence[Sequence[Cell]], col_widths: Sequence[float], *,
               commands: Sequence[tuple[Any, ...]] = (), header_rows: int = 1) -> list[Flowable]:
    """:func:`pdf_tables.rtl_table`'s table, in parts around any row too tall for a page."""
    header = [list(r) for r in rows[:header_rows]]
    head_height = sum(row_height(r, col_widths) for r in header)
    limit = (FRAME_HEIGHT - head_height) * TALL_ROW
    tall = [i for i in range(header_rows, len(rows)) if row_height(rows[i], col_widths) > limit]
    if not tall:
        return [rtl_table(rows, col_widths, commands=commands, header_rows=header_rows)]
    out: list[Flowable] = []
    start = header_rows
    for stop in [*tall, len(rows)]:
        if stop > start:
            part = [c for c in (_shift(cmd, start, stop, header_rows) for cmd in commands) if c is not None]
            out.append(rtl_table([*header, *rows[start:stop]], col_widths, commands=part, header_rows=header_rows))
        if stop < len(rows):
            out.extend(_as_paragraphs(rows[stop], header[0] if header else []))
        start = stop + 1
    return out
