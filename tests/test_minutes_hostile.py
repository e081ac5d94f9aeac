"""No content makes the minutes export fail (issue 12, defect 12): a row too tall for a page
is printed as paragraphs between two parts of its table, every word kept."""

from __future__ import annotations

import pytest

from app.export.minutes_doc import Attendee, ResolutionLine
from app.export.minutes_pdf import build_minutes_pdf
from app.export.pdf_page import MARGIN_X, PAGE_WIDTH
from app.export.persian_numbers import number_words
from tests.pdf_text import TextLine, columns, document_text, fold, page_count, read_lines
from tests.test_minutes_pdf import body_lines, make_doc

VOCABULARY = ["گزارش", "اجرای", "برنامه", "در", "استان", "و", "کمیته", "با", "دبیرخانه", "به", "هر", "دستگاه", "ارسال", "شود"]


def _within_margins(lines: list[TextLine]) -> bool:
    return all(min(c["x0"] for c in line.chars) >= MARGIN_X - 0.5
               and max(c["x1"] for c in line.chars) <= PAGE_WIDTH - MARGIN_X + 0.5 for line in lines)


@pytest.fixture(scope="module")
def huge() -> tuple[bytes, list[str]]:
    words = [VOCABULARY[i % len(VOCABULARY)] if i % 10 else number_words(1 + i // 10) for i in range(30_000)]
    doc = make_doc(resolutions=(ResolutionLine(1, "گزارش فصل ارسال شود.", "دبیرخانه"),
                                ResolutionLine(2, " ".join(words), "دفتر فناوری اطلاعات"),
                                ResolutionLine(3, "پایان کار کمیته اعلام شود.", "دبیرخانه", standing=True)))
    return build_minutes_pdf(doc), words


def test_a_thirty_thousand_word_resolution_is_printed_whole(huge: tuple[bytes, list[str]]) -> None:
    pdf, words = huge
    pages = page_count(pdf)
    assert pages > 20
    head = read_lines(pdf, pages=[1, 2])
    tail = read_lines(pdf, pages=[pages - 1, pages])
    first = fold(document_text(head))
    assert fold(" ".join(words[:12])) in first
    assert fold("متن مصوبه:") in first  # the tall row's columns are labelled paragraphs
    end = fold(document_text(tail))
    assert fold(" ".join(words[-12:])) in fold(document_text(body_lines(tail)))
    assert fold("مسئول اجرا: دفتر فناوری اطلاعات") in end
    # The resolutions after it are in the table again, its header repeated.
    cells = fold(" ".join(columns(tail).values()))
    assert fold("متن مصوبه") in cells and fold("پایان کار کمیته اعلام شود.") in cells and fold("مستمر") in cells
    assert fold("گزارش فصل ارسال شود.") in fold(" ".join(columns(head).values()))
    assert _within_margins(head + tail)


def test_a_four_hundred_word_attendee_name_and_post() -> None:
    name = " ".join(VOCABULARY[i % len(VOCABULARY)] for i in range(399)) + " پایان‌نام"
    post = " ".join(VOCABULARY[(i + 3) % len(VOCABULARY)] for i in range(399)) + " پایان‌سمت"
    doc = make_doc(attendees=(Attendee(name, post, "استانداری", person_id=5),
                              Attendee("علی رضایی", "مدیرکل", "استانداری", person_id=1),
                              Attendee("رضا نوری", "مشاور", "دانشگاه", kind="guest")))
    lines = read_lines(build_minutes_pdf(doc))
    text = fold(document_text(body_lines(lines)))  # without the running header and footer between pages
    assert fold(name) in text and fold(post) in text  # every word, in order
    assert fold("نام و نام خانوادگی:") in text
    cells = fold(" ".join(columns(lines).values()))
    assert fold("علی رضایی") in cells and fold("رضا نوری") in cells  # the others stay in the table
    assert fold("امضای حاضرین") in text
    assert _within_margins(lines)
