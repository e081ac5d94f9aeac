"""A Jalali date field: type the date in any usual form, or pick it from a calendar.

The text is the truth: :meth:`JalaliDateEdit.date` parses it with
:func:`app.persian.jalali.parse_jalali`, so the field accepts exactly what the rest of
the program accepts (``1403/9/30``, ``۱۴۰۳/۰۹/۳۰``, ``30/09/1403``, ``03/09/30``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCalendar, QDate, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.errors import UserError
from app.persian.jalali import MAX_YEAR, MIN_YEAR, format_jalali, from_jalali, month_length, parse_jalali
from ui.shell.theme import PERSIAN, WEEKEND, set_state

_HINT = "تاریخ شمسی، مثلاً ۱۴۰۳/۰۹/۳۰ (Alt+↓ یا F4: تقویم)"


def make_jalali_calendar(parent: QWidget | None = None) -> QCalendarWidget:
    """A QCalendarWidget in the Jalali calendar and Persian locale, week from Saturday.

    Qt paints Saturday and Sunday red whatever the locale; here every day gets
    its format from the locale's working days, so in Iran only Friday is red.
    """
    calendar = QCalendarWidget(parent)
    calendar.setCalendar(QCalendar(QCalendar.System.Jalali))
    calendar.setLocale(PERSIAN)
    calendar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Saturday)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    # Persian "short" day names are the full names and get elided; one letter is the custom.
    calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames)
    calendar.setGridVisible(True)
    working = set(PERSIAN.weekdays()) or set(Qt.DayOfWeek) - {Qt.DayOfWeek.Friday}
    for day in Qt.DayOfWeek:
        text_format = QTextCharFormat()  # no foreground: the palette's text colour
        if day not in working:
            text_format.setForeground(QColor(WEEKEND))
        calendar.setWeekdayTextFormat(day, text_format)
    # Qt sizes the cells for Latin digits; Persian ones in Vazirmatn are wider and got elided.
    calendar.setMinimumWidth(7 * (calendar.fontMetrics().horizontalAdvance("۲۸") + 28))
    calendar.setMinimumDate(_qdate(from_jalali(MIN_YEAR, 1, 1)))
    calendar.setMaximumDate(_qdate(from_jalali(MAX_YEAR, 12, month_length(MAX_YEAR, 12))))
    return calendar


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


class _CalendarPopup(QFrame):
    """The drop-down holding the calendar; closes on a pick or on Esc."""

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.calendar = make_jalali_calendar(self)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day.toPython())


class _DateLineEdit(QLineEdit):
    """The text part; Alt+Down and F4 ask for the calendar, as in a combo box."""

    calendarRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or (event.key() == Qt.Key.Key_F4 and not event.modifiers()):
            self.calendarRequested.emit()
            return
        super().keyPressEvent(event)


class JalaliDateEdit(QWidget):
    """A line edit for a Jalali date with a calendar drop-down (تاریخ شمسی).

    The text is checked when the user leaves the field: a valid date is
    rewritten as «۱۴۰۳/۰۹/۳۰», a wrong one gets a red border and the Persian
    message as tooltip and accessible description. Empty is not an error
    here (``date()`` is None); whether a date is required is the form's call.

    Signals:
        textEdited(str): the user changed the text (typing, or a calendar pick).
        editingFinished(): the user left the field, pressed Enter or picked a day.
        dateChanged(object): the date changed (a ``datetime.date`` or None); sent when the
            user leaves the field or picks a day, and on setText/setDate, never mid-typing.
    """

    textEdited = Signal(str)
    editingFinished = Signal()
    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__(parent)
        # A field that lives past midnight (the editor's, the tracker's) follows the app's clock;
        # a short-lived dialog may be given the day it was opened.
        self._fixed_today, self._clock = today, clock
        self._external_error = ""  # set by the form (e.g. a deadline before the meeting)
        self._shown_parse_error = ""  # shown only once the user has left the field
        self._last_date: dt.date | None = None
        self._popup: _CalendarPopup | None = None
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        line = _DateLineEdit(self)
        line.calendarRequested.connect(self.showCalendar)
        self.line_edit: QLineEdit = line
        example = self._today
        self.line_edit.setPlaceholderText(format_jalali(example) if example is not None else "۱۴۰۳/۰۹/۳۰")
        # A date is all digits, which Qt lays out left to right; keep it on the right like the form.
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                    | Qt.AlignmentFlag.AlignVCenter)
        self.line_edit.setAccessibleName("تاریخ")
        self.popup_button = QToolButton(self)
        self.popup_button.setArrowType(Qt.ArrowType.DownArrow)
        self.popup_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard has Alt+Down / F4
        self.popup_button.setToolTip("انتخاب از تقویم (Alt+↓)")
        self.popup_button.setAccessibleName("تقویم")
        # The message stands under the field, not only in a tooltip one must hover to find.
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.popup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.line_edit)

        self.line_edit.textEdited.connect(self._on_text_edited)
        self.line_edit.editingFinished.connect(self._on_editing_finished)
        self.popup_button.clicked.connect(self.showCalendar)
        self._show_error()

    # --- the public face -------------------------------------------------
    def text(self) -> str:
        """What is in the field, as typed."""
        return self.line_edit.text()

    def setText(self, text: str) -> None:
        """Put ``text`` in the field (not reformatted); a wrong date shows its error at once."""
        self._external_error = ""
        self.line_edit.setText(text)
        self._shown_parse_error = self._parse_error()
        self._show_error()
        self._emit_date_if_changed()

    def date(self) -> dt.date | None:
        """The date in the field; None when it is empty or not a valid date."""
        try:
            return self._parse()
        except UserError:
            return None

    def setDate(self, value: dt.date | None) -> None:
        """Show ``value`` as «۱۴۰۳/۰۹/۳۰»; None empties the field."""
        self.setText(format_jalali(value))

    def clear(self) -> None:
        self.setDate(None)

    def error(self) -> str:
        """The message that applies now: one given with :meth:`setError`, else why the text is no date."""
        return self._external_error or self._parse_error()

    def setError(self, message: str) -> None:
        """Mark the field wrong for a reason found elsewhere; "" takes that mark away."""
        self._external_error = message
        self._show_error()

    def calendar(self) -> QCalendarWidget:
        """The drop-down calendar (made on first use)."""
        return self._calendar_popup().calendar

    def showCalendar(self) -> None:
        """Drop the calendar down at the typed date, or at today when there is none."""
        popup = self._calendar_popup()
        start = self.date() or self._today
        if start is not None:  # with no clock, the calendar keeps where it is
            popup.calendar.setSelectedDate(_qdate(start))
        popup.adjustSize()
        popup.move(self._popup_position(popup.width(), popup.height()))
        popup.show()
        popup.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    @property
    def _today(self) -> dt.date | None:
        return self._clock.today() if self._clock is not None else self._fixed_today

    # --- behaviour ----------------------------------------------------------
    def _parse(self) -> dt.date:
        return parse_jalali(self.line_edit.text(), today=self._today)

    def _parse_error(self) -> str:
        if not self.line_edit.text().strip():
            return ""
        try:
            self._parse()
        except UserError as exc:
            return exc.message
        return ""

    def _on_text_edited(self, text: str) -> None:
        # The user is fixing the field: stop shouting until they leave it.
        self._external_error = ""
        self._shown_parse_error = ""
        self._show_error()
        self.textEdited.emit(text)

    def _on_editing_finished(self) -> None:
        self._shown_parse_error = self._parse_error()
        value = self.date()
        if value is not None:
            canonical = format_jalali(value)
            if canonical != self.line_edit.text():
                self.line_edit.setText(canonical)
                self.textEdited.emit(canonical)  # so a form bound to textEdited keeps the clean form
        self._show_error()
        self._emit_date_if_changed()
        self.editingFinished.emit()

    def _on_picked(self, value: dt.date) -> None:
        text = format_jalali(value)
        self.line_edit.setText(text)
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._on_text_edited(text)
        self._on_editing_finished()

    def _emit_date_if_changed(self) -> None:
        value = self.date()
        if value != self._last_date:
            self._last_date = value
            self.dateChanged.emit(value)

    def _show_error(self) -> None:
        message = self._external_error or self._shown_parse_error
        edit = self.line_edit
        if edit.property("invalid") != bool(message):
            set_state(edit, "invalid", bool(message))
        value = None if message else self.date()
        tip = message or (format_jalali(value, "weekday") if value else _HINT)
        edit.setToolTip(tip)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        edit.setStatusTip(message)
        edit.setAccessibleDescription(message)

    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._on_picked)
        return self._popup

    def _popup_position(self, width: int, height: int) -> QPoint:
        """Under the field, flush with its right edge (RTL), kept on the screen."""
        below = self.mapToGlobal(QPoint(self.width() - width, self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - width))
        y = below.y()
        if y + height > screen.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - height
        return QPoint(x, max(screen.top(), y))
