"""Numbers written out in Persian words, as minutes name their meeting («یکصدوهشتادوششمین جلسه»)."""

from __future__ import annotations

from app.persian.text import fa_number

_ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")
_HUNDREDS = ("", "یکصد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد")

# Ordinals whose last word does not simply take «م»: «دوم», «سوم», «سی‌ام».
_ORDINAL_ENDINGS = {"یک": "یکم", "دو": "دوم", "سه": "سوم", "سی": "سی\u200cام"}


# Letters that never join the next one; after any other, «و» is set off by a ZWNJ
# («بیست‌ویک», «سی‌وسه») where «یکصدوهشتادوشش» needs none.
_NON_JOINING = frozenset("اآدذرزژو")


def _join(words: list[str]) -> str:
    out = words[0] if words else ""
    for w in words[1:]:
        out += ("و" if out[-1] in _NON_JOINING else "\u200cو") + w
    return out


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(_HUNDREDS[hundreds])
    if 10 <= rest < 20:
        words.append(_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            words.append(_TENS[tens])
        if ones:
            words.append(_ONES[ones])
    return words


def number_words(n: int) -> str:
    """``n`` (1–999,999) in words joined by «و» as minutes write them: 186 → «یکصدوهشتادوشش»."""
    if not 1 <= n <= 999_999:
        raise ValueError(f"{n} is outside 1..999999")
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        words.append("هزار" if thousands == 1 else _join(_below_thousand(thousands)) + " هزار")
    words.extend(_below_thousand(rest))
    return _join(words)


def ordinal_words(n: int) -> str:
    """The ordinal adjective before a noun: 1 → «نخستین», 2 → «دومین», 186 → «یکصدوهشتادوششمین».

    Falls back to Persian digits («۱۲۳۴۵۶۷م») outside 1–999,999.
    """
    if n == 1:
        return "نخستین"
    if not 1 <= n <= 999_999:
        return f"{fa_number(n)}مین"
    words = number_words(n)
    for plain, ordinal in _ORDINAL_ENDINGS.items():
        if words.endswith(plain) and (len(words) == len(plain) or words[-len(plain) - 1] in "و "):
            return words[: -len(plain)] + ordinal + "ین"
    return words + "مین"
