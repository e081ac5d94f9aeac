"""A time-of-day field: a hint (not a value) while empty, and Persian digits as soon as it is left."""

from __future__ import annotations

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.errors import UserError
from app.persian.jalali import format_time, parse_time


class TimeEdit(QLineEdit):
    """«9:30» typed, «۰۹:۳۰» shown once the field is left; text it cannot read is left as typed
    (saving shows the problem at the field). A normalised time is announced as an edit
    (textEdited), so a form keeps what the field shows."""

    def __init__(self, example: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(f"مثلاً {example}")
        self.setToolTip("ساعت را به شکل ۱۰:۳۰ بنویسید؛ خالی بماند اگر ساعت معلوم نیست.")
        self.setMaxLength(8)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.normalise()

    def normalise(self) -> None:
        text = self.text()
        if not text.strip():
            if text:
                self.clear()
                self.textEdited.emit("")
            return
        try:
            shown = format_time(parse_time(text))
        except UserError:
            return
        if shown != text:
            self.setText(shown)
            self.textEdited.emit(shown)
