"""The Vazirmatn faces registered with reportlab, once per process.

Loaded through :mod:`importlib.resources` so that they are found inside the
PyInstaller bundle too. Registered with ``shapable=False``: our own pipeline
(:mod:`app.export.rtl_text`) shapes Persian, and reportlab's HarfBuzz path would
map glyphs to private-use code points that no reader can search.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from functools import cache
from importlib.resources import files

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Vazirmatn"
MEDIUM = "Vazirmatn-Medium"
BOLD = "Vazirmatn-Bold"

_FILES = {REGULAR: "Vazirmatn-Regular.ttf", MEDIUM: "Vazirmatn-Medium.ttf", BOLD: "Vazirmatn-Bold.ttf"}
# The font's vertical metrics in em (hhea ascent/descent of Vazirmatn); used to
# centre a line's glyphs in its leading.
ASCENT = 1.025
DESCENT = 0.537

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the three faces with reportlab (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            data = files("fonts").joinpath(filename).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data), shapable=False))
        if not getattr(ttfonts.makeToUnicodeCMap, "_dabir", False):
            ttfonts.makeToUnicodeCMap = _searchable_cmap(ttfonts.makeToUnicodeCMap)
        _registered = True


# The lam-alef ligatures (ﻵ ﻶ ﻷ ﻸ ﻹ ﻺ ﻻ ﻼ): one glyph for two letters. A reader gives the
# letters of one glyph in the order it finds them in the CMap, and where it puts them
# differs (pdfminer keeps them together, poppler spreads them left to right and then
# reverses the right-to-left run), so a ligature mapped to «لا» comes out «ال» in one of
# them. Each ligature is therefore drawn as two glyphs: the ligature, meaning its alef, and
# just before it in logical order (at its right edge on the page) a zero-width U+FEFF
# meaning its lam. Every reader then gets «لا». U+FEFF is never drawn otherwise: a stray
# one in the text is dropped before the marks go in.
LAM_ALEF = frozenset(range(0xFEF5, 0xFEFD))
LAM_MARK = "\ufeff"


def mark_lam_alef(shaped: str) -> str:
    """Shaped text (logical order) with the zero-width lam before every lam-alef ligature."""
    if LAM_MARK in shaped:
        shaped = shaped.replace(LAM_MARK, "")
    if not any(ord(c) in LAM_ALEF for c in shaped):
        return shaped
    return "".join(LAM_MARK + c if ord(c) in LAM_ALEF else c for c in shaped)


def base_letters(code: int) -> str:
    """What a drawn character means to a reader: an Arabic presentation form (the joined
    shape arabic-reshaper chose, ﻣ) is its base letter (م); a lam-alef ligature its alef
    and the zero-width mark before it the lam (see :data:`LAM_ALEF`); anything else itself."""
    if code == ord(LAM_MARK):
        return "\u0644"
    ch = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        base = unicodedata.normalize("NFKC", ch)
        if code in LAM_ALEF:
            return base[1:]
        if base.strip():  # NFKC of a few forms is a space plus a mark; those stay as drawn
            return base
    return ch


def _searchable_cmap(original):  # type: ignore[no-untyped-def]
    """Wrap reportlab's ToUnicode CMap maker so that every presentation form maps back to its
    base letters: then a reader's search, copy-paste and ``pdftotext`` give ordinary Persian
    («صورتجلسه», not «ﺻﻮﺭﺗﺠﻠﺴﻪ»), while the page draws the same glyphs.

    reportlab writes the CMap in one module-level function that ``TTFont.addObjects`` calls
    by name, and has no hook for it; wrapping that function is the smallest change. Only the
    destination of presentation forms changes, so any other font in the process is unaffected.
    Written against reportlab 4.x's CMap text (``<XX> <XXXX>`` lines in a bfchar block).
    """

    def make(fontname, subset):  # type: ignore[no-untyped-def]
        if not any(0xFB50 <= v <= 0xFDFF or 0xFE70 <= v <= 0xFEFF for v in subset):  # U+FEFF is in here
            return original(fontname, subset)
        text = original(fontname, subset)
        lines = text.split("\n")
        start = next(i for i, line in enumerate(lines) if line.endswith("beginbfchar")) + 1
        for i, code in enumerate(subset):
            meaning = base_letters(code).encode("utf-16-be").hex().upper()
            lines[start + i] = f"<{i:02X}> <{meaning}>"
        return "\n".join(lines)

    make._dabir = True  # type: ignore[attr-defined]
    return make


@cache
def glyph_fallbacks(font: str) -> dict[int, str]:
    """A ``str.translate`` table for presentation forms the font has no glyph for.

    arabic-reshaper may pick a form the font lacks (Vazirmatn has no isolated
    «ۀ», U+FBA4); the base letter's own glyph is that form, so print it instead
    of an empty box.
    """
    register_fonts()
    cmap = pdfmetrics.getFont(font).face.charToGlyph
    table: dict[int, str] = {}
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for code in range(lo, hi + 1):
            if code in cmap:
                continue
            base = unicodedata.normalize("NFKC", chr(code))
            if base != chr(code) and all(ord(c) in cmap for c in base):
                table[code] = base
    return table


@cache
def has_glyph(font: str) -> frozenset[int]:
    """Code points the font can draw."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)
