"""The visible signature box (مهر امضای دیجیتال): a small one-page PDF drawn with Vazirmatn.

pyHanko's own text stamp cannot set Persian (no shaping, no right-to-left), so
the appearance is drawn here with reportlab and our own Persian pipeline
(:mod:`app.export.rtl_text`, the one the minutes use) and handed to pyHanko as
the stamp's background.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.export import fonts, rtl_text
from app.persian.jalali import format_jalali, format_time

__all__ = ["StampLine", "render_stamp", "stamp_lines"]

_INK = (0.11, 0.23, 0.45)  # dark blue, the colour of an office stamp
_PAPER = (0.95, 0.97, 1.0)
_LEADING = 1.5  # line height in font sizes; Vazirmatn's marks reach well above and below
_MAX_SIZE = 11.0


@dataclass(frozen=True)
class StampLine:
    text: str  # logical order, as typed
    bold: bool = False


def stamp_lines(signer_name: str, when: dt.datetime, *, post: str = "") -> list[StampLine]:
    """«امضای دیجیتال», the signer, their post (if any) and the Jalali date and time with Persian digits."""
    lines = [StampLine("امضای دیجیتال", bold=True), StampLine(signer_name.strip(), bold=True)]
    if post.strip():
        lines.append(StampLine(post.strip()))
    lines.append(StampLine(f"{format_jalali(when.date())}، ساعت {format_time(when.time())}"))
    return [line for line in lines if line.text]


def render_stamp(width: float, height: float, lines: list[StampLine]) -> bytes:
    """A one-page PDF of exactly ``width`` × ``height`` points with ``lines`` centred, each fitted to the width."""
    fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=True, pageCompression=1)
    canvas.setTitle("امضای دیجیتال")

    border = 0.8
    radius = min(4.0, height / 6)
    canvas.setLineWidth(border)
    canvas.setStrokeColorRGB(*_INK)
    canvas.setFillColorRGB(*_PAPER)
    canvas.roundRect(border / 2, border / 2, width - border, height - border, radius, stroke=1, fill=1)

    pad = max(3.0, min(width, height) * 0.07)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    shaped = [(rtl_text.visual(line.text, font), font)
              for line, font in ((line, fonts.BOLD if line.bold else fonts.REGULAR) for line in lines)]
    size = min(_MAX_SIZE, inner_h / (_LEADING * max(1, len(shaped))))
    sizes = [min(size, inner_w / max(1e-6, stringWidth(text, font, 1))) for text, font in shaped]

    block = sum(s * _LEADING for s in sizes)
    top = (height + block) / 2
    canvas.setFillColorRGB(*_INK)
    for (text, font), s in zip(shaped, sizes, strict=True):
        top -= s * _LEADING
        canvas.setFont(font, s)
        # Baseline a little above the line box's bottom: room for the descenders of «ی» and «ر».
        canvas.drawCentredString(width / 2, top + s * 0.45, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
