"""Reading a Persian PDF's text back the way a reader sees it, for the tests.

pdfplumber gives glyphs with positions. Glyphs sharing a baseline form a
visual line; sorted by x they give the visual string, which this module turns
back into logical order with a deliberately small right-to-left reading rule,
independent of the code under test:

* Arabic-script glyphs (and marks, ZWNJ) read right to left; Latin letters,
  and digits touching them, read left to right; a number (digits joined by
  «/», «:», «.», «,», «-») reads left to right as one run;
* spaces and punctuation between two Latin runs belong to them; anywhere else
  they read right to left, and brackets among them are mirrored;
* a line with no Arabic-script letter at all reads left to right.

Enough for our documents (all right-to-left paragraphs); not a general UAX #9.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

_MIRROR = str.maketrans("()[]{}«»<>", ")(][}{»«><")
_DIGITS = set("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
_NUMBER_JOINERS = set("/:.,-٫٬")


def _kind(ch: str) -> str:
    if ch in _DIGITS:
        return "D"
    if ch in "\u200c\u200d" or unicodedata.category(ch) == "Mn":
        return "R"
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    return "N"


def visual_to_logical(visual: str) -> str:
    """The logical text of one visual line of a right-to-left paragraph."""
    kinds = [_kind(c) for c in visual]
    if "R" not in kinds:  # a line of Latin text (a piece of a URL) reads left to right
        return unicodedata.normalize("NFKC", visual)
    n = len(kinds)
    for i in range(1, n - 1):  # 1397/10/10, 7740/93/206, 09:30
        if visual[i] in _NUMBER_JOINERS and kinds[i - 1] == "D" and kinds[i + 1] == "D":
            kinds[i] = "D"
    i = 0
    while i < n:  # digits touching Latin letters are part of them: G2B, A4, ISO9001
        if kinds[i] == "D":
            j = i
            while j < n and kinds[j] == "D":
                j += 1
            if (i and kinds[i - 1] == "L") or (j < n and kinds[j] == "L"):
                kinds[i:j] = ["L"] * (j - i)
            i = j
        else:
            i += 1
    i = 0
    while i < n:  # neutrals: Latin between Latin, else right to left
        if kinds[i] == "N":
            j = i
            while j < n and kinds[j] == "N":
                j += 1
            left = kinds[i - 1] if i else "R"
            right = kinds[j] if j < n else "R"
            for k in range(i, j):
                kinds[k] = "L" if left == right == "L" else "R"
            i = j
        else:
            i += 1
    runs: list[tuple[str, str]] = []
    for ch, kind in zip(visual, kinds, strict=True):
        direction = "R" if kind == "R" else kind  # D and L runs stay apart
        if runs and runs[-1][0] == direction:
            runs[-1] = (direction, runs[-1][1] + ch)
        else:
            runs.append((direction, ch))
    out = []
    for direction, text in reversed(runs):
        out.append(text[::-1].translate(_MIRROR) if direction == "R" else text)
    return unicodedata.normalize("NFKC", "".join(out))


@dataclass
class Cell:
    """The part of a visual line inside one table cell (or the whole line outside tables)."""

    x0: float
    x1: float
    logical: str


@dataclass
class TextLine:
    page: int  # 1-based
    top: float  # baseline's distance from the page's top
    visual: str
    logical: str
    chars: list[dict[str, Any]]
    cells: list[Cell]  # right to left


def _baseline(ch: dict[str, Any]) -> float:
    return round(float(ch["matrix"][5]), 1)


def _visual(chars: list[dict[str, Any]]) -> str:
    visual = ""
    prev = None
    for c in chars:
        if prev is not None and c["x0"] - prev["x1"] > 0.3 * c["size"] and c["text"] != " " \
                and not visual.endswith(" "):
            visual += " "  # a gap between table cells or justified words
        visual += c["text"]
        prev = c
    return visual


def _rules(page: Any) -> list[tuple[float, float, float]]:
    """Vertical rules (x, top, bottom): the borders of table cells."""
    return [(round(float(e["x0"]), 1), float(e["top"]), float(e["bottom"]))
            for e in page.edges if e["orientation"] == "v"]


def read_lines(pdf: bytes | Path, pages: list[int] | None = None) -> list[TextLine]:
    """Every visual line of every page (or of the given pages, counted from 1), top to bottom, with its table cells."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    lines: list[TextLine] = []
    with pdfplumber.open(source, pages=pages) as doc:
        for page in doc.pages:
            number = page.page_number
            rules = _rules(page)
            groups: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                groups.setdefault(_baseline(ch), []).append(ch)
            for base in sorted(groups, reverse=True):  # PDF y grows upwards
                chars = sorted(groups[base], key=lambda c: c["x0"])  # stable: keeps marks before their letter
                top = float(page.height) - base
                xs = sorted({x for x, t, b in rules if t - 1 <= top <= b + 1})
                edges = [0.0, *xs, float(page.width) + 1]
                cells = []
                for x0, x1 in itertools.pairwise(edges):
                    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1]
                    if inside:
                        cells.append(Cell(x0, x1, visual_to_logical(_visual(inside))))
                visual = _visual(chars)
                lines.append(TextLine(number, top, visual, visual_to_logical(visual), chars, cells[::-1]))
    return lines


def columns(lines: list[TextLine]) -> dict[tuple[float, float], str]:
    """Each table column's text, top to bottom through the document (a cell's lines in order)."""
    out: dict[tuple[float, float], list[str]] = {}
    for line in lines:
        for cell in line.cells:
            out.setdefault((cell.x0, cell.x1), []).append(cell.logical)
    return {k: " ".join(v) for k, v in out.items()}


def page_count(pdf: bytes | Path) -> int:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    with pdfplumber.open(source) as doc:
        return len(doc.pages)


_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "٪": "%", **{c: str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")},
                       **{c: str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}})
_DROP = re.compile(r"[\s\u200c\u200d\u0640\u064b-\u065f\u0670]")


def fold(text: str) -> str:
    """The text compared loosely: letters and digits unified, no spaces, ZWNJ or diacritics."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).translate(_FOLD))


def document_text(lines: list[TextLine]) -> str:
    """All logical lines, one per line."""
    return "\n".join(line.logical for line in lines)
