"""The signature block of the minutes (امضای حاضرین): one box per signatory, never split.

Each box holds the signatory's role, name and post and, below them, the space
to sign. A row of boxes is one flowable without a ``split``: reportlab moves it
whole to the next page rather than cut a box in two (a member's box beginning
on one page and its signing space, with the end of the post, on the next).
When a box is drawn it records where its signing space landed on the page, in
PDF points, so that the digital signature and the co-signers' empty signature
fields (:class:`app.export.signing.EmptySlot`) sit exactly there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from app.export import fonts
from app.export.pdf_page import MUTED
from app.export.pdf_tables import RULE
from app.export.rtl_paragraph import RtlParagraph, TextStyle
from app.persian.text import normalize_for_search

__all__ = [
    "PER_ROW",
    "SIGNING_HEIGHT",
    "DrawnBox",
    "SignatoryBox",
    "SignatureRow",
    "matching_box",
    "signature_rows",
]

PER_ROW = 3
SIGNING_HEIGHT = 2.3 * cm  # the visible signature stamp needs about this much to be legible
_PAD = 6.0
_INSET = 4.0  # the signing space's distance from the box's sides and bottom
_GAP = 4.0  # between the post and the signing space
_MAX_LINES = 4  # a longer name or post is cut in the box (it is whole in the attendees table)

ROLE = TextStyle(size=8.5, leading=14.5, align="center", color=MUTED)
NAME = TextStyle(font=fonts.BOLD, size=9.5, leading=16.5, align="center")
POST = ROLE


@dataclass(frozen=True)
class DrawnBox:
    """Where a box's signing space was drawn: page index from 0, (x1, y1, x2, y2) in points from the bottom left."""

    page: int
    rect: tuple[float, float, float, float]


class SignatoryBox(Flowable):
    """One signatory's box: role, name, post, and the space to sign under them.

    Drawn only by its :class:`SignatureRow`, which gives every box of a row the
    row's height, so the signing spaces of a row line up at its bottom.
    After drawing, :attr:`drawn` says where the signing space is.
    """

    def __init__(self, role: str, name: str, post: str) -> None:
        super().__init__()
        self.role, self.name, self.post = role, name, post
        self._texts = [RtlParagraph(t, style) for t, style in ((role, ROLE), (name, NAME), (post, POST)) if t.strip()]
        self.drawn: DrawnBox | None = None
        self.width = self.height = 0.0

    def text_height(self, width: float) -> float:
        inner = width - 2 * _PAD
        return sum(min(len(p.lines(inner)), _MAX_LINES) * p.style.leading for p in self._texts)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = max(self.height, _PAD + self.text_height(availWidth) + _GAP + SIGNING_HEIGHT + _INSET)
        return self.width, self.height

    def signing_rect(self) -> tuple[float, float, float, float]:
        """The signing space in the box's own coordinates (origin at its bottom left)."""
        return (_INSET, _INSET, self.width - _INSET, _INSET + SIGNING_HEIGHT)

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        inner = self.width - 2 * _PAD
        y = self.height - _PAD
        for paragraph in self._texts:
            lines = paragraph.lines(inner)[:_MAX_LINES]
            part = RtlParagraph(paragraph.content, paragraph.style, _lines=lines, _width=inner)
            part.wrap(inner, 1e6)
            y -= part.height
            part.drawOn(canv, _PAD, y)
        x1, y1, x2, y2 = self.signing_rect()
        canv.setStrokeColor(RULE)
        canv.setDash(1, 2)
        canv.setLineWidth(0.4)
        canv.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
        canv.restoreState()
        ax1, ay1 = canv.absolutePosition(x1, y1)
        ax2, ay2 = canv.absolutePosition(x2, y2)
        self.drawn = DrawnBox(canv.getPageNumber() - 1, (ax1, ay1, ax2, ay2))


class SignatureRow(Flowable):
    """Up to :data:`PER_ROW` boxes side by side, the first at the right; never split across pages."""

    def __init__(self, boxes: Sequence[SignatoryBox], width: float) -> None:
        super().__init__()
        self.boxes = list(boxes)
        self.box_width = width / PER_ROW
        self.width, self.height = width, 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        for box in self.boxes:
            box.height = 0.0
        self.height = max(box.wrap(self.box_width, availHeight)[1] for box in self.boxes)
        for box in self.boxes:
            box.height = self.height
        return self.width, self.height

    def draw(self) -> None:
        for i, box in enumerate(self.boxes):
            box.drawOn(self.canv, self.width - (i + 1) * self.box_width, 0)


def signature_rows(people: Sequence[tuple[str, str, str]], width: float) -> list[SignatureRow]:
    """The rows of boxes for ``people`` given as (role, name, post), in reading order."""
    boxes = [SignatoryBox(role, name, post) for role, name, post in people]
    return [SignatureRow(boxes[i:i + PER_ROW], width) for i in range(0, len(boxes), PER_ROW)]


# Titles a name in the directory may carry and a certificate's name may not.
_TITLES = re.compile(r"^(?:(?:جناب|سرکار|آقای|آقا|خانم|دکتر|مهندس|حجتالاسلام|حجت الاسلام|سید|سیده)\s+)+")


def _bare(name: str) -> str:
    return _TITLES.sub("", normalize_for_search(name)).strip()


def matching_box(boxes: Sequence[SignatoryBox], signer: str, *, prefer_role: str = "") -> SignatoryBox | None:
    """The box of the signatory named ``signer`` (titles, letter variants and ZWNJ ignored), or None.

    When the name stands in several boxes (a chair who is also the secretary),
    the one with ``prefer_role`` wins, else the first.
    """
    wanted = _bare(signer)
    if not wanted:
        return None
    found = [box for box in boxes if _bare(box.name) == wanted]
    preferred = [box for box in found if box.role == prefer_role]
    chosen = preferred or found
    return chosen[0] if chosen else None
