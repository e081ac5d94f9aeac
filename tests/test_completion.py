"""Completing names as they are typed, including the last item of a comma-separated list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui_helpers import show_active, type_text
from ui.widgets.completion import ListCompleter, attach_list_completer

UNITS = ["دفتر فناوری اطلاعات", "اداره کل امور اداری و مالی", "اداره کل توسعه منابع انسانی"]


def test_the_last_item_of_a_list_is_completed(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    completer = attach_list_completer(edit, UNITS)
    edits: list[str] = []
    edit.textEdited.connect(edits.append)
    show_active(qtbot, edit)
    edit.setFocus()
    type_text(edit, "فناوری")
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.completionCount() == 1
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert edit.text() == "دفتر فناوری اطلاعات"
    type_text(edit, "، اداره کل")
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.completionCount() == 2  # only «اداره کل» is matched, not the whole line
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert edit.text() == "دفتر فناوری اطلاعات، اداره کل توسعه منابع انسانی"
    assert edits[-1] == edit.text() and not completer.popup().isVisible()  # a form sees the choice


def test_splitting_a_typed_list() -> None:
    assert ListCompleter.split("دفتر فناوری اطلاعات، اداره") == ("دفتر فناوری اطلاعات،", "اداره")
    assert ListCompleter.split("واحد الف,واحد ب") == ("واحد الف,", "واحد ب")
    assert ListCompleter.split("اداره") == ("", "اداره")
    assert ListCompleter.split("") == ("", "")


def test_the_resolution_form_completes_collaborators(qtbot, today) -> None:  # type: ignore[no-untyped-def]
    from ui.meeting.pages import ResolutionsPage

    page = ResolutionsPage(today)
    qtbot.addWidget(page)
    page.set_units(UNITS)
    page.set_units(UNITS)  # a second meeting opened: one completer, not two
    show_active(qtbot, page)
    field = page.collaborators
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(page.findChildren(ListCompleter)) == 1
    field.setEnabled(True)
    field.setFocus()
    type_text(field, "منابع")
    completer = page.findChildren(ListCompleter)[0]
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.currentCompletion() == "اداره کل توسعه منابع انسانی"
