"""An impossible date and a refused save, as a secretary meets them: the message at the field,
the panel naming each resolution, a click that goes there, Persian digits in the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication, QMessageBox

from app.clock import FixedClock
from app.services import bodies, overview
from app.store.db import Store
from tests.gui_helpers import show_active, type_text
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


def test_impossible_date_named_at_its_field_and_in_the_panel(qtbot, store: Store,  # type: ignore[no-untyped-def]
                                                             today: dt.date) -> None:
    body = bodies.save_body(store, "کارگروه توسعه مدیریت", "working_group").id
    window = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(window)
    window.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    show_active(qtbot, window)
    editor = window.editor
    editor.new_meeting(body)
    page = editor.resolutions
    editor.tabs.setCurrentWidget(page)
    for text in ("برنامهٔ آموزش کارکنان تا پایان سال تدوین و ابلاغ شود", "سامانه میز خدمت راه‌اندازی شود"):
        page.add_button.click()
        page.text.setFocus()
        type_text(page.text, text)
    page.deadline.line_edit.setFocus()
    type_text(page.deadline.line_edit, "1404/12/30")
    page.text.setFocus()  # leaving the field: the message appears under it, in words, not only as a tooltip
    QApplication.processEvents()
    assert page.deadline.message.isVisible() and "کبیسه" in page.deadline.message.text()
    assert page.model.data(page.model.index(1, 3)) == "۱۴۰۴/۱۲/۳۰"  # the list: Persian digits, not the raw Latin

    page.select(0)
    assert not editor.save()
    panel = editor.problems
    assert panel.isVisible()
    assert "مصوبهٔ ۲ («سامانه میز خدمت راه‌اندازی شود»)" in panel.text()
    assert "کبیسه" in panel.text() and overview.list_meetings(store, body) == []
    assert page.current_row() == 1  # the refused row is selected

    editor.tabs.setCurrentWidget(editor.details)
    panel.linkActivated.emit("resolutions[1].deadline")  # what a click on the line sends
    assert editor.tabs.currentWidget() is page and page.current_row() == 1
    assert QApplication.focusWidget() is page.deadline.line_edit
    assert page.deadline.message.isVisible()

    page.deadline.line_edit.selectAll()
    type_text(page.deadline.line_edit, "1404/12/29")
    page.text.setFocus()
    assert not page.deadline.message.isVisible()
    assert editor.save(), panel.text()
    assert not panel.isVisible()


def test_panel_names_the_place_of_each_problem() -> None:
    from app.services.meeting_data import AgendaData, ResolutionData
    from ui.meeting.problems import problem_place

    rows = {"resolutions": [ResolutionData("یک دو سه چهار پنج شش هفت هشت")], "agenda": [AgendaData("")]}
    assert problem_place("resolutions[0].deadline", rows) == "مصوبهٔ ۱ («یک دو سه چهار پنج شش …»)"
    assert problem_place("agenda[0].text", rows) == "بند ۱ دستور جلسه"
    assert problem_place("resolutions[5].text", rows) == "مصوبهٔ ۶"  # a row gone since: the number still
    assert problem_place("date", rows) == "تاریخ جلسه"
    assert problem_place("", rows) == "" and problem_place("entries[0].x", rows) == ""


def test_clicking_a_details_problem_moves_to_its_field(qtbot, store: Store, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    body = bodies.save_body(store, "کارگروه توسعه مدیریت", "working_group").id
    window = MainWindow(store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(window)
    window.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    show_active(qtbot, window)
    editor = window.editor
    editor.new_meeting(body)
    editor.details.date.setText("1404/12/30")
    editor.details.date.textEdited.emit("1404/12/30")
    assert not editor.save()
    assert "تاریخ جلسه: " in editor.problems.text()
    editor.tabs.setCurrentWidget(editor.resolutions)
    editor.problems.linkActivated.emit("date")
    assert editor.tabs.currentWidget() is editor.details
    assert QApplication.focusWidget() is editor.details.date.line_edit
    assert editor.details.date.message.isVisible()
