"""Driving widgets as a user does, in ways QTest does not offer by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send one key press per character, carrying the character as the event's text.

    QTest.keyClicks only knows ASCII (it aborts on «ش»).
    """
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def show_active(qtbot, window: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    """Show a window and wait until it has the keyboard, as a user's window would."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def edit_cell(qtbot, view: QAbstractItemView, row: int, column: int, *,  # type: ignore[no-untyped-def]
              text: str | None = None, choice: str | None = None) -> None:
    """Open a cell's editor with F2, change it, press Enter."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = focused()
    if choice is not None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(editor.findText(choice))
    else:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        type_text(editor, text or "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # let the closed cell editor be deleted, as it is between a user's keystrokes
