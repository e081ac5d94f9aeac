"""The follow-up sheet (برگه پیگیری مصوبات) and the notice (ابلاغ مصوبات), read back out of the PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.demo.fill import fill_demo
from app.errors import UserError
from app.export.followup_pdf import EMPTY_SHEET, OVERDUE, followup_sheet_pdf, notice_pdf
from app.export.minutes_doc import minutes_doc
from app.services.lifecycle import OPEN_STATUSES
from app.services.tracker import TrackerRow, filter_rows, tracker_rows
from app.store.db import Store, open_store
from tests.pdf_text import TextLine, columns, document_text, fold, page_count, read_lines

TODAY = dt.date(2024, 11, 23)  # ۳ آذر ۱۴۰۳
UNIT = "دبیرخانه نظام پیشنهادات"
HEADER = "ردیف جلسه متن مصوبه مسئول اجرا مهلت آخرین وضعیت پاسخ واحد تاریخ امضا"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("followup") / "dabir.db"
    store = open_store(path)
    try:
        fill_demo(store, today=TODAY)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def demo(db: Path) -> Iterator[Store]:
    store = open_store(db, create=False)
    yield store
    store.close()


def involves(r: TrackerRow, unit: str) -> bool:
    return r.lead_unit == unit or unit in r.collaborators


def column(lines: list[TextLine], head: str) -> str:
    """The text of the table column whose header is ``head``, through every page."""
    return next(text for text in columns(lines).values() if text.startswith(head))


@pytest.fixture(scope="module")
def unit_sheet(demo: Store) -> list[TextLine]:
    return read_lines(followup_sheet_pdf(demo, today=TODAY, unit=UNIT))


@pytest.fixture(scope="module")
def all_rows(demo: Store) -> list[TrackerRow]:
    return list(tracker_rows(demo, today=TODAY))


def test_sheet_for_one_unit_lists_only_its_open_resolutions(unit_sheet: list[TextLine],
                                                            all_rows: list[TrackerRow]) -> None:
    mine = [r for r in all_rows if involves(r, UNIT) and r.status in OPEN_STATUSES]
    closed = [r for r in all_rows if involves(r, UNIT) and r.status not in OPEN_STATUSES]
    others = [r for r in all_rows if not involves(r, UNIT)]
    assert mine and closed and others
    texts = fold(column(unit_sheet, "متن مصوبه"))
    for r in mine:
        assert fold(r.text) in texts
    # One numbered row per open resolution, nothing else.
    numbers = column(unit_sheet, "ردیف").replace("ردیف", "").split()
    assert len(numbers) == len(mine)
    for r in closed + others:
        if not any(fold(r.text) in fold(m.text) for m in mine):
            assert fold(r.text) not in texts
    head = document_text(unit_sheet[:4])
    assert "برگه پیگیری مصوبات" in head and f"واحد: {UNIT}" in head and "۱۴۰۳/۰۹/۰۳" in head


def test_overdue_rows_say_so_in_words(unit_sheet: list[TextLine], all_rows: list[TrackerRow]) -> None:
    mine = [r for r in all_rows if involves(r, UNIT) and r.status in OPEN_STATUSES]
    overdue = sum(r.overdue for r in mine)
    assert overdue > 0
    assert column(unit_sheet, "مهلت").split().count(OVERDUE) == overdue


def test_extension_note_is_printed(demo: Store, all_rows: list[TrackerRow]) -> None:
    extended = next(r for r in all_rows if r.extensions and r.status in OPEN_STATUSES)
    lines = read_lines(followup_sheet_pdf(demo, today=TODAY, body_id=extended.body_id))
    deadlines = fold(column(lines, "مهلت"))
    assert "تمدید شده" in extended.deadline_note()
    assert fold(extended.deadline_note()) in deadlines


def test_header_row_repeats_on_every_page(demo: Store) -> None:
    pdf = followup_sheet_pdf(demo, today=TODAY)
    pages = page_count(pdf)
    assert pages >= 3
    lines = read_lines(pdf)
    for page in range(1, pages + 1):
        assert HEADER in [line.logical for line in lines if line.page == page], page
    footer = [line.logical for line in lines if line.page == 2]
    assert f"صفحه ۲ از {''.join('۰۱۲۳۴۵۶۷۸۹'[int(d)] for d in str(pages))}" in footer


def test_overdue_only_and_date_range(demo: Store, all_rows: list[TrackerRow]) -> None:
    lines = read_lines(followup_sheet_pdf(demo, today=TODAY, unit=UNIT, overdue_only=True))
    overdue = [r for r in all_rows if involves(r, UNIT) and r.overdue]
    numbers = column(lines, "ردیف").replace("ردیف", "").split()
    assert len(numbers) == len(overdue) == column(lines, "مهلت").split().count(OVERDUE)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    expected = filter_rows(all_rows, statuses=OPEN_STATUSES, deadline_from=start, deadline_to=end)
    lines = read_lines(followup_sheet_pdf(demo, today=TODAY, deadline_from=start, deadline_to=end))
    assert len(column(lines, "ردیف").replace("ردیف", "").split()) == len(expected)


def test_empty_sheet_is_a_sentence(demo: Store) -> None:
    text = document_text(read_lines(followup_sheet_pdf(demo, today=TODAY, unit="واحدی که نیست")))
    assert EMPTY_SHEET in text
    assert "ردیف" not in text


def test_unknown_body_is_refused(demo: Store) -> None:
    with pytest.raises(UserError) as caught:
        followup_sheet_pdf(demo, today=TODAY, body_id=999)
    assert caught.value.code == "body_unknown"


def test_notice_has_one_page_per_unit_with_its_resolutions(demo: Store, all_rows: list[TrackerRow]) -> None:
    meeting_id = max((r for r in all_rows if r.collaborators), key=lambda r: r.meeting_date).meeting_id
    doc = minutes_doc(demo, meeting_id)
    units: list[str] = []
    for res in doc.resolutions:
        for u in (res.lead_unit, *res.collaborators):
            if u and u not in units:
                units.append(u)
    pdf = notice_pdf(demo, meeting_id)
    assert page_count(pdf) == len(units) >= 2
    lines = read_lines(pdf)
    for page, unit in enumerate(units, start=1):
        on_page = [line for line in lines if line.page == page]
        text = document_text(on_page)
        assert f"به: {unit}" in text
        assert "موضوع: ابلاغ مصوبات جلسهٔ" in text and "مورخ" in text
        assert "دبیر جلسه" in text and "امضا" in text
        folded = fold(column(on_page, "متن مصوبه"))
        for res in doc.resolutions:
            assigned = res.lead_unit == unit or unit in res.collaborators
            if assigned:
                assert fold(res.text) in folded
            elif not any(fold(res.text) in fold(o.text) for o in doc.resolutions if o is not res):
                assert fold(res.text) not in folded


def test_notice_of_unknown_meeting(demo: Store) -> None:
    with pytest.raises(UserError) as caught:
        notice_pdf(demo, 99999)
    assert caught.value.code == "meeting_unknown"


def test_cli_writes_the_sheet(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.pdf"
    assert main(["--db", str(db), "followup-sheet", "--unit", UNIT, "--overdue", "-o", str(out)], today=TODAY) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"واحد: {UNIT}" in document_text(read_lines(out))
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_cli_unknown_body_exits_2(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.pdf"
    assert main(["--db", str(db), "followup-sheet", "--body", "99", "-o", str(out)], today=TODAY) == 2
    assert "نهاد با شناسهٔ ۹۹ پیدا نشد" in capsys.readouterr().err
    assert not out.exists()


def test_cli_writes_a_notice(db: Path, demo: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting_id = next(r for r in tracker_rows(demo, today=TODAY) if r.lead_unit).meeting_id
    out = tmp_path / "notice.pdf"
    assert main(["--db", str(db), "followup-sheet", "--notice", str(meeting_id), "-o", str(out)], today=TODAY) == 0
    assert "ابلاغ مصوبات" in document_text(read_lines(out))
    assert main(["--db", str(db), "followup-sheet", "--notice", "99999", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "جلسه با شناسهٔ ۹۹۹۹۹ پیدا نشد" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
