"""The meeting editor, driven as a secretary drives it: type, click, save, reopen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.clock import IRAN, FixedClock
from app.services import bodies, directory, meetings, overview
from app.store.db import Store, open_store
from tests.gui_helpers import edit_cell, focused, show_active, type_text
from ui.shell.jobs import Jobs
from ui.shell.main_window import MainWindow


@pytest.fixture
def council(file_store: Store) -> int:
    body = bodies.save_body(file_store, "شورای راهبری توسعه مدیریت استان همدان", "council")
    committee = bodies.save_body(file_store, "کمیته فناوری اطلاعات و دولت الکترونیک", "committee", body.id)
    people = [directory.save_person(file_store, n, p, "استانداری همدان") for n, p in (
        ("علی شاهرخی", "استاندار"), ("مریم صادقی", "مدیرکل دفتر برنامه‌ریزی"), ("حسن عسگریان", "معاون هماهنگی"))]
    bodies.set_members(file_store, body.id, [(people[0].id, "chair"), (people[1].id, "secretary"),
                                             (people[2].id, "member")])
    directory.save_unit(file_store, "دفتر فناوری اطلاعات")
    assert committee.body.parent_id == body.id
    return body.id


@pytest.fixture
def window(qtbot, file_store: Store, council: int, today: dt.date) -> MainWindow:
    w = MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(w)
    return show_active(qtbot, w)


def never_ask(window: MainWindow) -> MainWindow:
    """Closing with unsaved edits answers «discard» instead of waiting on a dialog (the draft stays)."""
    window.editor.ask_to_save = lambda: QMessageBox.StandardButton.Discard
    return window


def test_create_meeting_save_close_reopen(qtbot, window: MainWindow, file_store: Store, council: int,
                                          today: dt.date) -> None:
    assert window.current_body_id() == council
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert editor.data is not None and editor.data.number == 1
    assert editor.details.date.text() == "۱۴۰۳/۰۹/۰۳"
    type_text(editor.details.place, "سالن جلسات استانداری")

    editor.tabs.setCurrentWidget(editor.agenda)
    qtbot.mouseClick(editor.agenda.add_button, Qt.MouseButton.LeftButton)
    type_text(focused(), "تدوین برنامهٔ ۳ ساله اصلاح نظام اداری")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(1)

    editor.tabs.setCurrentWidget(editor.attendees)
    qtbot.mouseClick(editor.attendees.fill_button, Qt.MouseButton.LeftButton)
    assert editor.attendees.model.rowCount() == 3
    edit_cell(qtbot, editor.attendees.view, 2, 5, choice="غایب با عذر")

    editor.tabs.setCurrentWidget(editor.resolutions)
    qtbot.mouseClick(editor.resolutions.add_button, Qt.MouseButton.LeftButton)
    page = editor.resolutions
    type_text(page.text, "فهرست خدمات قابل الکترونیکی شدن (G2B) تا پایان آذر تهیه شود.")
    type_text(page.lead_unit, "دفتر فناوری اطلاعات")
    type_text(page.collaborators, "فرمانداران، دفتر بازرسی")
    type_text(page.deadline.line_edit, "۱۴۰۳/۰۹/۳۰")
    assert page.model.data(page.model.index(0, 3)) == "۱۴۰۳/۰۹/۳۰"

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.problems.isVisible(), editor.problems.text()
    assert not editor.is_dirty()
    assert window.meetings_model.rowCount() == 1
    window.close()

    # Tomorrow: a new window over the same file finds everything.
    reopened = open_store(file_store.path)
    again = MainWindow(reopened, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(again)
    show_active(qtbot, again)
    assert again.meetings_model.rowCount() == 1
    view = again.meetings_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 1)).center())
    assert not again.editor.is_dirty()
    data = again.editor.data
    assert data is not None and data.place == "سالن جلسات استانداری"
    assert [a.text for a in data.agenda] == ["تدوین برنامهٔ ۳ ساله اصلاح نظام اداری"]
    assert [(a.name, a.status) for a in data.attendees] == [
        ("علی شاهرخی", "present"), ("مریم صادقی", "present"), ("حسن عسگریان", "excused")]
    (res,) = data.resolutions
    assert res.text == "فهرست خدمات قابل الکترونیکی شدن (G2B) تا پایان آذر تهیه شود."
    assert (res.lead_unit, res.collaborators, res.deadline) == (
        "دفتر فناوری اطلاعات", ["فرمانداران", "دفتر بازرسی"], "۱۴۰۳/۰۹/۳۰")
    assert again.editor.resolutions.deadline.date() == dt.date(2024, 12, 20)
    assert again.editor.attendees.model.data(again.editor.attendees.model.index(2, 5)) == "غایب با عذر"
    reopened.close()


def test_invalid_input_shown_at_the_field_and_not_saved(qtbot, window: MainWindow, file_store: Store,
                                                        council: int) -> None:
    never_ask(window).new_meeting()
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.resolutions)
    qtbot.mouseClick(editor.resolutions.add_button, Qt.MouseButton.LeftButton)
    type_text(editor.resolutions.deadline.line_edit, "1403/08/01")  # before the meeting
    assert not editor.save()
    assert editor.problems.isVisible()
    assert "متن ندارد" in editor.problems.text() and "پیش از تاریخ جلسه" in editor.problems.text()
    assert editor.tabs.currentWidget() is editor.resolutions
    assert "پیش از تاریخ جلسه" in editor.resolutions.deadline.error()
    assert overview.list_meetings(file_store, council) == []
    editor.details.date.setText("1400/12/30")
    editor.details.date.textEdited.emit("1400/12/30")
    assert not editor.save()
    assert editor.details.date.message.isVisibleTo(editor.details)  # under the field itself
    assert "کبیسه" in editor.details.date.message.text()


def test_killed_before_save_the_draft_is_offered_back(qtbot, window: MainWindow, file_store: Store,
                                                      council: int, today: dt.date) -> None:
    never_ask(window).new_meeting()
    editor = window.editor
    editor.autosave.setInterval(20)
    editor.tabs.setCurrentWidget(editor.agenda)
    qtbot.mouseClick(editor.agenda.add_button, Qt.MouseButton.LeftButton)
    type_text(focused(), "بررسی راهکارهای همراستایی مدیریت")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.wait(1)
    qtbot.waitUntil(lambda: meetings.find_draft(file_store, None, council) is not None, timeout=2000)
    # The process dies here: no save, no close event. A new process opens the same file.
    window.hide()
    reopened = open_store(file_store.path)
    again = MainWindow(reopened, clock=FixedClock(today), jobs=Jobs(synchronous=True))
    qtbot.addWidget(again)
    show_active(qtbot, again)
    again.new_meeting()
    assert again.editor.banner.isVisible()
    qtbot.mouseClick(again.editor.restore_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in again.editor.data.agenda] == ["بررسی راهکارهای همراستایی مدیریت"]
    assert again.editor.agenda.model.rowCount() == 1
    assert again.editor.save()
    assert meetings.find_draft(reopened, None, council) is None
    assert len(overview.list_meetings(reopened, council)) == 1
    reopened.close()


def test_a_draft_left_behind_is_offered_at_start(qtbot, file_store: Store, council: int, today: dt.date) -> None:
    data = meetings.load_meeting(file_store, meetings.save_meeting(
        file_store, meetings.new_meeting(file_store, council, today=today), today=today).meeting_id)
    data.place = "تالار شهید رجایی"
    meetings.save_draft(file_store, data, now=dt.datetime(2024, 11, 23, 10, 0, tzinfo=IRAN))
    w = never_ask(MainWindow(file_store, clock=FixedClock(today), jobs=Jobs(synchronous=True)))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.editor.banner.isVisible(), timeout=3000)
    assert w.editor.data.place == ""  # the saved meeting is shown until the user chooses
    qtbot.mouseClick(w.editor.restore_button, Qt.MouseButton.LeftButton)
    assert w.editor.details.place.text() == "تالار شهید رجایی" and w.editor.is_dirty()


def test_a_new_meeting_starts_with_the_members_present(qtbot, window: MainWindow, file_store: Store,
                                                       council: int) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = never_ask(window).editor
    page = editor.attendees
    names = [page.model.data(page.model.index(i, 1)) for i in range(page.model.rowCount())]
    assert names == ["علی شاهرخی", "مریم صادقی", "حسن عسگریان"]
    assert {page.model.data(page.model.index(i, 5)) for i in range(3)} == {"حاضر"}
    assert all(a.person_id for a in editor.data.attendees)  # tied to the directory, not only names
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)  # nobody twice
    assert page.model.rowCount() == 3
    edit_cell(qtbot, page.view, 2, 5, choice="غایب با عذر")  # ready to mark
    assert editor.save(), editor.problems.text()
    saved = meetings.load_meeting(file_store, overview.list_meetings(file_store, council)[0].id)
    assert [(a.name, a.status) for a in saved.attendees] == [
        ("علی شاهرخی", "present"), ("مریم صادقی", "present"), ("حسن عسگریان", "excused")]
