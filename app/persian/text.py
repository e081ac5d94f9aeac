"""Persian text helpers: digit conversion, input cleaning and the normalised form used for search.

Dabir stores what the user typed, once :func:`clean_input` has taken out what
would make the screen show another text than the PDF prints (bidi controls,
emoji). Comparison and search go through :func:`normalize_for_search`, so
«كميته» finds «کمیته» and «می‌شود» finds «میشود».
"""

from __future__ import annotations

import enum
import re

__all__ = [
    "ARABIC_INDIC_DIGITS",
    "BIDI_CONTROLS",
    "PERSIAN_DIGITS",
    "Removed",
    "clean_input",
    "clean_line",
    "contains_normalized",
    "fa_number",
    "fix_arabic_letters",
    "ltr_isolate",
    "name_sort_key",
    "normalize_for_search",
    "removed_notice",
    "to_latin_digits",
    "to_persian_digits",
]

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_LATIN_DIGITS = "0123456789"

_TO_PERSIAN = str.maketrans(_LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)

_ARABIC_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک
}
_FIX_ARABIC = str.maketrans(_ARABIC_LETTERS)

# Bidi controls sneak in from copy-and-paste out of Word and web pages: the marks
# LRM, RLM and ALM, the embeddings and overrides U+202A–202E, the isolates U+2066–2069.
BIDI_CONTROLS = ("\u200e\u200f\u061c" + "".join(map(chr, range(0x202A, 0x202F)))
                 + "".join(map(chr, range(0x2066, 0x206A))))
_REMOVED = (
    "\u200c\u200d"  # ZWNJ, ZWJ
    "\u0640"  # tatweel
    "\ufeff"  # zero-width no-break space (BOM) from pasted text
    + "".join(map(chr, range(0x064B, 0x0660)))  # harakat, hamza above/below
    + "\u0670"  # superscript alef
    + BIDI_CONTROLS
)

_SEARCH_MAP: dict[str, str | None] = dict(_ARABIC_LETTERS)
_SEARCH_MAP.update(
    {
        "\u0629": "\u0647",  # ة -> ه
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا   (آ is a distinct letter in Persian: kept)
    }
)
_SEARCH_MAP.update(zip(PERSIAN_DIGITS, _LATIN_DIGITS, strict=True))
_SEARCH_MAP.update(zip(ARABIC_INDIC_DIGITS, _LATIN_DIGITS, strict=True))
_SEARCH_MAP.update(dict.fromkeys(_REMOVED))
_SEARCH = str.maketrans(_SEARCH_MAP)


def to_persian_digits(s: str | int) -> str:
    """Latin and Arabic-Indic digits in ``s`` replaced by Persian digits."""
    return str(s).translate(_TO_PERSIAN)


def to_latin_digits(s: str) -> str:
    """Persian and Arabic-Indic digits in ``s`` replaced by ASCII digits."""
    return s.translate(_TO_LATIN)


def fa_number(n: int) -> str:
    """``n`` written with Persian digits, e.g. ``fa_number(12) == "۱۲"``."""
    return to_persian_digits(str(n))


def normalize_for_search(s: str) -> str:
    """The form texts are compared and searched on; never stored or shown.

    Unifies Arabic letter variants (ي ى→ی, ك→ک, ة ۀ→ه, أ إ ٱ→ا; آ is kept),
    turns Persian and Arabic-Indic digits into ASCII, removes ZWNJ, ZWJ,
    tatweel, diacritics and bidi controls, casefolds Latin letters and
    collapses every run of whitespace (NBSP included) into one space.

    Removing ZWNJ makes «می‌شود» equal «میشود»; a real space is kept, so
    «می شود» stays a different (two-word) text.
    """
    return " ".join(s.casefold().translate(_SEARCH).split())


def fix_arabic_letters(s: str) -> str:
    """Only ي ى→ی and ك→ک; diacritics, ZWNJ and everything else kept (for printing)."""
    return s.translate(_FIX_ARABIC)


