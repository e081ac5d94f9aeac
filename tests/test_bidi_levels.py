"""Our UAX #9 level resolver, checked against python-bidi's engine (unicode-bidi) on generated text."""

from __future__ import annotations

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from app.persian.bidi_levels import bidi_class, embedding_levels, paragraph_level, visual_order

PERSIAN = "سلامبپچژگکیهوندر"
LATIN = "abcXYZ"
EUROPEAN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣"  # AN, unlike the Persian digits (EN)
PUNCTUATION = " .,:;/-+%$#!?،؛٪«»<>\u00a0\u2212"
BRACKETS = "()[]{}\u2329\u232a\u3008\u3009"
MARKS = "\u064e\u0651\u0670"  # harakat: NSM
JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: BN
CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\t"
ALPHABET = PERSIAN + LATIN + EUROPEAN_DIGITS + PERSIAN_DIGITS + ARABIC_DIGITS + PUNCTUATION + BRACKETS + MARKS + JOINERS

BASES = {"R": "R", "L": "L", "auto": None}


def shown(text: str, base: str = "R") -> str:
    """``text`` reordered by our levels (rule L2), as ``get_display`` would give it."""
    if not any(level & 1 for level in embedding_levels(text, base, reset_whitespace=False)):
        # unicode-bidi returns a line untouched when no level is odd before L1 (see
        # test_python_bidi_skips_l1_when_no_level_is_odd); ours applies L1 first.
        return text
    return "".join(text[i] for i in visual_order(embedding_levels(text, base)))


def reference(text: str, base: str = "R") -> str:
    return get_display(text, base_dir=BASES[base])


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24), st.sampled_from(sorted(BASES)))
def test_levels_reorder_as_python_bidi_on_persian_latin_digits_and_brackets(text: str, base: str) -> None:
    assert shown(text, base) == reference(text, base)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET + CONTROLS, max_size=24), st.sampled_from(sorted(BASES)))
def test_levels_reorder_as_python_bidi_with_embeddings_overrides_and_isolates(text: str, base: str) -> None:
    assert shown(text, base) == reference(text, base)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=PERSIAN + LATIN + PERSIAN_DIGITS + " ()", max_size=10), min_size=1, max_size=4),
       st.sampled_from(sorted(BASES)))
def test_each_paragraph_is_resolved_on_its_own(paragraphs: list[str], base: str) -> None:
    text = "\n".join(paragraphs)
    levels = embedding_levels(text, base)
    start = 0
    for para in paragraphs:
        end = start + len(para) + 1  # the separator belongs to its paragraph
        assert levels[start:end][:len(para)] == embedding_levels(para + ("\n" if end <= len(text) else ""),
                                                                 base)[:len(para)]
        start = end
    assert "".join(shown(p + "\n", base) if i < len(paragraphs) - 1 else shown(p, base)
                   for i, p in enumerate(paragraphs)) == reference(text, base)


# Where python-bidi's two engines (the Rust one and the pure-Python one that was our
# silent fallback) gave different levels: the pure-Python one has no bracket pairs (N0).
@pytest.mark.parametrize(("text", "levels"), [
    ("سلام (abc) ۱۲", (1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2, 2)),
    ("متن [G2B] ۲۰", (1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2, 2)),
    ("abc (۱۲) متن", (2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1)),
])
def test_inputs_on_which_the_old_engines_disagreed(text: str, levels: tuple[int, ...]) -> None:
    assert embedding_levels(text) == levels
    assert shown(text) == reference(text)


def test_paired_brackets_follow_uax9_n0() -> None:
    # Worked by hand (Hebrew letters are R, paragraph RTL): «(…)» holds R, so both are R;
    # «[&ef]» holds only L and follows R, so N0 gives it the embedding direction R too.
    text = "אב(גד[&ef].)gh"
    assert embedding_levels(text, "auto") == (1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2)
    assert shown(text, "auto") == reference(text, "auto") == "gh).]ef&[דג(בא"
    # U+2329 pairs with U+3009, its canonical equivalent's partner (BD16).
    assert embedding_levels("ب\u2329a\u3009") == embedding_levels("ب(a)")


def test_isolates_and_overrides() -> None:
    assert shown("Hello, \u2068\u202eworld\u202c\u2069!", "auto") == "Hello, \u2068\u202e\u202cdlrow\u2069!"
    rlo = "Pay \u202e1000 PAYMENT\u202c now"
    assert shown(rlo, "L") == reference(rlo, "L") == "Pay \u202e\u202cTNEMYAP 0001 now"


def test_embedding_deeper_than_125_overflows_as_the_standard_says() -> None:
    text = "\u202b" * 70 + "\u202a" * 70 + "abc متن" + "\u202c" * 140 + " و"
    levels = embedding_levels(text)
    assert max(levels) <= 126
    assert shown(text) == reference(text)


def test_paragraph_level_from_the_first_strong_letter() -> None:
    assert paragraph_level("123 متن abc") == 1
    assert paragraph_level("«abc» متن") == 0
    assert paragraph_level("\u2067abc\u2069 متن") == 1  # isolated text is skipped (P2)
    assert paragraph_level("۱۲۳ ...") == 0
    assert embedding_levels("", "auto") == ()


def test_trailing_whitespace_and_separators_take_the_paragraph_level() -> None:
    assert embedding_levels("abc  ", "R") == (2, 2, 2, 1, 1)
    assert embedding_levels("ab\tcd", "R") == (2, 2, 1, 2, 2)
    assert embedding_levels("متن \u200c", "L") == (1, 1, 1, 0, 0)  # a joiner in trailing whitespace too


def test_python_bidi_skips_l1_when_no_level_is_odd() -> None:
    # UAX #9 L1 puts a tab at the paragraph level (1 here): «b», tab, «a» left to
    # right. python-bidi 0.6.12 (unicode-bidi 0.3.18) skips reordering a line whose
    # levels are all even before L1, so it gives the text back as it was.
    assert embedding_levels("a\tb", "R") == (2, 1, 2)
    assert "".join("a\tb"[i] for i in visual_order(embedding_levels("a\tb", "R"))) == "b\ta"
    assert get_display("a\tb", base_dir="R") == "a\tb"


def test_unassigned_code_points_take_their_block_default() -> None:
    assert bidi_class("\u07bf") == "AL"  # unassigned, in the Thaana/Arabic range
    assert bidi_class("\u05ff") == "R"
    assert bidi_class("\U000e0fff") == "BN"
    assert bidi_class("\U0003fffd") == "L"


def test_a_wrong_base_direction_is_an_error() -> None:
    with pytest.raises(ValueError, match="base direction"):
        embedding_levels("متن", "RTL")  # type: ignore[arg-type]
