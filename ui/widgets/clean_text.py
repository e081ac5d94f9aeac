"""Text fields that keep out what would make the screen show another text than the PDF prints.

A bidi override typed or pasted into a field (U+202E, say) makes Qt show the
text in another order than the minutes print, so what is signed would not be
what was seen. :class:`TextCleaner` passes what the user types or pastes
through :func:`app.persian.text.clean_input` as it arrives, so the field shows
the text exactly as it will be stored and printed, and tells the user once per
editing session what it removed. The services clean again on the way into the
store (:func:`app.services.meeting_data.clean_texts`), whatever the way in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QTextCursor, QValidator
from PySide6.QtWidgets import QLineEdit, QMainWindow, QPlainTextEdit, QToolTip, QWidget

from app.persian.text import Removed, clean_input, removed_notice

__all__ = ["TextCleaner", "clean_field"]

TextField = QLineEdit | QPlainTextEdit
NOTICE_MS = 15000


def _utf16(text: str) -> int:
    """Length of ``text`` in UTF-16 code units: Qt's positions (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _python_index(text: str, utf16_pos: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


class _CleanValidator(QValidator):
    """Cleans a line edit's text on every change, before Qt takes it (and before textEdited)."""

    def __init__(self, cleaner: TextCleaner, field: QLineEdit) -> None:
        super().__init__(field)
        self._cleaner = cleaner

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        cleaned, removed = clean_input(text, multiline=False)
        if cleaned != text:
            before = clean_input(text[:_python_index(text, pos)], multiline=False)[0]
            pos = _utf16(before)
            self._cleaner.report(removed, self.parent())
        return QValidator.State.Acceptable, cleaned, pos


class TextCleaner(QObject):
    """Cleans the text fields of one editor or dialog, and says so once per session.

    Signals:
        noticed(str): the Persian note shown when something was removed (once per kind and session).
    """

    noticed = Signal(str)

    def __init__(self, owner: QWidget, *, show: Callable[[str, QWidget | None], None] | None = None) -> None:
        super().__init__(owner)
        self.setObjectName("textCleaner")
        self._owner = owner
        self._show = show or self._show_default
        self._told = Removed.NOTHING
        self._busy = False

    def watch(self, *fields: TextField) -> None:
        for field in fields:
            if isinstance(field, QLineEdit):
                field.setValidator(_CleanValidator(self, field))
            else:
                field.textChanged.connect(lambda f=field: self._clean_plain(f))

    def watch_all(self, root: QWidget | None = None) -> None:
        """Every editable text field under ``root`` (the owner by default); password fields are left alone."""
        root = root or self._owner
        lines = [f for f in root.findChildren(QLineEdit)
                 if f.echoMode() == QLineEdit.EchoMode.Normal and f.validator() is None]
        self.watch(*lines, *root.findChildren(QPlainTextEdit))

    def new_session(self) -> None:
        """Another meeting (or record) is being edited: tell again when something is removed."""
        self._told = Removed.NOTHING

    def report(self, removed: Removed, field: QObject | None = None) -> None:
        new = removed & ~self._told
        note = removed_notice(new)
        self._told |= removed
        if note:
            self.noticed.emit(note)
            self._show(note, field if isinstance(field, QWidget) else None)

    def _clean_plain(self, field: QPlainTextEdit) -> None:
        if self._busy:
            return
        text = field.toPlainText()
        cleaned, removed = clean_input(text)
        if cleaned == text:
            return
        start = 0  # replace only what differs, so the cursor and the undo history stay sensible
        while start < min(len(text), len(cleaned)) and text[start] == cleaned[start]:
            start += 1
        end_old, end_new = len(text), len(cleaned)
        while end_old > start and end_new > start and text[end_old - 1] == cleaned[end_new - 1]:
            end_old, end_new = end_old - 1, end_new - 1
        cursor = QTextCursor(field.document())
        cursor.setPosition(_utf16(text[:start]))
        cursor.setPosition(_utf16(text[:end_old]), QTextCursor.MoveMode.KeepAnchor)
        self._busy = True
        try:
            cursor.insertText(cleaned[start:end_new])
        finally:
            self._busy = False
        self.report(removed, field)

    def _show_default(self, note: str, field: QWidget | None) -> None:
        window = self._owner.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(note, NOTICE_MS)
        elif field is not None:
            QToolTip.showText(field.mapToGlobal(QPoint(0, field.height())), note, field, field.rect(), NOTICE_MS)


def clean_field(field: TextField) -> None:
    """Clean a field made later (a table's cell editor) through the TextCleaner of its nearest ancestor."""
    widget: QWidget | None = field.parentWidget()
    while widget is not None:
        cleaner = widget.findChild(TextCleaner, "textCleaner", Qt.FindChildOption.FindDirectChildrenOnly)
        if cleaner is not None:
            cleaner.watch(field)
            return
        widget = widget.parentWidget()
