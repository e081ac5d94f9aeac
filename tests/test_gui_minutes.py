"""The minutes from the app: live preview, export through the dialog path, print, sign."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from app.clock import FixedClock
from app.errors import UserError
from app.export.certificates import create_local_certificate
from app.export.verification import verify_pdf
from app.services import bodies, directory, meetings
from app.services.meeting_data import AgendaData, ResolutionData
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from tests.pdf_text import document_text, fold, page_count, read_lines
from ui.meeting.minutes_actions import default_file_name
from ui.meeting.minutes_preview import print_pdf
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:  # type: ignore[no-untyped-def]
    body = bodies.save_body(file_store, "کمیته فناوری اطلاعات و دولت الکترونیک", "committee")
    sec = directory.save_person(file_store, "مریم احمدی", "دبیر کمیته", "استانداری همدان")
    bodies.set_members(file_store, body.id, [(sec.id, "secretary")])
    data = meetings.new_meeting(file_store, body.id, today=today)
    data.place = "سالن جلسات استانداری"
    data.agenda = [AgendaData("بررسی پیشرفت سامانه‌های G2B و G2C")]
    data.resolutions = [ResolutionData("گزارش پیشرفت (۷۰٪) تا ۱۴۰۳/۱۰/۱۰ ارسال می‌شود.", "دفتر فناوری اطلاعات",
                                       deadline="1403/10/10")]
    meetings.save_meeting(file_store, data, today=today)
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    show_active(qtbot, w)
    assert w.meetings_model.rowCount() == 1, w.meetings_model.rowCount()
    w.select_meeting_row(0)
    assert w.meetings_view.selectionModel().selectedRows(), "no selection"
    assert w.editor.data is not None and w.editor.data.place == "سالن جلسات استانداری"
    return w


def test_preview_follows_the_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    preview = window.minutes.preview
    preview.timer.setInterval(0)
    window.minutes.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(preview.pdf), timeout=5000)
    assert "سالن جلسات استانداری" in document_text(read_lines(preview.pdf))
    assert preview.document.pageCount() >= 1
    first = preview.pdf
    window.editor.details.place.clear()
    type_text(window.editor.details.place, "تالار شهید رجایی")
    qtbot.waitUntil(lambda: preview.pdf != first, timeout=5000)
    text = document_text(read_lines(preview.pdf))
    assert "تالار شهید رجایی" in text and "سالن جلسات" not in text
    assert window.editor.is_dirty()  # the preview shows unsaved work without saving it


def test_export_through_the_dialog_path_writes_the_file(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[Path] = []

    def answer(title: str, default: Path) -> Path:
        asked.append(default)
        return tmp_path / "minutes"  # the user typed a name without «.pdf»

    window.minutes.ask_save_path = answer
    window.editor.details.place.clear()
    type_text(window.editor.details.place, "تالار همایش‌ها")
    window.minutes.export_action.trigger()
    assert asked and asked[0].name == "صورتجلسه کمیته فناوری اطلاعات و دولت الکترونیک - جلسه 1 - 1403-09-03.pdf"
    out = tmp_path / "minutes.pdf"
    assert out.exists() and not window.editor.is_dirty()  # saved first, so the file is what is stored
    text = fold(document_text(read_lines(out)))
    for phrase in ("تالار همایش‌ها", "(۷۰٪)", "۱۴۰۳/۱۰/۱۰", "می‌شود", "G2B"):
        assert fold(phrase) in text, phrase
    assert "ذخیره شد" in window.statusBar().currentMessage()


def test_export_of_invalid_content_is_refused_at_the_field(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.minutes.ask_save_path = lambda title, default: tmp_path / "x.pdf"
    window.editor.details.date.setText("1400/12/30")
    window.editor.details.date.textEdited.emit("1400/12/30")
    window.minutes.export_action.trigger()
    assert not (tmp_path / "x.pdf").exists()
    assert window.editor.problems.isVisible() and "کبیسه" in window.editor.problems.text()


def test_sign_and_export(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p12 = tmp_path / "secretary.p12"
    # Issued before the window's clock says the minutes are signed (the signing time comes from it).
    create_local_certificate(p12, "رمز", name="مریم احمدی", post="دبیر کمیته", organisation="استانداری",
                             now=window.clock.now() - dt.timedelta(hours=1))
    target = tmp_path / "signed.pdf"
    with pytest.raises(UserError) as exc:
        window.minutes._sign(p12, "نادرست", target)
    assert exc.value.code == "cert_password" and not target.exists()
    window.minutes._sign(p12, "رمز", target)
    report = verify_pdf(target)
    assert report.ok and report.signer == "مریم احمدی"


def test_print_renders_every_page(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = window.minutes._pdf_maker()()  # type: ignore[misc]
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(pdf, printer=printer, ask=False)
    assert page_count(tmp_path / "printed.pdf") == page_count(pdf)


def test_default_file_names_are_safe() -> None:
    assert default_file_name("کمیته آموزش/پژوهش", 3, dt.date(2024, 11, 23)) == \
        "صورتجلسه کمیته آموزش-پژوهش - جلسه 3 - 1403-09-03.pdf"
