"""The Jalali date field, typed into and picked from as a secretary would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from tests.gui_helpers import type_text
from ui.widgets.date_edit import JalaliDateEdit

TODAY = dt.date(2024, 11, 23)  # 1403/09/03, a Saturday


@pytest.fixture
def edit(qtbot) -> JalaliDateEdit:  # type: ignore[no-untyped-def]
    widget = JalaliDateEdit(today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_and_leave(qtbot, edit: JalaliDateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.line_edit.clear()
    type_text(edit.line_edit, text)
    qtbot.keyClick(edit.line_edit, Qt.Key.Key_Return)


def test_persian_digits_give_the_date(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(edit.dateChanged) as changed:
        type_and_leave(qtbot, edit, "۱۴۰۳/۰۹/۳۰")
    assert changed.args == [dt.date(2024, 12, 20)]
    assert edit.date() == dt.date(2024, 12, 20)
    assert edit.error() == ""
    assert edit.line_edit.property("invalid") is False
    assert "جمعه" in edit.line_edit.toolTip()


@pytest.mark.parametrize("typed", ["1403/9/30", "30/09/1403", "03/09/30", "1403-09-30"])
def test_other_forms_are_reformatted_when_leaving(qtbot, edit: JalaliDateEdit, typed: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    edit.textEdited.connect(seen.append)
    with qtbot.waitSignal(edit.editingFinished):
        type_and_leave(qtbot, edit, typed)
    assert edit.text() == "۱۴۰۳/۰۹/۳۰"
    assert seen[-1] == "۱۴۰۳/۰۹/۳۰"  # a form bound to textEdited keeps the clean text
    assert edit.date() == dt.date(2024, 12, 20)


def test_no_leap_day_shows_the_persian_error(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    type_text(edit.line_edit, "1400/12/30")
    assert edit.line_edit.property("invalid") is False  # not while typing
    qtbot.keyClick(edit.line_edit, Qt.Key.Key_Return)
    assert edit.date() is None
    assert "کبیسه" in edit.error()
    assert edit.line_edit.property("invalid") is True
    assert edit.line_edit.toolTip() == edit.error()
    assert edit.line_edit.accessibleDescription() == edit.error()
    assert edit.text() == "1400/12/30"  # what the user typed is kept to fix
    qtbot.keyClick(edit.line_edit, Qt.Key.Key_Backspace)
    assert edit.line_edit.property("invalid") is False  # fixing it: the alarm waits for the next leave


def test_garbage_and_empty(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    type_and_leave(qtbot, edit, "فردا")
    assert edit.date() is None and "۱۴۰۳/۰۹/۳۰" in edit.error()
    edit.setDate(None)
    assert edit.text() == "" and edit.date() is None and edit.error() == ""


def test_error_from_elsewhere(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    edit.setDate(dt.date(2024, 11, 1))
    assert edit.text() == "۱۴۰۳/۰۸/۱۱"
    edit.setError("مهلت اجرا پیش از تاریخ جلسه است.")
    assert edit.error() == "مهلت اجرا پیش از تاریخ جلسه است."
    assert edit.line_edit.property("invalid") is True
    assert edit.line_edit.accessibleDescription() == edit.error()
    edit.setError("")
    assert edit.error() == "" and edit.line_edit.property("invalid") is False


def test_picking_from_the_calendar_sets_the_text(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.mouseClick(edit.popup_button, Qt.MouseButton.LeftButton)
    calendar = edit.calendar()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2024, 11, 23)  # opens at «today» when empty
    assert (calendar.yearShown(), calendar.monthShown()) == (1403, 9)  # a Jalali page
    table = calendar.findChild(QTableView, "qt_calendar_calendarview")
    with qtbot.waitSignal(edit.dateChanged) as changed:
        qtbot.keyClick(table, Qt.Key.Key_Down)  # a week later
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert changed.args == [dt.date(2024, 11, 30)]
    assert edit.text() == "۱۴۰۳/۰۹/۱۰"
    assert not calendar.isVisible()


def test_keyboard_opens_the_calendar_at_the_typed_date(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    type_and_leave(qtbot, edit, "1403/12/1")
    qtbot.keyClick(edit.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendar()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == edit.date()
    assert (calendar.yearShown(), calendar.monthShown()) == (1403, 12)
    calendar.parentWidget().hide()
    qtbot.keyClick(edit.line_edit, Qt.Key.Key_F4)
    qtbot.waitUntil(calendar.isVisible)


def test_only_friday_is_the_weekend(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    calendar = edit.calendar()
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
    assert calendar.calendar().name() == "Jalali"
    friday = calendar.weekdayTextFormat(Qt.DayOfWeek.Friday)
    saturday = calendar.weekdayTextFormat(Qt.DayOfWeek.Saturday)
    assert friday != saturday
    assert friday.hasProperty(friday.Property.ForegroundBrush)
    red = QColor(Qt.GlobalColor.red)
    for day in Qt.DayOfWeek:
        if day != Qt.DayOfWeek.Friday:
            fmt = calendar.weekdayTextFormat(day)
            assert fmt == saturday, day
            assert fmt.foreground().color() != red


def test_focus_goes_to_the_line_edit(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    assert edit.focusProxy() is edit.line_edit
    assert edit.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert edit.popup_button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_clicking_a_day_in_the_calendar(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    type_and_leave(qtbot, edit, "1403/09/30")
    qtbot.mouseClick(edit.popup_button, Qt.MouseButton.LeftButton)
    table = edit.calendar().findChild(QTableView, "qt_calendar_calendarview")
    qtbot.waitUntil(table.isVisible)
    model = table.model()
    cells = [model.index(r, c) for r in range(1, model.rowCount()) for c in range(model.columnCount())]
    fifteenth = next(i for i in cells if i.data() == 15)  # the model holds day numbers
    with qtbot.waitSignal(edit.editingFinished):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(fifteenth).center())
    assert edit.text() == "۱۴۰۳/۰۹/۱۵"
    assert edit.date() == dt.date(2024, 12, 5)


def test_no_date_changes_while_typing(qtbot, edit: JalaliDateEdit) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(edit.dateChanged):
        type_text(edit.line_edit, "1403/9/3")  # on its way to 1403/9/30
    assert edit.date() == dt.date(2024, 11, 23)  # the text is always readable, though
