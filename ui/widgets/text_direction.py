"""Text boxes that follow their text's direction from the first character.

Qt's QPlainTextEdit lays every paragraph out with the document's default option,
whose «left» alignment it does not mirror for a right-to-left paragraph: new
Persian text in the resolution «متن» box stood at the left edge while the same
words in a QTextEdit stood at the right. :class:`DirectionFollower`, installed
once on the application, gives every plain-text box and line edit an absolute
alignment taken from the first strong character of its text (Persian right,
Latin left), and the window's direction (right) while nothing strong is typed.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

__all__ = ["DirectionFollower", "follow_text_direction", "text_direction"]

_MANAGED = "dabirFollowsDirection"
_HORIZONTAL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignHCenter


def text_direction(text: str, default: Qt.LayoutDirection) -> Qt.LayoutDirection:
    """The direction of the first strong character (UAX #9 rule P2), else ``default``."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return default


def _alignment(direction: Qt.LayoutDirection) -> Qt.AlignmentFlag:
    side = Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute


def _apply_plain(field: QPlainTextEdit) -> None:
    direction = text_direction(field.toPlainText(), field.layoutDirection())
    option = field.document().defaultTextOption()
    wanted = _alignment(direction)
    if option.textDirection() == direction and option.alignment() == wanted:
        return
    option.setTextDirection(direction)
    option.setAlignment(wanted)
    field.document().setDefaultTextOption(option)


def _apply_line(field: QLineEdit) -> None:
    direction = text_direction(field.text() or field.placeholderText(), field.layoutDirection())
    vertical = field.alignment() & ~_HORIZONTAL & ~Qt.AlignmentFlag.AlignAbsolute
    wanted = _alignment(direction) | vertical
    if field.alignment() != wanted:
        field.setAlignment(wanted)


def follow_text_direction(field: QWidget) -> None:
    """Make ``field`` align its text by the text's own direction, now and as it changes."""
    if field.property(_MANAGED):
        return
    if isinstance(field, QPlainTextEdit):
        field.setProperty(_MANAGED, True)
        # The document's signal, not the widget's: loading a row blocks the widget's signals.
        field.document().contentsChanged.connect(lambda f=field: _apply_plain(f))
        _apply_plain(field)
    elif isinstance(field, QLineEdit):
        horizontal = field.alignment() & _HORIZONTAL
        if horizontal not in (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag(0)):
            return  # someone chose this box's alignment on purpose (a centred number, say)
        field.setProperty(_MANAGED, True)
        field.textChanged.connect(lambda _text, f=field: _apply_line(f))
        _apply_line(field)


class DirectionFollower(QObject):
    """Application-wide event filter: every text box, made now or later, follows its text's direction."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, (QPlainTextEdit, QLineEdit)):
            follow_text_direction(watched)
        return False

    @classmethod
    def install(cls, app: QApplication) -> DirectionFollower:
        follower = app.findChild(cls, "directionFollower")
        if follower is None:
            follower = cls(app)
            follower.setObjectName("directionFollower")
            app.installEventFilter(follower)
        return follower
