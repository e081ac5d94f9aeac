"""Persian text helpers: digit conversion and the normalised form used for search.

Dabir stores what the user typed. Comparison and search go through
:func:`normalize_for_search`, so «كميته» finds «کمیته» and «می‌شود» finds «میشود».
"""

from __future__ import annotations

__all__ = [
    "ltr_isolate",
    "name_sort_key",
    "PERSIAN_DIGITS",
    "ARABIC_INDIC_DIGITS",
    "BIDI_CONTROLS",
    "to_persian_digits",
    "to_latin_digits",
    "fa_number",
    "normalize_for_search",
    "fix_arabic_letters",
    "contains_normalized",
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

# Bidi controls sneak in from copy-and-paste out of Word and web pages.
BIDI_CONTROLS = "\u200e\u200f" + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A)))
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
