"""The minutes PDF (صورتجلسه), read back out of the file as a reader would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

import pdfplumber
import pytest

from app.cli import main
from app.demo.fill import fill_demo
from app.demo.hamedan import AGENDA, DISCUSSION, RESOLUTIONS
from app.errors import UserError
from app.export.minutes_doc import Attendee, DiscussionEntry, MinutesDoc, ResolutionLine, Signatory, minutes_doc
from app.export.minutes_pdf import EMPTY, build_minutes_pdf, render_minutes
from app.export.pdf_page import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH
from app.export.persian_numbers import number_words
from app.services import listing
from app.services.meetings import load_meeting
from app.store.db import Store, as_date, open_store
from tests.pdf_text import TextLine, columns, document_text, fold, page_count, read_lines

MEETING_DATE = dt.date(2018, 12, 29)  # ۸ دی ۱۳۹۷, a Saturday


def make_doc(**changes: object) -> MinutesDoc:
    doc = MinutesDoc(
        body_name="کمیته فناوری اطلاعات و دولت الکترونیک",
        number=186, date=MEETING_DATE, start_time=dt.time(9), end_time=dt.time(11, 30), place="سالن شهید رجایی",
        agenda=("گزارش سامانه (G2B) و G2C", "بررسی نامه شماره 7740/93/206"),
        attendees=(Attendee("علی رضایی", "مدیرکل", "استانداری", person_id=1),
                   Attendee("مریم احمدی", "معاون", "اداره کل", status="deputy", deputy_name="سارا کریمی"),
                   Attendee("حسن موسوی", "کارشناس", "فرمانداری", status="excused"),
                   Attendee("رضا نوری", "مشاور", "دانشگاه", kind="guest")),
        discussion=(DiscussionEntry("جناب آقای رضایی", "سامانه (G2B) تا تاریخ 1397/10/10 راه‌اندازی می‌شود."),),
        resolutions=(ResolutionLine(1, "گزارش سامانه G2C به کمیته‌های استان ارسال شود.", "دفتر فناوری اطلاعات",
                                    ("حراست",), dt.date(2018, 12, 31)),
                     ResolutionLine(2, "پیگیری مستمر بند الف) مصوبه قبلی.", "دبیرخانه", standing=True)),
        chair=Signatory("علی رضایی", "مدیرکل"), chair_id=1, secretary=Signatory("زهرا کاظمی", "دبیر"),
        status="final", uuid="be58abad-843c-4429-8dde-360b5eb1a685")
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> list[TextLine]:
    return read_lines(build_minutes_pdf(make_doc()))


def logical(lines: list[TextLine]) -> str:
    return document_text(lines)


def body_lines(lines: list[TextLine]) -> list[TextLine]:
    """The lines inside the frame: no running header or footer."""
    return [line for line in lines if MARGIN_TOP - 1 <= line.top <= PAGE_HEIGHT - MARGIN_BOTTOM + 1]


# --- text comes out as it went in ----------------------------------------------------------


def test_special_tokens_come_out_right(sample: list[TextLine]) -> None:
    text = logical(sample)
    for token in ("(G2B)", "G2C", "۱۳۹۷/۱۰/۱۰", "۷۷۴۰/۹۳/۲۰۶", "می‌شود", "کمیته‌های", "الف)", "مستمر",
                  "۱۳۹۷/۱۰/۱۰ راه‌اندازی می‌شود."):
        assert token in text, token


def test_wrapped_paragraph_lines_come_in_reading_order() -> None:
    words = [number_words(i) for i in range(1, 121)]
    lines = body_lines(read_lines(build_minutes_pdf(make_doc(discussion=(DiscussionEntry("", " ".join(words)),)))))
    first = next(i for i, line in enumerate(lines) if line.logical.startswith("یک دو سه"))
    para: list[str] = []
    for line in lines[first:]:
        para += line.logical.split()
        if para[-1] == words[-1]:
            break
    assert para == words  # across the page break too
    assert lines[first].top < lines[first + 1].top  # top to bottom
    assert len({line.page for line in lines[first:first + len(para)]}) == 2


def test_every_glyph_maps_to_text(sample: list[TextLine]) -> None:
    chars = [c["text"] for line in sample for c in line.chars]
    assert chars
    for ch in chars:
        assert "(cid:" not in ch
        assert not any(0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd" for c in ch), ch


def test_vazirmatn_is_embedded(sample: list[TextLine]) -> None:
    assert {c["fontname"].split("+")[-1] for line in sample for c in line.chars} <= {
        "Vazirmatn-Regular", "Vazirmatn-Medium", "Vazirmatn-Bold"}


def test_header_parts_in_order(sample: list[TextLine]) -> None:
    text = [line.logical for line in sample]
    assert "کمیته فناوری اطلاعات و دولت الکترونیک" in text
    assert text.index("صورتجلسه") < text.index("یکصدوهشتادوششمین جلسه (شمارهٔ ۱۸۶)")
    info = next(t for t in text if t.startswith("تاریخ:") and "ساعت" in t)  # not the letter block's
    assert info == "تاریخ: شنبه ۸ دی ۱۳۹۷ ساعت: ۰۹:۰۰ تا ۱۱:۳۰ مکان: سالن شهید رجایی"
    sections = [t for t in text if t[:2] in ("۱.", "۲.", "۳.", "۴.", "۵.")]
    assert [s.split(" ", 1)[1] for s in sections if len(s.split()) <= 3][:5] == [
        "دستور جلسه", "حاضرین", "خلاصهٔ مذاکرات", "مصوبات", "امضای حاضرین"]


def test_every_page_has_running_header_and_footer() -> None:
    pdf = build_minutes_pdf(make_doc(resolutions=tuple(
        ResolutionLine(i, "متن مصوبه‌ای که چند سطر جا می‌گیرد " * 6, "دبیرخانه") for i in range(1, 40))))
    lines = read_lines(pdf)
    total = page_count(pdf)
    assert total >= 3
    for page in range(1, total + 1):
        texts = [line.logical for line in lines if line.page == page]
        assert texts[0].startswith("کمیته فناوری اطلاعات و دولت الکترونیک")
        assert texts[-1] == f"شناسهٔ سند: be58abad صفحه {fold_digits(page)} از {fold_digits(total)} صورتجلسه نهایی"


def fold_digits(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_draft_is_marked(sample: list[TextLine]) -> None:
    assert "پیش‌نویس" not in logical(sample)
    draft = read_lines(build_minutes_pdf(make_doc(status="draft")))
    assert draft[-1].logical.endswith("پیش‌نویس")


# --- tables ---------------------------------------------------------------------------------


def test_attendees_are_grouped_deputies_named_and_absence_said(sample: list[TextLine]) -> None:
    text = [line.logical for line in sample]
    assert "ردیف نام و نام خانوادگی سمت سازمان امضا" in text
    order = [text.index(t) for t in ("اعضای حاضر", "اعضای غایب", "مدعوین")]
    assert order == sorted(order)
    assert "(نماینده: سارا کریمی)" in text
    assert any(t.startswith("۳ حسن موسوی") and t.endswith("غایب با عذر") for t in text)
    assert any(t.startswith("۴ رضا نوری") for t in text)


def test_table_reads_right_to_left(sample: list[TextLine]) -> None:
    header = next(line for line in sample if line.logical.startswith("شماره متن مصوبه"))
    xs = {c["text"]: c["x0"] for c in header.chars}
    assert header.logical == "شماره متن مصوبه مسئول اجرا مهلت اجرا"
    assert max(c["x0"] for c in header.chars) > PAGE_WIDTH - MARGIN_X - 40  # «شماره» is at the right edge
    assert xs  # the header has glyphs
    row = next(line for line in sample if line.logical.startswith("۱ گزارش سامانه"))
    assert row.logical.endswith("دفتر فناوری اطلاعات ۱۳۹۷/۱۰/۱۰")


def test_a_table_repeats_its_header_on_its_next_page() -> None:
    many = tuple(ResolutionLine(i, f"مصوبهٔ آزمایشی شمارهٔ {i} که باید در موعد انجام شود.", "دبیرخانه")
                 for i in range(1, 80))
    lines = read_lines(build_minutes_pdf(make_doc(resolutions=many)))
    pages = sorted({line.page for line in lines if "مصوبهٔ آزمایشی" in line.logical})
    assert len(pages) >= 2
    for page in pages:
        on_page = [line.logical for line in lines if line.page == page]
        header = on_page.index("شماره متن مصوبه مسئول اجرا مهلت اجرا")
        assert "مصوبهٔ آزمایشی" in on_page[header + 1]  # a row follows: the header is never widowed


def test_a_table_header_is_never_left_alone_at_a_page_foot() -> None:
    from app.export.pdf_tables import GRID, rtl_table
    from app.export.rtl_paragraph import RtlParagraph, TextStyle

    style = TextStyle()
    rows = [[[RtlParagraph("شماره", style)], [RtlParagraph("متن", style)]]]
    rows += [[[RtlParagraph(str(i), style)], [RtlParagraph("متن مصوبه " * 30, style)]] for i in range(3)]
    table = rtl_table(rows, [40, 300], commands=GRID)
    table.wrap(340, 10_000)
    header = table._rowHeights[0]
    for room in (header + 1, header + 20, header + 38):
        assert table.split(340, room) == []  # not the header alone, nor with a sliver of a row
    parts = table.split(340, header + 60)
    assert len(parts) == 2 and len(parts[0]._rowHeights) == 2  # header and a part of the first row
    # On the page: push the table down in steps; wherever it lands, a row follows its header.
    for n in range(14, 20):
        doc = make_doc(discussion=tuple(DiscussionEntry("", "سطر کوتاه") for _ in range(n)))
        lines = read_lines(build_minutes_pdf(doc))
        for i, line in enumerate(lines):
            if line.logical == "شماره متن مصوبه مسئول اجرا مهلت اجرا":
                assert lines[i + 1].page == line.page and lines[i + 1].logical.startswith("۱ ")


def test_no_heading_is_left_alone_at_a_page_foot() -> None:
    headings = {"۴. مصوبات", "۵. امضای حاضرین"}
    for n in range(14, 30, 3):  # push the last sections down the page in steps
        doc = make_doc(discussion=tuple(DiscussionEntry("", "سطر کوتاه") for _ in range(n)))
        lines = body_lines(read_lines(build_minutes_pdf(doc)))
        for i, line in enumerate(lines):
            if line.logical in headings:
                assert lines[i + 1].page == line.page, (n, line.logical)


# --- bad input --------------------------------------------------------------------------------


def test_empty_meeting_says_each_empty_section_plainly() -> None:
    empty = MinutesDoc(body_name="کمیته آموزش", number=1, date=MEETING_DATE)
    text = [line.logical for line in read_lines(build_minutes_pdf(empty))]
    for sentence in EMPTY.values():
        assert sentence in text
    assert "برای این جلسه مصوبه‌ای ثبت نشده است." in text


def test_ten_thousand_word_resolution_and_unbroken_latin_string() -> None:
    vocabulary = ["گزارش", "اجرای", "برنامه", "در", "استان", "و", "کمیته", "با", "دبیرخانه", "به", "هر", "دستگاه", "ارسال", "شود"]
    words = [f"{vocabulary[i % len(vocabulary)]}" if i % 10 else number_words(1 + i // 10) for i in range(10_000)]
    url = "https://example.org/" + "abc/" * 750
    doc = make_doc(resolutions=(ResolutionLine(1, " ".join(words), "دبیرخانه"),
                                ResolutionLine(2, f"نشانی {url} پایان", "دبیرخانه")))
    pdf = build_minutes_pdf(doc)
    lines = read_lines(pdf)
    assert page_count(pdf) > 12  # full-width paragraphs: a row this tall is not kept in the table
    # A cell's lines, page after page, with the repeated header rows taken out.
    body = fold("".join(columns(body_lines(lines)).values()).replace("متن مصوبه", ""))
    assert fold(" ".join(words[-30:])) in body
    assert fold(url) in body
    for line in lines:  # nothing crosses the margins
        assert min(c["x0"] for c in line.chars) >= MARGIN_X - 0.5
        assert max(c["x1"] for c in line.chars) <= PAGE_WIDTH - MARGIN_X + 0.5


def test_unwritable_target_gives_a_persian_message_and_no_file(tmp_path: Path) -> None:
    from app.files import write_atomic

    with pytest.raises(UserError) as missing:
        write_atomic(tmp_path / "no-such-folder" / "m.pdf", b"%PDF")
    assert missing.value.code == "export_unwritable" and "وجود ندارد" in missing.value.message
    with pytest.raises(UserError) as folder:
        write_atomic(tmp_path, b"%PDF")
    assert folder.value.code == "export_target_is_folder"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_neither_a_half_file_nor_a_temporary(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from app import files

    target = tmp_path / "m.pdf"
    target.write_bytes(b"the old file")

    def fail(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(UserError) as err:
        files.write_atomic(target, b"%PDF-new")
    assert err.value.code == "export_unwritable"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.pdf"]
    assert target.read_bytes() == b"the old file"


def test_emblem_is_printed_and_a_bad_one_refused(tmp_path: Path) -> None:
    import pdfplumber
    from PIL import Image

    png = tmp_path / "emblem.png"
    Image.new("RGB", (60, 80), "navy").save(png)
    pdf = build_minutes_pdf(make_doc(emblem=png))
    with pdfplumber.open(__import__("io").BytesIO(pdf)) as doc:
        assert len(doc.pages[0].images) == 1
    bad = tmp_path / "bad.png"
    bad.write_text("not an image")
    with pytest.raises(UserError) as err:
        build_minutes_pdf(make_doc(emblem=bad))
    assert err.value.code == "emblem_unreadable"


# --- from the store and the command line ------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "dabir.db"
    store = open_store(path)
    fill_demo(store, today=dt.date(2024, 11, 23))
    store.close()
    return path


def hamedan_id(store: Store) -> int:
    rows = listing.rows(store, "meetings", body_id=None, meeting_id=None)
    return next(r["id"] for r in rows if r["date"] == "1397/10/08")


def test_hamedan_demo_meeting_renders_word_for_word(demo_db: Path, tmp_path: Path) -> None:
    store = open_store(demo_db, create=False)
    try:
        out = tmp_path / "hamedan.pdf"
        render_minutes(store, hamedan_id(store), out)
    finally:
        store.close()
    lines = read_lines(out)
    body = fold("".join(columns(body_lines(lines)).values()).replace("متن مصوبه", ""))
    for text in (*AGENDA, *RESOLUTIONS, *(t for _, t in DISCUSSION), *(s for s, _ in DISCUSSION if s)):
        assert fold(text) in body, text[:40]
    text = document_text(lines)
    assert "نخستین جلسهٔ سال ۱۳۹۷" in text
    assert "تاریخ: شنبه ۸ دی ۱۳۹۷" in text
    assert "ي" not in text and "ك" not in text  # printed with Persian ی and ک


def test_minutes_doc_reads_what_load_meeting_reads(demo_db: Path) -> None:
    store = open_store(demo_db, create=False)
    extended = 0
    try:
        for row in listing.rows(store, "meetings", body_id=None, meeting_id=None):
            doc, data = minutes_doc(store, row["id"]), load_meeting(store, row["id"])
            assert (doc.uuid, doc.number, doc.place, doc.status) == (data.uuid, data.number, data.place, data.status)
            assert doc.date_text == data.date
            assert list(doc.agenda) == [a.text for a in data.agenda]
            assert [(a.name, a.post, a.organisation, a.kind, a.status, a.deputy_name, a.person_id)
                    for a in doc.attendees] == [(a.name, a.post, a.organisation, a.kind, a.status, a.deputy_name,
                                                 a.person_id) for a in data.attendees]
            assert [(d.speaker, d.text) for d in doc.discussion] == [(d.speaker, d.text) for d in data.discussion]
            assert [(r.text, r.lead_unit, list(r.collaborators), r.standing) for r in doc.resolutions] == [
                (r.text, r.lead_unit, r.collaborators, r.standing) for r in data.resolutions]
            originals = {uuid: as_date(old) for uuid, old in store.fetch_all(
                "SELECT r.uuid, e.old_deadline FROM deadline_extensions e JOIN resolutions r "
                "ON r.id = e.resolution_id WHERE r.meeting_id = :id ORDER BY e.date DESC, e.id DESC", id=row["id"])}
            # extended deadlines are printed as the meeting set them
            assert [r.deadline for r in doc.resolutions] == [
                originals.get(r.uuid or "") or minutes_date(r.deadline) for r in data.resolutions]
            extended += len(originals)
            assert (doc.chair_id, doc.secretary_id) == (data.chair_id, data.secretary_id)
        assert extended > 0  # the demo extends some deadlines: the rule above was exercised
    finally:
        store.close()


def minutes_date(text: str) -> dt.date | None:
    from app.persian.jalali import parse_jalali

    return parse_jalali(text) if text else None


def test_unknown_meeting_is_a_user_error(store: Store) -> None:
    with pytest.raises(UserError) as err:
        minutes_doc(store, 999)
    assert err.value.code == "meeting_unknown"


def test_cli_writes_the_minutes(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(demo_db, create=False)
    meeting = hamedan_id(store)
    store.close()
    out = tmp_path / "out.pdf"
    assert main(["--db", str(demo_db), "minutes", str(meeting), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert capsys.readouterr().out.strip() == str(out)


def test_cli_refuses_unknown_meeting_and_unwritable_target(demo_db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db), "minutes", "999", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "جلسه با شناسهٔ ۹۹۹ پیدا نشد" in capsys.readouterr().err
    target = tmp_path / "missing" / "x.pdf"
    assert main(["--db", str(demo_db), "minutes", "1", "-o", str(target)]) == 2
    assert "وجود ندارد" in capsys.readouterr().err
    assert not target.parent.exists()
    assert [p for p in tmp_path.iterdir() if p.name != "missing"] == []
    assert os.listdir(tmp_path) == []


def test_the_editors_unsaved_content_makes_the_same_document(demo_db: Path) -> None:
    from app.export.minutes_doc import minutes_doc_from_data

    store = open_store(demo_db, create=False)
    try:
        for row in listing.rows(store, "meetings", body_id=None, meeting_id=None)[:12]:
            data = load_meeting(store, row["id"])
            assert minutes_doc_from_data(store, data) == minutes_doc(store, row["id"])
        data.place = "تالار تازه"
        data.resolutions[0].deadline = "1403/13/40"  # not a date yet: kept as typed, not an error
        doc = minutes_doc_from_data(store, data)
        assert doc.place == "تالار تازه" and doc.resolutions[0].deadline is None
        assert doc.resolutions[0].deadline_text == "1403/13/40"
    finally:
        store.close()


def test_signed_minutes_from_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from app.export.certificates import create_local_certificate
    from app.export.verification import verify_pdf

    p12 = tmp_path / "secretary.p12"
    create_local_certificate(p12, "گذرواژه", name="مریم احمدی", post="دبیر کارگروه", organisation="استانداری")
    (tmp_path / "pw").write_text("گذرواژه\n", encoding="utf-8")
    (tmp_path / "bad").write_text("نادرست\n", encoding="utf-8")
    store = open_store(demo_db, create=False)
    meeting = hamedan_id(store)
    store.close()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def dabir(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui.launcher", "--db", str(demo_db), *args],
                              capture_output=True, text=True, env=env, timeout=120)

    out = tmp_path / "signed.pdf"
    wrong = dabir("minutes", str(meeting), "-o", str(out), "--sign", str(p12), "--password-file", str(tmp_path / "bad"))
    assert wrong.returncode == 2 and "گذرواژه" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not out.exists()
    done = dabir("minutes", str(meeting), "-o", str(out), "--sign", str(p12), "--password-file", str(tmp_path / "pw"))
    assert done.returncode == 0, done.stderr
    report = verify_pdf(out)
    assert report.ok and report.signer == "مریم احمدی"
    assert "تأیید دبیرخانه با امضای دیجیتال" in document_text(read_lines(out))
    checked = dabir("verify", str(out))
    assert checked.returncode == 0 and "مریم احمدی" in checked.stdout


def test_a_body_keeps_its_emblem_and_its_minutes_show_it(store: Store, tmp_path: Path) -> None:
    from PIL import Image as PILImage

    from app.services import bodies, meetings

    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    with pytest.raises(UserError) as err:
        bodies.set_emblem(store, council.id, b"GIF89a not ours")
    assert err.value.code == "emblem_format"
    png = io.BytesIO()
    PILImage.new("RGB", (120, 120), (29, 53, 87)).save(png, format="PNG")
    bodies.set_emblem(store, council.id, png.getvalue())
    assert bodies.get_emblem(store, council.id) == png.getvalue()
    data = meetings.new_meeting(store, council.id, today=dt.date(2024, 11, 23))
    meeting_id = meetings.save_meeting(store, data, today=dt.date(2024, 11, 23)).meeting_id
    doc = minutes_doc(store, meeting_id)
    assert doc.emblem == png.getvalue()
    with pdfplumber.open(io.BytesIO(build_minutes_pdf(doc))) as pdf:
        assert len(pdf.pages[0].images) == 1
    bodies.set_emblem(store, council.id, None)
    assert minutes_doc(store, meeting_id).emblem is None


def test_the_text_layer_is_ordinary_persian_that_search_and_copy_find(demo_db: Path, tmp_path: Path) -> None:
    """Each drawn presentation form maps back to its base letters (ToUnicode), so a reader's
    search, copy-paste and ``pdftotext`` give «صورتجلسه», never «ﺻﻮﺭﺗﺠﻠﺴﻪ»."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    store = open_store(demo_db, create=False)
    try:
        out = tmp_path / "hamedan.pdf"
        render_minutes(store, hamedan_id(store), out)
    finally:
        store.close()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in text)
    assert "صورتجلسه" in text
    assert "کارگروه" in text or "شورای" in text
    hamedan = next(r for r in RESOLUTIONS if len(r) > 40)
    first_words = " ".join(hamedan.replace("\u200c", "").translate(str.maketrans("يك", "یک")).split()[:3])
    assert first_words in text.replace("\u200c", "")  # a resolution's words, in logical order
