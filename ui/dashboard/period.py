"""The dashboard's custom period («دورهٔ دلخواه»): from one Jalali day to another."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.clock import Clock
from app.errors import UserError
from app.services import stats
from ui.widgets.date_edit import JalaliDateEdit

__all__ = ["CUSTOM", "CustomPeriod"]

CUSTOM = 0  # the period combo's item for a custom period (the quarters are 1–4, the year None)


class CustomPeriod(QWidget):
    """Two date fields, «از» and «تا».

    Signals:
        changed(): a day was picked, or a field left with another date.
    """

    changed = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = JalaliDateEdit(self, clock=clock)
        self.end = JalaliDateEdit(self, clock=clock)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for caption, field, name in (("ا&ز:", self.start, "آغاز دوره"), ("ت&ا:", self.end, "پایان دوره")):
            label = QLabel(caption, self)
            label.setBuddy(field)
            field.line_edit.setAccessibleName(name)
            layout.addWidget(label)
            layout.addWidget(field)
            field.dateChanged.connect(lambda _value: self.changed.emit())

    def span(self) -> stats.Period:
        """The period the fields give; a UserError (in Persian) while one is empty or no date."""
        start, end = self.start.date(), self.end.date()
        if start is None or end is None:
            raise UserError("period_incomplete", "تاریخ آغاز و پایان دوره را بنویسید (مثلاً ۱۳۹۵/۰۱/۰۱ تا "
                            "۱۳۹۶/۱۲/۲۹).", english="the period needs a first and a last day")
        return stats.custom_period(start, end)
