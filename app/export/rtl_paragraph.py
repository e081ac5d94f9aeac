"""A reportlab Flowable for wrapped right-to-left text (پاراگراف راست‌به‌چپ).

Lays its text out with :mod:`app.export.rtl_text` for the width it is given,
draws it right-aligned, centred or justified, and splits between lines so
that a long text (a 10,000-word resolution) flows over pages and table rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.platypus import Flowable

from app.export import fonts
from app.export.rtl_text import Align, Line, Span, draw_line, layout, relayout

__all__ = ["RtlParagraph", "TextStyle", "labelled"]


@dataclass(frozen=True)
class TextStyle:
    """Font, size and spacing of a paragraph; ``bold`` is the face of emphasised spans."""

    font: str = fonts.REGULAR
    bold: str = fonts.BOLD
    size: float = 10.5
    leading: float = 18.5
    align: Align = "right"
    color: colors.Color = colors.black
    space_before: float = 0.0
    space_after: float = 0.0

    def but(self, **changes: object) -> TextStyle:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def baseline(self) -> float:
        """Distance from the top of a line box to its baseline (glyphs centred in the leading)."""
        return (self.leading - (fonts.ASCENT + fonts.DESCENT) * self.size) / 2 + fonts.ASCENT * self.size


class RtlParagraph(Flowable):
    """Wrapped RTL text; splits between lines, keeping two lines together at either end."""

    def __init__(self, content: str | Sequence[Span], style: TextStyle, *,
                 _lines: list[Line] | None = None, _width: float = 0.0) -> None:
        super().__init__()
        self.content: list[Span] = [Span(content, style.font)] if isinstance(content, str) else list(content)
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines = _lines
        self._width = _width
        self.width = _width
        self.height = 0.0

    def __repr__(self) -> str:
        text = "".join(s.text for s in self.content)
        return f"RtlParagraph({text[:40]!r}{'…' if len(text) > 40 else ''})"

    def lines(self, width: float) -> list[Line]:
        """The lines for ``width`` (laid out again only when the width changed)."""
        if self._lines is None:
            self._lines = layout(self.content, width, self.style.size, self.style.font)
        elif abs(width - self._width) > 0.01:
            self._lines = relayout(self._lines, width, self.style.size)
        self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # reportlab's table passes the column's full width (paddings included) when it
        # splits a cell; keep the narrower layout it was wrapped with rather than overflow.
        width = self._width if self._lines is not None and self._width <= availWidth else availWidth
        lines = self.lines(width)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if fit < 1 or (fit < 2 and len(lines) > 2):  # no orphan: one line alone at a page's foot
            return []
        if len(lines) - fit < 2 and fit > 2:  # no widow: one line alone at the next page's head
            fit -= 1
        return [self._part(lines[:fit], width, before=True), self._part(lines[fit:], width, before=False)]

    def _part(self, lines: list[Line], width: float, *, before: bool) -> RtlParagraph:
        style = self.style.but(space_after=0.0) if before else self.style.but(space_before=0.0)
        part = RtlParagraph(self.content, style, _lines=lines, _width=width)
        part.width = width
        part.height = len(lines) * style.leading
        return part

    def draw(self) -> None:
        style = self.style
        lines = self._lines or []
        canv = self.canv
        canv.setFillColor(style.color)
        y = self.height - style.baseline
        for line in lines:
            draw_line(canv, line, 0.0, y, self.width, style.size, style.align)
            y -= style.leading


def labelled(label: str, text: str, style: TextStyle, *, separator: str = ": ") -> RtlParagraph:
    """«label: text» with the label in the style's bold face (a speaker, then what they said)."""
    if not label.strip():
        return RtlParagraph(text, style)
    head = label.strip() + separator.rstrip()
    return RtlParagraph([Span(head, style.bold), Span(" " + text, style.font)], style)
