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

from reportlab.pdfbase import pdfmetrics
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
        _registered = True


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