def contains_normalized(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are normalised.

    An empty (or blank) needle is found in every haystack, as with ``in``.
    """
    return normalize_for_search(needle) in normalize_for_search(haystack)


def ltr_isolate(text: object) -> str:
    """A path or file name inside Persian text, kept left to right (U+2066 … U+2069).

    Without it the bidi algorithm shows «1405-09-11.pdf» as «pdf.11-09-1405» and moves a
    folder's slashes to the wrong end.
    """
    return f"\u2066{text}\u2069"


# Titles a person's name may begin with in the directory; a list sorted by name ignores them,
# so that every «دکتر …» does not stand together.
_TITLES = ("جناب", "سرکار", "آقای", "آقا", "خانم", "دکتر", "مهندس", "حجتالاسلام", "حجت الاسلام", "استاد")
_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ALPHABET_ORDER = {ch: chr(0x4E00 + i) for i, ch in enumerate(_ALPHABET)}  # after Latin, in Persian order


def name_sort_key(name: str) -> str:
    """How a list of people sorts: by the name without its titles, in the Persian alphabet's order
    (Unicode puts پ چ ژ گ after the Arabic letters)."""
    words = normalize_for_search(name).split()
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    if len(words) > 2 and f"{words[0]} {words[1]}" in _TITLES:
        words = words[2:]
    return "".join(_ALPHABET_ORDER.get(ch, ch) for ch in " ".join(words))
# --- cleaning what is typed, pasted or imported ------------------------------------------


class Removed(enum.Flag):
    """What :func:`clean_input` took out of a text (several kinds may be combined)."""

    NOTHING = 0
    BIDI_CONTROLS = enum.auto()  # embeddings, overrides, isolates and the marks LRM/RLM/ALM
    EMOJI = enum.auto()  # emoji and pictographs, with their modifiers and joiners
    LINE_SEPARATORS = enum.auto()  # U+2028/2029, made ordinary line breaks (not a loss)


# Emoji and pictographs (Extended_Pictographic, roughly): the minutes' font has none of
# them, and the PDF would print each as «?».
_PICTOGRAPHS = (
    "\u231a\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa\u2600-\u27bf\u2934\u2935"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# Variation selectors, the keycap mark and tag characters only dress an emoji up.
_EMOJI_MODIFIERS = "\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"
# An emoji with its modifiers, and a ZWJ that glues two emoji together (👩‍💻) goes with them;
# a ZWJ between Persian letters is kept.
_EMOJI = re.compile(
    f"\u200d*[{_PICTOGRAPHS}][{_EMOJI_MODIFIERS}]*(?:\u200d+[{_PICTOGRAPHS}][{_EMOJI_MODIFIERS}]*)*\u200d*"
    f"|[{_EMOJI_MODIFIERS}]"
)
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")
_SEPARATORS = re.compile("\r\n|[\r\u2028\u2029]")
# Any character clean_input may change: most texts have none, and are returned at once.
_SUSPECT = re.compile(f"[{BIDI_CONTROLS}{_PICTOGRAPHS}{_EMOJI_MODIFIERS}\r\u2028\u2029]")


def clean_input(text: str, *, multiline: bool = True) -> tuple[str, Removed]:
    """``text`` as it is to be stored, and what kinds of thing were taken out.

    Removes bidi embedding, override and isolate controls (U+202A–202E,
    U+2066–2069) and the marks LRM, RLM and ALM (U+200E, U+200F, U+061C):
    Qt honours them on screen while the PDF, which orders each printed line
    by itself, does not, so a text carrying them could show one thing and
    sign another (an RLO turns «1403/09/30» into «03/90/3041» on screen).
    ZWNJ and ZWJ stay: they are part of Persian spelling. Emoji are removed
    (the PDF's font has none). U+2028/2029 and CR become line breaks, or
    spaces when the field holds a single line (``multiline=False``).
    """
    if not _SUSPECT.search(text):
        return (text.replace("\n", " ") if not multiline and "\n" in text else text), Removed.NOTHING
    removed = Removed.NOTHING
    if _BIDI_CONTROL.search(text):
        text = _BIDI_CONTROL.sub("", text)
        removed |= Removed.BIDI_CONTROLS
    if _EMOJI.search(text):
        text = _EMOJI.sub("", text)
        removed |= Removed.EMOJI
    if "\u2028" in text or "\u2029" in text:
        removed |= Removed.LINE_SEPARATORS
    text = _SEPARATORS.sub("\n", text)
    if not multiline and "\n" in text:
        text = text.replace("\n", " ")
    return text, removed


def clean_line(text: str) -> str:
    """A one-line field's text as stored: :func:`clean_input` with line breaks made spaces."""
    return clean_input(text, multiline=False)[0]


def removed_notice(removed: Removed) -> str:
    """One Persian sentence telling the user what was taken out (empty if nothing worth saying)."""
    parts = []
    if Removed.BIDI_CONTROLS in removed:
        parts.append("نویسه‌های پنهان کنترل جهت متن (که ترتیب نمایش را جابه‌جا می‌کنند) حذف شد، "
                     "تا آنچه روی صفحه می‌بینید همان باشد که چاپ و امضا می‌شود.")
    if Removed.EMOJI in removed:
        parts.append("شکلک‌ها (ایموجی) حذف شد؛ در صورتجلسه چاپ نمی‌شوند.")
    return " ".join(parts)
