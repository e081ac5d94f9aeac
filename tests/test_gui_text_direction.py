"""Every text box follows its text's direction from the first character: Persian stands right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from app.clock import FixedClock
from app.services import bodies
from app.services.meeting_data import ResolutionData
from app.store.db import Store
from tests.builders import resolutions_made
from tests.gui_helpers import show_active, type_text
from ui.followup.dialogs import FollowUpDialog
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


def caret_x(field: QPlainTextEdit | QLineEdit) -> int:
    """Where the caret stands once the box has laid its text out again (a line edit does it lazily)."""
    QApplication.processEvents()
    return field.cursorRect().x()


def test_new_persian_text_stands_right_in_resolution_and_report_boxes(qtbot, store: Store,  # type: ignore[no-untyped-def]
                                                                     today: dt.date) -> None:
    body = bodies.save_body(store, "کارگروه توسعه مدیریت", "working_group").id
    window = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(window)
    window.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard  # closing keeps the draft, asks nothing
    show_active(qtbot, window)
    window.editor.new_meeting(body)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.resolutions)
    editor.resolutions.add_button.click()
    box = editor.resolutions.text
    box.setFocus()
    type_text(box, "س")  # the very first character already stands right
    assert caret_x(box) > box.width() * 0.8
    type_text(box, "امانه میز خدمت")
    assert caret_x(box) > box.width() / 3
    assert editor.resolutions.model.rows[0].text == "سامانه میز خدمت"

    seen: list[QWidget] = []
    for page in range(editor.tabs.count()):  # a page's boxes are polished (and so turned) when first shown
        editor.tabs.setCurrentIndex(page)
        seen += [w for w in window.findChildren(QWidget)
                 if isinstance(w, (QPlainTextEdit, QLineEdit)) and w.isVisible()]
    assert len(seen) > 10
    chosen = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute  # a date: digits kept right on purpose
    assert [w for w in seen if not w.property("dabirFollowsDirection")
            and not (isinstance(w, QLineEdit) and w.alignment() & chosen == chosen)] == []

    res, = resolutions_made(store, body, dt.date(2024, 9, 1), [ResolutionData("پیگیری کنید.", "دبیرخانه")])
    dialog = FollowUpDialog(store, res, today=today, parent=window)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.text.setFocus()
    type_text(dialog.text, "انجام شد")  # «شرح اقدام»
    assert caret_x(dialog.text) > dialog.text.width() / 3


def test_latin_text_stands_left_and_an_empty_box_right(qtbot) -> None:  # type: ignore[no-untyped-def]
    box, line = QPlainTextEdit(), QLineEdit()
    for w in (box, line):
        qtbot.addWidget(w)
        w.resize(400, 80)
        show_active(qtbot, w)
        assert caret_x(w) > w.width() * 0.8  # empty: the window's direction, right
        w.setFocus()
        type_text(w, "G2B")
        assert caret_x(w) < w.width() / 4
        type_text(w, " پنجره")  # the first strong character decides: still Latin, still left
        assert caret_x(w) < w.width() / 2
    box.setPlainText("پنجره واحد")  # loading a row (signals blocked on the widget) still turns the box
    assert box.textCursor().position() == 0 and caret_x(box) > box.width() * 0.8
