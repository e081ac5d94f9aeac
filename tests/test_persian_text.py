"""Tests for app.persian.text: digits and the search-normalised form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.persian.text import (
    ARABIC_INDIC_DIGITS,
    PERSIAN_DIGITS,
    contains_normalized,
    fa_number,
    fix_arabic_letters,
    normalize_for_search,
    to_latin_digits,
    to_persian_digits,
)

ZWNJ = "\u200c"


# --- digits ---------------------------------------------------------------


def test_persian_digit_constant() -> None:
    assert PERSIAN_DIGITS == "۰۱۲۳۴۵۶۷۸۹"
    assert [ord(c) for c in PERSIAN_DIGITS] == list(range(0x06F0, 0x06FA))


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
        ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"),
        ("۰۱۲", "۰۱۲"),
        ("7740/93/206", "۷۷۴۰/۹۳/۲۰۶"),
        ("G2C و 70%", "G۲C و ۷۰%"),
        ("", ""),
    ],
)
def test_to_persian_digits(given_: str, expected: str) -> None:
    assert to_persian_digits(given_) == expected


def test_to_persian_digits_accepts_int() -> None:
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert to_persian_digits(-5) == "-۵"
    assert to_persian_digits(0) == "۰"


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("۱۴۰۳/۰۹/۳۰", "1403/09/30"),
        ("١٤٠٣", "1403"),
        ("۳۰ درصد", "30 درصد"),
        ("abc 123", "abc 123"),
    ],
)
def test_to_latin_digits(given_: str, expected: str) -> None:
    assert to_latin_digits(given_) == expected


def test_fa_number() -> None:
    assert fa_number(12) == "۱۲"
    assert fa_number(1397) == "۱۳۹۷"
    assert fa_number(0) == "۰"


@given(st.integers())
def test_digits_round_trip_int(n: int) -> None:
    fa = fa_number(n)
    assert not any(c in "0123456789" for c in fa)
    assert int(to_latin_digits(fa)) == n


@given(st.text())
def test_digit_conversions_are_inverse_on_any_text(s: str) -> None:
    latin = to_latin_digits(s)
    assert not any(c in PERSIAN_DIGITS + ARABIC_INDIC_DIGITS for c in latin)
    assert to_latin_digits(to_persian_digits(s)) == latin
    assert to_persian_digits(latin) == to_persian_digits(s)
    assert len(latin) == len(s)


# --- normalisation ----------------------------------------------------------


def test_arabic_kaf_and_yeh_normalise_to_persian() -> None:
    assert normalize_for_search("كميته") == normalize_for_search("کمیته") == "کمیته"
    assert normalize_for_search("مصطفى") == "مصطفی"


def test_teh_marbuta_heh_yeh_and_hamzated_alefs() -> None:
    assert normalize_for_search("مدرسة") == "مدرسه"
    assert normalize_for_search("خانۀ") == "خانه"
    assert normalize_for_search("خانهٔ") == "خانه"  # heh + hamza above (U+0654)
    assert normalize_for_search("أحمد إسلام ٱلله") == "احمد اسلام الله"


def test_alef_madda_is_kept() -> None:
    assert normalize_for_search("آبان") == "آبان"
    assert normalize_for_search("آبان") != normalize_for_search("ابان")


def test_zwnj_removed_but_space_kept() -> None:
    assert normalize_for_search(f"می{ZWNJ}شود") == normalize_for_search("میشود") == "میشود"
    assert normalize_for_search("می شود") == "می شود"
    assert normalize_for_search("می شود") != normalize_for_search(f"می{ZWNJ}شود")
    assert normalize_for_search(f"کمیته{ZWNJ}های") == "کمیتههای"


def test_zwj_tatweel_and_diacritics_removed() -> None:
    assert normalize_for_search("كـــميته") == "کمیته"
    assert normalize_for_search("مُحَمَّد") == "محمد"
    assert normalize_for_search("رحمٰن") == "رحمن"  # superscript alef U+0670
    assert normalize_for_search("کتاباً") == "کتابا"
    assert normalize_for_search("ک\u200dم") == "کم"


def test_bidi_controls_removed() -> None:
    marked = "\u200fشماره \u202a7740/93/206\u202c \u2067G2C\u2069\u200e"
    assert normalize_for_search(marked) == "شماره 7740/93/206 g2c"


def test_digits_normalise_to_ascii() -> None:
    assert normalize_for_search("۱۴۰۳/۰۹/۳۰") == "1403/09/30"
    assert normalize_for_search("١٤٠٣") == "1403"
    assert normalize_for_search("۳۰ درصد") == normalize_for_search("30 درصد")


def test_latin_casefolded() -> None:
    assert normalize_for_search("G2B و G2C") == "g2b و g2c"
    assert normalize_for_search("Straße") == normalize_for_search("STRASSE")


def test_whitespace_collapsed_and_stripped() -> None:
    assert normalize_for_search("  جلسه\u00a0\u00a0کارگروه\t\n  همدان  ") == "جلسه کارگروه همدان"
    assert normalize_for_search("   ") == ""
    assert normalize_for_search("") == ""


def test_stored_text_untouched() -> None:
    original = f"كميته{ZWNJ}هاي  ۱۲"
    copy = str(original)
    normalize_for_search(original)
    fix_arabic_letters(original)
    assert original == copy
    assert normalize_for_search(original) == "کمیتههای 12"


def test_fix_arabic_letters_only_changes_kaf_and_yeh() -> None:
    text = f"كميته{ZWNJ}هاي مُصطفى ة ۀ أ ۱۲ 12 \u0640"
    assert fix_arabic_letters(text) == f"کمیته{ZWNJ}های مُصطفی ة ۀ أ ۱۲ 12 \u0640"


@given(st.text())
def test_normalize_is_idempotent(s: str) -> None:
    once = normalize_for_search(s)
    assert normalize_for_search(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert not any(c in once for c in f"{ZWNJ}\u200d\u0640يىكة" + PERSIAN_DIGITS)


@given(st.text())
def test_fix_arabic_letters_keeps_length_and_is_idempotent(s: str) -> None:
    fixed = fix_arabic_letters(s)
    assert len(fixed) == len(s)
    assert fix_arabic_letters(fixed) == fixed
    assert not any(c in fixed for c in "يىك")


# --- contains_normalized -------------------------------------------------------


def test_contains_normalized_finds_variants() -> None:
    minutes = f"صورتجلسه کارگروه همدان: کمیته{ZWNJ}های استانی موظف می{ZWNJ}شوند"
    assert contains_normalized(minutes, "كميته")
    assert contains_normalized(minutes, "میشوند")
    assert contains_normalized(minutes, "  کارگروه   همدان ")
    assert not contains_normalized(minutes, "کرمان")
    assert not contains_normalized(minutes, "می شوند")


def test_contains_normalized_digits_and_case() -> None:
    assert contains_normalized("نامه شماره ۷۷۴۰/۹۳/۲۰۶", "7740/93")
    assert contains_normalized("خدمات g2c", "G2C")


def test_contains_normalized_empty_needle() -> None:
    assert contains_normalized("هر متنی", "") is True
    assert contains_normalized("", "") is True
    assert contains_normalized("", "الف") is False


@given(st.text(), st.text(), st.text())
def test_contains_normalized_finds_any_substring(a: str, b: str, c: str) -> None:
    assert contains_normalized(a + b + c, b)
