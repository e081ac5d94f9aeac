"""Typing or pasting a bidi control: the field shows the text as it will be stored and printed, and says so once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.clock import FixedClock
from app.export.minutes_doc import minutes_doc
from app.export.minutes_pdf import build_minutes_pdf
from app.export.rtl_text import prepare
from app.persian.text import BIDI_CONTROLS
from app.services import bodies, meetings
from app.store.db import Store
from tests.gui_helpers import focused, show_active, type_text
from tests.pdf_text import document_text, read_lines
from ui.bodies.body_dialog import BodyDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow
from ui.widgets.clean_text import TextCleaner

RLO, PDF_ = "\u202e", "\u202c"


@pytest.fixture
def window(qtbot, file_store: Store, today: dt.date) -> MainWindow:
    bodies.save_body(file_store, "کارگروه تحول اداری", "working_group")
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    w.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # closing never waits on a dialog
    qtbot.addWidget(w)
    show_active(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return w


def paste(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setText(text)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_typed_override_is_taken_out_and_the_user_told_once(qtbot, window: MainWindow) -> None:
    editor = window.editor
    notes: list[str] = []
    editor.cleaner.noticed.connect(notes.append)
    editor.tabs.setCurrentWidget(editor.resolutions)
    qtbot.mouseClick(editor.resolutions.add_button, Qt.MouseButton.LeftButton)
    page = editor.resolutions
    type_text(page.text, f"Pay {RLO}won TNEMYAP 0001{PDF_} تا پایان آذر")
    assert page.text.toPlainText() == "Pay won TNEMYAP 0001 تا پایان آذر"
    assert page.rows()[0].text == "Pay won TNEMYAP 0001 تا پایان آذر"  # the meeting's data, not only the screen
    assert len(notes) == 1 and "کنترل جهت" in notes[0]
    assert "کنترل جهت" in window.statusBar().currentMessage()
    type_text(page.lead_unit, f"دفتر {RLO}فناوری")
    assert page.lead_unit.text() == "دفتر فناوری"
    assert len(notes) == 1  # once per editing session
    editor.tabs.setCurrentWidget(editor.details)
    window.editor.new_meeting(window.current_body_id())  # another meeting: another session
    type_text(editor.details.place, f"سالن {RLO}A")
    assert editor.details.place.text() == "سالن A" and len(notes) == 2


def test_a_pasted_spoofed_date_and_place_are_shown_as_stored(qtbot, window: MainWindow) -> None:
    editor = window.editor
    paste(qtbot, editor.details.place, f"سالن {RLO}شهید{PDF_} رجایی 👍")
    assert editor.details.place.text() == "سالن شهید رجایی "
    assert editor.data is not None and editor.data.place == "سالن شهید رجایی "
    told = window.statusBar().currentMessage()
    assert "کنترل جهت" in told and "ایموجی" in told  # both kinds, in one note
    editor.tabs.setCurrentWidget(editor.resolutions)
    qtbot.mouseClick(editor.resolutions.add_button, Qt.MouseButton.LeftButton)
    page = editor.resolutions
    type_text(page.text, "گزارش تهیه شود.")
    paste(qtbot, page.deadline.line_edit, f"{RLO}1403/09/30{PDF_}")  # Qt would show «03/90/3041»
    assert not set(page.deadline.line_edit.text()) & set(BIDI_CONTROLS)
    assert page.deadline.date() == dt.date(2024, 12, 20)


def test_a_table_cell_editor_is_cleaned_too(qtbot, window: MainWindow) -> None:
    editor = window.editor
    notes: list[str] = []
    editor.cleaner.noticed.connect(notes.append)
    editor.tabs.setCurrentWidget(editor.agenda)
    qtbot.mouseClick(editor.agenda.add_button, Qt.MouseButton.LeftButton)
    cell = focused()
    assert isinstance(cell, QLineEdit)
    type_text(cell, f"بند {RLO}abc")
    assert cell.text() == "بند abc"
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert [a.text for a in editor.agenda.rows()] == ["بند abc"]
    assert len(notes) == 1


def test_what_the_screen_shows_is_what_the_pdf_prints(qtbot, window: MainWindow, file_store: Store) -> None:
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.resolutions)
    qtbot.mouseClick(editor.resolutions.add_button, Qt.MouseButton.LeftButton)
    page = editor.resolutions
    type_text(page.text, f"مبلغ {RLO}1000 ریال{PDF_} پرداخت شود")
    type_text(page.lead_unit, "دفتر مالی")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty(), editor.problems.text()
    shown = page.text.toPlainText()
    assert shown == "مبلغ 1000 ریال پرداخت شود"
    assert editor.data is not None and editor.data.id is not None
    meeting_id = editor.data.id
    stored = meetings.load_meeting(file_store, meeting_id).resolutions[0].text
    assert stored == shown
    printed = document_text(read_lines(build_minutes_pdf(minutes_doc(file_store, meeting_id))))
    assert prepare(shown) in printed  # «مبلغ ۱۰۰۰ ریال پرداخت شود», in the order typed


def test_a_dialog_field_is_cleaned_and_tells(qtbot, file_store: Store) -> None:
    dialog = BodyDialog(file_store)
    qtbot.addWidget(dialog)
    cleaner = dialog.findChild(TextCleaner, "textCleaner")
    assert isinstance(cleaner, TextCleaner)
    notes: list[str] = []
    cleaner.noticed.connect(notes.append)
    type_text(dialog.name_edit, f"کمیته {RLO}G2B")
    assert dialog.name_edit.text() == "کمیته G2B"
    assert len(notes) == 1
