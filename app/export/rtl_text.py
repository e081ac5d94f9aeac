"""Persian (right-to-left) text for reportlab: logical text in, visual lines out.

Each step avoids a trap met with these parts (DESIGN.md, «Traps already seen»):

1. :func:`prepare` — Persian ی/ک for Arabic ي/ك, one space between words, no
   bidi controls or emoji, U+2028/2029 as line breaks, Persian digits except
   inside Latin tokens («G2C» keeps its 2);
2. :func:`shape` — arabic-reshaper (harakat and ZWNJ kept) turns letters into
   presentation forms, so every glyph maps back to a letter; reportlab's own
   HarfBuzz path would map them to private-use code points instead;
3. :func:`layout` — wraps the LOGICAL words to the width, measured with the real
   font, then reorders EACH line on its own (base direction RTL), as a PDF
   reader rebuilds each line when it copies or searches it:
   reordering a whole paragraph before wrapping puts its first words last;
   a line without any Persian letter (a piece of a URL) is set left to right;
4. the levels come from our own UAX #9 resolver (:mod:`app.persian.bidi_levels`);
   brackets and other mirrored characters at right-to-left levels are mirrored
   here, since python-bidi's ``get_display`` does not (a line in one font with
   nothing to mirror is reordered by ``get_display``, which the tests hold
   equal to the resolver).

A :class:`Line` holds visual runs (one font each) to draw left to right.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

import arabic_reshaper
from arabic_reshaper.reshaper_config import default_config
from bidi import get_display
from bidi.mirror import MIRRORED
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.export import fonts
from app.persian.bidi_levels import embedding_levels, visual_order
from app.persian.text import PERSIAN_DIGITS, clean_input, fix_arabic_letters

__all__ = [
    "Align",
    "Line",
    "Run",
    "Shaper",
    "Span",
    "draw_line",
    "layout",
    "persian_digits",
    "prepare",
    "shape",
    "visual",
    "visual_lines",
]

Align = Literal["right", "left", "center", "justify"]


_ZWJ = "\u200d"


class Shaper:
    """One configured arabic-reshaper and its own cache of shaped words.

    Every flag the reshaper reads is set here, so neither its defaults nor a
    configuration file named in PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE
    change what we print; each configuration is its own instance and cache, so
    a cached result never outlives the settings it was shaped with.

    ``reshape()`` reads its settings from a ConfigParser on every call, which
    costs four times the shaping of a word; :meth:`reshape_words` shapes all
    the words it has not seen in one call (a space joins no letters, so each
    word's forms are those it has alone — tests/test_rtl_text.py checks it).
    """

    CACHE_SIZE = 16384

    def __init__(self, **configuration: bool | str) -> None:
        settings: dict[str, bool | str] = dict(default_config)
        unknown = set(configuration) - set(settings)
        if unknown:
            raise ValueError(f"unknown arabic-reshaper settings: {sorted(unknown)}")
        settings.update(configuration)
        self.configuration = MappingProxyType(settings)
        self._reshaper = arabic_reshaper.ArabicReshaper(configuration=settings)
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def reshape(self, word: str) -> str:
        """Presentation forms of one word (logical order kept)."""
        return self.reshape_words((word,))[0]

    def reshape_words(self, words: Sequence[str]) -> list[str]:
        """Presentation forms of each word (none holds a space), the new ones shaped together."""
        cache = self._cache  # read without the lock: a full cache is replaced, never cleared
        if any(w and w not in cache for w in words):
            with self._lock:
                cache = self._shape_new(words)
        return [cache[w] if w else "" for w in words]

    def _shape_new(self, words: Sequence[str]) -> dict[str, str]:
        """Shape the words not yet cached; the cache that now holds every one of ``words``."""
        cache = self._cache
        todo = list(dict.fromkeys(w for w in words if w and w not in cache))
        if any(" " in w for w in todo):
            raise ValueError("a word to shape holds a space")
        plain = [w for w in todo if _ZWJ not in w]
        shaped = self._reshaper.reshape(" ".join(plain)).split(" ") if plain else []
        if len(shaped) != len(plain):
            raise RuntimeError("arabic-reshaper did not keep the spaces between words")
        new = dict(zip(plain, shaped, strict=True))
        new.update((w, self._with_joiners(w)) for w in todo if _ZWJ in w)
        if len(cache) + len(new) > self.CACHE_SIZE:
            cache = {w: cache[w] for w in words if w in cache}
            self._cache = cache
        cache.update(new)
        return cache

    def _with_joiners(self, word: str) -> str:
        """A word with ZWJs, shaped piece by piece with a tatweel standing in for each ZWJ.

        arabic-reshaper 3.1.0 drops a ZWJ from its output before it places
        ligatures by their place in the input, so a ZWJ before «لا» misplaces
        them or fails (IndexError). A tatweel joins on both sides as a ZWJ does
        and stays in the output, so each piece is shaped with a tatweel on its
        joined side, which is then taken off; the ZWJ is left out, as the
        reshaper itself leaves it out.
        """
        parts = word.split(_ZWJ)
        out = []
        for i, part in enumerate(parts):
            if not part:
                continue
            before, after = ("\u0640" if i > 0 else ""), ("\u0640" if i < len(parts) - 1 else "")
            shaped = self._reshaper.reshape(before + part + after)
            out.append(shaped[len(before):len(shaped) - len(after)])
        return "".join(out)


_SHAPER = Shaper(
    language="Arabic",  # its letter table covers Persian (پ چ ژ گ ک ی)
    delete_harakat=False,  # diacritics are part of what was typed
    delete_tatweel=False,
    support_zwj=True,
    shift_harakat_position=False,
    use_unshaped_instead_of_isolated=False,
    support_ligatures=True,
    # Lam-alef must be a ligature; «الله» inside Persian names is set letter by letter.
    **{"ARABIC LIGATURE ALLAH": False},
)

# BOMs are noise.
_DROP = dict.fromkeys(map(ord, "\ufeff"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9\u0660-\u0669]")
_TO_PERSIAN = str.maketrans("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669%",
                            PERSIAN_DIGITS * 2 + "\u066a")
_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u04ff]")
_MIRRORED_CHARS = re.compile("[" + re.escape("".join(MIRRORED)) + "]")
# A line is laid out this much (in 1/1000 of the size) narrower than its box,
# so that rounding never lets a glyph touch the margin.
_SAFETY = 8.0


@dataclass(frozen=True)
class Span:
    """A piece of logical text in one font (e.g. a speaker's name in bold)."""

    text: str
    font: str = fonts.REGULAR
    keep_digits: bool = False  # an identifier: print its digits as they are


@dataclass(frozen=True)
class Run:
    """Part of a visual line in one font, drawn left to right."""

    text: str
    font: str
    width: float  # at the line's size


@dataclass(frozen=True)
class _Piece:
    text: str  # shaped, logical order
    font: str
    width: float  # at 1000 pt


@dataclass(frozen=True)
class _Word:
    pieces: tuple[_Piece, ...]
    space_before: bool
    width: float  # at 1000 pt


def _word(pieces: Sequence[_Piece], space_before: bool) -> _Word:
    return _Word(tuple(pieces), space_before, sum(p.width for p in pieces))


@dataclass(frozen=True)
class Line:
    """One visual line: its runs left to right and what it was laid out from."""

    runs: tuple[Run, ...]
    width: float
    spaces: int  # spaces a justified line may stretch
    last: bool  # ends a paragraph, so it is never stretched
    words: tuple[_Word, ...] = ()

    @property
    def text(self) -> str:
        """The visual string (as a PDF reader sorts the glyphs left to right)."""
        return "".join(r.text for r in self.runs)


# --- logical text ------------------------------------------------------------------


def _collapse(match: re.Match[str]) -> str:
    # A lone no-break space is kept as glue; any run with a real space is one space.
    run = match.group()
    return "\u00a0" if set(run) == {"\u00a0"} else " "


def _clean(text: str) -> str:
    # What is stored is already clean (app.persian.text.clean_input); older texts may not be:
    # bidi controls and the Arabic letter mark dropped, U+2028/2029 line breaks, emoji dropped.
    text = fix_arabic_letters(clean_input(text)[0]).translate(_DROP)
    return _SPACES.sub(_collapse, _CONTROL.sub("", text))


def persian_digits(text: str) -> str:
    """Digits in Persian text as Persian digits; a token with Latin letters keeps its own.

    A token is what lies between spaces, so «G2C» and «(ISO-9001)» stay as
    typed while «1397/10/10», «7740/93/206» and «70%» become «۱۳۹۷/۱۰/۱۰»,
    «۷۷۴۰/۹۳/۲۰۶» and «۷۰٪».
    """
    parts = re.split(r"([ \u00a0\n])", text)
    for i, tok in enumerate(parts):
        if _DIGIT.search(tok) and not _LATIN_LETTER.search(tok):
            parts[i] = tok.translate(_TO_PERSIAN)
    return "".join(parts)


def prepare(text: str) -> str:
    """Logical text as it is to be printed: letters, spaces and digits fixed; lines stripped."""
    return "\n".join(line.strip(" ") for line in persian_digits(_clean(text)).split("\n"))


# --- shaping -----------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _shaped(word: str, font: str) -> tuple[str, float]:
    shaped = _SHAPER.reshape(word).translate(fonts.glyph_fallbacks(font))
    glyphs = fonts.has_glyph(font)
    if any(ord(c) not in glyphs for c in shaped):
        # A glyph the font lacks would print as an unmapped box; a visible «?» is honest.
        shaped = "".join(c if ord(c) in glyphs else "?" for c in shaped)
    shaped = fonts.mark_lam_alef(shaped)  # so that readers' text gives «لا»; zero width
    return shaped, stringWidth(shaped, font, 1000.0)


def shape(text: str, font: str = fonts.REGULAR) -> str:
    """Presentation forms for ``text`` (logical order kept), drawable in ``font``."""
    words = text.split(" ")
    _SHAPER.reshape_words(words)
    return " ".join(_shaped(w, font)[0] if w else "" for w in words)


@lru_cache(maxsize=8)
def _space_width(font: str) -> float:
    fonts.register_fonts()
    return stringWidth(" ", font, 1000.0)


# --- bidi --------------------------------------------------------------------------

def _reorder(text: str, font_of: Sequence[str] | None, font: str) -> list[tuple[str, str]]:
    """(visual text, font) runs of one logical line, reordered on its own."""
    if not _RTL_CHARS.search(text) and _LTR_LETTERS.search(text):
        # A line of Latin text only (a piece of a URL): readers take it as left to
        # right, so it is set that way, «/» and «.» at its ends included.
        if font_of is None:
            return [(text, font)]
        levels: Sequence[int] = [0] * len(text)
        order: Sequence[int] = range(len(text))
    elif font_of is None and not _MIRRORED_CHARS.search(text):
        # The common case, 20× faster; tests/test_bidi_levels.py checks that the two agree.
        return [(get_display(text, base_dir="R"), font)]
    else:
        levels = embedding_levels(text, "R")
        order = visual_order(levels)
    runs: list[tuple[list[str], str]] = []
    for i in order:
        ch = text[i]
        if levels[i] & 1:
            ch = MIRRORED.get(ch, ch)
        f = font_of[i] if font_of is not None else font
        if runs and runs[-1][1] == f:
            runs[-1][0].append(ch)
        else:
            runs.append(([ch], f))
    return [("".join(chars), f) for chars, f in runs]


# --- layout ------------------------------------------------------------------------


def _words(spans: Sequence[Span]) -> list[list[_Word]]:
    """Logical words per hard line (a newline in the text starts a new block)."""
    blocks: list[list[_Word]] = [[]]
    current: list[_Piece] = []
    space_before = pending_space = False

    def flush() -> None:
        nonlocal current
        if current:
            blocks[-1].append(_word(current, space_before))
            current = []

    for span in spans:
        text = _clean(span.text)
        parts = re.split(r"([ \n])", text if span.keep_digits else persian_digits(text))
        _SHAPER.reshape_words([p for p in parts if p not in (" ", "\n")])  # the new words in one call
        for part in parts:
            if part == " ":
                flush()
                pending_space = True
            elif part == "\n":
                flush()
                blocks.append([])
                pending_space = False
            elif part:
                if not current:
                    space_before = pending_space and bool(blocks[-1])
                pending_space = False
                shaped, width = _shaped(part, span.font)
                current.append(_Piece(shaped, span.font, width))
    flush()
    return blocks


def _clusters(word: _Word) -> list[_Piece]:
    """Pieces of one base character and the marks and joiners that follow it."""
    out: list[_Piece] = []
    for piece in word.pieces:
        buf = ""
        for ch in piece.text:
            if buf and (unicodedata.combining(ch) or ch in "\u200c\u200d"):
                buf += ch
                continue
            if buf:
                out.append(_Piece(buf, piece.font, stringWidth(buf, piece.font, 1000.0)))
            buf = ch
        if buf:
            out.append(_Piece(buf, piece.font, stringWidth(buf, piece.font, 1000.0)))
    return out


def _merge(clusters: Sequence[_Piece]) -> tuple[_Piece, ...]:
    merged: list[_Piece] = []
    for c in clusters:
        if merged and merged[-1].font == c.font:
            last = merged[-1]
            merged[-1] = _Piece(last.text + c.text, c.font, last.width + c.width)
        else:
            merged.append(c)
    return tuple(merged)


def _break_word(word: _Word, limit: float) -> list[_Word]:
    """A word wider than the line, in chunks that fit.

    A chunk ends between two letters or digits where it can: a «/» or «.» at a
    line's edge would be set at the far side of the line by the bidi algorithm.
    """
    clusters = _clusters(word)
    chunks: list[_Word] = []
    start = 0
    while start < len(clusters):
        width, end = 0.0, start
        while end < len(clusters) and (end == start or width + clusters[end].width <= limit):
            width += clusters[end].width
            end += 1
        if end < len(clusters):
            good = end
            while good > start + 1 and not (clusters[good - 1].text[0].isalnum() and clusters[good].text[0].isalnum()):
                good -= 1
            if good > start + (end - start) // 2:
                end = good
        chunks.append(_word(_merge(clusters[start:end]), word.space_before if not chunks else False))
        start = end
    return chunks


def _fill(block: Sequence[_Word], limit: float) -> list[list[_Word]]:
    """Greedy line filling of one paragraph's logical words.

    A word broken over lines (a URL) keeps its last piece on a line of its own:
    a line mostly of Latin text next to Persian words is one a PDF reader
    would read left to right when it copies it.
    """
    groups: list[list[_Word]] = []
    current: list[_Word] = []
    used = 0.0
    for word in block:
        pieces = _break_word(word, limit) if word.width > limit else [word]
        for w in pieces:
            gap = _space_width(current[-1].pieces[-1].font) if current and w.space_before else 0.0
            if current and used + gap + w.width > limit:
                groups.append(current)
                current, used = [w], w.width
            else:
                current.append(w)
                used += gap + w.width
        if len(pieces) > 1:
            groups.append(current)
            current, used = [], 0.0
    if current or not groups:
        groups.append(current)
    return groups


def _text_of(words: Sequence[_Word]) -> tuple[str, list[str], int]:
    """A line's logical text, each character's font, and its count of spaces."""
    parts: list[str] = []
    font_of: list[str] = []
    spaces = 0
    for i, w in enumerate(words):
        if i and w.space_before:
            parts.append(" ")
            font_of.append(font_of[-1])
            spaces += 1
        for p in w.pieces:
            parts.append(p.text)
            font_of.extend([p.font] * len(p.text))
    return "".join(parts), font_of, spaces


def _layout_blocks(blocks: Sequence[Sequence[_Word]], width: float, size: float) -> list[Line]:
    limit = max(width * 1000.0 / size - _SAFETY, 1.0)
    lines: list[Line] = []
    for block in blocks:
        groups = _fill(block, limit)
        for k, group in enumerate(groups):
            last = k == len(groups) - 1
            text, font_of, spaces = _text_of(group)
            if not text:
                lines.append(Line((), 0.0, 0, last, tuple(group)))
                continue
            single = all(f == font_of[0] for f in font_of)
            runs = _reorder(text, None if single else font_of, font_of[0])
            shown = tuple(Run(t, f, stringWidth(t, f, size)) for t, f in runs)
            lines.append(Line(shown, sum(r.width for r in shown), spaces, last, tuple(group)))
    return lines


def layout(content: str | Sequence[Span], width: float, size: float, font: str = fonts.REGULAR) -> list[Line]:
    """Wrap logical ``content`` to ``width`` points at ``size``; lines top to bottom.

    An empty text gives no lines; a newline in the text starts a new line.
    """
    fonts.register_fonts()
    spans = [Span(content, font)] if isinstance(content, str) else list(content)
    if not any(s.text.strip() for s in spans):
        return []
    return _layout_blocks(_words(spans), width, size)


def relayout(lines: Sequence[Line], width: float, size: float) -> list[Line]:
    """The same words as ``lines`` wrapped again to a new width (a split part that moved)."""
    blocks: list[list[_Word]] = [[]]
    for line in lines:
        blocks[-1].extend(line.words)
        if line.last:
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    return _layout_blocks(blocks, width, size) if blocks else []


def visual(text: str, font: str = fonts.REGULAR) -> str:
    """One line of ``text`` (no wrapping) in visual order, shaped and mirrored."""
    lines = layout(text.replace("\n", " "), 1e9, 10.0, font)
    return lines[0].text if lines else ""


def visual_lines(text: str, width: float, size: float, font: str = fonts.REGULAR) -> list[str]:
    """The visual strings of ``text`` wrapped to ``width`` (for tests and measuring)."""
    return [line.text for line in layout(text, width, size, font)]


# --- drawing -----------------------------------------------------------------------


def draw_line(canv: Canvas, line: Line, x: float, y: float, width: float, size: float,
              align: Align = "right") -> None:
    """Draw ``line`` with its baseline at ``y`` inside the box from ``x`` to ``x + width``."""
    if not line.runs:
        return
    extra = 0.0
    if align == "justify" and not line.last and line.spaces:
        extra = (width - line.width) / line.spaces
        if extra < 0 or extra > size:  # a line torn apart reads worse than a ragged one
            extra = 0.0
    if extra or align == "left":
        start = x
    elif align == "center":
        start = x + (width - line.width) / 2
    else:
        start = x + width - line.width
    text = canv.beginText(start, y)
    # Always set: Tw belongs to the graphics state and would outlive this line.
    # (reportlab keeps code 32 a space in every TrueType subset, so Tw stretches spaces.)
    text.setWordSpace(extra)
    for run in line.runs:
        text.setFont(run.font, size)
        text.textOut(run.text)
    canv.drawText(text)
