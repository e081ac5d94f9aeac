"""The minutes as a right-to-left Word document (issue 12): the same parts, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.cli import main
from app.demo.fill import fill_demo
from app.export.minutes_docx import FONT, build_minutes_docx
from app.export.minutes_pdf import EMPTY
from app.export.minutes_reports import HeardReport
from app.store.db import open_store
from tests.test_minutes_pdf import hamedan_id, make_doc

REPORT = HeardReport(3, dt.date(2018, 10, 1), 2, "سامانه میز خدمت راه‌اندازی شود.", "در هفت دستگاه راه‌اندازی شد.",
                     "in_progress", 60, dt.date(2019, 3, 20))


@pytest.fixture(scope="module")
def word() -> Document:
    doc = make_doc(letter_number=7, year=1397, letter_date=dt.date(2019, 1, 2), rank=2, number=2, reports=(REPORT,))
    return Document(io.BytesIO(build_minutes_docx(doc)))


def _paragraphs(document: Document) -> list[str]:
    """Every paragraph's text, body and table cells, in document order."""
    return [t.text for t in document.element.body.iter(qn("w:p")) for t in [_P(t)]]


class _P:
    def __init__(self, p: object) -> None:
        self.text = "".join(t.text or "" for t in p.iter(qn("w:t")))  # type: ignore[attr-defined]


def test_the_same_parts_in_the_same_order(word: Document) -> None:
    text = [t for t in _paragraphs(word) if t]
    order = ["بسمه تعالی", "شماره: ۱۳۹۷/۷", "تاریخ: ۱۳۹۷/۱۰/۱۲", "پیوست: ندارد", "کمیته فناوری اطلاعات و دولت الکترونیک",
             "صورتجلسه", "دومین جلسهٔ سال ۱۳۹۷", "۱. دستور جلسه", "۲. حاضرین", "۳. خلاصهٔ مذاکرات", "۴. مصوبات",
             "پیگیری مصوبات جلسات قبل", "۵. امضای حاضرین"]
    assert [text.index(t) for t in order] == sorted(text.index(t) for t in order)
    assert "۱. گزارش سامانه (G2B) و G2C" in text  # Persian digits, Latin tokens keep their own
    assert "۲. بررسی نامه شماره ۷۷۴۰/۹۳/۲۰۶" in text
    assert "جناب آقای رضایی: سامانه (G2B) تا تاریخ ۱۳۹۷/۱۰/۱۰ راه‌اندازی می‌شود." in text
    footer = word.sections[0].footer.paragraphs[0].text
    assert footer == "صورتجلسه نهایی — شناسهٔ سند: be58abad"


def test_tables_hold_the_same_rows(word: Document) -> None:
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]
    attendees = next(t for t in tables if t[0][:2] == ["ردیف", "نام و نام خانوادگی"])
    assert attendees[1][0] == "اعضای حاضر"  # a group title across the row
    assert ["۱", "علی رضایی", "مدیرکل", "استانداری", ""] in attendees
    assert ["۲", "مریم احمدی (نماینده: سارا کریمی)", "معاون", "اداره کل", ""] in attendees
    assert ["۳", "حسن موسوی", "کارشناس", "فرمانداری", "غایب با عذر"] in attendees
    resolutions = next(t for t in tables if t[0] == ["شماره", "متن مصوبه", "مسئول اجرا", "مهلت اجرا"])
    assert resolutions[1] == ["۱", "گزارش سامانه G2C به کمیته‌های استان ارسال شود.",
                              "دفتر فناوری اطلاعات (همکار: حراست)", "۱۳۹۷/۱۰/۱۰"]
    assert resolutions[2][3] == "مستمر"
    reports = next(t for t in tables if t[0][0] == "مصوبه")
    assert reports[1] == ["مصوبهٔ ۲ جلسهٔ ۳ (۱۳۹۷/۰۷/۰۹)", "سامانه میز خدمت راه‌اندازی شود.",
                          "در هفت دستگاه راه‌اندازی شد.", "در دست اقدام (۶۰ درصد)", "۱۳۹۷/۱۲/۲۹"]
    signatures = next(t for t in tables if t[0][0] == "سمت در جلسه")
    assert [r[:2] for r in signatures[1:]] == [["رئیس جلسه", "علی رضایی"], ["دبیر جلسه", "زهرا کاظمی"],
                                               ["عضو", "سارا کریمی"]]


def test_everything_is_right_to_left_in_vazirmatn(word: Document) -> None:
    body = word.element.body
    paragraphs = list(body.iter(qn("w:p")))
    assert paragraphs and all(p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:bidi")) is not None
                              for p in paragraphs)
    runs = list(body.iter(qn("w:r")))
    assert runs
    for r in runs:
        props = r.find(qn("w:rPr"))
        assert props.find(qn("w:rtl")) is not None
        assert props.find(qn("w:rFonts")).get(qn("w:cs")) == FONT
    tables = list(body.iter(qn("w:tbl")))
    assert len(tables) >= 5 and all(t.find(qn("w:tblPr")).find(qn("w:bidiVisual")) is not None for t in tables)
    assert word.sections[0]._sectPr.find(qn("w:bidi")) is not None
    header_rows = [t.find(qn("w:tr")) for t in tables if t.find(qn("w:tr")).find(qn("w:trPr")) is not None]
    assert header_rows  # the tables' header rows repeat on every page


def test_an_empty_meeting_says_so() -> None:
    from app.export.minutes_doc import MinutesDoc

    text = _paragraphs(Document(io.BytesIO(build_minutes_docx(MinutesDoc(body_name="کمیته آموزش", number=1)))))
    for sentence in EMPTY.values():
        assert sentence in text
    assert "شماره: ............" in text


def test_cli_writes_a_docx_and_refuses_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dabir.db"
    store = open_store(db)
    fill_demo(store, today=dt.date(2024, 11, 23))
    meeting = hamedan_id(store)
    store.close()
    out = tmp_path / "minutes.docx"
    assert main(["--db", str(db), "minutes", str(meeting), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = _paragraphs(Document(str(out)))
    assert "صورتجلسه" in text and "نخستین جلسهٔ سال ۱۳۹۷" in text
    assert any(t.startswith("شماره: ۱۳۹۷/") for t in text)  # written out: the letter number was given

    password = tmp_path / "password.txt"
    password.write_text("secret\n", encoding="utf-8")
    for args, code in ((["minutes", "999", "-o", str(tmp_path / "x.docx")], "پیدا نشد"),
                       (["minutes", str(meeting), "-o", str(tmp_path / "missing" / "x.docx")], "وجود ندارد"),
                       (["minutes", str(meeting), "-o", str(tmp_path / "s.docx"), "--sign", "c.p12",
                         "--password-file", str(password)], "امضا نمی‌شود")):
        assert main(["--db", str(db), *args]) == 2
        assert code in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dabir.db", "minutes.docx", "password.txt"]
